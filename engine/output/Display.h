// Octave-like text for values: what a shown value looks like on the command line, in the GUI
// and in reports.
#pragma once

#include <string>

#include "engine/core/Value.h"
#include "engine/output/NumberStyle.h"

namespace lemma::output {

// A value shown under a name, ending in a newline: "x = 3\n", "A =\n\n   1   2\n   3   4\n\n".
std::string formatDisplay(const std::string& name, const lang::Value& v,
                          NumberStyle style = NumberStyle::Short);

// The value alone, as disp() prints it, ending in a newline: "3\n", "   1   2\n   3   4\n".
std::string formatValue(const lang::Value& v, NumberStyle style = NumberStyle::Short);

// The shortest text that reads back as exactly `x`: "3", "0.001", "1e-05", "NaN", "-Inf".
std::string shortestNumber(double x);

// One format for every entry of a matrix, as the text, the tables and the variables panel all
// show it (see Display.cpp for the rules).
struct EntryFormat {
    enum class Kind { Integer, Fixed, Exponent };
    Kind kind = Kind::Integer;
    int decimals = 0;
    int scaleExponent = 0;  // entries are shown divided by 10^scaleExponent ("1.0e-03 *")
};

// The format for the real and imaginary parts of a numeric value's entries (all of them).
EntryFormat entryFormat(const lang::Value& v, NumberStyle style = NumberStyle::Short);
// One entry in that format: divided by the scale, "0" for an exact zero in a matrix that is not
// all integers when `plainZero`, "NaN", "Inf".
std::string formatEntry(double x, const EntryFormat& f, bool plainZero = true);
// The common scale factor shown above the entries, "1.0e-03 *", or "" when there is none.
std::string scaleFactorText(const EntryFormat& f);
// A number on its own, as a scalar shows: "3", "0.8901", "12.346", "1.0000e-03" in format short,
// "3.141592653589793" in format long.
std::string numberText(double x, NumberStyle style = NumberStyle::Short);
// All 17 significant digits, for tooltips and copies: "0.38586065862573945".
std::string fullPrecision(double x);

}  // namespace lemma::output
