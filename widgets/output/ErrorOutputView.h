// An error of a cell: red, with where it happened and a link that puts the cursor there.
#pragma once

#include <QFrame>

#include "widgets/output/OutputPart.h"

class QLabel;

namespace lemma::widgets {

// Responsibilities: show one error's message and position; offer "Go to line N", which asks
// (through activated) for the cell's editor to show that place.
class ErrorOutputView : public QFrame, public OutputPart {
    Q_OBJECT
public:
    explicit ErrorOutputView(QWidget* parent = nullptr);

    QWidget* widget() override { return this; }
    bool setOutputs(const output::Outputs& outputs) override;
    void setColors(const ThemeColors& colors) override;

    int line() const { return m_line; }

Q_SIGNALS:
    void activated(int line, int column);

private:
    QLabel* m_title;
    QLabel* m_message;
    QLabel* m_link;
    int m_line = 0;
    int m_column = 0;
};

}  // namespace lemma::widgets
