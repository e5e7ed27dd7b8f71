// One cell of a notebook (see Cell.h).
#include "engine/notebook/Cell.h"

#include <algorithm>
#include <stdexcept>

#include "engine/notebook/Fence.h"

namespace lemma::notebook {

namespace {

std::string normalizedNewlines(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
            continue;
        out += s[i];
    }
    return out;
}

// Splits on "\n"; an empty string has no lines, "a\n" has the lines "a" and "".
std::vector<std::string_view> sourceLines(std::string_view s) {
    std::vector<std::string_view> lines;
    if (s.empty())
        return lines;
    std::size_t start = 0;
    while (true) {
        const std::size_t nl = s.find('\n', start);
        if (nl == std::string_view::npos) {
            lines.push_back(s.substr(start));
            return lines;
        }
        lines.push_back(s.substr(start, nl - start));
        start = nl + 1;
    }
}

std::string_view endingOf(std::string_view line) {
    if (line.ends_with("\r\n"))
        return "\r\n";
    if (line.ends_with("\n"))
        return "\n";
    return {};
}

}  // namespace

Cell Cell::markdown(std::string_view source, std::string_view eol) {
    Cell cell = parsedMarkdown({}, 0, eol);
    cell.setSource(source);
    return cell;
}

Cell Cell::code(std::string_view source, std::string_view info, std::string_view eol) {
    const std::string e(eol);
    Cell cell = parsedCode("```" + std::string(info) + e, {}, "```" + e, 0, eol);
    cell.setSource(source);
    return cell;
}

Cell Cell::parsedMarkdown(std::string text, int line, std::string_view eol) {
    Cell cell;
    cell.m_kind = CellKind::Markdown;
    cell.m_line = line;
    cell.m_body = std::move(text);
    cell.deriveMarkdownSource(eol);
    return cell;
}

Cell Cell::parsedCode(std::string open, std::string body, std::string close, int line,
                      std::string_view eol) {
    Cell cell;
    cell.m_kind = CellKind::Code;
    cell.m_line = line;
    cell.m_open = std::move(open);
    cell.m_body = std::move(body);
    cell.m_close = std::move(close);
    cell.deriveCode(eol);
    return cell;
}

void Cell::deriveMarkdownSource(std::string_view fallbackEol) {
    m_source.clear();
    std::string_view eol;
    for (const TextLine& line : splitLines(m_body)) {
        m_source.append(line.content);
        m_source += '\n';
        if (eol.empty())
            eol = line.ending;
    }
    m_eol = std::string(eol.empty() ? fallbackEol : eol);
    if (!m_source.empty())
        m_source.pop_back();
}

void Cell::deriveCode(std::string_view fallbackEol) {
    const std::vector<TextLine> openLines = splitLines(m_open);
    const std::string_view openContent =
        openLines.empty() ? std::string_view{} : openLines[0].content;
    const std::optional<FenceOpening> fence = openingFence(openContent);
    if (!fence)
        throw std::invalid_argument("Cell: not an opening fence: " + m_open);
    m_fenceChar = fence->ch;
    m_fenceLength = fence->length;
    m_indent = fence->indent;
    m_infoRaw = std::string(fence->info);
    m_info = std::string(trimmed(fence->info));
    m_options = parseOptions(m_info);
    const std::string_view ending = endingOf(m_open);
    m_eol = std::string(ending.empty() ? fallbackEol : ending);
    m_closed = !m_close.empty();

    m_source.clear();
    const std::vector<TextLine> lines = splitLines(m_body);
    for (const TextLine& line : lines) {
        std::string_view content = line.content;
        for (int i = 0; i < m_indent && !content.empty() && content.front() == ' '; ++i) {
            content.remove_prefix(1);
        }
        m_source.append(content);
        m_source += '\n';
    }
    if (!m_source.empty())
        m_source.pop_back();
}

void Cell::setSource(std::string_view source) {
    const std::string normalized = normalizedNewlines(source);
    const std::vector<std::string_view> lines = sourceLines(normalized);
    if (m_kind == CellKind::Markdown) {
        const bool finalEnding = m_body.empty() || m_body.back() == '\n';
        std::string body;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            body.append(lines[i]);
            if (i + 1 < lines.size() || finalEnding)
                body += m_eol;
        }
        m_body = std::move(body);
        m_source = normalized;
        return;
    }

    const std::string indent(static_cast<std::size_t>(m_indent), ' ');
    // A source line that would close the fence forces a longer fence.
    int length = m_fenceLength;
    for (std::string_view line : lines) {
        const std::string indented = line.empty() ? std::string() : indent + std::string(line);
        length = std::max(length, closingRunLength(indented, m_fenceChar) + 1);
    }
    const bool needsOpenEnding = endingOf(m_open).empty();
    if (length != m_fenceLength || needsOpenEnding) {
        m_fenceLength = length;
        const std::string_view ending = endingOf(m_open);
        m_open = indent + fenceRun() + m_infoRaw + (ending.empty() ? m_eol : std::string(ending));
    }
    if (m_close.empty()) {
        m_close = indent + fenceRun() + m_eol;
    } else if (closingRunLength(splitLines(m_close)[0].content, m_fenceChar) < m_fenceLength) {
        const std::string_view ending = endingOf(m_close);
        m_close = indent + fenceRun() + std::string(ending);
    }
    m_closed = true;

    std::string body;
    for (std::string_view line : lines) {
        if (!line.empty())
            body += indent;
        body.append(line);
        body += m_eol;
    }
    m_body = std::move(body);
    m_source = normalized;
}

bool Cell::hasOption(std::string_view key) const {
    return std::any_of(m_options.begin(), m_options.end(),
                       [&](const CellOption& o) { return o.key == key; });
}

std::optional<std::string> Cell::option(std::string_view key) const {
    for (const CellOption& o : m_options) {
        if (o.key == key)
            return o.value;
    }
    return std::nullopt;
}

void Cell::setInfoString(std::string_view info) {
    if (m_kind != CellKind::Code || !isLemmaInfo(info) ||
        info.find('\n') != std::string_view::npos ||
        (m_fenceChar == '`' && info.find('`') != std::string_view::npos)) {
        throw std::invalid_argument("Cell::setInfoString: not a lemma info string");
    }
    m_infoRaw = std::string(info);
    m_info = std::string(trimmed(info));
    m_options = parseOptions(m_info);
    const std::string_view ending = endingOf(m_open);
    m_open = std::string(static_cast<std::size_t>(m_indent), ' ') + fenceRun() + m_infoRaw +
             (ending.empty() ? m_eol : std::string(ending));
}

std::string Cell::text() const {
    return m_open + m_body + m_close;
}

std::vector<CellOption> Cell::parseOptions(std::string_view info) {
    std::string_view rest = trimmed(info);
    constexpr std::string_view word = "lemma";
    if (rest.substr(0, word.size()) == word)
        rest.remove_prefix(word.size());

    std::vector<CellOption> options;
    std::size_t i = 0;
    auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
    while (i < rest.size()) {
        while (i < rest.size() && isSpace(rest[i]))
            ++i;
        if (i >= rest.size())
            break;
        CellOption option;
        while (i < rest.size() && !isSpace(rest[i]) && rest[i] != '=')
            option.key += rest[i++];
        if (i < rest.size() && rest[i] == '=') {
            option.hasValue = true;
            ++i;
            if (i < rest.size() && rest[i] == '"') {
                ++i;
                while (i < rest.size() && rest[i] != '"')
                    option.value += rest[i++];
                if (i < rest.size())
                    ++i;
            } else {
                while (i < rest.size() && !isSpace(rest[i]))
                    option.value += rest[i++];
            }
        }
        options.push_back(std::move(option));
    }
    return options;
}

}  // namespace lemma::notebook
