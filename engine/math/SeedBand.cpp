// Per-step means and t-intervals across seeds, skipping runs that diverged.
#include "engine/math/SeedBand.h"

#include <cmath>

#include "engine/math/StudentT.h"

namespace lemma::math {

SeedBand seedBand(const arma::mat& curves, double level) {
    const arma::uword rows = curves.n_rows;
    SeedBand b;
    b.mean.set_size(rows);
    b.lo.set_size(rows);
    b.hi.set_size(rows);
    b.count.zeros(rows);
    arma::vec quantile(curves.n_cols + 1, arma::fill::value(arma::datum::nan));
    for (arma::uword k = 2; k <= curves.n_cols; ++k)
        quantile(k) = studentTQuantile(0.5 + level / 2.0, static_cast<double>(k - 1));
    for (arma::uword i = 0; i < rows; ++i) {
        double sum = 0.0;
        arma::uword k = 0;
        for (arma::uword j = 0; j < curves.n_cols; ++j) {
            if (std::isfinite(curves(i, j))) {
                sum += curves(i, j);
                ++k;
            }
        }
        b.count(i) = k;
        const double mean = k > 0 ? sum / static_cast<double>(k) : arma::datum::nan;
        b.mean(i) = mean;
        if (k < 2) {
            b.lo(i) = b.hi(i) = arma::datum::nan;
            continue;
        }
        double ss = 0.0;
        for (arma::uword j = 0; j < curves.n_cols; ++j) {
            if (std::isfinite(curves(i, j)))
                ss += (curves(i, j) - mean) * (curves(i, j) - mean);
        }
        const double half =
            quantile(k) * std::sqrt(ss / static_cast<double>(k - 1) / static_cast<double>(k));
        b.lo(i) = mean - half;
        b.hi(i) = mean + half;
    }
    return b;
}

}  // namespace lemma::math
