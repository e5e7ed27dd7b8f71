// The parser's view of the token list: lookahead that knows which brackets it is inside.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/lang/Token.h"

namespace lemma::lang {

// Walks the lexer's tokens for the parser.
//
// Responsibilities:
// - lookahead and consumption, remembering where the last consumed token ended;
// - the stack of open groups, because newlines and blanks mean different things in each:
//   inside (…) (grouping, calls, indices) newlines are skipped and blanks mean nothing;
//   inside […] and {…} a newline separates rows and blanks can separate elements;
//   outside any bracket a newline ends the statement;
// - MATLAB's rule for where a blank starts a new element of […] or {…};
// - the scan that tells an assignment from an expression statement.
class TokenCursor {
public:
    enum class Group {
        Paren,    // (…), f(…), L{…}
        Bracket,  // […], {…}
    };

    explicit TokenCursor(std::vector<Token> tokens);

    // The token `ahead` places after the current one, skipping newlines inside (…). Past the
    // end it is the Eof token.
    const Token& peek(std::size_t ahead = 0) const;
    bool check(TokenKind kind) const { return peek().kind == kind; }
    // Consumes the current token and returns it.
    const Token& advance();
    // Consumes the current token if it is of this kind.
    bool match(TokenKind kind);
    // Byte offset just past the last consumed token.
    std::size_t previousEnd() const { return m_previousEnd; }

    void push(Group group) { m_groups.push_back(group); }
    void pop() { m_groups.pop_back(); }
    bool inBracket() const { return !m_groups.empty() && m_groups.back() == Group::Bracket; }

    // Whether the current token, which could continue the expression before it, starts a new
    // element of the enclosing […] or {…} instead, as in MATLAB: a `+` or `-` with a blank
    // before it and none after it (`[1 -2]` has two elements, `[1 - 2]` and `[1-2]` one), and
    // a `(` or `{` with a blank before it (`[f (1)]` has two).
    bool startsNewElement() const;

    // Whether the statement starting at the current token has a `=` outside all brackets
    // before its end (a newline, `;` or `,` outside brackets, or the end of the input).
    bool statementHasAssignment() const;

private:
    std::size_t skipNewlines(std::size_t index) const;

    std::vector<Token> m_tokens;
    std::size_t m_index = 0;
    std::size_t m_previousEnd = 0;
    std::vector<Group> m_groups;
};

}  // namespace lemma::lang
