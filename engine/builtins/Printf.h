// C-style formatting for printf, fprintf, sprintf and error, with Octave's rules for matrices.
//
// The arguments are flattened into one sequence of items: every element of a numeric argument
// in column-major order (a complex element gives its real and imaginary parts), every string
// argument whole. The format is applied again and again until the items run out, and output
// stops at the first conversion that has no item left (its leading text is dropped too, text
// after the last conversion is kept). Without arguments the format is printed once with empty
// conversions. Conversions: %d %i %u %x %X %o %c %f %F %e %E %g %G %s %%, with flags, widths,
// precisions and `*`. A non-integer given to %d (or an integer conversion) prints as %g; a
// number given to %s prints as %g; a string given to a numeric conversion prints as text.
// Backslash escapes in the format (\n, \t, \\, \", \a, \r, \xHH, \ooo) are interpreted.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/Value.h"

namespace lemma::builtins {

// Formats `args` with `format`. Throws lemma::Error("<who>: …") for a malformed format or an
// argument that is neither numeric nor a string. `grew`, when given, is called after each
// conversion with the size of the text so far; it may throw (to cancel, or to refuse text past
// the memory budget: widths up to 100000 repeated over a long vector make gigabytes).
std::string formatPrintf(std::string_view who, std::string_view format,
                         const std::vector<lang::Value>& args,
                         const std::function<void(std::size_t)>& grew = {});

// Interprets the backslash escapes of a format string.
std::string unescape(std::string_view text);

}  // namespace lemma::builtins
