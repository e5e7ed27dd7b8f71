// The parser of the cell language: recursive descent for statements on top of the Pratt
// parser for expressions (ExpressionParser), then the name analysis.
#include "engine/lang/Parser.h"

#include <cctype>
#include <string>
#include <utility>

#include "engine/lang/ExpressionParser.h"
#include "engine/lang/Lexer.h"
#include "engine/lang/NameAnalysis.h"
#include "engine/lang/Slots.h"
#include "engine/lang/TokenCursor.h"

namespace lemma::lang {

namespace {

using Group = TokenCursor::Group;

Error unexpected(const Token& token) {
    return ExpressionParser::unexpected(token);
}

// Parses one cell's statements; expressions go to an ExpressionParser on the same tokens.
//
// Responsibilities: blocks and statement separators, assignment versus expression
// statements, assignment targets, if/for/while/function, and the checks that need context
// (`break` outside a loop, a function inside a block). Names are left to NameAnalysis.
class Parser {
public:
    Parser(std::string_view source, std::vector<Token> tokens)
        : m_tokens(std::move(tokens)), m_expressions(source, m_tokens) {}

    std::shared_ptr<ast::Program> parseProgram();

private:
    ast::Block parseBlock();
    ast::Block parseNestedBlock(const Token& opener);
    ast::StmtPtr parseStatement();
    ast::StmtPtr parseSimpleStatement();
    ast::ExprPtr parseCommand();
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

    TokenCursor m_tokens;
    ExpressionParser m_expressions;
    int m_loopDepth = 0;
    int m_blockDepth = 0;  // inside if/for/while/function bodies
    // A bound on block nesting keeps a pathological cell from overflowing the stack.
    static constexpr int kMaxBlockDepth = 128;
};

// ---- Statements ----------------------------------------------------------------------------

std::shared_ptr<ast::Program> Parser::parseProgram() {
    auto program = std::make_shared<ast::Program>();
    program->body = parseBlock();
    if (!m_tokens.check(TokenKind::Eof))
        throw unexpected(m_tokens.peek());
    NameAnalysis::analyze(*program);
    assignSlots(*program);
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

ast::Block Parser::parseNestedBlock(const Token& opener) {
    if (m_blockDepth >= kMaxBlockDepth)
        throw Error("blocks nested too deeply", opener.pos);
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
    auto stmt = std::make_unique<ast::ExprStmt>(pos, parseCommand());
    if (!stmt->expr)
        stmt->expr = m_expressions.parseExpression();
    finishStatement(&stmt->print);
    return stmt;
}

// MATLAB's command syntax, for `help`, `format` and `nancheck` only: `help softmax` is
// help("softmax"), `format long` is format("long"), `nancheck off` is nancheck("off"). Any word
// may follow, keywords included (`help for`). Null when the statement is something else.
ast::ExprPtr Parser::parseCommand() {
    const Token& command = m_tokens.peek();
    const Token& word = m_tokens.peek(1);
    const TokenKind after = m_tokens.peek(2).kind;
    const bool isWord =
        !word.text.empty() &&
        (std::isalpha(static_cast<unsigned char>(word.text[0])) || word.text[0] == '_');
    const bool isCommand =
        command.text == "help" || command.text == "format" || command.text == "nancheck";
    if (command.kind != TokenKind::Identifier || !isCommand || !word.spaceBefore || !isWord ||
        word.kind == TokenKind::String ||
        (after != TokenKind::Newline && after != TokenKind::Semicolon &&
         after != TokenKind::Comma && after != TokenKind::Eof))
        return nullptr;
    m_tokens.advance();
    m_tokens.advance();
    auto call = std::make_unique<ast::CallExpr>(
        command.pos, std::make_unique<ast::IdentExpr>(command.pos, std::string(command.text)));
    call->args.push_back(ast::Argument{
        {}, std::make_unique<ast::StringExpr>(word.pos, std::string(word.text)), word.pos});
    return call;
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
        ast::ExprPtr lhs = m_expressions.parseExpression();
        if (!m_tokens.check(TokenKind::Assign))
            throw unexpected(m_tokens.peek());
        targets.push_back(toLValue(std::move(lhs), start));
    }
    const Token& equals = m_tokens.advance();
    auto stmt = std::make_unique<ast::AssignStmt>(equals.pos);
    stmt->targets = std::move(targets);
    stmt->value = m_expressions.parseExpression();
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
            m_expressions.expectClosing(TokenKind::RBracket, opener);
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
        if (!m_expressions.canStartExpression(token))
            throw Error("expected an assignment target, found " + token.describe(), token.pos);
        const SourcePos start = token.pos;
        targets.push_back(toLValue(m_expressions.parseExpression(), start));
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
    ast::ExprPtr condition = m_expressions.parseExpression();
    if (m_tokens.check(TokenKind::Assign))
        throw unexpected(m_tokens.peek());
    return condition;
}

void Parser::expectEnd(const Token& opener) {
    if (!m_tokens.check(TokenKind::End))
        throw ExpressionParser::notClosed("end", opener, m_tokens.peek());
    m_tokens.advance();
}

ast::StmtPtr Parser::parseIf() {
    const Token& opener = m_tokens.advance();
    auto stmt = std::make_unique<ast::IfStmt>(opener.pos);
    while (true) {
        ast::IfStmt::Branch branch;
        branch.condition = parseCondition();
        branch.body = parseNestedBlock(opener);
        stmt->branches.push_back(std::move(branch));
        if (!m_tokens.match(TokenKind::Elseif))
            break;
    }
    if (m_tokens.match(TokenKind::Else))
        stmt->elseBody = parseNestedBlock(opener);
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
    stmt->var = m_expressions.expectName("a loop variable after 'for'");
    if (!m_tokens.match(TokenKind::Assign)) {
        throw Error("expected '=' after the loop variable, found " + m_tokens.peek().describe(),
                    m_tokens.peek().pos);
    }
    stmt->range = m_expressions.parseExpression();
    if (parenthesized) {
        m_expressions.expectClosing(TokenKind::RParen, paren);
        m_tokens.pop();
    }
    ++m_loopDepth;
    stmt->body = parseNestedBlock(opener);
    --m_loopDepth;
    expectEnd(opener);
    return stmt;
}

ast::StmtPtr Parser::parseWhile() {
    const Token& opener = m_tokens.advance();
    auto stmt = std::make_unique<ast::WhileStmt>(opener.pos);
    stmt->condition = parseCondition();
    ++m_loopDepth;
    stmt->body = parseNestedBlock(opener);
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
                m_expressions.expectClosing(TokenKind::RBracket, bracket);
            }
            if (!m_tokens.check(TokenKind::Identifier))
                m_expressions.expectClosing(TokenKind::RBracket, bracket);
            stmt->outputs.push_back(m_expressions.expectName("an output name"));
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
    stmt->name = m_expressions.expectName("a function name");
    if (m_tokens.check(TokenKind::LParen)) {
        const Token& paren = m_tokens.advance();
        m_tokens.push(Group::Paren);
        if (!m_tokens.check(TokenKind::RParen)) {
            do {
                stmt->params.push_back(m_expressions.expectName("a parameter name"));
            } while (m_tokens.match(TokenKind::Comma));
        }
        m_expressions.expectClosing(TokenKind::RParen, paren);
        m_tokens.pop();
    }
    const int loopDepth = std::exchange(m_loopDepth, 0);
    stmt->body = parseNestedBlock(opener);
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

}  // namespace

std::shared_ptr<const ast::Program> parseProgram(std::string_view source) {
    Parser parser(source, Lexer(source).tokenize());
    return parser.parseProgram();
}

}  // namespace lemma::lang
