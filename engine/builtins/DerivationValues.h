// Derivations as language values: a math::Derivation becomes the plain struct the language,
// the text and JSON output and the step view read (fields title, inputs, steps, result; each
// step a struct tex, note, lhs, rhs, diff, tol, pass, kind), and struct values are built field
// by field.
#pragma once

#include <initializer_list>
#include <utility>

#include "engine/core/Value.h"
#include "engine/math/Derivation.h"

namespace lemma::builtins {

// A struct with these fields, in this order.
lang::Value makeStruct(std::initializer_list<std::pair<const char*, lang::Value>> fields);

lang::Value stepValue(const math::DerivationStep& step);

lang::Value derivationValue(const math::Derivation& derivation);

}  // namespace lemma::builtins
