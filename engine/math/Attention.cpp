// Scaled dot-product attention with a numerically stable, optionally causal row softmax.
#include "engine/math/Attention.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "engine/core/Error.h"
#include "engine/math/Format.h"

namespace lemma::math {

bool softmaxRowsInPlace(arma::mat& logits, bool causal) {
    const arma::uword rows = logits.n_rows;
    const arma::uword cols = logits.n_cols;
    // Column-major storage: every pass walks columns, keeping one running value per row.
    // Entry (i, j) is masked when causal and j > i; column 0 is never masked, so every row
    // keeps at least one entry.
    std::vector<double> rowMax(rows, -std::numeric_limits<double>::infinity());
    bool finite = true;
    for (arma::uword j = 0; j < cols; ++j) {
        const double* column = logits.colptr(j);
        for (arma::uword i = causal ? std::min(j, rows) : 0; i < rows; ++i) {
            const double x = column[i];
            finite = finite && std::abs(x) <= std::numeric_limits<double>::max();
            rowMax[i] = std::max(rowMax[i], x);
        }
    }
    if (!finite) {
        return false;
    }
    std::vector<double> rowSum(rows, 0.0);
    for (arma::uword j = 0; j < cols; ++j) {
        double* column = logits.colptr(j);
        const arma::uword first = causal ? std::min(j, rows) : 0;
        std::fill(column, column + first, 0.0);
        for (arma::uword i = first; i < rows; ++i) {
            const double e = std::exp(column[i] - rowMax[i]);
            column[i] = e;
            rowSum[i] += e;
        }
    }
    for (double& total : rowSum) {
        total = 1.0 / total;
    }
    for (arma::uword j = 0; j < cols; ++j) {
        double* column = logits.colptr(j);
        for (arma::uword i = causal ? std::min(j, rows) : 0; i < rows; ++i) {
            column[i] *= rowSum[i];
        }
    }
    return true;
}

arma::mat softmaxRows(const arma::mat& logits, bool causal) {
    arma::mat weights = logits;
    if (!softmaxRowsInPlace(weights, causal)) {
        throw Error("softmax: the logits must be finite");
    }
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
    // One GEMM with the scale as its α (Armadillo folds the scalar into the product).
    result.scores = (scale / options.temperature) * Q * K.t();
    result.weights = result.scores;
    if (!softmaxRowsInPlace(result.weights, options.causal)) {
        throw Error("attention: the scores overflowed (scale or entries too large)");
    }
    result.output = result.weights * V;
    return result;
}

}  // namespace lemma::math
