// The expression half of the parser.
//
// What MATLAB adds to a plain Pratt parser is context: whether blanks separate matrix
// elements and whether newlines end anything depends on the innermost bracket (TokenCursor
// keeps that), and `end` and a bare `:` are expressions only inside an index.
#include "engine/lang/ExpressionParser.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "engine/lang/NameAnalysis.h"

namespace lemma::lang {

namespace {

using Group = TokenCursor::Group;

// Identifiers and keywords: what may follow a `.` as a field name.
bool isWord(TokenKind kind) {
    return kind == TokenKind::Identifier || (kind >= TokenKind::If && kind <= TokenKind::False);
}

ast::BinaryOp binaryOp(TokenKind kind) {
    static constexpr std::pair<TokenKind, ast::BinaryOp> kOperators[] = {
        {TokenKind::Plus, ast::BinaryOp::Add},
        {TokenKind::Minus, ast::BinaryOp::Sub},
        {TokenKind::Star, ast::BinaryOp::MatMul},
        {TokenKind::Slash, ast::BinaryOp::MatDiv},
        {TokenKind::Backslash, ast::BinaryOp::MatLeftDiv},
        {TokenKind::Caret, ast::BinaryOp::MatPow},
        {TokenKind::DotStar, ast::BinaryOp::ElMul},
        {TokenKind::DotSlash, ast::BinaryOp::ElDiv},
        {TokenKind::DotBackslash, ast::BinaryOp::ElLeftDiv},
        {TokenKind::DotCaret, ast::BinaryOp::ElPow},
        {TokenKind::EqualEqual, ast::BinaryOp::Eq},
        {TokenKind::NotEqual, ast::BinaryOp::Ne},
        {TokenKind::Less, ast::BinaryOp::Lt},
        {TokenKind::LessEqual, ast::BinaryOp::Le},
        {TokenKind::Greater, ast::BinaryOp::Gt},
        {TokenKind::GreaterEqual, ast::BinaryOp::Ge},
        {TokenKind::Amp, ast::BinaryOp::And},
        {TokenKind::Pipe, ast::BinaryOp::Or},
        {TokenKind::AmpAmp, ast::BinaryOp::AndAnd},
        {TokenKind::PipePipe, ast::BinaryOp::OrOr},
    };
    for (const auto& [token, op] : kOperators) {
        if (token == kind)
            return op;
    }
    return ast::BinaryOp::Add;  // unreachable: the table gives binary() only these tokens
}

}  // namespace

ExpressionParser::ExpressionParser(std::string_view source, TokenCursor& tokens)
    : m_source(source), m_tokens(tokens) {}

ast::ExprPtr ExpressionParser::parseExpression() {
    return parsePrecedence(Prec::OrOr);
}

Error ExpressionParser::unexpected(const Token& token) {
    if (token.kind == TokenKind::Assign)
        return Error("unexpected '=' (use '==' to compare)", token.pos);
    return Error("unexpected " + token.describe(), token.pos);
}

Error ExpressionParser::notClosed(std::string_view closer, const Token& opener,
                                  const Token& found) {
    std::string message = "expected '";
    message.append(closer).append("' to close '").append(opener.text).append("' at ");
    message.append(std::to_string(opener.pos.line)).append(":");
    message.append(std::to_string(opener.pos.column)).append(", found ");
    message.append(found.describe());
    return Error(message, found.pos);
}

const ExpressionParser::Rule& ExpressionParser::rule(TokenKind kind) {
    using P = ExpressionParser;
    using T = TokenKind;
    // clang-format off
    static const std::array<Rule, kTokenKindCount> rules = [] {
        std::array<Rule, kTokenKindCount> r{};
        auto set = [&r](T kind, Rule row) { r[static_cast<std::size_t>(kind)] = row; };
        //  token               prefix          infix          precedence
        set(T::Number,        {&P::number,     nullptr,       Prec::None});
        set(T::String,        {&P::string,     nullptr,       Prec::None});
        set(T::Identifier,    {&P::identifier, nullptr,       Prec::None});
        set(T::True,          {&P::boolean,    nullptr,       Prec::None});
        set(T::False,         {&P::boolean,    nullptr,       Prec::None});
        set(T::End,           {&P::endInIndex, nullptr,       Prec::None});
        set(T::At,            {&P::function,   nullptr,       Prec::None});
        set(T::LBracket,      {&P::matrix,     nullptr,       Prec::None});
        set(T::PipePipe,      {nullptr,        &P::binary,    Prec::OrOr});
        set(T::AmpAmp,        {nullptr,        &P::binary,    Prec::AndAnd});
        set(T::Pipe,          {nullptr,        &P::binary,    Prec::Or});
        set(T::Amp,           {nullptr,        &P::binary,    Prec::And});
        set(T::EqualEqual,    {nullptr,        &P::binary,    Prec::Comparison});
        set(T::NotEqual,      {nullptr,        &P::binary,    Prec::Comparison});
        set(T::Less,          {nullptr,        &P::binary,    Prec::Comparison});
        set(T::LessEqual,     {nullptr,        &P::binary,    Prec::Comparison});
        set(T::Greater,       {nullptr,        &P::binary,    Prec::Comparison});
        set(T::GreaterEqual,  {nullptr,        &P::binary,    Prec::Comparison});
        set(T::Colon,         {nullptr,        &P::range,     Prec::Range});
        set(T::Plus,          {&P::unary,      &P::binary,    Prec::Term});
        set(T::Minus,         {&P::unary,      &P::binary,    Prec::Term});
        set(T::Star,          {nullptr,        &P::binary,    Prec::Factor});
        set(T::Slash,         {nullptr,        &P::binary,    Prec::Factor});
        set(T::Backslash,     {nullptr,        &P::binary,    Prec::Factor});
        set(T::DotStar,       {nullptr,        &P::binary,    Prec::Factor});
        set(T::DotSlash,      {nullptr,        &P::binary,    Prec::Factor});
        set(T::DotBackslash,  {nullptr,        &P::binary,    Prec::Factor});
        set(T::Not,           {&P::unary,      nullptr,       Prec::None});
        set(T::Caret,         {nullptr,        &P::binary,    Prec::Power});
        set(T::DotCaret,      {nullptr,        &P::binary,    Prec::Power});
        set(T::Quote,         {nullptr,        &P::postfix,   Prec::Power});
        set(T::DotQuote,      {nullptr,        &P::postfix,   Prec::Power});
        set(T::LParen,        {&P::grouping,   &P::call,      Prec::Call});
        set(T::LBrace,        {&P::list,       &P::braceIndex, Prec::Call});
        set(T::Dot,           {nullptr,        &P::field,     Prec::Call});
        return r;
    }();
    // clang-format on
    return rules[static_cast<std::size_t>(kind)];
}

// The Pratt loop: a prefix rule for the first token, then infix rules while the next
// operator binds at least as tightly as `precedence` (and, inside […] or {…}, blanks do not
// make it the start of the next element).
ast::ExprPtr ExpressionParser::parsePrecedence(Prec precedence) {
    const Token& first = m_tokens.peek();
    // Parsing recurses once per level of brackets or prefix operators; a bound keeps a
    // pathological cell from overflowing the stack (here or in the tree walkers after).
    if (m_depth >= kMaxDepth)
        throw Error("expression nested too deeply", first.pos);
    const DepthGuard guard(m_depth);
    const PrefixRule prefix = rule(first.kind).prefix;
    if (!prefix)
        throw Error("expected an expression, found " + first.describe(), first.pos);
    ast::ExprPtr expr = (this->*prefix)(precedence);
    // Each operator of a chain (`1 + 1 + …`, `a(1)(2)…`) nests the tree one level deeper
    // without recursing here, but the tree walkers after recurse once per level: bound it too.
    int chain = 0;
    while (true) {
        const Rule& next = rule(m_tokens.peek().kind);
        if (!next.infix || next.precedence < precedence || m_tokens.startsNewElement())
            return expr;
        if (++chain > kMaxChain)
            throw Error("expression too long: more than " + std::to_string(kMaxChain) +
                            " operators in a row (split it over several statements)",
                        m_tokens.peek().pos);
        expr = (this->*next.infix)(std::move(expr));
    }
}

// ---- Expression helpers --------------------------------------------------------------------

const Token& ExpressionParser::expectClosing(TokenKind closer, const Token& opener) {
    if (!m_tokens.check(closer)) {
        const std::string_view text = closer == TokenKind::RParen     ? ")"
                                      : closer == TokenKind::RBracket ? "]"
                                                                      : "}";
        throw notClosed(text, opener, m_tokens.peek());
    }
    return m_tokens.advance();
}

std::string ExpressionParser::expectName(const std::string& what) {
    const Token& token = m_tokens.peek();
    if (token.kind != TokenKind::Identifier)
        throw Error("expected " + what + ", found " + token.describe(), token.pos);
    return std::string(m_tokens.advance().text);
}

bool ExpressionParser::canStartExpression(const Token& token) const {
    return rule(token.kind).prefix != nullptr;
}

// One argument of f(…) or L{…}: a bare `:`, `name=value` (calls only), or an expression.
ast::Argument ExpressionParser::parseArgument(TokenKind closer, bool allowKeyword) {
    const Token& first = m_tokens.peek();
    const TokenKind after = m_tokens.peek(1).kind;
    ast::Argument arg;
    arg.pos = first.pos;
    if (allowKeyword && first.kind == TokenKind::Identifier && after == TokenKind::Assign) {
        arg.keyword = std::string(first.text);
        m_tokens.advance();
        m_tokens.advance();
        arg.value = parseExpression();
    } else if (first.kind == TokenKind::Colon && (after == TokenKind::Comma || after == closer)) {
        m_tokens.advance();
        arg.value = std::make_unique<ast::ColonExpr>(first.pos);
    } else {
        arg.value = parseExpression();
    }
    return arg;
}

// The rows of […] or {…}: elements split by `,` or blanks, rows by `;` or newlines. Empty
// rows are dropped, so `[1 2;]` and a bracket opened on its own line are fine.
std::vector<std::vector<ast::ExprPtr>> ExpressionParser::parseRows(const Token& opener,
                                                                   TokenKind closer) {
    m_tokens.push(Group::Bracket);
    std::vector<std::vector<ast::ExprPtr>> rows;
    std::vector<ast::ExprPtr> row;
    bool afterComma = false;
    while (true) {
        const Token& token = m_tokens.peek();
        if (token.kind == closer)
            break;
        if (token.kind == TokenKind::Semicolon || token.kind == TokenKind::Newline) {
            if (!row.empty())
                rows.push_back(std::move(row));
            row.clear();
            afterComma = false;
            m_tokens.advance();
        } else if (token.kind == TokenKind::Comma) {
            if (row.empty() || afterComma)
                throw unexpected(token);
            afterComma = true;
            m_tokens.advance();
        } else {
            // A new element needs a separator: a comma, a blank, or the start of the row.
            if ((!row.empty() && !afterComma && !token.spaceBefore) || !canStartExpression(token))
                expectClosing(closer, opener);
            row.push_back(parseExpression());
            afterComma = false;
        }
    }
    if (!row.empty())
        rows.push_back(std::move(row));
    m_tokens.pop();
    m_tokens.advance();
    return rows;
}

// ---- Prefix rules --------------------------------------------------------------------------

ast::ExprPtr ExpressionParser::number(Prec) {
    const Token& token = m_tokens.advance();
    return std::make_unique<ast::NumberExpr>(token.pos, token.number, token.imaginary);
}

ast::ExprPtr ExpressionParser::string(Prec) {
    const Token& token = m_tokens.advance();
    return std::make_unique<ast::StringExpr>(token.pos, token.value);
}

ast::ExprPtr ExpressionParser::boolean(Prec) {
    const Token& token = m_tokens.advance();
    // `true(2)` and `false(m, n)` call the builtins of those names, as in MATLAB.
    if (m_tokens.check(TokenKind::LParen) && !m_tokens.peek().spaceBefore)
        return std::make_unique<ast::IdentExpr>(token.pos, std::string(token.text));
    return std::make_unique<ast::BoolExpr>(token.pos, token.kind == TokenKind::True);
}

ast::ExprPtr ExpressionParser::identifier(Prec) {
    const Token& token = m_tokens.advance();
    return std::make_unique<ast::IdentExpr>(token.pos, std::string(token.text));
}

// `end` is an expression only inside an index, A(end); elsewhere it closes a block, and
// reaching it here means an expression is missing.
ast::ExprPtr ExpressionParser::endInIndex(Prec) {
    const Token& token = m_tokens.peek();
    if (m_indexDepth == 0 || token.text != "end")
        throw unexpected(token);
    m_tokens.advance();
    return std::make_unique<ast::EndExpr>(token.pos);
}

// -x, +x, !x, ~x. The operand binds at least as tightly as unary operators, and as tightly as
// the context requires: in 2^-x^2 the exponent is only -x, as in MATLAB.
ast::ExprPtr ExpressionParser::unary(Prec precedence) {
    const Token& op = m_tokens.advance();
    const ast::UnaryOp kind = op.kind == TokenKind::Minus  ? ast::UnaryOp::Neg
                              : op.kind == TokenKind::Plus ? ast::UnaryOp::Plus
                                                           : ast::UnaryOp::Not;
    ast::ExprPtr operand = parsePrecedence(std::max(precedence, Prec::Unary));
    return std::make_unique<ast::UnaryExpr>(op.pos, kind, std::move(operand));
}

ast::ExprPtr ExpressionParser::grouping(Prec) {
    const Token& opener = m_tokens.advance();
    m_tokens.push(Group::Paren);
    ast::ExprPtr inner = parseExpression();
    expectClosing(TokenKind::RParen, opener);
    m_tokens.pop();
    return inner;
}

ast::ExprPtr ExpressionParser::matrix(Prec) {
    const Token& opener = m_tokens.advance();
    auto expr = std::make_unique<ast::MatrixExpr>(opener.pos);
    expr->rows = parseRows(opener, TokenKind::RBracket);
    return expr;
}

ast::ExprPtr ExpressionParser::list(Prec) {
    const Token& opener = m_tokens.advance();
    auto expr = std::make_unique<ast::ListExpr>(opener.pos);
    for (auto& row : parseRows(opener, TokenKind::RBrace)) {
        for (auto& item : row)
            expr->items.push_back(std::move(item));
    }
    return expr;
}

// @(x, y) body, whose body extends as far as an expression can; or a handle @name.
ast::ExprPtr ExpressionParser::function(Prec) {
    const Token& at = m_tokens.advance();
    if (m_tokens.check(TokenKind::Identifier)) {
        return std::make_unique<ast::FuncHandleExpr>(at.pos, std::string(m_tokens.advance().text));
    }
    if (!m_tokens.check(TokenKind::LParen)) {
        throw Error(
            "expected '(' or a function name after '@', found " + m_tokens.peek().describe(),
            m_tokens.peek().pos);
    }
    auto fn = std::make_unique<ast::AnonFnExpr>(at.pos);
    const Token& paren = m_tokens.advance();
    m_tokens.push(Group::Paren);
    if (!m_tokens.check(TokenKind::RParen)) {
        do {
            const Token& token = m_tokens.peek();
            std::string name = expectName("a parameter name");
            if (std::find(fn->params.begin(), fn->params.end(), name) != fn->params.end())
                throw Error("duplicate parameter '" + name + "'", token.pos);
            fn->params.push_back(std::move(name));
        } while (m_tokens.match(TokenKind::Comma));
    }
    expectClosing(TokenKind::RParen, paren);
    m_tokens.pop();
    fn->body = parseExpression();
    fn->source = std::string(m_source.substr(at.offset, m_tokens.previousEnd() - at.offset));
    fn->freeNames = NameAnalysis::freeNames(*fn);
    return fn;
}

// ---- Infix rules ---------------------------------------------------------------------------

ast::ExprPtr ExpressionParser::binary(ast::ExprPtr lhs) {
    const Token& op = m_tokens.advance();
    const Prec precedence = rule(op.kind).precedence;
    // Left-associative: the right operand binds one level tighter. For ^ and .^ that level
    // is Call, so a^b' is (a^b)' and 2^-1 still works through the unary rule.
    const Prec rhsPrecedence = static_cast<Prec>(static_cast<int>(precedence) + 1);
    ast::ExprPtr rhs = parsePrecedence(rhsPrecedence);
    const ast::BinaryOp kind = binaryOp(op.kind);
    return std::make_unique<ast::BinaryExpr>(op.pos, kind, std::move(lhs), std::move(rhs));
}

// a:b and a:s:b. A third colon starts a new range over the first, (a:s:b):c, as in MATLAB.
ast::ExprPtr ExpressionParser::range(ast::ExprPtr start) {
    const Token& colon = m_tokens.advance();
    ast::ExprPtr second = parsePrecedence(Prec::Term);
    ast::ExprPtr step;
    if (m_tokens.check(TokenKind::Colon) && !m_tokens.startsNewElement()) {
        m_tokens.advance();
        step = std::move(second);
        second = parsePrecedence(Prec::Term);
    }
    return std::make_unique<ast::RangeExpr>(colon.pos, std::move(start), std::move(step),
                                            std::move(second));
}

ast::ExprPtr ExpressionParser::postfix(ast::ExprPtr operand) {
    const Token& op = m_tokens.advance();
    const ast::PostfixOp kind =
        op.kind == TokenKind::Quote ? ast::PostfixOp::Transpose : ast::PostfixOp::DotTranspose;
    return std::make_unique<ast::PostfixExpr>(op.pos, kind, std::move(operand));
}

ast::ExprPtr ExpressionParser::call(ast::ExprPtr callee) {
    const Token& opener = m_tokens.advance();
    auto expr = std::make_unique<ast::CallExpr>(opener.pos, std::move(callee));
    m_tokens.push(Group::Paren);
    ++m_indexDepth;
    if (!m_tokens.check(TokenKind::RParen)) {
        do {
            expr->args.push_back(parseArgument(TokenKind::RParen, true));
        } while (m_tokens.match(TokenKind::Comma));
    }
    expectClosing(TokenKind::RParen, opener);
    --m_indexDepth;
    m_tokens.pop();
    return expr;
}

ast::ExprPtr ExpressionParser::braceIndex(ast::ExprPtr object) {
    const Token& opener = m_tokens.advance();
    auto expr = std::make_unique<ast::BraceIndexExpr>(opener.pos, std::move(object));
    m_tokens.push(Group::Paren);
    ++m_indexDepth;
    if (!m_tokens.check(TokenKind::RBrace)) {
        do {
            expr->indices.push_back(parseArgument(TokenKind::RBrace, false).value);
        } while (m_tokens.match(TokenKind::Comma));
    }
    expectClosing(TokenKind::RBrace, opener);
    --m_indexDepth;
    m_tokens.pop();
    return expr;
}

// s.name; keywords are fine as field names (s.end, opts.for).
ast::ExprPtr ExpressionParser::field(ast::ExprPtr object) {
    const Token& dot = m_tokens.advance();
    const Token& name = m_tokens.peek();
    if (!isWord(name.kind))
        throw Error("expected a field name after '.', found " + name.describe(), name.pos);
    m_tokens.advance();
    return std::make_unique<ast::FieldExpr>(dot.pos, std::move(object), std::string(name.text));
}

}  // namespace lemma::lang
