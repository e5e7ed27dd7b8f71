// Histogram bins for sampled data: counts in half-open bins, bin edges, and MATLAB's
// normalizations (shared by histcounts and the histogram figure call).
#pragma once

#include <armadillo>
#include <optional>
#include <string>

namespace lemma::math {

// Counts of data in the bins [edges(k), edges(k+1)), the last bin closed; NaN and values
// outside are not counted. When `bins` is given, each point's 1-based bin (0 when uncounted).
arma::rowvec histogramCounts(const arma::vec& data, const arma::rowvec& edges,
                             arma::rowvec* bins = nullptr);

// nbins equal bins from the smallest to the largest finite value (a unit-wide bin around a
// constant; [0, 1] without finite data).
arma::rowvec equalEdges(const arma::vec& data, arma::uword nbins);

// Equal bins whose count follows Scott's rule, width 3.5 σ n^(−1/3) (at most 1000 bins).
arma::rowvec scottEdges(const arma::vec& data);

// counts normalized as MATLAB's Normalization option: "count", "probability", "pdf",
// "countdensity", "cumcount" or "cdf"; nullopt for another name.
std::optional<arma::rowvec> normalizeCounts(const arma::rowvec& counts, const arma::rowvec& edges,
                                            const std::string& how);

}  // namespace lemma::math
