// The parser of the cell language: a Pratt parser for expressions, recursive descent for
// statements.
//
// Expressions follow Wren's design: one table row per token kind gives the rule that parses
// the token at the start of an expression (prefix), the rule that parses it after a complete
// operand (infix), and the infix precedence; parsePrecedence() is the loop that uses it.
// What MATLAB adds is context: whether blanks separate matrix elements and whether newlines
// end anything depends on the innermost bracket (TokenCursor keeps that), and `end` and a
// bare `:` are expressions only inside an index.
#include "engine/lang/Parser.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "engine/lang/Lexer.h"
#include "engine/lang/NameAnalysis.h"
#include "engine/lang/TokenCursor.h"

namespace lemma::lang {

namespace {

using Group = TokenCursor::Group;

std::string positionText(SourcePos pos) {
    return std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

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

// The error for a token that cannot come where it is.
Error unexpected(const Token& token) {
    if (token.kind == TokenKind::Assign)
        return Error("unexpected '=' (use '==' to compare)", token.pos);
    return Error("unexpected " + token.describe(), token.pos);
}

// Parses one cell.
//
// Responsibilities: statements and blocks, expressions through the Pratt table, matrix and
// list literals, assignment targets, and the checks that need context (`break` outside a
// loop, functions inside blocks). Names are left to NameAnalysis.
class Parser {
public:
    Parser(std::string_view source, std::vector<Token> tokens)
        : m_source(source), m_tokens(std::move(tokens)) {}

    std::shared_ptr<ast::Program> parseProgram();

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
        Factor,      // * / \ .* ./ .\   (backslashes: left division)
        Unary,       // - + ! ~ (prefix; the level of their operand)
        Power,       // ^ .^ ' .'   (left to right among themselves: a^b' is (a^b)')
        Call,        // f(…) L{…} s.name
    };
    using PrefixRule = ast::ExprPtr (Parser::*)(Prec);
    using InfixRule = ast::ExprPtr (Parser::*)(ast::ExprPtr);
    struct Rule {
        PrefixRule prefix = nullptr;
        InfixRule infix = nullptr;
        Prec precedence = Prec::None;
    };
    static const Rule& rule(TokenKind kind);

    // Statements
    ast::Block parseBlock();
    ast::Block parseNestedBlock();
    ast::StmtPtr parseStatement();
    ast::StmtPtr parseSimpleStatement();
    ast::StmtPtr parseAssignment();
    ast::StmtPtr parseIf();
    ast::StmtPtr parseFor();
    ast::StmtPtr parseWhile();
    ast::StmtPtr parseFunction();
    ast::StmtPtr parseJump();
    ast::ExprPtr parseCondition();
    void finishStatement(bool* print);
    void expectEnd(const Token& opener);
    std::vector<ast::LValue> parseTargetList();
    ast::LValue toLValue(ast::ExprPtr expr, SourcePos start);
    void buildLValue(ast::Expr& expr, ast::LValue& target, SourcePos start);

    // Expressions
    ast::ExprPtr parseExpression() { return parsePrecedence(Prec::OrOr); }
    ast::ExprPtr parsePrecedence(Prec precedence);
    ast::Argument parseArgument(TokenKind closer, bool allowKeyword);
    std::vector<std::vector<ast::ExprPtr>> parseRows(const Token& opener, TokenKind closer);
    const Token& expectClosing(TokenKind closer, const Token& opener);
    std::string expectName(const std::string& what);
    bool canStartExpression(const Token& token) const;

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

    std::string_view m_source;
    TokenCursor m_tokens;
    int m_indexDepth = 0;  // inside f(…) or L{…}, where `end` and a bare `:` mean something
    int m_loopDepth = 0;
    int m_blockDepth = 0;  // inside if/for/while/function bodies
};

const Parser::Rule& Parser::rule(TokenKind kind) {
    using P = Parser;
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
ast::ExprPtr Parser::parsePrecedence(Prec precedence) {
    const Token& first = m_tokens.peek();
    const PrefixRule prefix = rule(first.kind).prefix;
    if (!prefix)
        throw Error("expected an expression, found " + first.describe(), first.pos);
    ast::ExprPtr expr = (this->*prefix)(precedence);
    while (true) {
        const Rule& next = rule(m_tokens.peek().kind);
        if (!next.infix || next.precedence < precedence || m_tokens.startsNewElement())
            return expr;
        expr = (this->*next.infix)(std::move(expr));
    }
}

// ---- Statements ----------------------------------------------------------------------------

std::shared_ptr<ast::Program> Parser::parseProgram() {
    auto program = std::make_shared<ast::Program>();
    program->body = parseBlock();
    if (!m_tokens.check(TokenKind::Eof))
        throw unexpected(m_tokens.peek());
    NameAnalysis::analyze(*program);
    return program;
}

// Statements up to the end of the input or a keyword that closes or continues a block.
ast::Block Parser::parseBlock() {
    ast::Block block;
    while (true) {
        while (m_tokens.match(TokenKind::Newline) || m_tokens.match(TokenKind::Semicolon) ||
               m_tokens.match(TokenKind::Comma)) {
        }
        switch (m_tokens.peek().kind) {
            case TokenKind::Eof:
            case TokenKind::End:
            case TokenKind::Else:
            case TokenKind::Elseif:
                return block;
            default:
                block.push_back(parseStatement());
        }
    }
}

ast::Block Parser::parseNestedBlock() {
    ++m_blockDepth;
    ast::Block block = parseBlock();
    --m_blockDepth;
    return block;
}

ast::StmtPtr Parser::parseStatement() {
    switch (m_tokens.peek().kind) {
        case TokenKind::If:
            return parseIf();
        case TokenKind::For:
            return parseFor();
        case TokenKind::While:
            return parseWhile();
        case TokenKind::Function:
            return parseFunction();
        case TokenKind::Break:
        case TokenKind::Continue:
        case TokenKind::Return:
            return parseJump();
        default:
            return parseSimpleStatement();
    }
}

ast::StmtPtr Parser::parseSimpleStatement() {
    if (m_tokens.statementHasAssignment())
        return parseAssignment();
    const SourcePos pos = m_tokens.peek().pos;
    auto stmt = std::make_unique<ast::ExprStmt>(pos, parseExpression());
    finishStatement(&stmt->print);
    return stmt;
}

// A statement ends at a newline, `;` (which silences it), `,`, the end of the input, or a
// keyword that ends its block, as in `if c, x = 1 end`.
void Parser::finishStatement(bool* print) {
    const Token& token = m_tokens.peek();
    switch (token.kind) {
        case TokenKind::Semicolon:
            m_tokens.advance();
            if (print)
                *print = false;
            return;
        case TokenKind::Comma:
        case TokenKind::Newline:
            m_tokens.advance();
            return;
        case TokenKind::Eof:
        case TokenKind::End:
        case TokenKind::Else:
        case TokenKind::Elseif:
            return;
        default:
            throw unexpected(token);
    }
}

ast::StmtPtr Parser::parseAssignment() {
    const Token& first = m_tokens.peek();
    const SourcePos start = first.pos;
    std::vector<ast::LValue> targets;
    if (first.kind == TokenKind::LBracket) {
        targets = parseTargetList();
        if (!m_tokens.check(TokenKind::Assign))
            throw Error("invalid assignment target", start);
    } else {
        ast::ExprPtr lhs = parseExpression();
        if (!m_tokens.check(TokenKind::Assign))
            throw unexpected(m_tokens.peek());
        targets.push_back(toLValue(std::move(lhs), start));
    }
    const Token& equals = m_tokens.advance();
    auto stmt = std::make_unique<ast::AssignStmt>(equals.pos);
    stmt->targets = std::move(targets);
    stmt->value = parseExpression();
    finishStatement(&stmt->print);
    return stmt;
}

// [a, b], [a b], [~, i], [s.x, L{2}] before a `=`.
std::vector<ast::LValue> Parser::parseTargetList() {
    const Token& opener = m_tokens.advance();
    m_tokens.push(Group::Bracket);
    std::vector<ast::LValue> targets;
    while (!m_tokens.check(TokenKind::RBracket)) {
        if (!targets.empty() && !m_tokens.match(TokenKind::Comma) && !m_tokens.peek().spaceBefore) {
            expectClosing(TokenKind::RBracket, opener);
        }
        const Token& token = m_tokens.peek();
        const TokenKind after = m_tokens.peek(1).kind;
        if (token.kind == TokenKind::Not &&
            (after == TokenKind::Comma || after == TokenKind::RBracket ||
             m_tokens.peek(1).spaceBefore)) {
            m_tokens.advance();
            ast::LValue ignored;
            ignored.ignore = true;
            ignored.pos = token.pos;
            targets.push_back(std::move(ignored));
            continue;
        }
        if (!canStartExpression(token))
            throw Error("expected an assignment target, found " + token.describe(), token.pos);
        const SourcePos start = token.pos;
        targets.push_back(toLValue(parseExpression(), start));
    }
    m_tokens.advance();
    m_tokens.pop();
    if (targets.empty())
        throw Error("invalid assignment target", opener.pos);
    return targets;
}

ast::LValue Parser::toLValue(ast::ExprPtr expr, SourcePos start) {
    ast::LValue target;
    target.pos = start;
    buildLValue(*expr, target, start);
    return target;
}

// x, x(i, j), x{i}, x.name and chains of them; anything else cannot be assigned to.
void Parser::buildLValue(ast::Expr& expr, ast::LValue& target, SourcePos start) {
    switch (expr.kind) {
        case ast::ExprKind::Ident:
            target.name = static_cast<ast::IdentExpr&>(expr).name;
            return;
        case ast::ExprKind::Call: {
            auto& call = static_cast<ast::CallExpr&>(expr);
            buildLValue(*call.callee, target, start);
            for (const auto& arg : call.args) {
                if (!arg.keyword.empty()) {
                    throw Error("keyword argument '" + arg.keyword +
                                    "' cannot appear in an assignment target",
                                arg.pos);
                }
            }
            target.path.push_back(
                ast::Accessor{ast::Accessor::Kind::Paren, std::move(call.args), {}, call.pos});
            return;
        }
        case ast::ExprKind::BraceIndex: {
            auto& index = static_cast<ast::BraceIndexExpr&>(expr);
            buildLValue(*index.object, target, start);
            ast::Accessor accessor{ast::Accessor::Kind::Brace, {}, {}, index.pos};
            for (auto& item : index.indices) {
                const SourcePos pos = item->pos;
                accessor.args.push_back(ast::Argument{{}, std::move(item), pos});
            }
            target.path.push_back(std::move(accessor));
            return;
        }
        case ast::ExprKind::Field: {
            auto& field = static_cast<ast::FieldExpr&>(expr);
            buildLValue(*field.object, target, start);
            target.path.push_back(
                ast::Accessor{ast::Accessor::Kind::Field, {}, field.field, field.pos});
            return;
        }
        default:
            throw Error("invalid assignment target", start);
    }
}

ast::ExprPtr Parser::parseCondition() {
    ast::ExprPtr condition = parseExpression();
    if (m_tokens.check(TokenKind::Assign))
        throw unexpected(m_tokens.peek());
    return condition;
}

void Parser::expectEnd(const Token& opener) {
    const Token& token = m_tokens.peek();
    if (token.kind != TokenKind::End) {
        throw Error("expected 'end' to close '" + std::string(opener.text) + "' at " +
                        positionText(opener.pos) + ", found " + token.describe(),
                    token.pos);
    }
    m_tokens.advance();
}

ast::StmtPtr Parser::parseIf() {
    const Token& opener = m_tokens.advance();
    auto stmt = std::make_unique<ast::IfStmt>(opener.pos);
    while (true) {
        ast::IfStmt::Branch branch;
        branch.condition = parseCondition();
        branch.body = parseNestedBlock();
        stmt->branches.push_back(std::move(branch));
        if (!m_tokens.match(TokenKind::Elseif))
            break;
    }
    if (m_tokens.match(TokenKind::Else))
        stmt->elseBody = parseNestedBlock();
    expectEnd(opener);
    return stmt;
}

// for i = 1:10 … end, also for (i = 1:10) … end
ast::StmtPtr Parser::parseFor() {
    const Token& opener = m_tokens.advance();
    auto stmt = std::make_unique<ast::ForStmt>(opener.pos);
    const bool parenthesized = m_tokens.check(TokenKind::LParen);
    const Token& paren = m_tokens.peek();
    if (parenthesized) {
        m_tokens.advance();
        m_tokens.push(Group::Paren);
    }
    stmt->var = expectName("a loop variable after 'for'");
    if (!m_tokens.match(TokenKind::Assign)) {
        throw Error("expected '=' after the loop variable, found " + m_tokens.peek().describe(),
                    m_tokens.peek().pos);
    }
    stmt->range = parseExpression();
    if (parenthesized) {
        expectClosing(TokenKind::RParen, paren);
        m_tokens.pop();
    }
    ++m_loopDepth;
    stmt->body = parseNestedBlock();
    --m_loopDepth;
    expectEnd(opener);
    return stmt;
}

ast::StmtPtr Parser::parseWhile() {
    const Token& opener = m_tokens.advance();
    auto stmt = std::make_unique<ast::WhileStmt>(opener.pos);
    stmt->condition = parseCondition();
    ++m_loopDepth;
    stmt->body = parseNestedBlock();
    --m_loopDepth;
    expectEnd(opener);
    return stmt;
}

// function [a, b] = name(x, y) … end, function y = name(x) … end, function name(x) … end
ast::StmtPtr Parser::parseFunction() {
    const Token& opener = m_tokens.advance();
    if (m_blockDepth > 0)
        throw Error("functions can only be defined at the top level of a cell", opener.pos);
    auto stmt = std::make_unique<ast::FunctionStmt>(opener.pos);
    if (m_tokens.check(TokenKind::LBracket)) {
        const Token& bracket = m_tokens.advance();
        m_tokens.push(Group::Bracket);
        while (!m_tokens.check(TokenKind::RBracket)) {
            if (!stmt->outputs.empty() && !m_tokens.match(TokenKind::Comma) &&
                !m_tokens.peek().spaceBefore) {
                expectClosing(TokenKind::RBracket, bracket);
            }
            if (!m_tokens.check(TokenKind::Identifier))
                expectClosing(TokenKind::RBracket, bracket);
            stmt->outputs.push_back(expectName("an output name"));
        }
        m_tokens.advance();
        m_tokens.pop();
        if (!m_tokens.match(TokenKind::Assign)) {
            throw Error(
                "expected '=' after the outputs of 'function', found " + m_tokens.peek().describe(),
                m_tokens.peek().pos);
        }
    } else if (m_tokens.check(TokenKind::Identifier) &&
               m_tokens.peek(1).kind == TokenKind::Assign) {
        stmt->outputs.push_back(std::string(m_tokens.advance().text));
        m_tokens.advance();
    }
    stmt->name = expectName("a function name");
    if (m_tokens.check(TokenKind::LParen)) {
        const Token& paren = m_tokens.advance();
        m_tokens.push(Group::Paren);
        if (!m_tokens.check(TokenKind::RParen)) {
            do {
                stmt->params.push_back(expectName("a parameter name"));
            } while (m_tokens.match(TokenKind::Comma));
        }
        expectClosing(TokenKind::RParen, paren);
        m_tokens.pop();
    }
    const int loopDepth = std::exchange(m_loopDepth, 0);
    stmt->body = parseNestedBlock();
    m_loopDepth = loopDepth;
    expectEnd(opener);
    return stmt;
}

// break, continue, return
ast::StmtPtr Parser::parseJump() {
    const Token& token = m_tokens.advance();
    ast::StmtPtr stmt;
    if (token.kind == TokenKind::Return) {
        stmt = std::make_unique<ast::ReturnStmt>(token.pos);
    } else {
        if (m_loopDepth == 0)
            throw Error("'" + std::string(token.text) + "' outside of a loop", token.pos);
        if (token.kind == TokenKind::Break)
            stmt = std::make_unique<ast::BreakStmt>(token.pos);
        else
            stmt = std::make_unique<ast::ContinueStmt>(token.pos);
    }
    finishStatement(nullptr);
    return stmt;
}

// ---- Expression helpers --------------------------------------------------------------------

const Token& Parser::expectClosing(TokenKind closer, const Token& opener) {
    const Token& token = m_tokens.peek();
    if (token.kind != closer) {
        const char* closerText = closer == TokenKind::RParen     ? ")"
                                 : closer == TokenKind::RBracket ? "]"
                                                                 : "}";
        throw Error("expected '" + std::string(closerText) + "' to close '" +
                        std::string(opener.text) + "' at " + positionText(opener.pos) + ", found " +
                        token.describe(),
                    token.pos);
    }
    return m_tokens.advance();
}

std::string Parser::expectName(const std::string& what) {
    const Token& token = m_tokens.peek();
    if (token.kind != TokenKind::Identifier)
        throw Error("expected " + what + ", found " + token.describe(), token.pos);
    return std::string(m_tokens.advance().text);
}

bool Parser::canStartExpression(const Token& token) const {
    return rule(token.kind).prefix != nullptr;
}

// One argument of f(…) or L{…}: a bare `:`, `name=value` (calls only), or an expression.
ast::Argument Parser::parseArgument(TokenKind closer, bool allowKeyword) {
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
std::vector<std::vector<ast::ExprPtr>> Parser::parseRows(const Token& opener, TokenKind closer) {
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

ast::ExprPtr Parser::number(Prec) {
    const Token& token = m_tokens.advance();
    return std::make_unique<ast::NumberExpr>(token.pos, token.number, token.imaginary);
}

ast::ExprPtr Parser::string(Prec) {
    const Token& token = m_tokens.advance();
    return std::make_unique<ast::StringExpr>(token.pos, token.value);
}

ast::ExprPtr Parser::boolean(Prec) {
    const Token& token = m_tokens.advance();
    return std::make_unique<ast::BoolExpr>(token.pos, token.kind == TokenKind::True);
}

ast::ExprPtr Parser::identifier(Prec) {
    const Token& token = m_tokens.advance();
    return std::make_unique<ast::IdentExpr>(token.pos, std::string(token.text));
}

// `end` is an expression only inside an index, A(end); elsewhere it closes a block, and
// reaching it here means an expression is missing.
ast::ExprPtr Parser::endInIndex(Prec) {
    const Token& token = m_tokens.peek();
    if (m_indexDepth == 0 || token.text != "end")
        throw unexpected(token);
    m_tokens.advance();
    return std::make_unique<ast::EndExpr>(token.pos);
}

// -x, +x, !x, ~x. The operand binds at least as tightly as unary operators, and as tightly as
// the context requires: in 2^-x^2 the exponent is only -x, as in MATLAB.
ast::ExprPtr Parser::unary(Prec precedence) {
    const Token& op = m_tokens.advance();
    const ast::UnaryOp kind = op.kind == TokenKind::Minus  ? ast::UnaryOp::Neg
                              : op.kind == TokenKind::Plus ? ast::UnaryOp::Plus
                                                           : ast::UnaryOp::Not;
    ast::ExprPtr operand = parsePrecedence(std::max(precedence, Prec::Unary));
    return std::make_unique<ast::UnaryExpr>(op.pos, kind, std::move(operand));
}

ast::ExprPtr Parser::grouping(Prec) {
    const Token& opener = m_tokens.advance();
    m_tokens.push(Group::Paren);
    ast::ExprPtr inner = parseExpression();
    expectClosing(TokenKind::RParen, opener);
    m_tokens.pop();
    return inner;
}

ast::ExprPtr Parser::matrix(Prec) {
    const Token& opener = m_tokens.advance();
    auto expr = std::make_unique<ast::MatrixExpr>(opener.pos);
    expr->rows = parseRows(opener, TokenKind::RBracket);
    return expr;
}

ast::ExprPtr Parser::list(Prec) {
    const Token& opener = m_tokens.advance();
    auto expr = std::make_unique<ast::ListExpr>(opener.pos);
    for (auto& row : parseRows(opener, TokenKind::RBrace)) {
        for (auto& item : row)
            expr->items.push_back(std::move(item));
    }
    return expr;
}

// @(x, y) body, whose body extends as far as an expression can; or a handle @name.
ast::ExprPtr Parser::function(Prec) {
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

ast::ExprPtr Parser::binary(ast::ExprPtr lhs) {
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
ast::ExprPtr Parser::range(ast::ExprPtr start) {
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

ast::ExprPtr Parser::postfix(ast::ExprPtr operand) {
    const Token& op = m_tokens.advance();
    const ast::PostfixOp kind =
        op.kind == TokenKind::Quote ? ast::PostfixOp::Transpose : ast::PostfixOp::DotTranspose;
    return std::make_unique<ast::PostfixExpr>(op.pos, kind, std::move(operand));
}

ast::ExprPtr Parser::call(ast::ExprPtr callee) {
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

ast::ExprPtr Parser::braceIndex(ast::ExprPtr object) {
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
ast::ExprPtr Parser::field(ast::ExprPtr object) {
    const Token& dot = m_tokens.advance();
    const Token& name = m_tokens.peek();
    if (!isWord(name.kind))
        throw Error("expected a field name after '.', found " + name.describe(), name.pos);
    m_tokens.advance();
    return std::make_unique<ast::FieldExpr>(dot.pos, std::move(object), std::string(name.text));
}

}  // namespace

std::shared_ptr<const ast::Program> parseProgram(std::string_view source) {
    Parser parser(source, Lexer(source).tokenize());
    return parser.parseProgram();
}

}  // namespace lemma::lang
