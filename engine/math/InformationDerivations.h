// The built-in information-theory derivations (MATH.md §5): cross-entropy = entropy + KL, and
// perplexity as an effective vocabulary size.
#pragma once

#include <armadillo>

#include "engine/math/Derivation.h"

namespace lemma::math {

// p, q: distributions of the same length, q > 0 wherever p > 0. Result: H(p, q) in nats.
Derivation crossEntropyKl(const arma::mat& p, const arma::mat& q);

// logprobs: natural log-probabilities of the tokens of a text. Result: the perplexity.
Derivation perplexityDerivation(const arma::mat& logprobs);

}  // namespace lemma::math
