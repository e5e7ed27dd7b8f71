// Octave-like text for values: what a shown value looks like on the command line, in the GUI
// and in reports.
#pragma once

#include <string>

#include "engine/core/Value.h"

namespace lemma::output {

// A value shown under a name, ending in a newline: "x = 3\n", "A =\n\n   1   2\n   3   4\n\n".
std::string formatDisplay(const std::string& name, const lang::Value& v);

// The value alone, as disp() prints it, ending in a newline: "3\n", "   1   2\n   3   4\n".
std::string formatValue(const lang::Value& v);

// The shortest text that reads back as exactly `x`: "3", "0.001", "1e-05", "NaN", "-Inf".
std::string shortestNumber(double x);

}  // namespace lemma::output
