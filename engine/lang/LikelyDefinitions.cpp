// A token scan for assignment targets, tolerant of the syntax errors around them.
#include "engine/lang/LikelyDefinitions.h"

#include <algorithm>

#include "engine/core/Error.h"
#include "engine/lang/Lexer.h"

namespace lemma::lang {

namespace {

bool endsStatement(TokenKind k) {
    return k == TokenKind::Newline || k == TokenKind::Semicolon || k == TokenKind::Comma ||
           k == TokenKind::Eof;
}

class Scanner {
public:
    explicit Scanner(const std::vector<Token>& tokens) : m_tokens(tokens) {}

    std::vector<std::string> scan() {
        bool atStart = true;
        std::vector<TokenKind> groups;  // open brackets
        std::vector<bool> blocks;       // open if/for/while/function blocks: true for a function
        for (std::size_t i = 0; i < m_tokens.size(); ++i) {
            const TokenKind k = m_tokens[i].kind;
            const bool outside = groups.empty();
            const bool inFunction = std::find(blocks.begin(), blocks.end(), true) != blocks.end();
            if (atStart && outside && (!inFunction || k == TokenKind::Function))
                statement(i);
            if (outside && (k == TokenKind::If || k == TokenKind::For || k == TokenKind::While ||
                            k == TokenKind::Function))
                blocks.push_back(k == TokenKind::Function);
            else if (outside && k == TokenKind::End && !blocks.empty())
                blocks.pop_back();
            if (opensGroup(k)) {
                groups.push_back(k);
            } else if (closesGroup(k) && !groups.empty()) {
                groups.pop_back();
            } else if (k == TokenKind::Newline) {
                // A line break ends an unclosed `(` (only [] and {} span lines), so one broken
                // line does not swallow the rest of the cell.
                while (!groups.empty() && groups.back() == TokenKind::LParen)
                    groups.pop_back();
            }
            atStart = groups.empty() && (endsStatement(k) || k == TokenKind::Else);
        }
        return m_names;
    }

private:
    TokenKind kind(std::size_t i) const {
        return i < m_tokens.size() ? m_tokens[i].kind : TokenKind::Eof;
    }

    void add(std::size_t i) {
        const std::string name(m_tokens[i].text);
        if (name != "ans" && std::find(m_names.begin(), m_names.end(), name) == m_names.end())
            m_names.push_back(name);
    }

    // The index just past the bracket group opening at `i`, or npos when it is not closed on
    // this statement.
    std::size_t skipGroup(std::size_t i) const {
        int depth = 0;
        for (; i < m_tokens.size(); ++i) {
            const TokenKind k = kind(i);
            if (opensGroup(k))
                ++depth;
            else if (closesGroup(k) && --depth == 0)
                return i + 1;
            else if (k == TokenKind::Newline || k == TokenKind::Eof)
                break;
        }
        return std::string::npos;
    }

    void statement(std::size_t i) {
        switch (kind(i)) {
            case TokenKind::Identifier:
                if (assignedAfterTarget(i + 1))
                    add(i);
                break;
            case TokenKind::For:
                if (kind(i + 1) == TokenKind::Identifier)
                    add(i + 1);
                break;
            case TokenKind::Function:
                functionName(i + 1);
                break;
            case TokenKind::LBracket:
                multipleTargets(i);
                break;
            default:
                break;
        }
    }

    // After a name: any number of (…), {…} and .field, then `=`.
    bool assignedAfterTarget(std::size_t i) const {
        while (i < m_tokens.size()) {
            const TokenKind k = kind(i);
            if (k == TokenKind::Assign)
                return true;
            if (k == TokenKind::Dot && kind(i + 1) == TokenKind::Identifier) {
                i += 2;
            } else if (k == TokenKind::LParen || k == TokenKind::LBrace) {
                i = skipGroup(i);
            } else {
                return false;
            }
        }
        return false;
    }

    // `[a, b] = …`: the names directly inside the brackets.
    void multipleTargets(std::size_t i) {
        const std::size_t end = skipGroup(i);
        if (end == std::string::npos || kind(end) != TokenKind::Assign)
            return;
        for (std::size_t k = i + 1; k + 1 < end; ++k) {
            if (kind(k) == TokenKind::Identifier && kind(k - 1) != TokenKind::Dot)
                add(k);
        }
    }

    // `function name(…)`, `function r = name(…)`, `function [a, b] = name(…)`.
    void functionName(std::size_t i) {
        std::size_t assign = i;
        while (assign < m_tokens.size() && kind(assign) != TokenKind::Assign &&
               kind(assign) != TokenKind::LParen && !endsStatement(kind(assign)))
            ++assign;
        const std::size_t name = kind(assign) == TokenKind::Assign ? assign + 1 : i;
        if (kind(name) == TokenKind::Identifier)
            add(name);
    }

    const std::vector<Token>& m_tokens;
    std::vector<std::string> m_names;
};

}  // namespace

std::vector<std::string> likelyDefinitions(std::string_view source) {
    std::vector<Token> tokens;
    try {
        tokens = Lexer(source).tokenize();
    } catch (const Error&) {
        return {};
    }
    return Scanner(tokens).scan();
}

}  // namespace lemma::lang
