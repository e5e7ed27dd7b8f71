// The tree walker behind Interpreter::run: one Evaluator runs one cell.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/MemoryBudget.h"
#include "engine/core/Value.h"
#include "engine/lang/Ast.h"
#include "engine/lang/Builtin.h"
#include "engine/lang/Indexing.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/NanCheck.h"

namespace lemma::lang {

// Responsibilities:
//  - execute statements and evaluate expressions of one cell, with the position of the failing
//    expression on every error (Armadillo's and the standard library's exceptions included);
//  - resolve names: the running function's variables, then the notebook's globals, then the
//    builtins; an identifier holding a value is indexed, a function is called;
//  - call builtins, user functions and anonymous functions, with a recursion limit;
//  - be the builtins' Context for the run (random generator, outputs, cancellation).
// Throws lemma::Error or lemma::Cancelled; Interpreter::run turns them into a RunResult.
class Evaluator final : public builtins::Context {
public:
    Evaluator(const builtins::Registry& registry, Globals& globals, const RunOptions& options,
              std::shared_ptr<const ast::Program> program, output::Outputs& outputs);

    void run();
    // After a cancelled run: the innermost statement that was running.
    SourcePos stoppedAt() const { return m_stoppedAt; }

    std::mt19937_64& rng() override { return m_rng; }
    void reseed(std::uint64_t seed) override { m_rng.seed(seed); }
    void emit(output::Output out) override;
    void checkCancelled() override;
    void progress(double fraction) override;
    void showPartial(output::Output extra) override;
    std::vector<Value> call(const Value& fn, const std::vector<Value>& args, int nargout) override;
    std::filesystem::path dataDir() const override { return m_options.dataDir; }

private:
    // The variables of the running cell or function. At top level only `ans` is local and
    // assignments write the globals.
    //
    // Names are found through `slots`: one cached location per name of the running scope (the
    // numbering of Slots.h), filled on first use by the string lookup and then reused, so a
    // loop reads and writes its variables without searching a map. A slot is `writable` when
    // it is where an assignment to the name goes (this frame's locals, or the globals at top
    // level); a name read from the globals or the captures inside a function is cached as
    // read-only, and its first assignment re-points the slot at the new local. Map nodes do
    // not move when other names are added, and erasing a name clears the cache.
    struct SlotRef {
        Value* value = nullptr;
        bool writable = false;
    };
    using Locals = std::map<std::string, Value, std::less<>>;
    struct Frame {
        Locals locals;
        std::vector<SlotRef> slots;
        // An anonymous function's arguments, bound by position to its first `paramCount`
        // parameters and read after the locals (an anonymous function has no other locals).
        const std::vector<std::string>* paramNames = nullptr;
        Value* params = nullptr;
        std::size_t paramCount = 0;
        // An anonymous function's captured values, read after the arguments (not copied in).
        const std::vector<std::pair<std::string, Value>>* captures = nullptr;
        bool topLevel = false;
        std::shared_ptr<const void> owner;  // keeps the syntax tree of the running code alive
    };
    class DepthGuard;
    class AnonymousFrame;
    class UserFrame;

    // Calls reuse what returned calls left: their slot tables and their locals' map nodes.
    std::vector<SlotRef> takeSlots(int count);
    void giveSlots(std::vector<SlotRef> slots);
    Value& addLocal(const std::string& name);
    void recycleLocals(Locals& locals);

    enum class Flow { Next, Break, Continue, Return };

    // The value `end` stands for inside an index: the extent of dimension `position` of
    // `target` (numel when there is a single subscript); target is null for a new name.
    struct EndContext {
        const Value* target;
        std::size_t position;
        std::size_t count;
    };

    // Statements.
    Flow execBlock(const ast::Block& block);
    Flow exec(const ast::Stmt& stmt);
    Flow execAt(const ast::Stmt& stmt);  // exec without noting where a cancel stopped the run
    void execExpr(const ast::ExprStmt& stmt);
    void execAssign(const ast::AssignStmt& stmt);
    bool condition(const ast::Expr& expr);
    Flow execIf(const ast::IfStmt& stmt);
    Flow execFor(const ast::ForStmt& stmt);
    Flow iterate(const ast::ForStmt& stmt, arma::uword count,
                 const std::function<Value(arma::uword)>& item);
    Flow execWhile(const ast::WhileStmt& stmt);
    void defineFunction(const ast::FunctionStmt& stmt);
    void assignTo(const ast::LValue& target, Value value);
    // `where` names what is assigned so far, for messages: "x", "s.w", "L{…}".
    Value assignPath(std::optional<Value> current, const std::vector<ast::Accessor>& path,
                     const std::vector<Subscripts>& subs, std::size_t k, Value rhs,
                     const std::string& where);
    // Refuses growth of `where` by an assignment beyond the dimension limit or the memory
    // budget before it is allocated.
    void checkGrowth(const std::optional<Value>& current, const Subscripts& subs, const Value& rhs,
                     bool brace, const std::string& where);
    // A real scalar expression (numbers, scalar variables, arithmetic on them) evaluated as a
    // double without making values; false (having done nothing observable) for anything else.
    // Gives up (false) past a small depth; the general path then handles deep trees.
    bool evalScalar(const ast::Expr& expr, double& out, int depth = 0);
    bool evalScalarCall(const ast::CallExpr& expr, double& out, int depth);
    static bool scalarEntry(const arma::mat& m, const double* index, std::size_t count,
                            double& out);

    // Expressions. eval gives exactly one value; evalMulti lets a call give several (nargout)
    // or, with nargout 0 (a statement), none.
    Value eval(const ast::Expr& expr);
    Value evalKind(const ast::Expr& expr);
    std::vector<Value> evalMulti(const ast::Expr& expr, int nargout);
    // A name's value without copying it; anything else is evaluated into `storage`.
    const Value& evalRef(const ast::Expr& expr, Value& storage);
    Value evalIdent(const ast::IdentExpr& expr);
    Value evalEnd(const ast::EndExpr& expr) const;
    Value evalBinary(const ast::BinaryExpr& expr);
    Value evalRange(const ast::RangeExpr& expr);
    Value evalMatrix(const ast::MatrixExpr& expr);
    Value evalList(const ast::ListExpr& expr);
    Value evalField(const ast::FieldExpr& expr);
    Value evalBraceIndex(const ast::BraceIndexExpr& expr);
    Value evalAnonymous(const ast::AnonFnExpr& expr);
    Value evalHandle(const ast::FuncHandleExpr& expr);
    std::vector<Value> evalCall(const ast::CallExpr& expr, int nargout);
    Subscripts evalSubscripts(const std::vector<ast::Argument>& args, const Value* target);
    Subscripts evalSubscripts(const std::vector<ast::ExprPtr>& args, const Value* target);
    Subscript evalSubscript(const ast::Expr& arg, EndContext context);

    // Names.
    const Value* lookup(std::string_view name) const;
    const Value* lookup(std::string_view name, int slot) const;
    // A variable holding a plain value (not the definition of a function of that name).
    const Value* lookupVariable(std::string_view name, int slot = -1) const;
    SlotRef locate(std::string_view name) const;
    Value* findWritable(std::string_view name, int slot = -1);
    // The variable an assignment to `name` writes, created (an empty matrix) when missing.
    Value& variableRef(const std::string& name, int slot);
    void setVariable(const std::string& name, Value value, int slot = -1);
    void eraseVariable(const std::string& name);
    [[noreturn]] void undefined(const std::string& name, SourcePos pos) const;

    // Calls.
    std::vector<Value> callWithArguments(const Value& fn, const ast::CallExpr& expr, int nargout);
    std::vector<Value> callValue(const Value& fn, std::vector<Value> args,
                                 std::vector<builtins::KeywordArg> keywords, int nargout);
    // `at`: where the call is written, for the NaN check of its results (none: no check).
    std::vector<Value> callBuiltin(const builtins::Builtin& builtin, std::vector<Value> args,
                                   std::vector<builtins::KeywordArg> keywords, int nargout,
                                   SourcePos at = {});
    std::vector<Value> callUser(const FunctionData& fn, std::vector<Value> args, int nargout);
    std::vector<Value> callAnonymous(const FunctionData& fn, std::vector<Value> args, int nargout);
    // An anonymous function of real scalars whose body is scalar arithmetic (`@(x) x*2 + 1`),
    // evaluated without a Value per step; false, having changed nothing, when it is not one.
    // Its arguments live in m_scalarArgs, one block per nesting level, reused from call to call.
    static constexpr std::size_t kMaxScalarArgs = 4;
    bool callAnonymousScalar(const FunctionData& fn, const double* args, std::size_t count,
                             double& out, int depth);
    std::vector<Value> callBare(const builtins::Builtin& builtin, int nargout);
    void evalArguments(const std::vector<ast::Argument>& args, std::vector<Value>& positional,
                       std::vector<builtins::KeywordArg>& keywords);
    Value indexWith(const Value& target, const ast::CallExpr& expr);
    void rethrowFromOtherCell(const Error& e, const std::string& function,
                              const std::shared_ptr<const void>& owner) const;

    void checkStack() const;

    // Bounds (see NanCheck.h and MemoryBudget.h): the first operation of the run that turns
    // finite inputs into NaN or Inf gets a warning; a binary operation whose result would not
    // fit the memory budget (outer broadcasting, a huge product) fails before it allocates.
    void warn(const std::optional<std::string>& message);
    void checkResult(const ast::BinaryExpr& expr, const Value& left, const Value& right,
                     const Value& result);
    void checkBuiltinResults(const builtins::Call& call, const std::vector<Value>& results,
                             SourcePos pos);
    void guardMemory(const ast::BinaryExpr& expr, const Value& left, const Value& right);

    const builtins::Registry& m_registry;
    Globals& m_globals;
    const RunOptions& m_options;
    std::shared_ptr<const ast::Program> m_program;
    output::Outputs& m_outputs;
    std::mt19937_64 m_rng;
    Frame m_top;
    Frame* m_frame = &m_top;
    std::vector<std::vector<SlotRef>> m_spareSlots;
    std::vector<Locals::node_type> m_spareLocals;
    std::vector<std::unique_ptr<std::array<Value, kMaxScalarArgs>>> m_scalarArgs;
    std::size_t m_scalarDepth = 0;
    const EndContext* m_end = nullptr;
    int m_depth = 0;
    std::uintptr_t m_stackBase = 0;
    SourcePos m_stoppedAt;
    MemoryBudget& m_budget;  // the run state builtins check through budget::require
    NanCheck& m_nan;
};

}  // namespace lemma::lang
