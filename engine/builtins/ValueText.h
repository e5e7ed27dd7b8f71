// The plain-text form of values, as disp prints them, in the style of Octave's "format short":
// integers as integers, other numbers with 4 decimals, or all of a matrix in exponent form when
// its magnitudes would not fit (≥ 1e5, or a non-zero entry below 1e-3).
#pragma once

#include <string>

#include "engine/lang/Value.h"

namespace lemma::builtins {

// A value without a name: "3.1416"; a matrix as right-aligned columns, rows on separate lines
// ("   1   2\n   3   4"); a string as is; "[](0×3)" for an empty matrix. No trailing newline.
std::string formatValue(const lang::Value& v);

// One real number as a scalar is shown: "3", "3.1416", "1.0000e-05", "NaN", "-Inf".
std::string formatScalar(double x);

// A one-line summary, as a value appears inside a list: 3, "text", [2×3 double], {…}.
std::string formatBrief(const lang::Value& v);

}  // namespace lemma::builtins
