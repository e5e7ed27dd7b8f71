// Source edits that keep the rest of a cell byte for byte.
//
// This works on lines with a small scanner rather than on the syntax tree, because the tree
// does not keep the extent of each statement and the edit must not reformat anything else.
// The scanner knows strings, comments, brackets and the block keywords: enough to find where
// an assignment's right-hand side ends.
#include "engine/lang/SourceEdit.h"

#include <cctype>
#include <vector>

namespace lemma::lang {

namespace {

bool isIdentChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The first word of a line (after indentation), or "".
std::string_view firstWord(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
        ++i;
    std::size_t j = i;
    while (j < line.size() && isIdentChar(line[j]))
        ++j;
    return line.substr(i, j - i);
}

// Where the statement that starts at `from` ends on this line: at a `;` or `,` outside
// brackets and strings, at a comment, or at the end of the line.
std::size_t statementEnd(std::string_view line, std::size_t from) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = from; i < line.size(); ++i) {
        const char c = line[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        switch (c) {
            case '"':
                inString = true;
                break;
            case '(':
            case '[':
            case '{':
                ++depth;
                break;
            case ')':
            case ']':
            case '}':
                --depth;
                break;
            case '%':
            case '#':
                return i;
            case ';':
            case ',':
                if (depth <= 0)
                    return i;
                break;
            default:
                break;
        }
    }
    std::size_t end = line.size();
    while (end > from && (line[end - 1] == '\r' || line[end - 1] == '\n'))
        --end;
    return end;
}

}  // namespace

std::optional<std::string> replaceAssignment(std::string_view source, std::string_view name,
                                             std::string_view expression) {
    int depth = 0;
    std::size_t lineStart = 0;
    while (lineStart <= source.size()) {
        std::size_t lineEnd = source.find('\n', lineStart);
        if (lineEnd == std::string_view::npos)
            lineEnd = source.size();
        const std::string_view line = source.substr(lineStart, lineEnd - lineStart);
        const std::string_view word = firstWord(line);

        if (depth == 0 && word == name) {
            std::size_t i = line.find(name);
            i += name.size();
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
                ++i;
            if (i < line.size() && line[i] == '=' && (i + 1 >= line.size() || line[i + 1] != '=')) {
                std::size_t valueStart = i + 1;
                while (valueStart < line.size() && line[valueStart] == ' ')
                    ++valueStart;
                const std::size_t valueEnd = statementEnd(line, valueStart);
                // Keep the spacing before a trailing `;`/comment as it was.
                std::size_t trimmedEnd = valueEnd;
                while (trimmedEnd > valueStart && line[trimmedEnd - 1] == ' ')
                    --trimmedEnd;
                std::string out(source.substr(0, lineStart + valueStart));
                out += expression;
                out += source.substr(lineStart + trimmedEnd);
                return out;
            }
        }
        if (word == "if" || word == "for" || word == "while" || word == "function")
            ++depth;
        if ((word == "end" || word == "endif" || word == "endfor" || word == "endwhile" ||
             word == "endfunction") &&
            depth > 0)
            --depth;

        if (lineEnd == source.size())
            break;
        lineStart = lineEnd + 1;
    }
    return std::nullopt;
}

}  // namespace lemma::lang
