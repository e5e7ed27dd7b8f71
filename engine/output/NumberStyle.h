// How many digits numbers show: MATLAB's `format short` (five significant digits) or
// `format long` (sixteen).
#pragma once

#include <optional>
#include <string_view>

namespace lemma::output {

enum class NumberStyle { Short, Long };

// "short" / "long" (any case); nullopt for anything else.
inline std::optional<NumberStyle> parseNumberStyle(std::string_view word) {
    auto is = [&](std::string_view name) {
        if (word.size() != name.size())
            return false;
        for (std::size_t i = 0; i < word.size(); ++i) {
            const char c = word[i];
            if ((c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c) != name[i])
                return false;
        }
        return true;
    };
    if (is("short"))
        return NumberStyle::Short;
    if (is("long"))
        return NumberStyle::Long;
    return std::nullopt;
}

}  // namespace lemma::output
