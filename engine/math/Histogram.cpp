// Histogram bins (see Histogram.h).
#include "engine/math/Histogram.h"

#include <algorithm>
#include <cmath>

namespace lemma::math {

arma::rowvec histogramCounts(const arma::vec& data, const arma::rowvec& edges, arma::rowvec* bins) {
    const arma::uword nb = edges.n_elem > 0 ? edges.n_elem - 1 : 0;
    arma::rowvec counts(nb, arma::fill::zeros);
    if (bins)
        bins->zeros(data.n_elem);
    for (arma::uword i = 0; i < data.n_elem; ++i) {
        const double x = data(i);
        if (nb == 0 || std::isnan(x) || x < edges(0) || x > edges(nb))
            continue;
        arma::uword k =
            arma::uword(std::upper_bound(edges.begin(), edges.end(), x) - edges.begin());
        k = k == 0 ? 0 : std::min(k - 1, nb - 1);
        counts(k) += 1;
        if (bins)
            (*bins)(i) = double(k + 1);
    }
    return counts;
}

arma::rowvec equalEdges(const arma::vec& data, arma::uword nbins) {
    const arma::vec finite = data(arma::find_finite(data));
    double lo = finite.is_empty() ? 0.0 : finite.min();
    double hi = finite.is_empty() ? 1.0 : finite.max();
    if (lo == hi) {
        lo -= 0.5;
        hi += 0.5;
    }
    return arma::linspace<arma::rowvec>(lo, hi, nbins + 1);
}

arma::rowvec scottEdges(const arma::vec& data) {
    const arma::vec finite = data(arma::find_finite(data));
    if (finite.n_elem < 2)
        return equalEdges(data, 1);
    const double range = finite.max() - finite.min();
    const double width = 3.5 * arma::stddev(finite) * std::pow(double(finite.n_elem), -1.0 / 3.0);
    const double nbins = width > 0 ? std::clamp(std::ceil(range / width), 1.0, 1000.0) : 1.0;
    return equalEdges(data, arma::uword(nbins));
}

std::optional<arma::rowvec> normalizeCounts(const arma::rowvec& counts, const arma::rowvec& edges,
                                            const std::string& how) {
    const double total = arma::accu(counts);
    const arma::rowvec widths = arma::diff(edges);
    if (how == "count")
        return counts;
    if (how == "probability")
        return arma::rowvec(counts / total);
    if (how == "pdf")
        return arma::rowvec(counts / (total * widths));
    if (how == "countdensity")
        return arma::rowvec(counts / widths);
    if (how == "cumcount")
        return arma::rowvec(arma::cumsum(counts));
    if (how == "cdf")
        return arma::rowvec(arma::cumsum(counts) / total);
    return std::nullopt;
}

}  // namespace lemma::math
