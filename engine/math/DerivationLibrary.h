// The built-in derivations by name, with default inputs for the arguments left out, so that
// derive("softmax_jacobian") works at once and derive("softmax_jacobian", z) on the analyst's
// own numbers.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "engine/math/Derivation.h"

namespace lemma::math {

struct DerivationSpec {
    std::string name;                     // "softmax_jacobian"
    std::vector<std::string> parameters;  // "z"
    std::string summary;                  // one line
};

// Every built-in derivation, in a fixed order.
const std::vector<DerivationSpec>& derivationSpecs();

// Runs derivation `name` on `args` (the first parameters; the rest take their defaults).
// `eps` is LayerNorm's ε. Throws naming the derivation for an unknown name or too many inputs.
Derivation builtinDerivation(const std::string& name, const std::vector<arma::mat>& args,
                             double eps = 1e-5);

}  // namespace lemma::math
