// Scaled dot-product attention, A = softmax(scale · QKᵀ / temperature) row by row, and A·V.
#pragma once

#include <armadillo>
#include <optional>

namespace lemma::math {

struct AttentionOptions {
    // Values; when absent the keys double as values (V = K), so self-attention examples can
    // be written with Q and K alone.
    std::optional<arma::mat> V;
    // Multiplies QKᵀ; default 1/√d_k with d_k the number of columns of Q.
    std::optional<double> scale;
    // Masks keys after the query (entries above the diagonal get weight 0).
    bool causal = false;
    // Divides the scaled scores; must be positive.
    double temperature = 1.0;
};

// Field names follow the language's struct fields.
struct AttentionResult {
    // The logits the softmax sees: scale · QKᵀ / temperature (unmasked; the causal mask is
    // applied inside the softmax).
    arma::mat scores;
    // Row-stochastic attention matrix.
    arma::mat weights;
    // weights · V.
    arma::mat output;
};

// Throws lemma::Error naming both shapes when Q and K (or K and V) do not fit, and for an
// empty Q or K, non-finite entries, a non-finite scale or a non-positive temperature.
AttentionResult attention(const arma::mat& Q, const arma::mat& K,
                          const AttentionOptions& options = {});

// Row-wise softmax computed stably: each row's maximum over its unmasked entries is
// subtracted before exp, so no entry overflows and the largest becomes exp(0) = 1. With
// `causal`, entry (i, j) with j > i gets weight exactly 0. Entries must be finite.
arma::mat softmaxRows(const arma::mat& logits, bool causal = false);
// The same in place, in three passes over the columns and no temporary matrix; returns false
// (leaving `logits` unchanged) when an unmasked entry is not finite.
bool softmaxRowsInPlace(arma::mat& logits, bool causal = false);

}  // namespace lemma::math
