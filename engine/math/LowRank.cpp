// Eckart–Young low-rank approximation and the randomized SVD.
#include "engine/math/LowRank.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "engine/core/Error.h"
#include "engine/math/Format.h"
#include "engine/math/Random.h"

namespace lemma::math {

namespace {

void checkMatrixAndRank(const arma::mat& W, arma::uword r, const char* who) {
    if (W.is_empty()) {
        throw Error(std::string(who) + ": W is empty");
    }
    if (!W.is_finite()) {
        throw Error(std::string(who) + ": W contains NaN or Inf");
    }
    const arma::uword most = std::min(W.n_rows, W.n_cols);
    if (r < 1 || r > most) {
        throw Error(std::string(who) + ": rank " + std::to_string(r) + " is out of range for a " +
                    shapeOf(W) + " matrix (it must be between 1 and " + std::to_string(most) + ")");
    }
}

// Q of the thin QR decomposition: an orthonormal basis of the columns of Y.
arma::mat orthonormalBasis(const arma::mat& Y) {
    arma::mat Q;
    arma::mat R;
    if (!arma::qr_econ(Q, R, Y)) {
        throw Error("rsvd: the QR decomposition failed");
    }
    return Q;
}

}  // namespace

LowRankResult lowRank(const arma::mat& W, arma::uword r) {
    checkMatrixAndRank(W, r, "lowrank");
    arma::mat U;
    arma::vec s;
    arma::mat V;
    if (!arma::svd_econ(U, s, V, W)) {
        throw Error("lowrank: the singular value decomposition did not converge");
    }
    LowRankResult result;
    result.singular_values = s;
    arma::mat scaled = U.head_cols(r);
    scaled.each_row() %= s.head(r).t();
    result.approx = scaled * V.head_cols(r).t();
    result.err_fro = arma::norm(W - result.approx, "fro");
    // ‖W − W_r‖₂ = σ_{r+1} exactly (Eckart–Young–Mirsky); the residual's own SVD would cost
    // a second full decomposition to measure what the first one already holds.
    result.err_spec = r < s.n_elem ? s(r) : 0.0;

    // The tail is summed directly rather than as total − head, which would cancel.
    const double tolerance = static_cast<double>(std::max(W.n_rows, W.n_cols)) *
                             std::numeric_limits<double>::epsilon() * s(0);
    arma::vec tail = s.tail(s.n_elem - r);
    tail.elem(arma::find(tail <= tolerance)).zeros();
    result.ey_fro = arma::norm(tail, 2);
    result.ey_spec = tail.is_empty() ? 0.0 : tail(0);

    const double total = arma::accu(arma::square(s));
    result.energy = total > 0.0 ? arma::accu(arma::square(s.head(r))) / total : 1.0;
    result.params_full = W.n_rows * W.n_cols;
    result.params_factored = r * (W.n_rows + W.n_cols);
    result.ratio =
        static_cast<double>(result.params_full) / static_cast<double>(result.params_factored);
    return result;
}

RsvdResult rsvd(const arma::mat& W, arma::uword r, const RsvdOptions& options) {
    checkMatrixAndRank(W, r, "rsvd");
    if (options.oversample > 1000) {
        throw Error("rsvd: oversample must be between 0 and 1000, got " +
                    std::to_string(options.oversample));
    }
    if (options.power > 50) {
        throw Error("rsvd: power must be between 0 and 50, got " + std::to_string(options.power));
    }
    const arma::uword width = std::min(r + options.oversample, std::min(W.n_rows, W.n_cols));
    Random random(options.seed);
    const arma::mat omega = random.gaussian(W.n_cols, width);

    if (options.poll)
        options.poll();
    arma::mat Q = orthonormalBasis(W * omega);
    for (arma::uword i = 0; i < options.power; ++i) {
        if (options.poll)
            options.poll();
        const arma::mat Z = orthonormalBasis(W.t() * Q);
        Q = orthonormalBasis(W * Z);
    }
    const arma::mat B = Q.t() * W;
    arma::mat Ub;
    arma::vec s;
    arma::mat Vb;
    if (!arma::svd_econ(Ub, s, Vb, B)) {
        throw Error("rsvd: the singular value decomposition did not converge");
    }
    RsvdResult result;
    result.U = Q * Ub.head_cols(r);
    result.s = s.head(r);
    result.V = Vb.head_cols(r);
    return result;
}

}  // namespace lemma::math
