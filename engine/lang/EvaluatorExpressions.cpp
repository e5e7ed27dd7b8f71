// The evaluator's expressions and calls (statements and names are in Evaluator.cpp).
#include <cmath>
#include <complex>

#include "engine/lang/Evaluator.h"
#include "engine/lang/EvaluatorSupport.h"
#include "engine/lang/Literals.h"
#include "engine/lang/Operators.h"
#include "engine/lang/Suggest.h"

namespace lemma::lang {

// Counts nested calls of user and anonymous functions against RunOptions::maxCallDepth.
class Evaluator::DepthGuard {
public:
    explicit DepthGuard(Evaluator& e) : m_e(e) {
        if (++m_e.m_depth > m_e.m_options.maxCallDepth) {
            --m_e.m_depth;
            throw Error("recursion too deep (more than " +
                        std::to_string(m_e.m_options.maxCallDepth) + " nested calls)");
        }
    }
    ~DepthGuard() { --m_e.m_depth; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

private:
    Evaluator& m_e;
};

// The frame of one call of an anonymous function: its arguments stay where the caller holds
// them and its parameters' slots point at them (parameters are the body's first slots, see
// Slots.h, and distinct, the parser says), and the slot table comes from the evaluator's spares,
// so a call allocates nothing of its own.
class Evaluator::AnonymousFrame {
public:
    // `keepTree`: hold the function's syntax tree for functions made inside the body and for
    // errors (the scalar path has neither).
    AnonymousFrame(Evaluator& e, const FunctionData& fn, Value* args, std::size_t count,
                   bool keepTree = true)
        : m_e(e), m_depth(e), m_previous(e.m_frame), m_end(e.m_end) {
        const ast::AnonFnExpr& def = *fn.anonymous;
        m_frame.slots = e.takeSlots(def.slotCount);
        for (std::size_t i = 0; i < count; ++i)
            m_frame.slots[i] = {&args[i], false};
        m_frame.paramNames = &def.params;
        m_frame.params = args;
        m_frame.paramCount = count;
        m_frame.captures = &fn.captures;
        if (keepTree)
            m_frame.owner = fn.anonymous;
        e.m_frame = &m_frame;
        e.m_end = nullptr;
    }
    ~AnonymousFrame() {
        m_e.m_frame = m_previous;
        m_e.m_end = m_end;
        m_e.giveSlots(std::move(m_frame.slots));
    }
    AnonymousFrame(const AnonymousFrame&) = delete;
    AnonymousFrame& operator=(const AnonymousFrame&) = delete;

    const Frame& frame() const { return m_frame; }

private:
    Evaluator& m_e;
    DepthGuard m_depth;
    Frame* m_previous;
    const EndContext* m_end;
    Frame m_frame;
};

// The frame of one call of a `function`: its arguments become locals in map nodes that earlier
// calls returned, and its slot table is a spare one, both given back when the call ends.
class Evaluator::UserFrame {
public:
    UserFrame(Evaluator& e, const FunctionData& fn, std::vector<Value>& args)
        : m_e(e), m_depth(e), m_previous(e.m_frame), m_end(e.m_end) {
        const ast::FunctionStmt& def = *fn.function;
        m_frame.owner = fn.function;
        m_frame.slots = e.takeSlots(def.slotCount);
        e.m_frame = &m_frame;
        e.m_end = nullptr;
        for (std::size_t i = 0; i < args.size(); ++i)
            e.addLocal(def.params[i]) = std::move(args[i]);
    }
    ~UserFrame() {
        m_e.m_frame = m_previous;
        m_e.m_end = m_end;
        m_e.giveSlots(std::move(m_frame.slots));
        m_e.recycleLocals(m_frame.locals);
    }
    UserFrame(const UserFrame&) = delete;
    UserFrame& operator=(const UserFrame&) = delete;

    Frame& frame() { return m_frame; }

private:
    Evaluator& m_e;
    DepthGuard m_depth;
    Frame* m_previous;
    const EndContext* m_end;
    Frame m_frame;
};

namespace {

// A list of one value, moved in (a braced list would copy it).
std::vector<Value> single(Value value) {
    std::vector<Value> values;
    values.push_back(std::move(value));
    return values;
}

const std::string* calleeName(const ast::CallExpr& expr) {
    if (expr.callee->kind != ast::ExprKind::Ident)
        return nullptr;
    return &static_cast<const ast::IdentExpr&>(*expr.callee).name;
}

}  // namespace

// ---- expressions -----------------------------------------------------------------------------

Value Evaluator::eval(const ast::Expr& expr) {
    return atPosition(expr.pos, [&] { return evalKind(expr); });
}

Value Evaluator::evalKind(const ast::Expr& expr) {
    checkStack();
    switch (expr.kind) {
        case ast::ExprKind::Number: {
            const auto& n = static_cast<const ast::NumberExpr&>(expr);
            if (n.imaginary)
                return Value(std::complex<double>(0.0, n.value));
            return Value(n.value);
        }
        case ast::ExprKind::String:
            return Value(static_cast<const ast::StringExpr&>(expr).value);
        case ast::ExprKind::Bool:
            return Value::boolean(static_cast<const ast::BoolExpr&>(expr).value);
        case ast::ExprKind::Ident:
            return evalIdent(static_cast<const ast::IdentExpr&>(expr));
        case ast::ExprKind::Colon:
            throw Error("':' can only be used inside an index, as in A(:, 1)");
        case ast::ExprKind::End:
            return evalEnd(static_cast<const ast::EndExpr&>(expr));
        case ast::ExprKind::Unary: {
            const auto& u = static_cast<const ast::UnaryExpr&>(expr);
            Value storage;
            const Value& operand = evalRef(*u.operand, storage);
            return unaryOp(u.op, operand);
        }
        case ast::ExprKind::Postfix: {
            const auto& p = static_cast<const ast::PostfixExpr&>(expr);
            Value storage;
            const Value& operand = evalRef(*p.operand, storage);
            return postfixOp(p.op, operand);
        }
        case ast::ExprKind::Binary:
            return evalBinary(static_cast<const ast::BinaryExpr&>(expr));
        case ast::ExprKind::Range:
            return evalRange(static_cast<const ast::RangeExpr&>(expr));
        case ast::ExprKind::Matrix:
            return evalMatrix(static_cast<const ast::MatrixExpr&>(expr));
        case ast::ExprKind::List:
            return evalList(static_cast<const ast::ListExpr&>(expr));
        case ast::ExprKind::Call: {
            const auto& call = static_cast<const ast::CallExpr&>(expr);
            std::vector<Value> values = evalCall(call, 1);
            if (values.empty()) {
                const std::string* name = calleeName(call);
                throw Error(name ? "'" + *name + "' gives no value" : "the call gives no value");
            }
            return std::move(values.front());
        }
        case ast::ExprKind::BraceIndex:
            return evalBraceIndex(static_cast<const ast::BraceIndexExpr&>(expr));
        case ast::ExprKind::Field:
            return evalField(static_cast<const ast::FieldExpr&>(expr));
        case ast::ExprKind::AnonFn:
            return evalAnonymous(static_cast<const ast::AnonFnExpr&>(expr));
        case ast::ExprKind::FuncHandle:
            return evalHandle(static_cast<const ast::FuncHandleExpr&>(expr));
    }
    throw Error("unknown expression");
}

std::vector<Value> Evaluator::evalMulti(const ast::Expr& expr, int nargout) {
    return atPosition(expr.pos, [&]() -> std::vector<Value> {
        if (expr.kind == ast::ExprKind::Call) {
            checkStack();
            return evalCall(static_cast<const ast::CallExpr&>(expr), nargout);
        }
        if (expr.kind == ast::ExprKind::Ident) {
            const auto& ident = static_cast<const ast::IdentExpr&>(expr);
            const std::string& name = ident.name;
            const Value* v = lookup(name, ident.slot);
            if (v && isDefinitionOf(*v, name)) {
                const Value fn = *v;
                return callUser(fn.function(), {}, nargout);
            }
            if (!v) {
                if (const builtins::Builtin* b = m_registry.find(name))
                    return callBare(*b, nargout);
            }
        }
        return single(evalKind(expr));
    });
}

const Value& Evaluator::evalRef(const ast::Expr& expr, Value& storage) {
    if (expr.kind == ast::ExprKind::Ident) {
        const auto& ident = static_cast<const ast::IdentExpr&>(expr);
        if (const Value* v = lookupVariable(ident.name, ident.slot))
            return *v;
    }
    storage = eval(expr);
    return storage;
}

// A variable gives its value; a function defined with `function` is called when it takes no
// arguments; a builtin is called with none (`x = rand`).
Value Evaluator::evalIdent(const ast::IdentExpr& expr) {
    if (const Value* v = lookup(expr.name, expr.slot)) {
        if (!isDefinitionOf(*v, expr.name))
            return *v;
        const Value fn = *v;
        if (!fn.function().function->params.empty())
            throw Error("'" + expr.name + "' is a function, call it with (…)");
        std::vector<Value> values = callUser(fn.function(), {}, 1);
        if (values.empty())
            throw Error("'" + expr.name + "' gives no value");
        return std::move(values.front());
    }
    if (const builtins::Builtin* b = m_registry.find(expr.name)) {
        std::vector<Value> values = callBare(*b, 1);
        if (values.empty())
            throw Error("'" + expr.name + "' gives no value");
        return std::move(values.front());
    }
    undefined(expr.name, expr.pos);
}

Value Evaluator::evalEnd(const ast::EndExpr&) const {
    if (!m_end)
        throw Error("'end' can only be used inside an index, as in A(end)");
    const Value* target = m_end->target;
    if (!target)
        return Value(0.0);
    if (m_end->count == 1)
        return Value(static_cast<double>(target->numel()));
    if (m_end->position == 0)
        return Value(static_cast<double>(target->rows()));
    if (m_end->position == 1)
        return Value(static_cast<double>(target->cols()));
    return Value(1.0);
}

Value Evaluator::evalBinary(const ast::BinaryExpr& expr) {
    if (expr.op == ast::BinaryOp::AndAnd || expr.op == ast::BinaryOp::OrOr) {
        const bool left = scalarTruth(eval(*expr.lhs), expr.op);
        if (expr.op == ast::BinaryOp::AndAnd ? !left : left)
            return Value::boolean(left);
        return Value::boolean(scalarTruth(eval(*expr.rhs), expr.op));
    }
    double x;
    if (evalScalar(expr, x))
        return Value(x);
    Value leftStorage;
    Value rightStorage;
    const Value& left = evalRef(*expr.lhs, leftStorage);
    const Value& right = evalRef(*expr.rhs, rightStorage);
    if (left.numel() > 1 && right.numel() > 1)
        guardMemory(expr, left, right);
    Value result;
    if (expr.op == ast::BinaryOp::MatLeftDiv || expr.op == ast::BinaryOp::MatDiv) {
        double rcond = 1.0;
        result = divideOp(expr.op, left, right, rcond);
        if (rcond < kIllConditioned)
            emit(output::Text{"warning: " + std::string(opSymbol(expr.op)) +
                              ": matrix is ill-conditioned (condition number " +
                              conditionText(rcond) + "); the result may be inaccurate at line " +
                              std::to_string(expr.pos.line) + ", column " +
                              std::to_string(expr.pos.column) + "\n"});
    } else {
        result = binaryOp(expr.op, left, right);
    }
    if (m_nan.active())
        checkResult(expr, left, right, result);
    return result;
}

// ---- bounds ------------------------------------------------------------------------------------

void Evaluator::warn(const std::optional<std::string>& message) {
    if (message)
        emit(output::Text{"warning: " + *message + "\n"});
}

void Evaluator::checkResult(const ast::BinaryExpr& expr, const Value& left, const Value& right,
                            const Value& result) {
    if (!result.isNumeric() || result.isBool())
        return;
    if (result.isRealScalar() && std::isfinite(result.scalar()))
        return;
    const Value* inputs[] = {&left, &right};
    warn(m_nan.check(opSymbol(expr.op), result, inputs, 2, expr.pos, isDivision(expr.op)));
}

namespace {

// Builtins whose Inf results come from a pole (log(0), gamma(0), 1/x) rather than overflow.
bool reachesPole(const std::string& name) {
    return name.starts_with("log") || name == "gamma" || name == "atanh" || name == "tan" ||
           name == "inv" || name == "pinv" || name == "kl" || name == "cross_entropy" ||
           name == "nll" || name == "perplexity";
}

}  // namespace

void Evaluator::checkBuiltinResults(const builtins::Call& call, const std::vector<Value>& results,
                                    SourcePos pos) {
    // The common case, finite results, costs one scan of them and allocates nothing.
    for (const Value& result : results) {
        if (!result.isNumeric() || result.isBool() || NanCheck::finite(result))
            continue;
        if (NanCheck::makesNonFiniteOnPurpose(call.name()))
            return;
        std::vector<const Value*> inputs;
        inputs.reserve(call.count());
        for (std::size_t i = 0; i < call.count(); ++i)
            inputs.push_back(&call.arg(i));
        warn(m_nan.check(call.name(), result, inputs.data(), inputs.size(), pos,
                         reachesPole(call.name())));
        if (!m_nan.active())
            return;
    }
}

// The result of an element-wise operation has the broadcast shape of its operands (at most
// the larger extent in each dimension); a matrix product is rows(a)×cols(b). Small results
// are not checked: they cannot exceed a budget that their operands did not.
void Evaluator::guardMemory(const ast::BinaryExpr& expr, const Value& left, const Value& right) {
    if (!left.isNumeric() || !right.isNumeric())
        return;
    double elements;
    if (expr.op == ast::BinaryOp::MatMul) {
        elements = static_cast<double>(left.rows()) * static_cast<double>(right.cols());
    } else if (expr.op == ast::BinaryOp::MatDiv || expr.op == ast::BinaryOp::MatLeftDiv ||
               expr.op == ast::BinaryOp::MatPow) {
        return;
    } else {
        elements = static_cast<double>(std::max(left.rows(), right.rows())) *
                   static_cast<double>(std::max(left.cols(), right.cols()));
    }
    const double bytes = elements * (left.isComplex() || right.isComplex() ? 16.0 : 8.0);
    if (bytes < 1024.0 * 1024.0 || elements <= static_cast<double>(left.numel()) ||
        elements <= static_cast<double>(right.numel()))
        return;
    m_budget.require(bytes, left.sizeString() + " " + opSymbol(expr.op) + " " + right.sizeString());
}

Value Evaluator::evalRange(const ast::RangeExpr& expr) {
    const Value start = eval(*expr.start);
    std::optional<Value> step;
    if (expr.step)
        step = eval(*expr.step);
    const Value stop = eval(*expr.stop);
    return makeRange(start, step ? &*step : nullptr, stop);
}

Value Evaluator::evalMatrix(const ast::MatrixExpr& expr) {
    std::vector<std::vector<Value>> rows;
    rows.reserve(expr.rows.size());
    for (const auto& row : expr.rows) {
        std::vector<Value>& values = rows.emplace_back();
        values.reserve(row.size());
        for (const auto& element : row)
            values.push_back(eval(*element));
    }
    return concatenate(rows);
}

Value Evaluator::evalList(const ast::ListExpr& expr) {
    std::vector<Value> items;
    items.reserve(expr.items.size());
    for (const auto& item : expr.items)
        items.push_back(eval(*item));
    return Value::list(std::move(items));
}

Value Evaluator::evalField(const ast::FieldExpr& expr) {
    Value storage;
    const Value& object = evalRef(*expr.object, storage);
    if (!object.isStruct())
        throw Error("cannot read field '" + expr.field + "' of " + describe(object));
    const StructData& s = object.structure();
    if (const Value* v = s.find(expr.field))
        return *v;
    std::vector<std::string> names;
    for (const auto& [name, value] : s.fields)
        names.push_back(name);
    const std::string suggestion = closestName(expr.field, names);
    if (!suggestion.empty())
        throw Error("no field '" + expr.field + "' in this struct (did you mean '" + suggestion +
                    "'?)");
    std::string list;
    for (const std::string& name : names)
        list += (list.empty() ? "" : ", ") + name;
    throw Error(
        "no field '" + expr.field + "' in this struct" +
        (names.empty() ? std::string(" (it has no fields)") : " (its fields: " + list + ")"));
}

Value Evaluator::evalBraceIndex(const ast::BraceIndexExpr& expr) {
    Value storage;
    const Value& object = evalRef(*expr.object, storage);
    if (!object.isList())
        throw Error("cannot use {…} on " + describe(object) + "; use (…)");
    const Subscripts subs = evalSubscripts(expr.indices, &object);
    return braceRead(object, subs);
}

// An anonymous function keeps the values its free names have now (capture by value); names
// that are not defined yet (functions, builtins) are looked up when it runs.
Value Evaluator::evalAnonymous(const ast::AnonFnExpr& expr) {
    auto fn = std::make_shared<FunctionData>();
    fn->kind = FunctionData::Kind::Anonymous;
    fn->name = expr.source;
    fn->anonymous = std::shared_ptr<const ast::AnonFnExpr>(m_frame->owner, &expr);
    for (const std::string& name : expr.freeNames) {
        if (const Value* v = lookup(name))
            fn->captures.emplace_back(name, *v);
    }
    return Value(std::shared_ptr<const FunctionData>(std::move(fn)));
}

Value Evaluator::evalHandle(const ast::FuncHandleExpr& expr) {
    if (const Value* v = lookup(expr.name)) {
        if (v->isFunction())
            return *v;
        throw Error("'" + expr.name + "' is " + describe(*v) + ", not a function");
    }
    if (m_registry.find(expr.name)) {
        auto fn = std::make_shared<FunctionData>();
        fn->kind = FunctionData::Kind::Builtin;
        fn->name = expr.name;
        return Value(std::shared_ptr<const FunctionData>(std::move(fn)));
    }
    undefined(expr.name, expr.pos);
}

// f(args): a name holding a value indexes it, a name holding a function (or a builtin) calls
// it; any other callee is evaluated first and then indexed or called.
std::vector<Value> Evaluator::evalCall(const ast::CallExpr& expr, int nargout) {
    if (const std::string* name = calleeName(expr)) {
        if (const Value* v = lookup(*name, static_cast<const ast::IdentExpr&>(*expr.callee).slot)) {
            if (v->isFunction())
                return callWithArguments(*v, expr, nargout);
            return single(indexWith(*v, expr));
        }
        if (const builtins::Builtin* b = m_registry.find(*name)) {
            std::vector<Value> args;
            std::vector<builtins::KeywordArg> keywords;
            evalArguments(expr.args, args, keywords);
            return callBuiltin(*b, std::move(args), std::move(keywords), nargout, expr.callee->pos);
        }
        undefined(*name, expr.callee->pos);
    }
    Value storage;
    const Value& target = evalRef(*expr.callee, storage);
    if (target.isFunction())
        return callWithArguments(target, expr, nargout);
    return single(indexWith(target, expr));
}

Value Evaluator::indexWith(const Value& target, const ast::CallExpr& expr) {
    return indexRead(target, evalSubscripts(expr.args, &target));
}

Subscripts Evaluator::evalSubscripts(const std::vector<ast::Argument>& args, const Value* target) {
    Subscripts subs;
    subs.reserve(args.size());
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (!args[i].keyword.empty())
            throw Error("keyword arguments are for function calls, not for indexing", args[i].pos);
        subs.push_back(evalSubscript(*args[i].value, EndContext{target, i, args.size()}));
    }
    return subs;
}

Subscripts Evaluator::evalSubscripts(const std::vector<ast::ExprPtr>& args, const Value* target) {
    Subscripts subs;
    subs.reserve(args.size());
    for (std::size_t i = 0; i < args.size(); ++i)
        subs.push_back(evalSubscript(*args[i], EndContext{target, i, args.size()}));
    return subs;
}

Subscript Evaluator::evalSubscript(const ast::Expr& arg, EndContext context) {
    if (arg.kind == ast::ExprKind::Colon)
        return Subscript::colon();
    const EndContext* saved = m_end;
    m_end = &context;
    Value index;
    try {
        index = eval(arg);
    } catch (...) {
        m_end = saved;
        throw;
    }
    m_end = saved;
    return atPosition(arg.pos, [&] { return Subscript::from(index); });
}

// ---- calls -------------------------------------------------------------------------------------

void Evaluator::evalArguments(const std::vector<ast::Argument>& args,
                              std::vector<Value>& positional,
                              std::vector<builtins::KeywordArg>& keywords) {
    for (const ast::Argument& arg : args) {
        if (arg.keyword.empty()) {
            positional.push_back(eval(*arg.value));
        } else {
            keywords.push_back({arg.keyword, eval(*arg.value)});
        }
    }
}

std::vector<Value> Evaluator::callWithArguments(const Value& fn, const ast::CallExpr& expr,
                                                int nargout) {
    const Value keep = fn;  // `fn` may live in a variable; the call must not depend on that
    std::vector<Value> args;
    std::vector<builtins::KeywordArg> keywords;
    evalArguments(expr.args, args, keywords);
    return callValue(keep, std::move(args), std::move(keywords), nargout);
}

std::vector<Value> Evaluator::callValue(const Value& fn, std::vector<Value> args,
                                        std::vector<builtins::KeywordArg> keywords, int nargout) {
    const FunctionData& data = fn.function();
    if (data.kind == FunctionData::Kind::Builtin) {
        const builtins::Builtin* b = m_registry.find(data.name);
        if (!b)
            throw Error("unknown builtin '" + data.name + "'");
        return callBuiltin(*b, std::move(args), std::move(keywords), nargout);
    }
    if (!keywords.empty())
        throw Error(data.name + " does not take keyword arguments (got '" + keywords.front().name +
                    "=…')");
    if (data.kind == FunctionData::Kind::User)
        return callUser(data, std::move(args), nargout);
    return callAnonymous(data, std::move(args), nargout);
}

std::vector<Value> Evaluator::callBuiltin(const builtins::Builtin& builtin, std::vector<Value> args,
                                          std::vector<builtins::KeywordArg> keywords, int nargout,
                                          SourcePos at) {
    // nargout is 0 only for a statement of its own (`toc`, `histogram(x)`): a builtin may then
    // print instead of returning, as MATLAB's do.
    builtins::Call call(builtin.name, std::move(args), std::move(keywords), std::max(0, nargout),
                        *this);
    std::vector<Value> results = builtin.fn(call);
    for (const Value& r : results) {
        if (r.isNumeric())
            checkDimensions(r.rows(), r.cols(), builtin.name);
    }
    const std::vector<std::string> unused = call.unusedKeywords();
    if (!unused.empty())
        throw Error(builtin.name + ": unknown keyword argument '" + unused.front() + "'");
    if (nargout > 1 && results.size() < static_cast<std::size_t>(nargout))
        throw Error(builtin.name + " gives " + counted(results.size(), "output") + ", " +
                    std::to_string(nargout) + " were asked for");
    if (at.known() && m_nan.active())
        checkBuiltinResults(call, results, at);
    return results;
}

// A builtin named without parentheses is called with no arguments; when it needs some, say so
// instead of reporting a missing argument the person never meant to leave out.
std::vector<Value> Evaluator::callBare(const builtins::Builtin& builtin, int nargout) {
    try {
        return callBuiltin(builtin, {}, {}, nargout);
    } catch (const Error& e) {
        const std::string message = e.what();
        const std::string prefix = builtin.name + ": ";
        if (!e.pos().known() && (message.starts_with(prefix + "expected ") ||
                                 message.starts_with(prefix + "missing argument")))
            throw Error("'" + builtin.name + "' is a function, call it with (…)");
        throw;
    }
}

std::vector<Value> Evaluator::callUser(const FunctionData& fn, std::vector<Value> args,
                                       int nargout) {
    const ast::FunctionStmt& def = *fn.function;
    if (args.size() > def.params.size())
        throw Error(def.name + " takes " + counted(def.params.size(), "argument") + ", got " +
                    std::to_string(args.size()));
    if (nargout > 1 && static_cast<std::size_t>(nargout) > def.outputs.size())
        throw Error(def.name + " gives " + counted(def.outputs.size(), "output") + ", " +
                    std::to_string(nargout) + " were asked for");
    UserFrame call(*this, fn, args);
    Frame& frame = call.frame();
    try {
        execBlock(def.body);
    } catch (const Error& e) {
        rethrowFromOtherCell(e, def.name, frame.owner);
        throw;
    }
    std::vector<Value> results;
    const std::size_t wanted = std::min<std::size_t>(std::max(nargout, 1), def.outputs.size());
    for (std::size_t i = 0; i < wanted; ++i) {
        const auto it = frame.locals.find(def.outputs[i]);
        if (it == frame.locals.end()) {
            if (nargout == 0 && i == 0)
                break;
            throw Error("output '" + def.outputs[i] + "' of " + def.name + " was not set");
        }
        results.push_back(std::move(it->second));
    }
    return results;
}

std::vector<Value> Evaluator::callAnonymous(const FunctionData& fn, std::vector<Value> args,
                                            int nargout) {
    const ast::AnonFnExpr& def = *fn.anonymous;
    if (args.size() > def.params.size())
        throw Error(fn.name + " takes " + counted(def.params.size(), "argument") + ", got " +
                    std::to_string(args.size()));
    AnonymousFrame call(*this, fn, args.data(), args.size());
    try {
        return evalMulti(*def.body, nargout);
    } catch (const Error& e) {
        rethrowFromOtherCell(e, fn.name, call.frame().owner);
        throw;
    }
}

bool Evaluator::callAnonymousScalar(const FunctionData& fn, const double* args, std::size_t count,
                                    double& out, int depth) {
    const ast::AnonFnExpr& def = *fn.anonymous;
    if (count > def.params.size() || count > kMaxScalarArgs)
        return false;
    if (m_scalarDepth == m_scalarArgs.size())
        m_scalarArgs.push_back(std::make_unique<std::array<Value, kMaxScalarArgs>>());
    std::array<Value, kMaxScalarArgs>& values = *m_scalarArgs[m_scalarDepth];
    for (std::size_t i = 0; i < count; ++i)
        values[i].setScalar(args[i]);
    struct Level {
        explicit Level(std::size_t& d) : depth(++d) {}
        ~Level() { --depth; }
        std::size_t& depth;
    } level(m_scalarDepth);
    AnonymousFrame call(*this, fn, values.data(), count, false);
    return evalScalar(*def.body, out, depth + 1);
}

// An error inside a function another cell defined has a position in that cell's source, which
// means nothing in this one: name the function and line instead, and let the call site here
// supply the position.
void Evaluator::rethrowFromOtherCell(const Error& e, const std::string& function,
                                     const std::shared_ptr<const void>& owner) const {
    const bool sameCell = !owner.owner_before(m_program) && !m_program.owner_before(owner);
    if (sameCell || !e.pos().known())
        return;
    throw Error("in " + function + " (line " + std::to_string(e.pos().line) +
                " of its cell): " + e.what());
}

}  // namespace lemma::lang
