// Fuzz target: regexp's matcher. The input is a pattern, a newline, and a text; a pattern it
// refuses is a std::invalid_argument with a message, and every match it finds lies inside the
// text with its groups inside the match, found in time linear in the text.
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "engine/builtins/Regex.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t split = input.find('\n');
    const std::string_view pattern = input.substr(0, split);
    const std::string_view text =
        split == std::string_view::npos ? std::string_view() : input.substr(split + 1);
    try {
        const lemma::builtins::Regex re(pattern);
        std::size_t from = 0;
        std::size_t matches = 0;
        lemma::builtins::RegexMatch m;
        while (from <= text.size() && re.search(text, from, m, {})) {
            const auto begin = m.begin[0];
            const auto end = m.end[0];
            if (begin < static_cast<std::ptrdiff_t>(from) || end < begin ||
                end > static_cast<std::ptrdiff_t>(text.size()) ||
                m.begin.size() != static_cast<std::size_t>(re.groups()) + 1)
                std::abort();
            for (std::size_t g = 1; g < m.begin.size(); ++g) {
                if (m.begin[g] >= 0 && (m.begin[g] > m.end[g] || m.end[g] > end))
                    std::abort();
            }
            from = static_cast<std::size_t>(end > begin ? end : end + 1);
            if (++matches > text.size() + 1)
                std::abort();
        }
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
