// What every output view offers the output area: show a run of outputs of its kind, updating
// in place when it can (so a slider being dragged is not replaced under the mouse).
#pragma once

#include "engine/output/Output.h"
#include "widgets/notebook/Theme.h"

class QWidget;

namespace lemma::widgets {

// The kinds of output views, one view class each; OutputViewFactory picks by kind.
enum class OutputKind {
    Text,        // printed text, displayed values that are not tables, unknown objects
    Table,       // a displayed real matrix or vector (more than one entry)
    Error,       // one error
    Control,     // one slider, choice or toggle
    Figure,      // one figure
    Derivation,  // one displayed value shaped like a derivation
};

class OutputPart {
public:
    virtual ~OutputPart() = default;
    virtual QWidget* widget() = 0;
    // Shows these outputs, all of this view's kind. False when the view cannot show them in
    // place and must be replaced by a new one.
    virtual bool setOutputs(const output::Outputs& outputs) = 0;
    virtual void setColors(const ThemeColors&) {}
};

}  // namespace lemma::widgets
