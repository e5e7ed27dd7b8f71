// The built-in gradient derivations (MATH.md §3), each step checked on the given numbers and
// against central finite differences: the softmax Jacobian, the softmax + cross-entropy
// gradient, the LayerNorm gradient and the chain rule.
#pragma once

#include <armadillo>

#include "engine/math/Derivation.h"

namespace lemma::math {

// z: a vector of logits. Result: the Jacobian diag(σ) − σσᵀ.
Derivation softmaxJacobian(const arma::mat& z);

// z: logits; y: a target distribution of the same length, or one class number 1…d. Result:
// ∂L/∂z = ŷ − y in z's shape.
Derivation softmaxCrossEntropyGradient(const arma::mat& z, const arma::mat& y);

// x, dy: vectors of d ≥ 2 features; gamma, beta: scalars or d-vectors; eps > 0. Result: ∂L/∂x
// for L = dyᵀ·LayerNorm(x), in x's shape.
Derivation layerNormGradient(const arma::mat& x, const arma::mat& gamma, const arma::mat& beta,
                             const arma::mat& dy, double eps);

// w: any matrix (element-wise). L = f(g(h(w))) with h(w) = w², g(u) = sin u, f(v) = eᵛ.
// Result: dL/dw in w's shape.
Derivation chainRule(const arma::mat& w);

// Softmax of a vector, computed stably (the largest logit subtracted first).
arma::vec softmaxVector(const arma::vec& z);

}  // namespace lemma::math
