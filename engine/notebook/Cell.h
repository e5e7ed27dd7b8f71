// One cell of a notebook: a run of Markdown prose or a fenced `lemma` code block, holding its
// exact bytes from the file so that writing it back changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lemma::notebook {

// A cell's identity for the session and the GUI: stable across edits, inserts and moves,
// never reused within one notebook. 0 means "not yet in a notebook".
using CellId = std::uint64_t;

enum class CellKind { Markdown, Code };

// One word of a code fence's info string after `lemma`: a flag (`hide-code`) or `key=value`
// (`id=attn`, `id="two words"`).
struct CellOption {
    std::string key;
    std::string value;
    bool hasValue = false;

    friend bool operator==(const CellOption&, const CellOption&) = default;
};

// Responsibilities:
// - keep the cell's exact text: its leading separator (blank lines before it), and for code
//   the opening fence line, the body and the closing fence line, each with its line endings;
// - offer the clean view: kind, source (the code or prose without fences, lines ending in
//   "\n", no final line ending), info string and options;
// - regenerate its own text on setSource()/setInfoString() in its original fence style and
//   line endings, lengthening the fence when the new source contains a line that would close it.
class Cell {
public:
    // New cells, as the GUI creates them: "```lemma" fences, `eol` line endings.
    static Cell markdown(std::string_view source, std::string_view eol = "\n");
    static Cell code(std::string_view source, std::string_view info = "lemma",
                     std::string_view eol = "\n");

    // Cells as read from a file. `text` is a run of prose without leading or trailing blank
    // lines; `open`, `body` and `close` are the exact lines of a fenced block (`close` empty
    // when the fence is never closed). `eol` is the line ending for new lines when the text
    // itself has none.
    static Cell parsedMarkdown(std::string text, int line, std::string_view eol = "\n");
    static Cell parsedCode(std::string open, std::string body, std::string close, int line,
                           std::string_view eol = "\n");

    CellId id() const { return m_id; }
    CellKind kind() const { return m_kind; }
    bool isCode() const { return m_kind == CellKind::Code; }

    // The prose or code without fences: lines end in "\n", the last line has no ending, and
    // the fence's indentation is removed.
    const std::string& source() const { return m_source; }
    // Replaces the source (a "\r\n" in it counts as "\n"). Markdown keeps the cell's line
    // ending style; code keeps its fence character, indentation and info string. A code cell
    // whose fence was never closed gets a closing fence. Read back from a file, Markdown loses
    // blank lines at its edges (they are separators) and a `lemma` fence typed into it becomes
    // a code cell.
    void setSource(std::string_view source);

    // Code cells: the info string trimmed ("lemma hide-code id=attn") and its options.
    const std::string& infoString() const { return m_info; }
    const std::vector<CellOption>& options() const { return m_options; }
    bool hasOption(std::string_view key) const;
    std::optional<std::string> option(std::string_view key) const;
    // Precondition: a code cell, `info` a single line whose first word is `lemma`.
    void setInfoString(std::string_view info);

    // Exact bytes: the blank lines before the cell, and the cell itself.
    const std::string& leading() const { return m_leading; }
    void setLeading(std::string leading) { m_leading = std::move(leading); }
    std::string text() const;

    // The 1-based line of the file the cell started on (its opening fence); 0 for new cells.
    int line() const { return m_line; }
    // False for a code cell whose fence runs to the end of the file.
    bool closed() const { return m_closed; }
    // The line ending new lines of this cell get.
    const std::string& lineEnding() const { return m_eol; }

    // The options of an info string, after its leading `lemma`.
    static std::vector<CellOption> parseOptions(std::string_view info);

private:
    friend class Notebook;

    Cell() = default;
    void deriveMarkdownSource(std::string_view fallbackEol);
    void deriveCode(std::string_view fallbackEol);
    std::string fenceRun() const {
        return std::string(static_cast<std::size_t>(m_fenceLength), m_fenceChar);
    }

    CellId m_id = 0;
    CellKind m_kind = CellKind::Markdown;
    int m_line = 0;
    std::string m_leading;
    std::string m_open;   // code: the opening fence line with its ending
    std::string m_body;   // markdown: the prose; code: the lines between the fences
    std::string m_close;  // code: the closing fence line with its ending, or empty
    std::string m_source;
    std::string m_eol = "\n";
    bool m_closed = true;

    // Code cells: the opening fence, decoded.
    char m_fenceChar = '`';
    int m_fenceLength = 3;
    int m_indent = 0;
    std::string m_infoRaw;  // after the fence characters, untrimmed
    std::string m_info;
    std::vector<CellOption> m_options;
};

}  // namespace lemma::notebook
