// A character-level walk over one line of source that skips string literals by MATLAB's quote
// rule, for scanners that work on text rather than tokens (source edits, the completer).
#pragma once

#include <cstddef>
#include <string_view>

#include "engine/lang/Token.h"

namespace lemma::lang {

// Calls visit(i) for each character of `line` from `from` on that lies outside strings, up to a
// comment (`%` or `#`) or the end of the line; visit returns false to stop. Whether a `'` opens
// a string or transposes is decided by quoteIsTranspose. Returns the offset where the walk
// stopped: the character visit refused, the comment, the end of an unterminated string, or
// line.size(). `inString` (optional) is set when the walk ended inside an unterminated string.
template <class Visit>
std::size_t scanCode(std::string_view line, std::size_t from, Visit visit,
                     bool* inString = nullptr) {
    char previous = '\0';  // the last non-blank character
    bool space = false;
    if (inString)
        *inString = false;
    for (std::size_t i = from; i < line.size(); ++i) {
        const char c = line[i];
        if (c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (c == '%' || c == '#')
            return i;
        const bool opensString =
            c == '"' || (c == '\'' && !quoteIsTranspose(kindEndingWith(previous), space));
        previous = c;
        space = false;
        if (opensString) {
            const std::size_t end = stringLiteralEnd(line, i);
            if (end == std::string_view::npos) {
                if (inString)
                    *inString = true;
                return line.size();
            }
            i = end - 1;
            continue;
        }
        if (!visit(i))
            return i;
    }
    return line.size();
}

// Whether offset `at` of `line` lies inside a string literal (after its opening quote).
inline bool insideString(std::string_view line, std::size_t at) {
    if (at > line.size())
        at = line.size();
    bool open = false;
    scanCode(
        line.substr(0, at), 0, [](std::size_t) { return true; }, &open);
    return open;
}

}  // namespace lemma::lang
