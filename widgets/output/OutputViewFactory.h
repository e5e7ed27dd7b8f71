// Which view shows an output, and making one: the one place that maps output kinds to views.
#pragma once

#include "widgets/output/OutputPart.h"

class QWidget;

namespace lemma::widgets {

// The kind of view an output goes to.
OutputKind outputKindOf(const output::Output& out);
// Consecutive outputs of these kinds share one view; others get one view each.
bool groupsOutputs(OutputKind kind);
// A new, empty view for `kind` (the caller fills it with setOutputs).
OutputPart* createOutputView(OutputKind kind, QWidget* parent);

}  // namespace lemma::widgets
