// Scaled dot-product attention with a numerically stable, optionally causal row softmax.
#include "engine/math/Attention.h"

#include <cmath>
#include <limits>
#include <string>

#include "engine/core/Error.h"
#include "engine/math/Format.h"

namespace lemma::math {

arma::mat softmaxRows(const arma::mat& logits, bool causal) {
    arma::mat shifted = logits;
    if (causal) {
        // -inf above the diagonal: excluded from the row maximum and exp(-inf) = 0 exactly.
        // Column 0 is never masked, so every row keeps at least one finite entry.
        for (arma::uword j = 1; j < shifted.n_cols; ++j) {
            const arma::uword last = std::min<arma::uword>(j, shifted.n_rows);
            shifted.col(j).head(last).fill(-std::numeric_limits<double>::infinity());
        }
    }
    const arma::vec rowMax = arma::max(shifted, 1);
    shifted.each_col() -= rowMax;
    arma::mat weights = arma::exp(shifted);
    const arma::vec rowSum = arma::sum(weights, 1);
    weights.each_col() /= rowSum;
    return weights;
}

AttentionResult attention(const arma::mat& Q, const arma::mat& K, const AttentionOptions& options) {
    if (Q.is_empty() || K.is_empty()) {
        throw Error("attention: Q is " + shapeOf(Q) + " and K is " + shapeOf(K) +
                    " (both need at least one row and one column)");
    }
    if (Q.n_cols != K.n_cols) {
        throw Error("attention: Q is " + shapeOf(Q) + " but K is " + shapeOf(K) +
                    " (their columns must match)");
    }
    const arma::mat& V = options.V ? *options.V : K;
    if (options.V && V.n_rows != K.n_rows) {
        throw Error("attention: K is " + shapeOf(K) + " but V is " + shapeOf(V) +
                    " (their rows must match)");
    }
    if (!Q.is_finite() || !K.is_finite() || !V.is_finite()) {
        throw Error("attention: Q, K and V must not contain NaN or Inf");
    }
    const double scale =
        options.scale ? *options.scale : 1.0 / std::sqrt(static_cast<double>(Q.n_cols));
    if (!std::isfinite(scale)) {
        throw Error("attention: the scale must be finite");
    }
    if (!(options.temperature > 0.0) || !std::isfinite(options.temperature)) {
        throw Error("attention: the temperature must be positive, got " +
                    formatNumber(options.temperature));
    }

    AttentionResult result;
    result.scores = (Q * K.t()) * (scale / options.temperature);
    if (!result.scores.is_finite()) {
        throw Error("attention: the scores overflowed (scale or entries too large)");
    }
    result.weights = softmaxRows(result.scores, options.causal);
    result.output = result.weights * V;
    return result;
}

}  // namespace lemma::math
