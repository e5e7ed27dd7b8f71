// Derivations as language values (see DerivationValues.h).
#include "engine/builtins/DerivationValues.h"

namespace lemma::builtins {

using lang::StructData;
using lang::Value;

Value makeStruct(std::initializer_list<std::pair<const char*, Value>> fields) {
    StructData s;
    for (const auto& [name, value] : fields)
        s.set(name, value);
    return Value(std::move(s));
}

Value stepValue(const math::DerivationStep& step) {
    return makeStruct({{"tex", Value(step.tex)},
                       {"note", Value(step.note)},
                       {"lhs", Value(step.lhs)},
                       {"rhs", Value(step.rhs)},
                       {"diff", Value(step.diff)},
                       {"tol", Value(step.tol)},
                       {"pass", Value::boolean(step.pass)},
                       {"kind", Value(math::stepKindName(step.kind))}});
}

Value derivationValue(const math::Derivation& derivation) {
    StructData inputs;
    for (const auto& [name, value] : derivation.inputs)
        inputs.set(name, Value(value));
    std::vector<Value> steps;
    steps.reserve(derivation.steps.size());
    for (const math::DerivationStep& s : derivation.steps)
        steps.push_back(stepValue(s));
    return makeStruct({{"title", Value(derivation.title)},
                       {"inputs", Value(std::move(inputs))},
                       {"steps", Value::list(std::move(steps))},
                       {"result", Value(derivation.result)}});
}

}  // namespace lemma::builtins
