// Outputs as plain text: what `lemma run` prints, and what a text view shows.
#pragma once

#include <string>

#include "engine/output/Control.h"
#include "engine/output/Output.h"

namespace lemma::output {

// The text of one output, ending in a newline: a displayed value in Octave's form, an error
// with its line and column, a figure or a control as a one-line summary in brackets.
std::string outputText(const Output& out);

// `[slider "learning rate": 0.001 in 1e-05 … 1, log]`, `[choice "optimizer": "adam" of "sgd",
// "adam"]`, `[toggle "causal": on]`.
std::string controlSummary(const Control& control);

// The control as a JSON object with "type": "control" and its kind, label and state.
std::string controlJson(const Control& control);

}  // namespace lemma::output
