// Small helpers shared by the evaluator's two source files.
#pragma once

#include <new>
#include <string>
#include <string_view>

#include "engine/core/Error.h"
#include "engine/core/Value.h"

namespace lemma::lang {

// Runs f(); an Error without a position gets `pos`, any other exception (Armadillo's,
// the standard library's) becomes an Error at `pos`. A Cancelled passes through.
template <class F>
auto atPosition(SourcePos pos, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (Error& e) {
        e.setPosIfUnknown(pos);
        throw;
    } catch (const Cancelled&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw Error("out of memory", pos);
    } catch (const std::exception& e) {
        throw Error(e.what(), pos);
    }
}

// "1 value", "3 values".
inline std::string counted(std::size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// Whether `v`, found under `name`, is the definition `function … name(…)` itself (which a
// bare `name` calls) rather than a variable holding a function value.
inline bool isDefinitionOf(const Value& v, std::string_view name) {
    if (!v.isFunction())
        return false;
    const FunctionData& fn = v.function();
    return fn.kind == FunctionData::Kind::User && fn.name == name;
}

}  // namespace lemma::lang
