// Shows a cell's text-like outputs (printed text, displayed values) as monospace text.
#pragma once

#include <QPlainTextEdit>

#include "engine/output/Output.h"
#include "widgets/output/OutputPart.h"

namespace lemma::widgets {

// Responsibilities: show consecutive text-like outputs as one block of monospace text, as
// tall as its text up to a limit (then it scrolls), selectable and copyable.
class TextOutputView : public QPlainTextEdit, public OutputPart {
    Q_OBJECT
public:
    explicit TextOutputView(QWidget* parent = nullptr);

    QWidget* widget() override { return this; }
    bool setOutputs(const output::Outputs& outputs) override;
    void setColors(const ThemeColors& colors) override;

    // At most this many lines show before the view scrolls.
    static constexpr int kMaxLines = 30;

protected:
    void wheelEvent(QWheelEvent* event) override;

private:
    void fitHeight();
};

}  // namespace lemma::widgets
