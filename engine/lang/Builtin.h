// The contract between the interpreter and the function library: a builtin receives a Call
// (its arguments, keyword arguments and the run's Context) and returns its results.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <typeindex>
#include <typeinfo>
#include <vector>

#include "engine/core/Error.h"
#include "engine/core/Value.h"
#include "engine/output/Output.h"

namespace lemma::builtins {

using lang::Value;

// What a running cell offers the builtins it calls. Implemented by the interpreter.
class Context {
public:
    virtual ~Context() = default;
    // The run's random generator; every cell starts it from the notebook's seed.
    virtual std::mt19937_64& rng() = 0;
    virtual void reseed(std::uint64_t seed) = 0;
    // Adds an output to the cell (disp, printf, figures …).
    virtual void emit(output::Output out) = 0;
    // Throws lemma::Cancelled when the run was cancelled; long loops call it often.
    virtual void checkCancelled() = 0;
    // Reports progress of the current builtin, 0…1.
    virtual void progress(double fraction) = 0;
    // Shows the cell's outputs so far followed by `extra` while the run goes on (a sweep's
    // curves as they come in); the run's own outputs are unchanged. Does nothing by default.
    virtual void showPartial(output::Output /*extra*/) {}
    // Calls a function value (a handle, an anonymous function, a builtin).
    virtual std::vector<Value> call(const Value& fn, const std::vector<Value>& args,
                                    int nargout) = 0;
    // The folder data files are read from (the notebook's folder); empty when there is none.
    virtual std::filesystem::path dataDir() const = 0;

    // How the cell's values show from here on (`format long` / `format short`): each run
    // starts from the notebook's default, so a cell's format never depends on another cell.
    output::NumberStyle numberStyle() const { return m_numberStyle; }
    void setNumberStyle(output::NumberStyle style) { m_numberStyle = style; }

    // State a family of builtins keeps across its calls within one run (the plot family's
    // current figure): one object of each type T, default-constructed on first use. It lives
    // as long as the Context, which the interpreter creates for each run, so runs never share
    // it and no builtin needs a global.
    template <typename T>
    T& runState() {
        std::shared_ptr<void>& slot = m_runState[std::type_index(typeid(T))];
        if (!slot)
            slot = std::make_shared<T>();
        return *static_cast<T*>(slot.get());
    }

private:
    std::map<std::type_index, std::shared_ptr<void>> m_runState;
    output::NumberStyle m_numberStyle = output::NumberStyle::Short;
};

struct KeywordArg {
    std::string name;
    Value value;
};

// One call of a builtin: checked access to its arguments. Every failure throws lemma::Error
// with a message that starts with the builtin's name ("svd: argument 1 must be a real matrix,
// got a string"). Keyword arguments a builtin never asks for are reported by the interpreter
// after the call ("svd: unknown keyword argument 'rnak'").
class Call {
public:
    Call(std::string_view name, std::vector<Value> args, std::vector<KeywordArg> keywords,
         int nargout, Context& context);

    const std::string& name() const { return m_name; }
    Context& context() { return m_context; }
    // How many results the caller asked for (1 for a plain expression, 2 for [a, b] = f(…)).
    int nargout() const { return m_nargout; }

    std::size_t count() const { return m_args.size(); }
    bool has(std::size_t i) const { return i < m_args.size(); }
    const Value& arg(std::size_t i) const;
    // Requires min ≤ count() ≤ max.
    void requireCount(std::size_t min, std::size_t max);

    // Positional argument i (0-based) converted and checked.
    const arma::mat& matrix(std::size_t i) const;     // real (or logical) matrix, not copied
    arma::cx_mat complexMatrix(std::size_t i) const;  // real or complex, as complex
    double scalar(std::size_t i) const;               // real 1×1
    long long integer(std::size_t i) const;           // real 1×1 holding an integer
    bool boolean(std::size_t i) const;                // logical or real 1×1
    const std::string& string(std::size_t i) const;
    const Value& function(std::size_t i) const;  // a function value

    // Keyword arguments; each marks the keyword as understood.
    bool hasKeyword(std::string_view name);
    std::optional<Value> keyword(std::string_view name);
    double keywordScalar(std::string_view name, double fallback);
    long long keywordInteger(std::string_view name, long long fallback);
    bool keywordBool(std::string_view name, bool fallback);
    std::string keywordString(std::string_view name, std::string fallback);
    std::vector<std::string> unusedKeywords() const;

    // Throws lemma::Error("<name>: <message>").
    [[noreturn]] void fail(const std::string& message) const;

private:
    std::string m_name;
    std::vector<Value> m_args;
    std::vector<KeywordArg> m_keywords;
    std::set<std::string, std::less<>> m_used;
    int m_nargout;
    Context& m_context;
};

using Function = std::function<std::vector<Value>(Call&)>;

// A builtin that maps each real entry to a real entry by one function (exp, sin, floor, abs …)
// may name that function, so that the interpreter computes it on a real scalar without
// building a call. `leavesReals` (when set) says for which arguments the builtin's result is
// complex instead; for those, and for a result that is not finite (its NaN/Inf warning), the
// interpreter calls the builtin as usual.
struct ScalarKernel {
    double (*real)(double) = nullptr;
    bool (*leavesReals)(double) = nullptr;
};

struct Builtin {
    std::string name;
    std::string usage;  // "svd(A) -> [U, s, V]"
    std::string help;   // one line
    Function fn;
    ScalarKernel scalar;
};

// The builtins a session offers, by name. Not a singleton: each session owns its registry.
class Registry {
public:
    void add(std::string name, std::string usage, std::string help, Function fn,
             ScalarKernel scalar = {});
    const Builtin* find(std::string_view name) const;
    std::vector<std::string> names() const;  // sorted

    // Every builtin of the standard library. Defined by the function library above this layer
    // (engine/builtins/StandardLibrary.cpp, linked into the same engine library); lang only
    // declares it, so callers keep one spelling.
    static Registry standard();

private:
    std::map<std::string, Builtin, std::less<>> m_builtins;
};

}  // namespace lemma::builtins
