// Line splitting and fence recognition (see Fence.h).
#include "engine/notebook/Fence.h"

namespace lemma::notebook {

namespace {

bool isSpaceOrTab(char c) {
    return c == ' ' || c == '\t';
}

}  // namespace

std::vector<TextLine> splitLines(std::string_view text) {
    std::vector<TextLine> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            lines.push_back({text.substr(start), {}});
            break;
        }
        std::size_t contentEnd = nl;
        if (contentEnd > start && text[contentEnd - 1] == '\r')
            --contentEnd;
        lines.push_back(
            {text.substr(start, contentEnd - start), text.substr(contentEnd, nl + 1 - contentEnd)});
        start = nl + 1;
    }
    return lines;
}

bool isBlank(std::string_view content) {
    for (char c : content) {
        if (!isSpaceOrTab(c))
            return false;
    }
    return true;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && isSpaceOrTab(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpaceOrTab(s.back()))
        s.remove_suffix(1);
    return s;
}

std::optional<FenceOpening> openingFence(std::string_view content) {
    std::size_t i = 0;
    while (i < content.size() && content[i] == ' ' && i < 4)
        ++i;
    if (i > 3 || i >= content.size())
        return std::nullopt;
    const char ch = content[i];
    if (ch != '`' && ch != '~')
        return std::nullopt;
    std::size_t j = i;
    while (j < content.size() && content[j] == ch)
        ++j;
    if (j - i < 3)
        return std::nullopt;
    FenceOpening fence;
    fence.ch = ch;
    fence.length = static_cast<int>(j - i);
    fence.indent = static_cast<int>(i);
    fence.info = content.substr(j);
    if (ch == '`' && fence.info.find('`') != std::string_view::npos)
        return std::nullopt;
    return fence;
}

int closingRunLength(std::string_view content, char ch) {
    std::size_t i = 0;
    while (i < content.size() && content[i] == ' ' && i < 4)
        ++i;
    if (i > 3)
        return 0;
    std::size_t j = i;
    while (j < content.size() && content[j] == ch)
        ++j;
    if (j - i < 3 || !isBlank(content.substr(j)))
        return 0;
    return static_cast<int>(j - i);
}

bool closesFence(std::string_view content, char ch, int length) {
    return closingRunLength(content, ch) >= length;
}

bool isLemmaInfo(std::string_view info) {
    const std::string_view t = trimmed(info);
    constexpr std::string_view word = "lemma";
    if (t.substr(0, word.size()) != word)
        return false;
    return t.size() == word.size() || isSpaceOrTab(t[word.size()]);
}

}  // namespace lemma::notebook
