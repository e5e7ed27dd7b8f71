// The lexer of the cell language.
#include "engine/lang/Lexer.h"

#include <charconv>
#include <cstdio>
#include <limits>
#include <string>

namespace lemma::lang {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isIdentChar(char c) {
    return isIdentStart(c) || isDigit(c);
}

TokenKind keywordKind(std::string_view word) {
    struct Keyword {
        std::string_view word;
        TokenKind kind;
    };
    static constexpr Keyword kKeywords[] = {
        {"if", TokenKind::If},         {"elseif", TokenKind::Elseif},
        {"else", TokenKind::Else},     {"end", TokenKind::End},
        {"endif", TokenKind::End},     {"endfor", TokenKind::End},
        {"endwhile", TokenKind::End},  {"endfunction", TokenKind::End},
        {"for", TokenKind::For},       {"while", TokenKind::While},
        {"break", TokenKind::Break},   {"continue", TokenKind::Continue},
        {"return", TokenKind::Return}, {"function", TokenKind::Function},
        {"true", TokenKind::True},     {"false", TokenKind::False},
    };
    for (const Keyword& k : kKeywords) {
        if (k.word == word)
            return k.kind;
    }
    return TokenKind::Identifier;
}

// The whole UTF-8 sequence starting at `offset`, so that an error names the character a
// person sees rather than its first byte.
std::string_view characterAt(std::string_view source, std::size_t offset) {
    std::size_t end = offset + 1;
    while (end < source.size() && (static_cast<unsigned char>(source[end]) & 0xC0) == 0x80)
        ++end;
    return source.substr(offset, end - offset);
}

}  // namespace

Lexer::Lexer(std::string_view source) : m_source(source) {}

char Lexer::peek(std::size_t ahead) const {
    const std::size_t i = m_offset + ahead;
    return i < m_source.size() ? m_source[i] : '\0';
}

void Lexer::advance() {
    const char c = m_source[m_offset++];
    if (c == '\n') {
        ++m_line;
        m_column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        ++m_column;  // UTF-8 continuation bytes belong to the previous column
    }
}

std::vector<Token> Lexer::tokenize() {
    m_tokens.clear();
    while (true) {
        skipBlanks();
        if (atEnd())
            break;
        const char c = peek();
        const std::size_t start = m_offset;
        const SourcePos pos{m_line, m_column};
        if (c == '\n') {
            advance();
            add(TokenKind::Newline, start, pos);
        } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            lexNumber();
        } else if (c == '"' || (c == '\'' && !transposeAllowed())) {
            lexString();
        } else if (isIdentStart(c)) {
            lexIdentifier();
        } else {
            lexOperator();
        }
    }
    add(TokenKind::Eof, m_offset, SourcePos{m_line, m_column});
    return std::move(m_tokens);
}

// Skips blanks, comments and `...` continuations (which swallow the rest of their line and
// its newline); a newline itself is a token.
void Lexer::skipBlanks() {
    while (!atEnd()) {
        const char c = peek();
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            advance();
            m_space = true;
        } else if (c == '%' || c == '#') {
            skipToEndOfLine();
        } else if (c == '.' && peek(1) == '.' && peek(2) == '.') {
            skipToEndOfLine();
            if (!atEnd())
                advance();
            m_space = true;
        } else {
            return;
        }
    }
}

void Lexer::skipToEndOfLine() {
    while (!atEnd() && peek() != '\n')
        advance();
}

void Lexer::add(TokenKind kind, std::size_t start, SourcePos pos) {
    Token token;
    token.kind = kind;
    token.text = m_source.substr(start, m_offset - start);
    token.pos = pos;
    token.offset = start;
    token.spaceBefore = m_space;
    m_tokens.push_back(std::move(token));
    m_space = false;
}

// digits [. digits] [e [+-] digits] [i|j], or . digits …
void Lexer::lexNumber() {
    const std::size_t start = m_offset;
    const SourcePos pos{m_line, m_column};
    while (isDigit(peek()))
        advance();
    if (peek() == '.') {
        // "1.*x" is 1 .* x and "1.'" is 1 .': the dot belongs to the operator after it.
        const char next = peek(1);
        const bool dotIsOperator = next == '*' || next == '/' || next == '\\' || next == '^' ||
                                   next == '\'' || next == '.';
        if (!dotIsOperator) {
            advance();
            while (isDigit(peek()))
                advance();
        }
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
        advance();
        if (peek() == '+' || peek() == '-')
            advance();
        while (isDigit(peek()))
            advance();
    }
    const std::size_t digitsEnd = m_offset;
    bool imaginary = false;
    if ((peek() == 'i' || peek() == 'j') && !isIdentChar(peek(1))) {
        advance();
        imaginary = true;
    }
    if (isIdentChar(peek())) {
        while (isIdentChar(peek()))
            advance();
        throw Error(
            "invalid number '" + std::string(m_source.substr(start, m_offset - start)) + "'", pos);
    }

    const std::string_view digits = m_source.substr(start, digitsEnd - start);
    double value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc::result_out_of_range) {
        // from_chars leaves the value alone: overflow is infinite and underflow is zero, as
        // in MATLAB.
        const bool negativeExponent = digits.find("e-") != std::string_view::npos ||
                                      digits.find("E-") != std::string_view::npos;
        value = negativeExponent ? 0.0 : std::numeric_limits<double>::infinity();
    } else if (ec != std::errc() || end != digits.data() + digits.size()) {
        throw Error("invalid number '" + std::string(digits) + "'", pos);
    }
    add(TokenKind::Number, start, pos);
    m_tokens.back().number = value;
    m_tokens.back().imaginary = imaginary;
}

// "…" with the escapes \n \t \\ \" and MATLAB's doubled quote "". Other backslashes are kept
// as written, so that "\alpha" in a plot label means what it says. '…' is MATLAB's character
// vector, a string here too: no backslash escapes, and '' stands for one quote ('it''s').
void Lexer::lexString() {
    const std::size_t start = m_offset;
    const SourcePos pos{m_line, m_column};
    const char quote = peek();
    advance();
    std::string value;
    while (true) {
        if (atEnd() || peek() == '\n')
            throw Error("unterminated string", pos);
        const char c = peek();
        if (c == quote) {
            if (peek(1) != quote)
                break;
            value += quote;
            advance();
            advance();
        } else if (c == '\\' && quote == '"') {
            const char next = peek(1);
            if (next == 'n' || next == 't' || next == '\\' || next == '"') {
                value += next == 'n' ? '\n' : next == 't' ? '\t' : next;
                advance();
                advance();
            } else {
                value += c;
                advance();
            }
        } else {
            value += c;
            advance();
        }
    }
    advance();
    add(TokenKind::String, start, pos);
    m_tokens.back().value = std::move(value);
}

void Lexer::lexIdentifier() {
    const std::size_t start = m_offset;
    const SourcePos pos{m_line, m_column};
    while (isIdentChar(peek()))
        advance();
    add(keywordKind(m_source.substr(start, m_offset - start)), start, pos);
}

// Whether a `'` here is the transpose (see quoteIsTranspose in Token.h).
bool Lexer::transposeAllowed() const {
    if (m_tokens.empty())
        return false;
    return quoteIsTranspose(m_tokens.back().kind, m_space);
}

void Lexer::lexOperator() {
    const std::size_t start = m_offset;
    const SourcePos pos{m_line, m_column};
    const char c = peek();
    const char next = peek(1);
    auto emit = [&](TokenKind kind, int length) {
        for (int i = 0; i < length; ++i)
            advance();
        add(kind, start, pos);
    };
    switch (c) {
        case '(':
            return emit(TokenKind::LParen, 1);
        case ')':
            return emit(TokenKind::RParen, 1);
        case '[':
            return emit(TokenKind::LBracket, 1);
        case ']':
            return emit(TokenKind::RBracket, 1);
        case '{':
            return emit(TokenKind::LBrace, 1);
        case '}':
            return emit(TokenKind::RBrace, 1);
        case ',':
            return emit(TokenKind::Comma, 1);
        case ';':
            return emit(TokenKind::Semicolon, 1);
        case ':':
            return emit(TokenKind::Colon, 1);
        case '@':
            return emit(TokenKind::At, 1);
        case '+':
            return emit(TokenKind::Plus, 1);
        case '-':
            return emit(TokenKind::Minus, 1);
        case '*':
            return emit(TokenKind::Star, 1);
        case '/':
            return emit(TokenKind::Slash, 1);
        case '\\':
            return emit(TokenKind::Backslash, 1);
        case '^':
            return emit(TokenKind::Caret, 1);
        case '=':
            return next == '=' ? emit(TokenKind::EqualEqual, 2) : emit(TokenKind::Assign, 1);
        case '<':
            return next == '=' ? emit(TokenKind::LessEqual, 2) : emit(TokenKind::Less, 1);
        case '>':
            return next == '=' ? emit(TokenKind::GreaterEqual, 2) : emit(TokenKind::Greater, 1);
        case '!':
        case '~':
            return next == '=' ? emit(TokenKind::NotEqual, 2) : emit(TokenKind::Not, 1);
        case '&':
            return next == '&' ? emit(TokenKind::AmpAmp, 2) : emit(TokenKind::Amp, 1);
        case '|':
            return next == '|' ? emit(TokenKind::PipePipe, 2) : emit(TokenKind::Pipe, 1);
        case '\'':
            return emit(TokenKind::Quote, 1);
        case '.':
            switch (next) {
                case '*':
                    return emit(TokenKind::DotStar, 2);
                case '/':
                    return emit(TokenKind::DotSlash, 2);
                case '\\':
                    return emit(TokenKind::DotBackslash, 2);
                case '^':
                    return emit(TokenKind::DotCaret, 2);
                case '\'':
                    if (transposeAllowed())
                        return emit(TokenKind::DotQuote, 2);
                    return emit(TokenKind::Dot, 1);
                default:
                    return emit(TokenKind::Dot, 1);
            }
        default: {
            // Control characters (a NUL, an escape) are named by code, not printed raw.
            const auto byte = static_cast<unsigned char>(m_source[start]);
            if (byte < 0x20 || byte == 0x7f) {
                char code[8];
                std::snprintf(code, sizeof code, "U+%04X", unsigned(byte));
                throw Error(std::string("invalid character ") + code, pos);
            }
            throw Error("invalid character '" + std::string(characterAt(m_source, start)) + "'",
                        pos);
        }
    }
}

}  // namespace lemma::lang
