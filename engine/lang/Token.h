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
    Quote,         // ' (transpose; there are no single-quoted strings)
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
