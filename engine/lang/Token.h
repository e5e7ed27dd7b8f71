// The tokens of the cell language, as the lexer hands them to the parser.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/core/Error.h"

namespace lemma::lang {

enum class TokenKind {
    // Literals and names
    Number,
    String,
    Identifier,
    // Keywords; endif, endfor, endwhile and endfunction are lexed as End
    If,
    Elseif,
    Else,
    End,
    For,
    While,
    Break,
    Continue,
    Return,
    Function,
    True,
    False,
    // Grouping and separators
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Comma,
    Semicolon,
    Newline,
    // Operators and punctuation
    Assign,        // =
    Colon,         // :
    Dot,           // .
    At,            // @
    Plus,          // +
    Minus,         // -
    Star,          // *
    Slash,         // /
    Backslash,     // (backslash)
    Caret,         // ^
    DotStar,       // .*
    DotSlash,      // ./
    DotBackslash,  // .(backslash)
    DotCaret,      // .^
    Quote,         // ' (transpose; a ' elsewhere opens a string, see quoteIsTranspose)
    DotQuote,      // .'
    EqualEqual,    // ==
    NotEqual,      // != and ~=
    Less,          // <
    LessEqual,     // <=
    Greater,       // >
    GreaterEqual,  // >=
    Amp,           // &
    AmpAmp,        // &&
    Pipe,          // |
    PipePipe,      // ||
    Not,           // ! and ~
    Eof,
};

inline constexpr std::size_t kTokenKindCount = static_cast<std::size_t>(TokenKind::Eof) + 1;

// ( [ { open a bracket group and ) ] } close one, whatever the kind.
inline bool opensGroup(TokenKind k) {
    return k == TokenKind::LParen || k == TokenKind::LBracket || k == TokenKind::LBrace;
}
inline bool closesGroup(TokenKind k) {
    return k == TokenKind::RParen || k == TokenKind::RBracket || k == TokenKind::RBrace;
}

// Whether a token of this kind ends an operand: a name, a number, a string, a closing bracket,
// a transpose, or the keywords `end` (inside an index), `true` and `false`.
inline bool endsOperand(TokenKind k) {
    switch (k) {
        case TokenKind::Identifier:
        case TokenKind::Number:
        case TokenKind::String:
        case TokenKind::RParen:
        case TokenKind::RBracket:
        case TokenKind::RBrace:
        case TokenKind::Quote:
        case TokenKind::DotQuote:
        case TokenKind::End:
        case TokenKind::True:
        case TokenKind::False:
            return true;
        default:
            return false;
    }
}

// MATLAB's rule for a `'`, the one place it is decided: directly after an operand (no blank in
// between) it is the transpose; anywhere else it opens a single-quoted string. The lexer, the
// source scanners, the highlighter and the completer all ask this.
inline bool quoteIsTranspose(TokenKind previous, bool spaceBefore) {
    return !spaceBefore && endsOperand(previous);
}

// For scanners that walk characters rather than tokens: the kind of token that the character
// `c` ends, as far as quoteIsTranspose cares (a name or number character, a closing bracket,
// a quote that closed a string or a transpose); Eof for anything else.
inline TokenKind kindEndingWith(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
        return TokenKind::Identifier;
    switch (c) {
        case ')':
            return TokenKind::RParen;
        case ']':
            return TokenKind::RBracket;
        case '}':
            return TokenKind::RBrace;
        case '\'':
            return TokenKind::Quote;
        case '"':
            return TokenKind::String;
        default:
            return TokenKind::Eof;
    }
}

// Where the string literal opening at text[open] (a `"` or a `'`) ends: one past its closing
// quote, or npos when the line ends first. A doubled quote stands for itself in both kinds;
// a double-quoted string also has backslash escapes.
inline std::size_t stringLiteralEnd(std::string_view text, std::size_t open) {
    const char quote = text[open];
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n')
            return std::string_view::npos;
        if (c == '\\' && quote == '"') {
            ++i;
        } else if (c == quote) {
            if (i + 1 < text.size() && text[i + 1] == quote) {
                ++i;
                continue;
            }
            return i + 1;
        }
    }
    return std::string_view::npos;
}

struct Token {
    TokenKind kind = TokenKind::Eof;
    std::string_view text;  // the token's characters in the source
    SourcePos pos;
    std::size_t offset = 0;    // byte offset of `text` in the source
    bool spaceBefore = false;  // blanks or a `...` continuation separate it from the previous token
    double number = 0;         // Number: its value
    bool imaginary = false;    // Number: it had an i or j suffix
    std::string value;         // String: the contents with escapes decoded

    std::size_t end() const { return offset + text.size(); }

    // The token as an error message names it: "')'", "'x'", "end of line".
    std::string describe() const {
        // Built by appending: GCC 12 warns falsely (-Wrestrict) about "'" + std::string.
        std::string name;
        switch (kind) {
            case TokenKind::Eof:
                return "end of input";
            case TokenKind::Newline:
                return "end of line";
            case TokenKind::String:
                name.append("string ").append(text);
                return name;
            default:
                name.append(1, '\'').append(text).append(1, '\'');
                return name;
        }
    }
};

}  // namespace lemma::lang
