// Mean curves over seeds with their confidence bands (MATH.md §7).
#pragma once

#include <armadillo>

namespace lemma::math {

struct SeedBand {
    arma::vec mean;  // over the finite entries of each row
    arma::vec lo;  // mean ∓ t_{(1+level)/2, k−1} · s/√k (NaN where fewer than 2 are finite)
    arma::vec hi;
    arma::uvec count;  // finite entries per row
};

// curves: one row per step, one column per seed.
SeedBand seedBand(const arma::mat& curves, double level = 0.95);

}  // namespace lemma::math
