// A real matrix as a report prints it: every column that fits the page's width and up to a
// number of rows, saying how many of how many when it leaves some out.
#pragma once

#include <QString>
#include <string>

#include "engine/core/Value.h"

namespace lemma::widgets {

// Responsibilities:
// - lay a real matrix out as the window's text does (entry format, scale line, right-aligned
//   columns), but as wide as the page allows rather than ten columns, as the window's table
//   shows every column;
// - when columns or rows are left out, mark them ("...") and say "showing 12 of 30 columns".
// Numbers are formatted by the engine (output::entryFormat); this only arranges them.
class ReportMatrixText {
public:
    // "x =\n\n    1    2    3\n\n" for a real, non-logical matrix of two or more entries, at
    // most `maxChars` characters wide and `maxRows` rows long; "" for any other value (it is
    // shown as the engine's text).
    static QString text(const std::string& name, const lang::Value& value, int maxChars,
                        int maxRows);
};

}  // namespace lemma::widgets
