// A notebook's front matter (see FrontMatter.h).
#include "engine/notebook/FrontMatter.h"

#include <charconv>

#include "engine/notebook/Fence.h"

namespace lemma::notebook {

namespace {

std::string unquoted(std::string_view v) {
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
        v = v.substr(1, v.size() - 2);
    }
    return std::string(v);
}

}  // namespace

FrontMatter::FrontMatter(std::string text) : m_text(std::move(text)) {
    const std::vector<TextLine> lines = splitLines(m_text);
    m_lineCount = static_cast<int>(lines.size());
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        const std::string_view content = lines[i].content;
        // Indented lines and list items belong to nested YAML, which is kept but not read.
        if (content.empty() || content.front() == ' ' || content.front() == '\t' ||
            content.front() == '#' || content.front() == '-') {
            continue;
        }
        const std::size_t colon = content.find(':');
        if (colon == std::string_view::npos)
            continue;
        m_entries.emplace_back(std::string(trimmed(content.substr(0, colon))),
                               unquoted(trimmed(content.substr(colon + 1))));
        m_entryLines.push_back(static_cast<int>(i) + 1);
    }
}

std::optional<std::string> FrontMatter::value(std::string_view key) const {
    for (const auto& [k, v] : m_entries) {
        if (k == key)
            return v;
    }
    return std::nullopt;
}

int FrontMatter::lineOf(std::string_view key) const {
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].first == key)
            return m_entryLines[i];
    }
    return 0;
}

std::optional<std::uint64_t> FrontMatter::parseSeed(std::string_view value) {
    std::uint64_t seed = 0;
    const char* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, seed);
    if (value.empty() || ec != std::errc() || ptr != end)
        return std::nullopt;
    return seed;
}

std::uint64_t FrontMatter::seed() const {
    const std::optional<std::string> v = value("seed");
    if (!v)
        return defaultSeed;
    return parseSeed(*v).value_or(defaultSeed);
}

bool FrontMatter::hasValidSeed() const {
    const std::optional<std::string> v = value("seed");
    return !v || parseSeed(*v).has_value();
}

bool FrontMatter::lazy() const {
    const std::optional<std::string> v = value("lazy");
    return v && (*v == "true" || *v == "yes");
}

output::NumberStyle FrontMatter::numberStyle() const {
    const std::optional<std::string> v = value("format");
    return v ? output::parseNumberStyle(*v).value_or(output::NumberStyle::Short)
             : output::NumberStyle::Short;
}

bool FrontMatter::hasValidFormat() const {
    const std::optional<std::string> v = value("format");
    return !v || output::parseNumberStyle(*v).has_value();
}

std::string FrontMatter::title() const {
    return value("title").value_or(std::string());
}

}  // namespace lemma::notebook
