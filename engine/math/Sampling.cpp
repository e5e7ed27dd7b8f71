// Temperature, top-k and top-p sampling transforms and inverse-CDF draws (see Sampling.h).
#include "engine/math/Sampling.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "engine/core/Error.h"
#include "engine/math/Format.h"
#include "engine/math/InfoTheory.h"

namespace lemma::math {

namespace {

// Indices of p by decreasing probability; ties keep index order.
std::vector<arma::uword> byProbability(const arma::vec& p) {
    std::vector<arma::uword> order(p.n_elem);
    std::iota(order.begin(), order.end(), arma::uword(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](arma::uword a, arma::uword b) { return p(a) > p(b); });
    return order;
}

}  // namespace

SamplingResult sampling(const arma::vec& logits, const SamplingOptions& o, const std::string& who) {
    if (logits.is_empty())
        throw Error(who + ": logits is empty");
    bool anyFinite = false;
    for (arma::uword i = 0; i < logits.n_elem; ++i) {
        const double z = logits(i);
        if (std::isnan(z) || z == std::numeric_limits<double>::infinity())
            throw Error(who + ": logits(" + std::to_string(i + 1) + ") = " +
                        (std::isnan(z) ? std::string("NaN") : formatNumber(z)) +
                        " is not a logit (finite, or -Inf for a masked token)");
        anyFinite = anyFinite || std::isfinite(z);
    }
    if (!anyFinite)
        throw Error(who + ": every logit is -Inf, so no token can be sampled");
    if (!std::isfinite(o.temperature) || o.temperature < 0.0)
        throw Error(who + ": temperature must be ≥ 0, got " + formatNumber(o.temperature));
    if (!(o.top_p > 0.0 && o.top_p <= 1.0))
        throw Error(who + ": top_p must be in (0, 1], got " + formatNumber(o.top_p));

    // p_T.
    arma::vec pT(logits.n_elem, arma::fill::zeros);
    if (o.temperature == 0.0) {
        pT(logits.index_max()) = 1.0;
    } else {
        const arma::vec shifted = (logits - logits.max()) / o.temperature;
        pT = arma::exp(shifted);
        pT /= arma::accu(pT);
    }

    const std::vector<arma::uword> order = byProbability(pT);
    std::size_t keep = order.size();
    if (o.top_k > 0)
        keep = std::min<std::size_t>(keep, o.top_k);
    // Never keep tokens of probability 0 (masked, or beyond greedy's one).
    while (keep > 1 && pT(order[keep - 1]) == 0.0)
        --keep;
    if (o.top_p < 1.0) {
        double kMass = 0.0;
        for (std::size_t i = 0; i < keep; ++i)
            kMass += pT(order[i]);
        double running = 0.0;
        std::size_t nucleus = 0;
        while (nucleus < keep) {
            running += pT(order[nucleus]) / kMass;
            ++nucleus;
            // A tiny slack so that a mass that reaches top_p up to rounding counts as reaching it.
            if (running >= o.top_p - 1e-12)
                break;
        }
        keep = nucleus;
    }

    SamplingResult r;
    r.kept = arma::uvec(keep);
    r.p = arma::vec(logits.n_elem, arma::fill::zeros);
    for (std::size_t i = 0; i < keep; ++i) {
        r.kept(i) = order[i];
        r.p(order[i]) = pT(order[i]);
        r.mass += pT(order[i]);
    }
    r.p /= r.mass;
    r.entropy = entropyOf(r.p);
    return r;
}

arma::vec cumulativeDistribution(const arma::vec& p) {
    arma::vec cdf = arma::cumsum(p);
    if (!cdf.is_empty()) {
        // Trailing zero-probability entries keep the last positive sum, then all become 1 so
        // that u < 1 always finds a positive entry.
        const double total = cdf(cdf.n_elem - 1);
        for (arma::uword i = 0; i < cdf.n_elem; ++i)
            cdf(i) = std::min(1.0, cdf(i) / total);
        arma::uword last = p.n_elem;
        while (last > 0 && p(last - 1) == 0.0)
            --last;
        for (arma::uword i = last == 0 ? 0 : last - 1; i < cdf.n_elem; ++i)
            cdf(i) = 1.0;
    }
    return cdf;
}

arma::uword inverseCdf(const arma::vec& cdf, double u) {
    const double* first = cdf.memptr();
    const double* last = first + cdf.n_elem;
    // The first entry whose running sum exceeds u: a zero-probability entry repeats the
    // previous sum and so is never the first to exceed it.
    const double* it = std::upper_bound(first, last, u);
    if (it == last)
        --it;
    return static_cast<arma::uword>(it - first);
}

}  // namespace lemma::math
