// Stacks of random pure self-attention layers, with and without skip connections.
#include "engine/math/RankCollapse.h"

#include <cmath>
#include <string>
#include <vector>

#include "engine/core/Error.h"
#include "engine/math/Attention.h"
#include "engine/math/Random.h"

namespace lemma::math {

namespace {

struct HeadWeights {
    arma::mat WQ;
    arma::mat WK;
    arma::mat WV;
};

arma::mat selfAttention(const arma::mat& X, const std::vector<HeadWeights>& heads, double scale) {
    arma::mat out(X.n_rows, X.n_cols, arma::fill::zeros);
    for (const HeadWeights& h : heads) {
        const arma::mat Q = X * h.WQ;
        const arma::mat K = X * h.WK;
        const arma::mat logits = (Q * K.t()) * scale;
        out += softmaxRows(logits) * (X * h.WV);
    }
    return out;
}

}  // namespace

double relativeResidual(const arma::mat& X) {
    const double total = arma::norm(X, "fro");
    if (!(total > 0.0)) {
        return 0.0;
    }
    arma::mat centred = X;
    centred.each_row() -= arma::mean(X, 0);
    return arma::norm(centred, "fro") / total;
}

RankCollapseResult rankCollapse(const arma::mat& X, const RankCollapseOptions& options) {
    if (X.is_empty()) {
        throw Error("rank_collapse: X is empty");
    }
    if (!X.is_finite()) {
        throw Error("rank_collapse: X contains NaN or Inf");
    }
    if (options.heads < 1 || options.heads > 64) {
        throw Error("rank_collapse: heads must be between 1 and 64, got " +
                    std::to_string(options.heads));
    }
    if (options.depth > 100) {
        throw Error("rank_collapse: depth must be between 0 and 100, got " +
                    std::to_string(options.depth));
    }
    const arma::uword d = X.n_cols;
    const arma::uword dk = options.d_k ? *options.d_k : std::max<arma::uword>(1, d / options.heads);
    if (dk < 1 || dk > 4096) {
        throw Error("rank_collapse: d_k must be between 1 and 4096, got " + std::to_string(dk));
    }

    Random random(options.seed);
    const double wScale = 1.0 / std::sqrt(static_cast<double>(d));
    const double vScale = 1.0 / std::sqrt(static_cast<double>(d * options.heads));
    const double logitScale = 1.0 / std::sqrt(static_cast<double>(dk));

    RankCollapseResult r;
    r.layers = arma::regspace<arma::vec>(0, static_cast<double>(options.depth));
    r.residual.set_size(options.depth + 1);
    r.residual_skip.set_size(options.depth + 1);
    arma::mat plain = X;
    arma::mat skip = X;
    r.residual(0) = r.residual_skip(0) = relativeResidual(X);
    for (arma::uword layer = 1; layer <= options.depth; ++layer) {
        std::vector<HeadWeights> heads(options.heads);
        for (HeadWeights& h : heads) {
            h.WQ = random.gaussian(d, dk, wScale);
            h.WK = random.gaussian(d, dk, wScale);
            h.WV = random.gaussian(d, d, vScale);
        }
        plain = selfAttention(plain, heads, logitScale);
        skip = skip + selfAttention(skip, heads, logitScale);
        if (!plain.is_finite() || !skip.is_finite()) {
            throw Error("rank_collapse: the activations overflowed at layer " +
                        std::to_string(layer));
        }
        r.residual(layer) = relativeResidual(plain);
        r.residual_skip(layer) = relativeResidual(skip);
    }
    return r;
}

}  // namespace lemma::math
