// The syntax tree of one cell: expressions and statements, each with its source position.
//
// Nodes are plain structs owned through unique_ptr; `kind` lets the interpreter switch without
// virtual dispatch. A parsed cell is held in a shared_ptr<const Program> so that function
// values can keep the part of the tree they point into alive (aliasing shared_ptr).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/core/Error.h"

namespace lemma::lang::ast {

// ---- Expressions ---------------------------------------------------------------------------

enum class ExprKind {
    Number,      // 3, 1e-3, 2i
    String,      // "text"
    Bool,        // true, false
    Ident,       // x
    Colon,       // a bare `:` inside an index, A(:, 1)
    End,         // `end` inside an index, A(end, :)
    Unary,       // -x, +x, !x (also ~x)
    Postfix,     // x', x.'
    Binary,      // x + y, ...
    Range,       // a:b, a:s:b
    Matrix,      // [1 2; 3 4]
    List,        // {a, b}
    Call,        // f(x, k=1): a call or an index, decided when it runs
    BraceIndex,  // L{i}
    Field,       // s.name
    AnonFn,      // @(x) x.^2
    FuncHandle,  // @name
};

enum class UnaryOp { Neg, Plus, Not };
enum class PostfixOp { Transpose /* ' (conjugate) */, DotTranspose /* .' */ };
enum class BinaryOp {
    Add,
    Sub,  // + -
    MatMul,
    MatDiv,
    MatLeftDiv,  // * / (backslash)
    MatPow,      // ^
    ElMul,
    ElDiv,
    ElLeftDiv,
    ElPow,  // .* ./ .\ .^
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,  // == != (~=) < <= > >=
    And,
    Or,  // & | (element-wise)
    AndAnd,
    OrOr,  // && || (short-circuit)
};

struct Expr {
    explicit Expr(ExprKind k, SourcePos p) : kind(k), pos(p) {}
    virtual ~Expr() = default;
    ExprKind kind;
    SourcePos pos;
};
using ExprPtr = std::unique_ptr<Expr>;

struct NumberExpr : Expr {
    NumberExpr(SourcePos p, double v, bool imag)
        : Expr(ExprKind::Number, p), value(v), imaginary(imag) {}
    double value;
    bool imaginary;  // 2i
};

struct StringExpr : Expr {
    StringExpr(SourcePos p, std::string v) : Expr(ExprKind::String, p), value(std::move(v)) {}
    std::string value;
};

struct BoolExpr : Expr {
    BoolExpr(SourcePos p, bool v) : Expr(ExprKind::Bool, p), value(v) {}
    bool value;
};

struct IdentExpr : Expr {
    IdentExpr(SourcePos p, std::string n) : Expr(ExprKind::Ident, p), name(std::move(n)) {}
    std::string name;
    int slot = -1;  // the name's slot in its scope (see Slots.h); -1: look it up by name
};

struct ColonExpr : Expr {
    explicit ColonExpr(SourcePos p) : Expr(ExprKind::Colon, p) {}
};

struct EndExpr : Expr {
    explicit EndExpr(SourcePos p) : Expr(ExprKind::End, p) {}
};

struct UnaryExpr : Expr {
    UnaryExpr(SourcePos p, UnaryOp o, ExprPtr e)
        : Expr(ExprKind::Unary, p), op(o), operand(std::move(e)) {}
    UnaryOp op;
    ExprPtr operand;
};

struct PostfixExpr : Expr {
    PostfixExpr(SourcePos p, PostfixOp o, ExprPtr e)
        : Expr(ExprKind::Postfix, p), op(o), operand(std::move(e)) {}
    PostfixOp op;
    ExprPtr operand;
};

// pos is the operator's position, so "dimension mismatch" points at the `*`.
struct BinaryExpr : Expr {
    BinaryExpr(SourcePos p, BinaryOp o, ExprPtr l, ExprPtr r)
        : Expr(ExprKind::Binary, p), op(o), lhs(std::move(l)), rhs(std::move(r)) {}
    BinaryOp op;
    ExprPtr lhs, rhs;
};

struct RangeExpr : Expr {
    RangeExpr(SourcePos p, ExprPtr a, ExprPtr s, ExprPtr b)
        : Expr(ExprKind::Range, p), start(std::move(a)), step(std::move(s)), stop(std::move(b)) {}
    ExprPtr start;
    ExprPtr step;  // null for a:b
    ExprPtr stop;
};

struct MatrixExpr : Expr {
    explicit MatrixExpr(SourcePos p) : Expr(ExprKind::Matrix, p) {}
    std::vector<std::vector<ExprPtr>> rows;
};

struct ListExpr : Expr {
    explicit ListExpr(SourcePos p) : Expr(ExprKind::List, p) {}
    std::vector<ExprPtr> items;
};

// One argument of a call: positional when keyword is empty, else `keyword=value`.
struct Argument {
    std::string keyword;
    ExprPtr value;
    SourcePos pos;
};

struct CallExpr : Expr {
    CallExpr(SourcePos p, ExprPtr c) : Expr(ExprKind::Call, p), callee(std::move(c)) {}
    ExprPtr callee;
    std::vector<Argument> args;
};

struct BraceIndexExpr : Expr {
    BraceIndexExpr(SourcePos p, ExprPtr c) : Expr(ExprKind::BraceIndex, p), object(std::move(c)) {}
    ExprPtr object;
    std::vector<ExprPtr> indices;
};

struct FieldExpr : Expr {
    FieldExpr(SourcePos p, ExprPtr o, std::string f)
        : Expr(ExprKind::Field, p), object(std::move(o)), field(std::move(f)) {}
    ExprPtr object;
    std::string field;
};

struct AnonFnExpr : Expr {
    explicit AnonFnExpr(SourcePos p) : Expr(ExprKind::AnonFn, p) {}
    std::vector<std::string> params;
    ExprPtr body;
    std::string source;                  // "@(x) x.^2", for display
    std::vector<std::string> freeNames;  // names the body reads that are not parameters
    int slotCount = 0;                   // names of its scope (see Slots.h)
};

struct FuncHandleExpr : Expr {
    FuncHandleExpr(SourcePos p, std::string n)
        : Expr(ExprKind::FuncHandle, p), name(std::move(n)) {}
    std::string name;
};

// ---- Statements ----------------------------------------------------------------------------

enum class StmtKind { Expr, Assign, If, For, While, Break, Continue, Return, Function };

struct Stmt {
    Stmt(StmtKind k, SourcePos p) : kind(k), pos(p) {}
    virtual ~Stmt() = default;
    StmtKind kind;
    SourcePos pos;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Block = std::vector<StmtPtr>;

// An expression shown unless followed by `;`.
struct ExprStmt : Stmt {
    ExprStmt(SourcePos p, ExprPtr e) : Stmt(StmtKind::Expr, p), expr(std::move(e)) {}
    ExprPtr expr;
    bool print = true;
};

// One step of an assignment target's path: x(i, j), x{i} or x.name.
struct Accessor {
    enum class Kind { Paren, Brace, Field };
    Kind kind;
    std::vector<Argument> args;  // Paren and Brace (keywords are rejected by the parser)
    std::string field;           // Field
    SourcePos pos;
};

// `x = …`, `x(2, :) = …`, `s.a.b = …`; `ignore` is a `~` in `[~, i] = max(v)`.
struct LValue {
    std::string name;
    int slot = -1;  // see IdentExpr::slot
    std::vector<Accessor> path;
    bool ignore = false;
    SourcePos pos;
};

struct AssignStmt : Stmt {
    AssignStmt(SourcePos p) : Stmt(StmtKind::Assign, p) {}
    std::vector<LValue> targets;  // more than one for [a, b] = f(x)
    ExprPtr value;
    bool print = true;
};

struct IfStmt : Stmt {
    explicit IfStmt(SourcePos p) : Stmt(StmtKind::If, p) {}
    struct Branch {
        ExprPtr condition;
        Block body;
    };
    std::vector<Branch> branches;  // if, then each elseif
    Block elseBody;
};

struct ForStmt : Stmt {
    explicit ForStmt(SourcePos p) : Stmt(StmtKind::For, p) {}
    std::string var;
    int varSlot = -1;  // see IdentExpr::slot
    ExprPtr range;     // iterates over columns, as in MATLAB
    Block body;
};

struct WhileStmt : Stmt {
    explicit WhileStmt(SourcePos p) : Stmt(StmtKind::While, p) {}
    ExprPtr condition;
    Block body;
};

struct BreakStmt : Stmt {
    explicit BreakStmt(SourcePos p) : Stmt(StmtKind::Break, p) {}
};
struct ContinueStmt : Stmt {
    explicit ContinueStmt(SourcePos p) : Stmt(StmtKind::Continue, p) {}
};
struct ReturnStmt : Stmt {
    explicit ReturnStmt(SourcePos p) : Stmt(StmtKind::Return, p) {}
};

// function [a, b] = name(x, y) … end
struct FunctionStmt : Stmt {
    explicit FunctionStmt(SourcePos p) : Stmt(StmtKind::Function, p) {}
    std::string name;
    std::vector<std::string> params;
    std::vector<std::string> outputs;
    Block body;
    int slotCount = 0;  // names of its scope (see Slots.h)
};

// A parsed cell. `defs` are the global names it assigns at top level or defines as functions,
// in order of first definition; `uses` are the global names it reads before (or without)
// defining them, including names read inside function bodies and anonymous functions. Both
// are computed statically by the parser, so the session can order cells without running them.
struct Program {
    Block body;
    std::vector<std::string> defs;
    std::vector<std::string> uses;
    int slotCount = 0;  // names of the top-level scope (see Slots.h)
};

}  // namespace lemma::lang::ast
