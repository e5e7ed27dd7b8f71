// The tree walker: statements, names, assignment and the builtins' Context. Expressions and
// calls are in EvaluatorExpressions.cpp.
//
// Errors: every statement and expression runs inside atPosition(), which gives a lemma::Error
// without a position the position of the innermost construct that saw it, and turns any other
// exception (Armadillo's logic_error/runtime_error, bad_alloc) into a positioned Error. A
// Cancelled passes through untouched.
#include "engine/lang/Evaluator.h"

#include <cmath>

#include "engine/lang/EvaluatorSupport.h"
#include "engine/lang/Literals.h"
#include "engine/lang/Operators.h"
#include "engine/lang/Suggest.h"

namespace lemma::lang {

namespace {

// How much native stack one run may use before nesting becomes an error instead of a crash.
// The session runs cells on a thread with the default 8 MiB stack; 200 nested user-function
// calls need well under 2 MiB (measured in tst_Interpreter).
constexpr std::uintptr_t kStackBudget = std::uintptr_t{5} << 20;

std::uintptr_t frameAddress() {
    return reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
}

}  // namespace

Evaluator::Evaluator(const builtins::Registry& registry, Globals& globals,
                     const RunOptions& options, std::shared_ptr<const ast::Program> program,
                     output::Outputs& outputs)
    : m_registry(registry),
      m_globals(globals),
      m_options(options),
      m_program(std::move(program)),
      m_outputs(outputs),
      m_rng(options.seed),
      m_budget(runState<MemoryBudget>() = MemoryBudget(options.memoryBudget)),
      m_nan(runState<NanCheck>()) {
    m_top.topLevel = true;
    m_top.owner = m_program;
    m_top.slots.resize(static_cast<std::size_t>(m_program->slotCount));
    setNumberStyle(options.numberStyle);
}

namespace {

// `nancheck off` (or nancheck("off")) anywhere at the top level of the cell: it holds for the
// whole cell, the lines above it included.
bool switchesNanCheckOff(const ast::Program& program) {
    for (const auto& stmt : program.body) {
        if (stmt->kind != ast::StmtKind::Expr)
            continue;
        const ast::Expr& expr = *static_cast<const ast::ExprStmt&>(*stmt).expr;
        if (expr.kind != ast::ExprKind::Call)
            continue;
        const auto& call = static_cast<const ast::CallExpr&>(expr);
        if (call.callee->kind != ast::ExprKind::Ident ||
            static_cast<const ast::IdentExpr&>(*call.callee).name != "nancheck" ||
            call.args.size() != 1 || call.args[0].value->kind != ast::ExprKind::String)
            continue;
        if (static_cast<const ast::StringExpr&>(*call.args[0].value).value == "off")
            return true;
    }
    return false;
}

}  // namespace

void Evaluator::run() {
    m_stackBase = frameAddress();
    if (switchesNanCheckOff(*m_program))
        m_nan.setEnabled(false);
    // Functions first, so that a cell can call a function it defines further down.
    for (const auto& stmt : m_program->body) {
        if (stmt->kind == ast::StmtKind::Function)
            atPosition(stmt->pos,
                       [&] { defineFunction(static_cast<const ast::FunctionStmt&>(*stmt)); });
    }
    execBlock(m_program->body);
}

void Evaluator::checkCancelled() {
    if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed))
        throw Cancelled();
}

void Evaluator::progress(double fraction) {
    if (m_options.progress)
        m_options.progress(fraction);
}

// Out of line: inlined into its callers, GCC 12 warns that the moved variant's shared_ptr may
// be uninitialized (a false positive).
void Evaluator::emit(output::Output out) {
    m_outputs.push_back(std::move(out));
}

void Evaluator::showPartial(output::Output extra) {
    if (!m_options.partial)
        return;
    output::Outputs shown = m_outputs;
    shown.push_back(std::move(extra));
    m_options.partial(std::move(shown));
}

// Every builtin that calls back (arrayfun, fminsearch, integral, gradcheck …) comes through
// here, so their loops stop on a cancel or a time limit even when the function has no
// statements (an anonymous function is one expression).
std::vector<Value> Evaluator::call(const Value& fn, const std::vector<Value>& args, int nargout) {
    checkCancelled();
    if (!fn.isFunction())
        throw Error("expected a function, got " + describe(fn));
    const FunctionData& data = fn.function();
    if (nargout <= 1 && data.kind == FunctionData::Kind::Anonymous &&
        args.size() <= kMaxScalarArgs) {
        double xs[kMaxScalarArgs];
        std::size_t n = 0;
        while (n < args.size() && args[n].isRealScalar()) {
            xs[n] = args[n].scalar();
            ++n;
        }
        double out;
        if (n == args.size() && callAnonymousScalar(data, xs, n, out, 0)) {
            std::vector<Value> result(1);
            result.front().setScalar(out);
            return result;
        }
    }
    const Value keep = fn;
    return callValue(keep, args, {}, nargout);
}

void Evaluator::checkStack() const {
    const std::uintptr_t here = frameAddress();
    if (m_stackBase > here && m_stackBase - here > kStackBudget)
        throw Error("the cell nests too deeply: the interpreter's stack is nearly full");
}

// ---- statements ------------------------------------------------------------------------------

Evaluator::Flow Evaluator::execBlock(const ast::Block& block) {
    for (const auto& stmt : block) {
        const Flow flow = exec(*stmt);
        if (flow != Flow::Next)
            return flow;
    }
    return Flow::Next;
}

Evaluator::Flow Evaluator::exec(const ast::Stmt& stmt) {
    try {
        return execAt(stmt);
    } catch (const Cancelled&) {
        if (!m_stoppedAt.known())
            m_stoppedAt = stmt.pos;
        throw;
    }
}

Evaluator::Flow Evaluator::execAt(const ast::Stmt& stmt) {
    checkCancelled();
    checkStack();
    return atPosition(stmt.pos, [&] {
        switch (stmt.kind) {
            case ast::StmtKind::Expr:
                execExpr(static_cast<const ast::ExprStmt&>(stmt));
                break;
            case ast::StmtKind::Assign:
                execAssign(static_cast<const ast::AssignStmt&>(stmt));
                break;
            case ast::StmtKind::If:
                return execIf(static_cast<const ast::IfStmt&>(stmt));
            case ast::StmtKind::For:
                return execFor(static_cast<const ast::ForStmt&>(stmt));
            case ast::StmtKind::While:
                return execWhile(static_cast<const ast::WhileStmt&>(stmt));
            case ast::StmtKind::Break:
                return Flow::Break;
            case ast::StmtKind::Continue:
                return Flow::Continue;
            case ast::StmtKind::Return:
                return Flow::Return;
            case ast::StmtKind::Function:
                defineFunction(static_cast<const ast::FunctionStmt&>(stmt));
                break;
        }
        return Flow::Next;
    });
}

// A bare name shows under its own name and leaves `ans` alone, as in Octave; any other
// expression shows as `ans`.
void Evaluator::execExpr(const ast::ExprStmt& stmt) {
    const ast::Expr& expr = *stmt.expr;
    if (expr.kind == ast::ExprKind::Ident) {
        const auto& ident = static_cast<const ast::IdentExpr&>(expr);
        const std::string& name = ident.name;
        if (const Value* v = lookupVariable(name, ident.slot)) {
            if (stmt.print)
                emit(output::Display{name, *v, numberStyle()});
            return;
        }
    }
    std::vector<Value> values = evalMulti(expr, 0);
    if (values.empty())
        return;
    m_frame->locals.insert_or_assign("ans", values.front());
    if (stmt.print)
        emit(output::Display{"ans", std::move(values.front()), numberStyle()});
}

void Evaluator::execAssign(const ast::AssignStmt& stmt) {
    const std::size_t n = stmt.targets.size();
    const ast::LValue& first = stmt.targets.front();
    double x;
    if (n == 1 && first.path.empty() && !first.ignore && evalScalar(*stmt.value, x)) {
        variableRef(first.name, first.slot).setScalar(x);
    } else if (n == 1) {
        assignTo(stmt.targets.front(), eval(*stmt.value));
    } else {
        std::vector<Value> values = atPosition(
            stmt.value->pos, [&] { return evalMulti(*stmt.value, static_cast<int>(n)); });
        if (values.size() < n)
            throw Error("the right-hand side gives " + counted(values.size(), "value") + ", " +
                            std::to_string(n) + " are needed",
                        stmt.value->pos);
        for (std::size_t i = 0; i < n; ++i)
            assignTo(stmt.targets[i], std::move(values[i]));
    }
    if (!stmt.print)
        return;
    for (const ast::LValue& target : stmt.targets) {
        if (target.ignore)
            continue;
        if (const Value* v = lookup(target.name, target.slot))
            emit(output::Display{target.name, *v, numberStyle()});
    }
}

bool Evaluator::condition(const ast::Expr& expr) {
    Value storage;
    const Value& v = evalRef(expr, storage);
    return atPosition(expr.pos, [&] { return v.isTrue(); });
}

Evaluator::Flow Evaluator::execIf(const ast::IfStmt& stmt) {
    for (const auto& branch : stmt.branches) {
        if (condition(*branch.condition))
            return execBlock(branch.body);
    }
    return execBlock(stmt.elseBody);
}

namespace {

// What `for x = v` visits: the columns of a matrix, the characters of a string, the items of
// a list.
arma::uword iterationCount(const Value& v) {
    if (v.isNumeric())
        return v.numel() == 0 ? 0 : v.cols();
    if (v.isString() || v.isList())
        return v.cols();
    throw Error("cannot loop over " + describe(v));
}

Value iterationItem(const Value& v, arma::uword j) {
    switch (v.type()) {
        case Value::Type::Real:
            return Value(arma::mat(v.real().col(j)));
        case Value::Type::Bool:
            return Value::logical(arma::mat(v.real().col(j)));
        case Value::Type::Complex:
            return Value::narrowed(arma::cx_mat(v.complex().col(j)));
        case Value::Type::String:
            return Value(std::string(1, v.string()[j]));
        default:
            return v.items()[j];
    }
}

}  // namespace

// A range is walked without being built, so `for k = 1:1e8` needs no 800 MB vector.
Evaluator::Flow Evaluator::execFor(const ast::ForStmt& stmt) {
    if (stmt.range->kind == ast::ExprKind::Range) {
        const auto& r = static_cast<const ast::RangeExpr&>(*stmt.range);
        const Value start = eval(*r.start);
        std::optional<Value> step;
        if (r.step)
            step = eval(*r.step);
        const Value stop = eval(*r.stop);
        const RangeSpec spec =
            atPosition(r.pos, [&] { return rangeSpec(start, step ? &*step : nullptr, stop); });
        // The loop variable is overwritten in place: no value is made per step.
        for (arma::uword k = 0; k < spec.count; ++k) {
            checkCancelled();
            variableRef(stmt.var, stmt.varSlot).setScalar(spec.at(k));
            const Flow flow = execBlock(stmt.body);
            if (flow == Flow::Break)
                break;
            if (flow == Flow::Return)
                return flow;
        }
        return Flow::Next;
    }
    const Value range = eval(*stmt.range);
    const arma::uword n = atPosition(stmt.range->pos, [&] { return iterationCount(range); });
    return iterate(stmt, n, [&](arma::uword j) { return iterationItem(range, j); });
}

Evaluator::Flow Evaluator::iterate(const ast::ForStmt& stmt, arma::uword count,
                                   const std::function<Value(arma::uword)>& item) {
    for (arma::uword k = 0; k < count; ++k) {
        checkCancelled();
        setVariable(stmt.var, item(k), stmt.varSlot);
        const Flow flow = execBlock(stmt.body);
        if (flow == Flow::Break)
            break;
        if (flow == Flow::Return)
            return flow;
    }
    return Flow::Next;
}

Evaluator::Flow Evaluator::execWhile(const ast::WhileStmt& stmt) {
    for (;;) {
        checkCancelled();
        if (!condition(*stmt.condition))
            return Flow::Next;
        const Flow flow = execBlock(stmt.body);
        if (flow == Flow::Break)
            return Flow::Next;
        if (flow == Flow::Return)
            return flow;
    }
}

void Evaluator::defineFunction(const ast::FunctionStmt& stmt) {
    auto fn = std::make_shared<FunctionData>();
    fn->kind = FunctionData::Kind::User;
    fn->name = stmt.name;
    fn->function = std::shared_ptr<const ast::FunctionStmt>(m_frame->owner, &stmt);
    setVariable(stmt.name, Value(std::shared_ptr<const FunctionData>(std::move(fn))));
}

// ---- assignment ------------------------------------------------------------------------------

void Evaluator::assignTo(const ast::LValue& target, Value value) {
    if (target.ignore)
        return;
    if (target.path.empty()) {
        setVariable(target.name, std::move(value), target.slot);
        return;
    }
    // First every subscript, against the values as they are, so that an index may read the
    // variable itself (x(x(1)) = 5) and no code runs while the variable is being updated.
    std::vector<Subscripts> subs(target.path.size());
    const Value* node = findWritable(target.name, target.slot);
    for (std::size_t k = 0; k < target.path.size(); ++k) {
        const ast::Accessor& step = target.path[k];
        atPosition(step.pos, [&] {
            switch (step.kind) {
                case ast::Accessor::Kind::Field:
                    node = node && node->isStruct() ? node->structure().find(step.field) : nullptr;
                    break;
                case ast::Accessor::Kind::Paren:
                    subs[k] = evalSubscripts(step.args, node);
                    node = nullptr;
                    break;
                case ast::Accessor::Kind::Brace: {
                    subs[k] = evalSubscripts(step.args, node);
                    const Subscripts& s = subs[k];
                    const bool one = s.size() == 1 && !s[0].all && s[0].positions.n_elem == 1;
                    if (node && node->isList() && one && s[0].positions[0] < node->items().size())
                        node = &node->items()[s[0].positions[0]];
                    else
                        node = nullptr;
                    break;
                }
            }
        });
    }
    // Then the update, in place: the old value is moved into it (its storage is copied only
    // when another value shares it), so x(k) = v in a loop costs O(1). If the update fails the
    // cell stops, and the half-updated name is removed rather than left half-written.
    Value* slot = findWritable(target.name, target.slot);
    std::optional<Value> current;
    if (slot)
        current = std::move(*slot);
    try {
        Value updated =
            assignPath(std::move(current), target.path, subs, 0, std::move(value), target.name);
        setVariable(target.name, std::move(updated), target.slot);
    } catch (...) {
        if (slot)
            eraseVariable(target.name);
        throw;
    }
}

void Evaluator::checkGrowth(const std::optional<Value>& current, const Subscripts& subs,
                            const Value& rhs, bool brace, const std::string& where) {
    const std::optional<Growth> growth = growthOf(current, subs, rhs, brace);
    if (!growth)
        return;
    const std::string size = growth->list ? std::to_string(growth->cols) + " items"
                                          : shapeString(growth->rows, growth->cols);
    if (growth->rows > kMaxDimension || growth->cols > kMaxDimension)
        throw Error("growing " + where + " to " + size + " is too large (" +
                    (growth->list ? "a list may hold at most " : "a dimension may be at most ") +
                    std::to_string(kMaxDimension) + ")");
    m_budget.require(growth->bytes, "growing " + where + " to " + size);
}

Value Evaluator::assignPath(std::optional<Value> current, const std::vector<ast::Accessor>& path,
                            const std::vector<Subscripts>& subs, std::size_t k, Value rhs,
                            const std::string& where) {
    const ast::Accessor& step = path[k];
    const bool last = k + 1 == path.size();
    return atPosition(step.pos, [&]() -> Value {
        switch (step.kind) {
            case ast::Accessor::Kind::Field: {
                Value s;
                if (current && current->isStruct()) {
                    s = std::move(*current);
                } else if (current && !current->isEmpty()) {
                    throw Error("cannot set field '" + step.field + "' of " + describe(*current));
                } else {
                    s = Value(StructData{});
                }
                StructData& fields = s.mutableStructure();
                if (last) {
                    fields.set(step.field, std::move(rhs));
                    return s;
                }
                std::optional<Value> sub;
                if (Value* existing = fields.find(step.field))
                    sub = std::move(*existing);
                Value updated = assignPath(std::move(sub), path, subs, k + 1, std::move(rhs),
                                           where + "." + step.field);
                fields.set(step.field, std::move(updated));
                return s;
            }
            case ast::Accessor::Kind::Paren:
                if (!last)
                    throw Error(
                        "cannot assign into part of an element selected with (…); use {…} for list "
                        "items");
                checkGrowth(current, subs[k], rhs, false, where);
                return indexAssign(std::move(current), subs[k], rhs);
            case ast::Accessor::Kind::Brace: {
                checkGrowth(current, subs[k], rhs, true, where);
                if (last)
                    return braceAssign(std::move(current), subs[k], std::move(rhs));
                const Subscripts& s = subs[k];
                std::optional<Value> item;
                if (current && current->isList() && s.size() == 1 && !s[0].all &&
                    s[0].positions.n_elem == 1 && s[0].positions[0] < current->items().size())
                    item = std::move(current->mutableItems()[s[0].positions[0]]);
                Value updated =
                    assignPath(std::move(item), path, subs, k + 1, std::move(rhs), where + "{…}");
                return braceAssign(std::move(current), s, std::move(updated));
            }
        }
        throw Error("unknown assignment target");
    });
}

bool Evaluator::evalScalar(const ast::Expr& expr, double& out, int depth) {
    constexpr int kMaxScalarDepth = 32;
    if (depth > kMaxScalarDepth)
        return false;
    switch (expr.kind) {
        case ast::ExprKind::Number: {
            const auto& n = static_cast<const ast::NumberExpr&>(expr);
            out = n.value;
            return !n.imaginary;
        }
        case ast::ExprKind::Ident: {
            const auto& id = static_cast<const ast::IdentExpr&>(expr);
            const Value* v = lookup(id.name, id.slot);
            if (!v || !v->isRealScalar())
                return false;
            out = v->scalar();
            return true;
        }
        case ast::ExprKind::Binary: {
            const auto& b = static_cast<const ast::BinaryExpr&>(expr);
            double x;
            double y;
            if (!evalScalar(*b.lhs, x, depth + 1) || !evalScalar(*b.rhs, y, depth + 1) ||
                !scalarArithmetic(b.op, x, y, out))
                return false;
            if (!std::isfinite(out)) [[unlikely]]
                warn(m_nan.checkScalar(opSymbol(b.op), x, y, out, b.pos, isDivision(b.op)));
            return true;
        }
        case ast::ExprKind::Unary: {
            const auto& u = static_cast<const ast::UnaryExpr&>(expr);
            if (u.op == ast::UnaryOp::Not || !evalScalar(*u.operand, out, depth + 1))
                return false;
            if (u.op == ast::UnaryOp::Neg)
                out = -out;
            return true;
        }
        case ast::ExprKind::Call:
            return evalScalarCall(static_cast<const ast::CallExpr&>(expr), out, depth + 1);
        default:
            return false;
    }
}

// A call or index of real scalars that needs no Value: `f(x, y)` with f a variable holding an
// anonymous function, `v(i)` or `A(i, j)` of a real matrix, `exp(x)` of a builtin with a scalar
// kernel (see ScalarKernel). Nothing here has a side effect, so a caller that gets false
// evaluates the expression again in full (and reports its errors and warnings).
bool Evaluator::evalScalarCall(const ast::CallExpr& expr, double& out, int depth) {
    const std::size_t n = expr.args.size();
    if (expr.callee->kind != ast::ExprKind::Ident || n > kMaxScalarArgs)
        return false;
    double args[kMaxScalarArgs];
    for (std::size_t i = 0; i < n; ++i) {
        if (!expr.args[i].keyword.empty() || !evalScalar(*expr.args[i].value, args[i], depth))
            return false;
    }
    const auto& callee = static_cast<const ast::IdentExpr&>(*expr.callee);
    const Value* v = lookup(callee.name, callee.slot);
    if (!v) {
        const builtins::Builtin* b = m_registry.find(callee.name);
        if (!b || !b->scalar.real || n != 1 ||
            (b->scalar.leavesReals && b->scalar.leavesReals(args[0])))
            return false;
        out = b->scalar.real(args[0]);
        return std::isfinite(out);
    }
    if (v->type() == Value::Type::Real)
        return scalarEntry(v->real(), args, n, out);
    if (!v->isFunction() || v->function().kind != FunctionData::Kind::Anonymous)
        return false;
    return callAnonymousScalar(v->function(), args, n, out, depth);
}

// m(i) or m(i, j) for whole indices in range.
bool Evaluator::scalarEntry(const arma::mat& m, const double* index, std::size_t count,
                            double& out) {
    const auto whole = [](double i, arma::uword extent) {
        return i >= 1 && i <= static_cast<double>(extent) && i == std::floor(i);
    };
    if (count == 1 && whole(index[0], m.n_elem)) {
        out = m(static_cast<arma::uword>(index[0]) - 1);
        return true;
    }
    if (count == 2 && whole(index[0], m.n_rows) && whole(index[1], m.n_cols)) {
        out = m(static_cast<arma::uword>(index[0]) - 1, static_cast<arma::uword>(index[1]) - 1);
        return true;
    }
    return false;
}

// ---- names -------------------------------------------------------------------------------------

const Value* Evaluator::lookup(std::string_view name) const {
    if (const auto it = m_frame->locals.find(name); it != m_frame->locals.end())
        return &it->second;
    for (std::size_t i = 0; i < m_frame->paramCount; ++i) {
        if ((*m_frame->paramNames)[i] == name)
            return &m_frame->params[i];
    }
    if (m_frame->captures) {
        for (const auto& [captured, value] : *m_frame->captures) {
            if (captured == name)
                return &value;
        }
    }
    if (const auto it = m_globals.find(name); it != m_globals.end())
        return &it->second;
    return nullptr;
}

const Value* Evaluator::lookup(std::string_view name, int slot) const {
    if (slot < 0 || static_cast<std::size_t>(slot) >= m_frame->slots.size())
        return lookup(name);
    SlotRef& ref = m_frame->slots[static_cast<std::size_t>(slot)];
    if (!ref.value)
        ref = locate(name);
    return ref.value;
}

Evaluator::SlotRef Evaluator::locate(std::string_view name) const {
    const bool globalWrites = m_frame->topLevel && name != "ans";
    if (const auto it = m_frame->locals.find(name); it != m_frame->locals.end())
        return {&it->second, !globalWrites};
    for (std::size_t i = 0; i < m_frame->paramCount; ++i) {
        if ((*m_frame->paramNames)[i] == name)
            return {&m_frame->params[i], false};
    }
    if (m_frame->captures) {
        for (const auto& [captured, value] : *m_frame->captures) {
            if (captured == name)
                return {const_cast<Value*>(&value), false};
        }
    }
    if (const auto it = m_globals.find(name); it != m_globals.end())
        return {&it->second, globalWrites};
    return {};
}

const Value* Evaluator::lookupVariable(std::string_view name, int slot) const {
    const Value* v = lookup(name, slot);
    if (v && isDefinitionOf(*v, name))
        return nullptr;
    return v;
}

Value* Evaluator::findWritable(std::string_view name, int slot) {
    if (slot >= 0 && static_cast<std::size_t>(slot) < m_frame->slots.size()) {
        SlotRef& ref = m_frame->slots[static_cast<std::size_t>(slot)];
        if (ref.value && ref.writable)
            return ref.value;
    }
    if (m_frame->topLevel && name != "ans") {
        const auto it = m_globals.find(name);
        return it == m_globals.end() ? nullptr : &it->second;
    }
    const auto it = m_frame->locals.find(name);
    return it == m_frame->locals.end() ? nullptr : &it->second;
}

Value& Evaluator::variableRef(const std::string& name, int slot) {
    const bool hasSlot = slot >= 0 && static_cast<std::size_t>(slot) < m_frame->slots.size();
    if (hasSlot) {
        SlotRef& ref = m_frame->slots[static_cast<std::size_t>(slot)];
        if (ref.value && ref.writable)
            return *ref.value;
    }
    Value& stored = m_frame->topLevel && name != "ans" ? m_globals.try_emplace(name).first->second
                                                        : addLocal(name);
    if (hasSlot)
        m_frame->slots[static_cast<std::size_t>(slot)] = {&stored, true};
    return stored;
}

Value& Evaluator::addLocal(const std::string& name) {
    Locals& locals = m_frame->locals;
    if (m_spareLocals.empty())
        return locals.try_emplace(name).first->second;
    if (const auto it = locals.find(name); it != locals.end())
        return it->second;
    Locals::node_type node = std::move(m_spareLocals.back());
    m_spareLocals.pop_back();
    node.key() = name;
    return locals.insert(std::move(node)).position->second;
}

// A returned call's locals are released now (a large matrix must not outlive its function);
// their nodes, emptied, wait for the next call.
void Evaluator::recycleLocals(Locals& locals) {
    constexpr std::size_t kMaxSpare = 64;
    while (!locals.empty()) {
        Locals::node_type node = locals.extract(locals.begin());
        node.mapped() = Value();
        if (m_spareLocals.size() < kMaxSpare)
            m_spareLocals.push_back(std::move(node));
    }
}

std::vector<Evaluator::SlotRef> Evaluator::takeSlots(int count) {
    std::vector<SlotRef> slots;
    if (!m_spareSlots.empty()) {
        slots = std::move(m_spareSlots.back());
        m_spareSlots.pop_back();
    }
    slots.assign(static_cast<std::size_t>(count), SlotRef{});
    return slots;
}

void Evaluator::giveSlots(std::vector<SlotRef> slots) {
    constexpr std::size_t kMaxSpare = 64;
    if (m_spareSlots.size() < kMaxSpare)
        m_spareSlots.push_back(std::move(slots));
}

void Evaluator::setVariable(const std::string& name, Value value, int slot) {
    variableRef(name, slot) = std::move(value);
}

void Evaluator::eraseVariable(const std::string& name) {
    if (m_frame->topLevel && name != "ans") {
        m_globals.erase(name);
    } else {
        m_frame->locals.erase(name);
    }
    for (SlotRef& ref : m_frame->slots)
        ref = {};
}

void Evaluator::undefined(const std::string& name, SourcePos pos) const {
    std::vector<std::string> candidates;
    for (const auto& [local, value] : m_frame->locals)
        candidates.push_back(local);
    for (std::size_t i = 0; i < m_frame->paramCount; ++i)
        candidates.push_back((*m_frame->paramNames)[i]);
    if (m_frame->captures) {
        for (const auto& [captured, value] : *m_frame->captures)
            candidates.push_back(captured);
    }
    for (const auto& [global, value] : m_globals)
        candidates.push_back(global);
    for (std::string& builtin : m_registry.names())
        candidates.push_back(std::move(builtin));
    const std::string suggestion = closestName(name, candidates);
    std::string message = "undefined name '" + name + "'";
    if (!suggestion.empty())
        message += " (did you mean '" + suggestion + "'?)";
    throw Error(message, pos);
}

}  // namespace lemma::lang
