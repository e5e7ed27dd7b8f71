// Bootstrap percentile confidence intervals (MATH.md §7).
#pragma once

#include <armadillo>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace lemma::math {

using Statistic = std::function<double(const arma::vec&)>;

// "mean" "median" "std" "var"; anything else throws lemma::Error (prefixed with `who`).
Statistic namedStatistic(const std::string& name, const std::string& who);

struct BootstrapResult {
    double estimate = 0.0;  // the statistic of the sample itself
    double lo = 0.0;
    double hi = 0.0;
    double se = 0.0;         // standard deviation of the bootstrap statistics
    double resamples = 0.0;  // drawn, or distinct multisets enumerated
};

// The largest sample `exact` accepts (C(2n − 1, n) multisets: 352,716 at n = 11).
inline constexpr arma::uword kExactBootstrapLimit = 11;

// The percentile interval at `level` (0 < level < 1): lo and hi are the α/2 and 1 − α/2
// quantiles of the bootstrap distribution of the statistic, taking the quantile q as the
// smallest value whose distribution function reaches q. With `draws` set, that many resamples
// from a seeded generator (se with denominator draws − 1); without, every resample: all
// multisets of n draws from the sample with their multinomial probabilities (the exact
// bootstrap distribution; se is its standard deviation). Throws lemma::Error on an empty
// sample, a level outside (0, 1) or an exact request beyond kExactBootstrapLimit.
BootstrapResult bootstrapCi(const arma::vec& x, const Statistic& statistic, double level,
                            std::optional<arma::uword> draws, std::uint64_t seed);

}  // namespace lemma::math
