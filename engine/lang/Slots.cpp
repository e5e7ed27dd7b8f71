// assignSlots: one walk over the syntax tree, a name table per scope.
#include "engine/lang/Slots.h"

#include <string>
#include <unordered_map>

namespace lemma::lang {

namespace {

class SlotWalker {
public:
    int slotOf(const std::string& name) {
        const auto [it, added] = m_slots.try_emplace(name, static_cast<int>(m_slots.size()));
        return it->second;
    }
    int count() const { return static_cast<int>(m_slots.size()); }

    void block(ast::Block& body) {
        for (auto& stmt : body)
            statement(*stmt);
    }

    void statement(ast::Stmt& stmt) {
        switch (stmt.kind) {
            case ast::StmtKind::Expr:
                expression(*static_cast<ast::ExprStmt&>(stmt).expr);
                break;
            case ast::StmtKind::Assign: {
                auto& a = static_cast<ast::AssignStmt&>(stmt);
                for (ast::LValue& target : a.targets) {
                    if (!target.ignore)
                        target.slot = slotOf(target.name);
                    for (ast::Accessor& step : target.path)
                        arguments(step.args);
                }
                expression(*a.value);
                break;
            }
            case ast::StmtKind::If: {
                auto& s = static_cast<ast::IfStmt&>(stmt);
                for (auto& branch : s.branches) {
                    expression(*branch.condition);
                    block(branch.body);
                }
                block(s.elseBody);
                break;
            }
            case ast::StmtKind::For: {
                auto& s = static_cast<ast::ForStmt&>(stmt);
                s.varSlot = slotOf(s.var);
                expression(*s.range);
                block(s.body);
                break;
            }
            case ast::StmtKind::While: {
                auto& s = static_cast<ast::WhileStmt&>(stmt);
                expression(*s.condition);
                block(s.body);
                break;
            }
            case ast::StmtKind::Function: {
                auto& f = static_cast<ast::FunctionStmt&>(stmt);
                slotOf(f.name);
                SlotWalker inner;
                for (const std::string& p : f.params)
                    inner.slotOf(p);
                for (const std::string& o : f.outputs)
                    inner.slotOf(o);
                inner.block(f.body);
                f.slotCount = inner.count();
                break;
            }
            case ast::StmtKind::Break:
            case ast::StmtKind::Continue:
            case ast::StmtKind::Return:
                break;
        }
    }

    void arguments(std::vector<ast::Argument>& args) {
        for (ast::Argument& arg : args)
            expression(*arg.value);
    }

    void expression(ast::Expr& expr) {
        // A very deep tree (1 + 1 + … a hundred thousand times) is left to the names; the
        // interpreter reports its depth as an error when it runs it.
        if (m_depth >= kMaxDepth)
            return;
        ++m_depth;
        visit(expr);
        --m_depth;
    }

    void visit(ast::Expr& expr) {
        switch (expr.kind) {
            case ast::ExprKind::Ident: {
                auto& e = static_cast<ast::IdentExpr&>(expr);
                e.slot = slotOf(e.name);
                break;
            }
            case ast::ExprKind::Unary:
                expression(*static_cast<ast::UnaryExpr&>(expr).operand);
                break;
            case ast::ExprKind::Postfix:
                expression(*static_cast<ast::PostfixExpr&>(expr).operand);
                break;
            case ast::ExprKind::Binary: {
                auto& e = static_cast<ast::BinaryExpr&>(expr);
                expression(*e.lhs);
                expression(*e.rhs);
                break;
            }
            case ast::ExprKind::Range: {
                auto& e = static_cast<ast::RangeExpr&>(expr);
                expression(*e.start);
                if (e.step)
                    expression(*e.step);
                expression(*e.stop);
                break;
            }
            case ast::ExprKind::Matrix:
                for (auto& row : static_cast<ast::MatrixExpr&>(expr).rows) {
                    for (auto& element : row)
                        expression(*element);
                }
                break;
            case ast::ExprKind::List:
                for (auto& item : static_cast<ast::ListExpr&>(expr).items)
                    expression(*item);
                break;
            case ast::ExprKind::Call: {
                auto& e = static_cast<ast::CallExpr&>(expr);
                expression(*e.callee);
                arguments(e.args);
                break;
            }
            case ast::ExprKind::BraceIndex: {
                auto& e = static_cast<ast::BraceIndexExpr&>(expr);
                expression(*e.object);
                for (auto& index : e.indices)
                    expression(*index);
                break;
            }
            case ast::ExprKind::Field:
                expression(*static_cast<ast::FieldExpr&>(expr).object);
                break;
            case ast::ExprKind::AnonFn: {
                auto& f = static_cast<ast::AnonFnExpr&>(expr);
                SlotWalker inner;
                for (const std::string& p : f.params)
                    inner.slotOf(p);
                inner.expression(*f.body);
                f.slotCount = inner.count();
                break;
            }
            case ast::ExprKind::Number:
            case ast::ExprKind::String:
            case ast::ExprKind::Bool:
            case ast::ExprKind::Colon:
            case ast::ExprKind::End:
            case ast::ExprKind::FuncHandle:
                break;
        }
    }

private:
    static constexpr int kMaxDepth = 1000;
    std::unordered_map<std::string, int> m_slots;
    int m_depth = 0;
};

}  // namespace

void assignSlots(ast::Program& program) {
    SlotWalker walker;
    walker.block(program.body);
    program.slotCount = walker.count();
}

}  // namespace lemma::lang
