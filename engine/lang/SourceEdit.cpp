// Source edits that keep the rest of a cell byte for byte.
//
// replaceAssignment works on lines with a small scanner rather than on the syntax tree, because
// the tree does not keep the extent of each statement and the edit must not reformat anything
// else. The scanner knows strings, comments, brackets and the block keywords: enough to find
// where an assignment's right-hand side ends. replaceControlValue works on the lexer's tokens,
// which carry their byte offsets: a call's arguments are the tokens between its parentheses.
#include "engine/lang/SourceEdit.h"

#include <cctype>
#include <utility>
#include <vector>

#include "engine/core/Error.h"
#include "engine/lang/CodeScan.h"
#include "engine/lang/Lexer.h"

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
    const std::size_t stop = scanCode(line, from, [&](std::size_t i) {
        switch (line[i]) {
            case '(':
            case '[':
            case '{':
                ++depth;
                return true;
            case ')':
            case ']':
            case '}':
                --depth;
                return true;
            case ';':
            case ',':
                return depth > 0;
            default:
                return true;
        }
    });
    if (stop < line.size())
        return stop;
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

namespace {

bool isControlName(std::string_view word) {
    return word == "slider" || word == "choice" || word == "toggle";
}

std::size_t endOf(const Token& t) {
    return t.offset + t.text.size();
}

// The index of the parenthesis closing the one at `open`, or 0 when it is never closed.
std::size_t closingParen(const std::vector<Token>& tokens, std::size_t open) {
    int depth = 0;
    for (std::size_t j = open; j < tokens.size(); ++j) {
        if (opensGroup(tokens[j].kind))
            ++depth;
        else if (closesGroup(tokens[j].kind) && --depth == 0)
            return j;
    }
    return 0;
}

// The arguments between tokens[open] and tokens[close], as [first, last] token ranges without
// the newlines around them.
std::vector<std::pair<std::size_t, std::size_t>> arguments(const std::vector<Token>& tokens,
                                                           std::size_t open, std::size_t close) {
    std::vector<std::pair<std::size_t, std::size_t>> args;
    int depth = 0;
    std::size_t first = open + 1;
    auto push = [&](std::size_t from, std::size_t to) {  // [from, to)
        while (from < to && tokens[from].kind == TokenKind::Newline)
            ++from;
        while (to > from && tokens[to - 1].kind == TokenKind::Newline)
            --to;
        if (from < to)
            args.emplace_back(from, to - 1);
    };
    for (std::size_t j = open + 1; j < close; ++j) {
        const TokenKind kind = tokens[j].kind;
        if (opensGroup(kind)) {
            ++depth;
        } else if (closesGroup(kind)) {
            --depth;
        } else if (kind == TokenKind::Comma && depth == 0) {
            push(first, j);
            first = j + 1;
        }
    }
    push(first, close);
    return args;
}

}  // namespace

std::optional<std::string> replaceControlValue(std::string_view source, std::size_t index,
                                               std::string_view literal) {
    std::vector<Token> tokens;
    try {
        tokens = Lexer(source).tokenize();
    } catch (const Error&) {
        return std::nullopt;
    }
    std::size_t seen = 0;
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (tokens[i].kind != TokenKind::Identifier || !isControlName(tokens[i].text) ||
            tokens[i + 1].kind != TokenKind::LParen)
            continue;
        if (i > 0 && (tokens[i - 1].kind == TokenKind::Dot || tokens[i - 1].kind == TokenKind::At))
            continue;
        if (seen++ != index)
            continue;

        const std::size_t open = i + 1;
        const std::size_t close = closingParen(tokens, open);
        if (close == 0)
            return std::nullopt;
        const auto args = arguments(tokens, open, close);
        std::string out(source);
        for (const auto& [first, last] : args) {
            if (tokens[first].kind == TokenKind::Identifier && tokens[first].text == "value" &&
                first < last && tokens[first + 1].kind == TokenKind::Assign) {
                const std::size_t from = endOf(tokens[first + 1]);
                const std::size_t exprStart = first + 1 < last ? tokens[first + 2].offset : from;
                out.replace(exprStart, endOf(tokens[last]) - exprStart, literal);
                return out;
            }
        }
        if (args.empty()) {
            out.insert(endOf(tokens[open]), "value=" + std::string(literal));
        } else {
            out.insert(endOf(tokens[args.back().second]), ", value=" + std::string(literal));
        }
        return out;
    }
    return std::nullopt;
}

std::vector<ControlCall> controlCalls(std::string_view source) {
    std::vector<Token> tokens;
    try {
        tokens = Lexer(source).tokenize();
    } catch (const Error&) {
        return {};
    }
    std::vector<ControlCall> calls;
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (tokens[i].kind != TokenKind::Identifier || !isControlName(tokens[i].text) ||
            tokens[i + 1].kind != TokenKind::LParen)
            continue;
        if (i > 0 && (tokens[i - 1].kind == TokenKind::Dot || tokens[i - 1].kind == TokenKind::At))
            continue;
        ControlCall call;
        const std::size_t open = i + 1;
        const std::size_t close = closingParen(tokens, open);
        if (close != 0) {
            for (const auto& [first, last] : arguments(tokens, open, close)) {
                if (tokens[first].kind == TokenKind::Identifier && tokens[first].text == "value" &&
                    first + 1 < last && tokens[first + 1].kind == TokenKind::Assign) {
                    const std::size_t from = tokens[first + 2].offset;
                    call.value = std::string(source.substr(from, endOf(tokens[last]) - from));
                }
            }
            const auto separates = [&](std::size_t j) {
                const TokenKind k = tokens[j].kind;
                return k == TokenKind::Newline || k == TokenKind::Semicolon ||
                       k == TokenKind::Comma || k == TokenKind::Eof;
            };
            const bool startsStatement = i == 2 || (i > 2 && separates(i - 3));
            const bool endsStatement = close + 1 >= tokens.size() || separates(close + 1);
            if (startsStatement && tokens[i - 1].kind == TokenKind::Assign &&
                tokens[i - 2].kind == TokenKind::Identifier && endsStatement)
                call.name = tokens[i - 2].text;
        }
        calls.push_back(std::move(call));
    }
    return calls;
}

}  // namespace lemma::lang
