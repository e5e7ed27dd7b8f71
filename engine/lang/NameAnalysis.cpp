// Which global names a cell defines and reads.
#include "engine/lang/NameAnalysis.h"

#include <functional>

namespace lemma::lang {

namespace {

using ReadVisitor = std::function<void(const std::string&)>;

// Calls `visit` for every name `expr` reads, in source order. Field names, keyword names and
// `end` are not reads; an anonymous function reads its free names.
void forEachRead(const ast::Expr& expr, const ReadVisitor& visit) {
    using ast::ExprKind;
    switch (expr.kind) {
        case ExprKind::Number:
        case ExprKind::String:
        case ExprKind::Bool:
        case ExprKind::Colon:
        case ExprKind::End:
            return;
        case ExprKind::Ident:
            visit(static_cast<const ast::IdentExpr&>(expr).name);
            return;
        case ExprKind::Unary:
            forEachRead(*static_cast<const ast::UnaryExpr&>(expr).operand, visit);
            return;
        case ExprKind::Postfix:
            forEachRead(*static_cast<const ast::PostfixExpr&>(expr).operand, visit);
            return;
        case ExprKind::Binary: {
            const auto& binary = static_cast<const ast::BinaryExpr&>(expr);
            forEachRead(*binary.lhs, visit);
            forEachRead(*binary.rhs, visit);
            return;
        }
        case ExprKind::Range: {
            const auto& range = static_cast<const ast::RangeExpr&>(expr);
            forEachRead(*range.start, visit);
            if (range.step)
                forEachRead(*range.step, visit);
            forEachRead(*range.stop, visit);
            return;
        }
        case ExprKind::Matrix:
            for (const auto& row : static_cast<const ast::MatrixExpr&>(expr).rows) {
                for (const auto& item : row)
                    forEachRead(*item, visit);
            }
            return;
        case ExprKind::List:
            for (const auto& item : static_cast<const ast::ListExpr&>(expr).items)
                forEachRead(*item, visit);
            return;
        case ExprKind::Call: {
            const auto& call = static_cast<const ast::CallExpr&>(expr);
            forEachRead(*call.callee, visit);
            for (const auto& arg : call.args)
                forEachRead(*arg.value, visit);
            return;
        }
        case ExprKind::BraceIndex: {
            const auto& index = static_cast<const ast::BraceIndexExpr&>(expr);
            forEachRead(*index.object, visit);
            for (const auto& item : index.indices)
                forEachRead(*item, visit);
            return;
        }
        case ExprKind::Field:
            forEachRead(*static_cast<const ast::FieldExpr&>(expr).object, visit);
            return;
        case ExprKind::AnonFn:
            for (const auto& name : static_cast<const ast::AnonFnExpr&>(expr).freeNames)
                visit(name);
            return;
        case ExprKind::FuncHandle:
            visit(static_cast<const ast::FuncHandleExpr&>(expr).name);
            return;
    }
}

// The reads of a target's indices: i and j in x(i).a{j} = …
void forEachPathRead(const ast::LValue& target, const ReadVisitor& visit) {
    for (const auto& accessor : target.path) {
        for (const auto& arg : accessor.args)
            forEachRead(*arg.value, visit);
    }
}

// Every read in a function body, in source order. The body's own assignments are locals, so
// the roots of indexed targets are not reads here.
void forEachBodyRead(const ast::Block& body, const ReadVisitor& visit) {
    using ast::StmtKind;
    for (const auto& stmt : body) {
        switch (stmt->kind) {
            case StmtKind::Expr:
                forEachRead(*static_cast<const ast::ExprStmt&>(*stmt).expr, visit);
                break;
            case StmtKind::Assign: {
                const auto& assign = static_cast<const ast::AssignStmt&>(*stmt);
                for (const auto& target : assign.targets)
                    forEachPathRead(target, visit);
                forEachRead(*assign.value, visit);
                break;
            }
            case StmtKind::If: {
                const auto& ifStmt = static_cast<const ast::IfStmt&>(*stmt);
                for (const auto& branch : ifStmt.branches) {
                    forEachRead(*branch.condition, visit);
                    forEachBodyRead(branch.body, visit);
                }
                forEachBodyRead(ifStmt.elseBody, visit);
                break;
            }
            case StmtKind::For: {
                const auto& forStmt = static_cast<const ast::ForStmt&>(*stmt);
                forEachRead(*forStmt.range, visit);
                forEachBodyRead(forStmt.body, visit);
                break;
            }
            case StmtKind::While: {
                const auto& whileStmt = static_cast<const ast::WhileStmt&>(*stmt);
                forEachRead(*whileStmt.condition, visit);
                forEachBodyRead(whileStmt.body, visit);
                break;
            }
            case StmtKind::Function:  // the parser allows functions only at top level
            case StmtKind::Break:
            case StmtKind::Continue:
            case StmtKind::Return:
                break;
        }
    }
}

bool isGlobalName(const std::string& name) {
    return name != "ans" && name != "~";
}

}  // namespace

void NameAnalysis::analyze(ast::Program& program) {
    NameAnalysis analysis;
    collectDefined(program.body, analysis.m_cellDefs);
    collectFunctions(program.body, analysis.m_defined);
    analysis.block(program.body);
    program.defs = std::move(analysis.m_defs.list);
    program.uses = std::move(analysis.m_uses.list);
}

std::vector<std::string> NameAnalysis::freeNames(const ast::AnonFnExpr& fn) {
    const std::unordered_set<std::string> params(fn.params.begin(), fn.params.end());
    OrderedNames free;
    forEachRead(*fn.body, [&](const std::string& name) {
        if (params.count(name) == 0)
            free.add(name);
    });
    return std::move(free.list);
}

void NameAnalysis::block(const ast::Block& body) {
    for (const auto& stmt : body)
        statement(*stmt);
}

void NameAnalysis::statement(const ast::Stmt& stmt) {
    using ast::StmtKind;
    switch (stmt.kind) {
        case StmtKind::Expr:
            readExpr(*static_cast<const ast::ExprStmt&>(stmt).expr);
            break;
        case StmtKind::Assign: {
            // Reads in source order (x, i, then the value in x(i) = v); the targets are
            // defined once the whole statement has run.
            const auto& assign = static_cast<const ast::AssignStmt&>(stmt);
            for (const auto& target : assign.targets) {
                if (target.ignore)
                    continue;
                if (!target.path.empty())
                    read(target.name);
                forEachPathRead(target, [this](const std::string& name) { read(name); });
            }
            readExpr(*assign.value);
            for (const auto& target : assign.targets) {
                if (!target.ignore)
                    define(target.name);
            }
            break;
        }
        case StmtKind::If: {
            const auto& ifStmt = static_cast<const ast::IfStmt&>(stmt);
            for (const auto& branch : ifStmt.branches) {
                readExpr(*branch.condition);
                block(branch.body);
            }
            block(ifStmt.elseBody);
            break;
        }
        case StmtKind::For: {
            const auto& forStmt = static_cast<const ast::ForStmt&>(stmt);
            readExpr(*forStmt.range);
            define(forStmt.var);
            block(forStmt.body);
            break;
        }
        case StmtKind::While: {
            const auto& whileStmt = static_cast<const ast::WhileStmt&>(stmt);
            readExpr(*whileStmt.condition);
            block(whileStmt.body);
            break;
        }
        case StmtKind::Function: {
            const auto& fn = static_cast<const ast::FunctionStmt&>(stmt);
            define(fn.name);
            function(fn);
            break;
        }
        case StmtKind::Break:
        case StmtKind::Continue:
        case StmtKind::Return:
            break;
    }
}

void NameAnalysis::function(const ast::FunctionStmt& fn) {
    OrderedNames locals;
    for (const auto& name : fn.params)
        locals.add(name);
    for (const auto& name : fn.outputs)
        locals.add(name);
    collectDefined(fn.body, locals);
    forEachBodyRead(fn.body, [&](const std::string& name) {
        if (!locals.contains(name) && !m_cellDefs.contains(name) && isGlobalName(name))
            m_uses.add(name);
    });
}

void NameAnalysis::read(const std::string& name) {
    if (isGlobalName(name) && !m_defined.contains(name))
        m_uses.add(name);
}

void NameAnalysis::readExpr(const ast::Expr& expr) {
    forEachRead(expr, [this](const std::string& name) { read(name); });
}

void NameAnalysis::define(const std::string& name) {
    if (!isGlobalName(name))
        return;
    m_defined.add(name);
    m_defs.add(name);
}

// Every name the block assigns, loops over or defines as a function, at any depth except
// inside function bodies.
void NameAnalysis::collectDefined(const ast::Block& body, OrderedNames& names) {
    using ast::StmtKind;
    for (const auto& stmt : body) {
        switch (stmt->kind) {
            case StmtKind::Assign:
                for (const auto& target : static_cast<const ast::AssignStmt&>(*stmt).targets) {
                    if (!target.ignore && isGlobalName(target.name))
                        names.add(target.name);
                }
                break;
            case StmtKind::If: {
                const auto& ifStmt = static_cast<const ast::IfStmt&>(*stmt);
                for (const auto& branch : ifStmt.branches)
                    collectDefined(branch.body, names);
                collectDefined(ifStmt.elseBody, names);
                break;
            }
            case StmtKind::For: {
                const auto& forStmt = static_cast<const ast::ForStmt&>(*stmt);
                names.add(forStmt.var);
                collectDefined(forStmt.body, names);
                break;
            }
            case StmtKind::While:
                collectDefined(static_cast<const ast::WhileStmt&>(*stmt).body, names);
                break;
            case StmtKind::Function:
                names.add(static_cast<const ast::FunctionStmt&>(*stmt).name);
                break;
            case StmtKind::Expr:
            case StmtKind::Break:
            case StmtKind::Continue:
            case StmtKind::Return:
                break;
        }
    }
}

void NameAnalysis::collectFunctions(const ast::Block& body, OrderedNames& names) {
    for (const auto& stmt : body) {
        if (stmt->kind == ast::StmtKind::Function)
            names.add(static_cast<const ast::FunctionStmt&>(*stmt).name);
    }
}

}  // namespace lemma::lang
