// The parser's view of the token list.
#include "engine/lang/TokenCursor.h"

#include <utility>

namespace lemma::lang {

TokenCursor::TokenCursor(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {
    if (m_tokens.empty() || m_tokens.back().kind != TokenKind::Eof)
        m_tokens.push_back(Token{});
}

std::size_t TokenCursor::skipNewlines(std::size_t index) const {
    const bool skip = !m_groups.empty() && m_groups.back() == Group::Paren;
    while (skip && m_tokens[index].kind == TokenKind::Newline)
        ++index;
    return index;
}

const Token& TokenCursor::peek(std::size_t ahead) const {
    std::size_t index = skipNewlines(m_index);
    for (std::size_t i = 0; i < ahead && m_tokens[index].kind != TokenKind::Eof; ++i)
        index = skipNewlines(index + 1);
    return m_tokens[index];
}

const Token& TokenCursor::advance() {
    const std::size_t index = skipNewlines(m_index);
    const Token& token = m_tokens[index];
    if (token.kind != TokenKind::Eof)
        m_index = index + 1;
    m_previousEnd = token.end();
    return token;
}

bool TokenCursor::match(TokenKind kind) {
    if (!check(kind))
        return false;
    advance();
    return true;
}

bool TokenCursor::startsNewElement() const {
    if (!inBracket())
        return false;
    const Token& token = peek();
    if (!token.spaceBefore)
        return false;
    switch (token.kind) {
        case TokenKind::Plus:
        case TokenKind::Minus:
            return !peek(1).spaceBefore;
        case TokenKind::LParen:
        case TokenKind::LBrace:
            return true;
        default:
            return false;
    }
}

bool TokenCursor::statementHasAssignment() const {
    int depth = 0;
    for (std::size_t i = m_index; i < m_tokens.size(); ++i) {
        const TokenKind kind = m_tokens[i].kind;
        if (opensGroup(kind)) {
            ++depth;
            continue;
        }
        if (closesGroup(kind)) {
            if (--depth < 0)
                return false;
            continue;
        }
        switch (kind) {
            case TokenKind::Newline:
            case TokenKind::Semicolon:
            case TokenKind::Comma:
                if (depth == 0)
                    return false;
                break;
            case TokenKind::Assign:
                if (depth == 0)
                    return true;
                break;
            case TokenKind::Eof:
                return false;
            default:
                break;
        }
    }
    return false;
}

}  // namespace lemma::lang
