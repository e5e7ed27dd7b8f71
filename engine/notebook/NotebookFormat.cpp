// The notebook file format (see NotebookFormat.h).
#include "engine/notebook/NotebookFormat.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "engine/core/Error.h"
#include "engine/notebook/Fence.h"
#include "engine/notebook/Utf8.h"

namespace lemma::notebook {

namespace {

constexpr std::string_view byteOrderMark = "\xEF\xBB\xBF";

std::string joined(const std::vector<TextLine>& lines, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        out.append(lines[i].content);
        out.append(lines[i].ending);
    }
    return out;
}

// The index of the line closing the fence opened at `open`, or lines.size().
std::size_t closingLine(const std::vector<TextLine>& lines, std::size_t open,
                        const FenceOpening& fence) {
    for (std::size_t k = open + 1; k < lines.size(); ++k) {
        if (closesFence(lines[k].content, fence.ch, fence.length))
            return k;
    }
    return lines.size();
}

void checkUtf8(std::string_view bytes, std::string_view fileName) {
    const std::optional<std::size_t> bad = findInvalidUtf8(bytes);
    if (!bad)
        return;
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < *bad; ++i) {
        if (bytes[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(bytes[*bad]));
    const Diagnostic d{std::string(fileName), line,
                       "not valid UTF-8 (byte " + std::string(hex) + ")"};
    throw Error(d.toString(), SourcePos{line, static_cast<int>(*bad - lineStart) + 1});
}

// Builds the cells from the lines, keeping prose runs together and blank lines at their
// edges as separators.
class Reader {
public:
    Reader(std::string_view fileName, ParsedNotebook& out) : m_fileName(fileName), m_out(out) {}

    void read(const std::vector<TextLine>& lines, std::size_t first) {
        std::size_t i = first;
        while (i < lines.size()) {
            const TextLine& line = lines[i];
            const std::optional<FenceOpening> fence = openingFence(line.content);
            if (!fence) {
                if (isBlank(line.content)) {
                    m_blanks += joined(lines, i, i + 1);
                } else {
                    addProse(joined(lines, i, i + 1), static_cast<int>(i) + 1);
                }
                ++i;
                continue;
            }
            const std::size_t close = closingLine(lines, i, *fence);
            if (close == lines.size()) {
                warn(static_cast<int>(i) + 1, "code fence opened here is never closed");
            }
            const std::size_t end = close < lines.size() ? close + 1 : close;
            if (isLemmaInfo(fence->info)) {
                flushProse();
                Cell cell = Cell::parsedCode(joined(lines, i, i + 1),
                                             joined(lines, i + 1, std::min(close, lines.size())),
                                             joined(lines, std::min(close, lines.size()), end),
                                             static_cast<int>(i) + 1, m_out.notebook.lineEnding());
                cell.setLeading(std::move(m_blanks));
                m_blanks.clear();
                m_out.notebook.append(std::move(cell));
            } else {
                addProse(joined(lines, i, end), static_cast<int>(i) + 1);
            }
            i = end;
        }
        flushProse();
        m_out.notebook.setTrailer(std::move(m_blanks));
    }

    void warn(int line, std::string message) {
        m_out.warnings.push_back({std::string(m_fileName), line, std::move(message)});
    }

private:
    void addProse(const std::string& text, int line) {
        if (m_prose.empty()) {
            m_proseLeading = std::move(m_blanks);
            m_proseLine = line;
        } else {
            m_prose += m_blanks;
        }
        m_blanks.clear();
        m_prose += text;
    }

    void flushProse() {
        if (m_prose.empty())
            return;
        Cell cell =
            Cell::parsedMarkdown(std::move(m_prose), m_proseLine, m_out.notebook.lineEnding());
        cell.setLeading(std::move(m_proseLeading));
        m_out.notebook.append(std::move(cell));
        m_prose.clear();
        m_proseLeading.clear();
    }

    std::string_view m_fileName;
    ParsedNotebook& m_out;
    std::string m_blanks;  // blank lines not yet given to a cell
    std::string m_prose;   // the current prose run, from its first to its last non-blank line
    std::string m_proseLeading;
    int m_proseLine = 0;
};

}  // namespace

ParsedNotebook parseNotebook(std::string_view bytes, std::string_view fileName) {
    checkUtf8(bytes, fileName);
    ParsedNotebook result;
    Notebook& nb = result.notebook;
    if (bytes.starts_with(byteOrderMark)) {
        nb.setByteOrderMark(true);
        bytes.remove_prefix(byteOrderMark.size());
    }
    const std::vector<TextLine> lines = splitLines(bytes);
    for (const TextLine& line : lines) {
        if (!line.ending.empty()) {
            nb.setLineEnding(std::string(line.ending));
            break;
        }
    }

    Reader reader(fileName, result);
    std::size_t first = 0;
    if (!lines.empty() && lines[0].content == "---" && !lines[0].ending.empty()) {
        for (std::size_t k = 1; k < lines.size(); ++k) {
            if (lines[k].content == "---" || lines[k].content == "...") {
                nb.setFrontMatter(FrontMatter(joined(lines, 0, k + 1)));
                first = k + 1;
                break;
            }
        }
        if (!nb.frontMatter().hasValidSeed()) {
            reader.warn(nb.frontMatter().lineOf("seed"),
                        "seed must be a non-negative integer; using " +
                            std::to_string(FrontMatter::defaultSeed));
        }
        if (!nb.frontMatter().hasValidFormat()) {
            reader.warn(nb.frontMatter().lineOf("format"),
                        "format must be short or long; using short");
        }
    }
    reader.read(lines, first);
    return result;
}

std::string serializeNotebook(const Notebook& notebook) {
    std::string out;
    // Pieces are joined at line starts: a piece not ending in a newline (a cell that was last
    // in its file, then moved) gets one before anything follows.
    auto add = [&](const std::string& piece) {
        if (piece.empty())
            return;
        if (!out.empty() && out.back() != '\n')
            out += notebook.lineEnding();
        out += piece;
    };
    add(notebook.frontMatter().text());
    for (const Cell& cell : notebook.cells()) {
        add(cell.leading());
        add(cell.text());
    }
    add(notebook.trailer());
    if (notebook.hasByteOrderMark())
        out.insert(0, byteOrderMark);
    return out;
}

ParsedNotebook readNotebookFile(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw Error(name + ": is a folder, not a notebook file");
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const bool exists = std::filesystem::exists(path, ec);
        throw Error(name +
                    (exists ? ": cannot open the file (permission denied?)" : ": no such file"));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw Error(name + ": cannot read the file");
    return parseNotebook(buffer.str(), name);
}

void writeNotebookFile(const std::filesystem::path& path, const Notebook& notebook) {
    const std::string name = path.filename().string();
    std::filesystem::path temporary = path;
    temporary += ".saving~";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        const std::string bytes = serializeNotebook(notebook);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw Error(name + ": cannot write the file");
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        throw Error(name + ": cannot replace the file (" + ec.message() + ")");
    }
}

}  // namespace lemma::notebook
