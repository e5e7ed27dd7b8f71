// The expression half of the parser: a Pratt parser driven by one table row per token kind.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/core/Error.h"
#include "engine/lang/Ast.h"
#include "engine/lang/TokenCursor.h"

namespace lemma::lang {

// Parses expressions from a TokenCursor it shares with the statement parser.
//
// Responsibilities:
// - operators by precedence and associativity, as in MATLAB (Wren's design: each token kind
//   has a prefix rule, an infix rule and a precedence; parsePrecedence() is the loop);
// - literals, matrices and lists with MATLAB's whitespace rules, calls with keyword
//   arguments, brace indices, fields, anonymous functions and handles;
// - `end` and a bare `:` as expressions inside an index, and nowhere else;
// - the error messages for brackets left open and tokens out of place.
class ExpressionParser {
public:
    // `source` is the text the tokens came from (for anonymous functions' source text).
    ExpressionParser(std::string_view source, TokenCursor& tokens);

    ast::ExprPtr parseExpression();
    bool canStartExpression(const Token& token) const;

    // Consumes `closer`, or throws "expected ')' to close '(' at 1:2, found …" at the token
    // found instead.
    const Token& expectClosing(TokenKind closer, const Token& opener);
    // Consumes an identifier, or throws "expected <what>, found …".
    std::string expectName(const std::string& what);

    // The error for a token that cannot come where it is: "unexpected ')'".
    static Error unexpected(const Token& token);
    // "expected '<closer>' to close '<opener>' at L:C, found …", positioned at `found`.
    static Error notClosed(std::string_view closer, const Token& opener, const Token& found);

private:
    // Binding power of infix operators, lowest to highest, as in MATLAB.
    enum class Prec {
        None,
        OrOr,        // ||
        AndAnd,      // &&
        Or,          // |
        And,         // &
        Comparison,  // == != ~= < <= > >=
        Range,       // :
        Term,        // + -
        Factor,      // * / \ .* ./ .\   (the backslashes are left division)
        Unary,       // - + ! ~ (prefix; the level of their operand)
        Power,       // ^ .^ ' .'   (left to right among themselves: a^b' is (a^b)')
        Call,        // f(…) L{…} s.name
    };
    using PrefixRule = ast::ExprPtr (ExpressionParser::*)(Prec);
    using InfixRule = ast::ExprPtr (ExpressionParser::*)(ast::ExprPtr);
    struct Rule {
        PrefixRule prefix = nullptr;
        InfixRule infix = nullptr;
        Prec precedence = Prec::None;
    };
    static const Rule& rule(TokenKind kind);

    ast::ExprPtr parsePrecedence(Prec precedence);
    ast::Argument parseArgument(TokenKind closer, bool allowKeyword);
    std::vector<std::vector<ast::ExprPtr>> parseRows(const Token& opener, TokenKind closer);

    // Prefix rules
    ast::ExprPtr number(Prec);
    ast::ExprPtr string(Prec);
    ast::ExprPtr boolean(Prec);
    ast::ExprPtr identifier(Prec);
    ast::ExprPtr endInIndex(Prec);
    ast::ExprPtr unary(Prec precedence);
    ast::ExprPtr grouping(Prec);
    ast::ExprPtr matrix(Prec);
    ast::ExprPtr list(Prec);
    ast::ExprPtr function(Prec);

    // Infix rules
    ast::ExprPtr binary(ast::ExprPtr lhs);
    ast::ExprPtr range(ast::ExprPtr start);
    ast::ExprPtr postfix(ast::ExprPtr operand);
    ast::ExprPtr call(ast::ExprPtr callee);
    ast::ExprPtr braceIndex(ast::ExprPtr object);
    ast::ExprPtr field(ast::ExprPtr object);

    // Counts one level of recursion for as long as it lives.
    struct DepthGuard {
        explicit DepthGuard(int& depth) : m_depth(depth) { ++m_depth; }
        ~DepthGuard() { --m_depth; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
        int& m_depth;
    };
    static constexpr int kMaxDepth = 256;
    static constexpr int kMaxChain = 1000;

    std::string_view m_source;
    TokenCursor& m_tokens;
    int m_depth = 0;       // parsePrecedence calls in progress
    int m_indexDepth = 0;  // inside f(…) or L{…}, where `end` and a bare `:` mean something
};

}  // namespace lemma::lang
