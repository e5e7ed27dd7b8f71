// The built-in maximum-likelihood derivations (MATH.md §4), each step checked on the given data:
// from the likelihood of a corpus to the cross-entropy loss, the Bernoulli, Gaussian and
// categorical closed forms, and weight decay as a Gaussian prior.
#pragma once

#include <armadillo>
#include <optional>

#include "engine/math/Derivation.h"

namespace lemma::math {

// tokens: positive integers; theta: a unigram model (a distribution over 1…V), by default the
// empirical frequencies. Result: the average negative log-likelihood.
Derivation mleCrossEntropy(const arma::vec& tokens, const std::optional<arma::vec>& theta);

// x: 0/1 outcomes with both present. Result: p̂ = k/n.
Derivation bernoulliMle(const arma::vec& x);

// x: at least two numbers, not all equal. Result: [μ̂ σ̂²] with the biased σ̂².
Derivation gaussianMle(const arma::vec& x);

// counts: non-negative, not all 0, at least two categories. Result: p̂ = counts/N (shape kept).
Derivation categoricalMle(const arma::mat& counts);

// X: n×d, y: n values, lambda > 0. Result: the MAP (ridge) weights, d×1.
Derivation mapWeightDecay(const arma::mat& X, const arma::vec& y, double lambda);

}  // namespace lemma::math
