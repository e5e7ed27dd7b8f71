// Shows a cell's text-like outputs (printed text, displayed values, errors) as monospace text.
#pragma once

#include <QPlainTextEdit>

#include "engine/output/Output.h"

namespace lemma::widgets {

class TextOutputView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit TextOutputView(QWidget* parent = nullptr);

    // Replaces what is shown with these outputs; errors are drawn red.
    void setOutputs(const output::Outputs& outputs);
};

// The text of one output as the command line prints it (a displayed value in Octave's form).
std::string outputText(const output::Output& out);

}  // namespace lemma::widgets
