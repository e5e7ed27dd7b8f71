// A notebook's optional leading `---` block of simple `key: value` lines (seed, title, lazy),
// kept byte for byte.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/output/NumberStyle.h"

namespace lemma::notebook {

// Responsibilities:
// - hold the block's exact text, delimiters included;
// - read its `key: value` lines (other YAML is kept but ignored) and answer for the keys the
//   notebook understands: seed (default 42), title, lazy, format (short or long).
class FrontMatter {
public:
    static constexpr std::uint64_t defaultSeed = 42;

    FrontMatter() = default;
    // Precondition: `text` starts with a "---" line and ends with a "---" or "..." line.
    explicit FrontMatter(std::string text);

    bool empty() const { return m_text.empty(); }
    const std::string& text() const { return m_text; }
    // The number of lines, delimiters included.
    int lineCount() const { return m_lineCount; }

    // The first value for `key`, unquoted and trimmed.
    std::optional<std::string> value(std::string_view key) const;
    // The 1-based line of `key` within the block (the first "---" is line 1), or 0.
    int lineOf(std::string_view key) const;
    const std::vector<std::pair<std::string, std::string>>& entries() const { return m_entries; }

    // `seed: N`, when present and a non-negative integer; defaultSeed otherwise.
    std::uint64_t seed() const;
    bool hasValidSeed() const;
    // `lazy: true`: cells are marked stale on edits but run only when asked.
    bool lazy() const;
    std::string title() const;
    // `format: long` or `format: short`: how values show in every cell that does not say
    // otherwise (short when absent or not understood).
    output::NumberStyle numberStyle() const;
    bool hasValidFormat() const;

    static std::optional<std::uint64_t> parseSeed(std::string_view value);

private:
    std::string m_text;
    int m_lineCount = 0;
    std::vector<std::pair<std::string, std::string>> m_entries;
    std::vector<int> m_entryLines;
};

}  // namespace lemma::notebook
