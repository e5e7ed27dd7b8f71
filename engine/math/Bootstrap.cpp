// Bootstrap percentile intervals by resampling or by enumerating every resample.
#include "engine/math/Bootstrap.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

#include "engine/core/Error.h"

namespace lemma::math {

namespace {

struct Weighted {
    double value;
    double weight;
};

// The smallest value whose cumulative weight reaches q·total (a little slack for rounding).
double quantileOf(const std::vector<Weighted>& sorted, double q, double total) {
    double cumulative = 0.0;
    for (const Weighted& w : sorted) {
        cumulative += w.weight;
        if (cumulative >= q * total * (1.0 - 1e-12))
            return w.value;
    }
    return sorted.back().value;
}

// Calls f(counts, probability) for every multiset of n draws from n items.
template <class F>
void forEachMultiset(arma::uword n, F&& f) {
    std::vector<arma::uword> counts(n, 0);
    std::vector<double> logFactorial(n + 1, 0.0);
    for (arma::uword k = 1; k <= n; ++k)
        logFactorial[k] = logFactorial[k - 1] + std::log(static_cast<double>(k));
    const double logTotal = static_cast<double>(n) * std::log(static_cast<double>(n));
    auto recurse = [&](auto&& self, arma::uword item, arma::uword left, double logWeight) {
        if (item + 1 == n) {
            counts[item] = left;
            f(counts, std::exp(logFactorial[n] - logWeight - logFactorial[left] - logTotal));
            return;
        }
        for (arma::uword c = 0; c <= left; ++c) {
            counts[item] = c;
            self(self, item + 1, left - c, logWeight + logFactorial[c]);
        }
    };
    recurse(recurse, 0, n, 0.0);
}

}  // namespace

Statistic namedStatistic(const std::string& name, const std::string& who) {
    if (name == "mean")
        return [](const arma::vec& v) { return arma::mean(v); };
    if (name == "median")
        return [](const arma::vec& v) { return arma::median(v); };
    if (name == "std")
        return [](const arma::vec& v) { return v.n_elem > 1 ? arma::stddev(v) : 0.0; };
    if (name == "var")
        return [](const arma::vec& v) { return v.n_elem > 1 ? arma::var(v) : 0.0; };
    throw Error(who + ": unknown statistic '" + name +
                "' (use \"mean\", \"median\", \"std\", \"var\" or a function)");
}

BootstrapResult bootstrapCi(const arma::vec& x, const Statistic& statistic, double level,
                            std::optional<arma::uword> draws, std::uint64_t seed) {
    if (x.is_empty())
        throw Error("bootstrap_ci: the sample is empty");
    if (!x.is_finite())
        throw Error("bootstrap_ci: the sample contains NaN or Inf");
    if (!(level > 0) || !(level < 1))
        throw Error("bootstrap_ci: level must lie strictly between 0 and 1");
    const arma::uword n = x.n_elem;
    std::vector<Weighted> stats;
    BootstrapResult r;
    r.estimate = statistic(x);
    arma::vec resample(n);
    if (draws) {
        if (*draws < 2 || *draws > 10000000)
            throw Error("bootstrap_ci: n must be between 2 and 10,000,000");
        std::mt19937_64 engine(seed);
        stats.reserve(*draws);
        for (arma::uword b = 0; b < *draws; ++b) {
            for (arma::uword i = 0; i < n; ++i)
                resample(i) = x(static_cast<arma::uword>(engine() % n));
            stats.push_back({statistic(resample), 1.0});
        }
    } else {
        if (n > kExactBootstrapLimit)
            throw Error(
                "bootstrap_ci: n=\"exact\" enumerates every resample, which needs at "
                "most " +
                std::to_string(kExactBootstrapLimit) + " observations, got " + std::to_string(n));
        forEachMultiset(n, [&](const std::vector<arma::uword>& counts, double p) {
            arma::uword k = 0;
            for (arma::uword i = 0; i < n; ++i) {
                for (arma::uword c = 0; c < counts[i]; ++c)
                    resample(k++) = x(i);
            }
            stats.push_back({statistic(resample), p});
        });
    }
    for (const Weighted& w : stats) {
        if (!std::isfinite(w.value))
            throw Error("bootstrap_ci: the statistic is not finite on a resample");
    }
    const double total = std::accumulate(stats.begin(), stats.end(), 0.0,
                                         [](double s, const Weighted& w) { return s + w.weight; });
    double mean = 0.0;
    for (const Weighted& w : stats)
        mean += w.weight * w.value;
    mean /= total;
    double ss = 0.0;
    for (const Weighted& w : stats)
        ss += w.weight * (w.value - mean) * (w.value - mean);
    r.se = std::sqrt(draws ? ss / (total - 1.0) : ss / total);
    std::stable_sort(stats.begin(), stats.end(),
                     [](const Weighted& a, const Weighted& b) { return a.value < b.value; });
    const double alpha = 1.0 - level;
    r.lo = quantileOf(stats, alpha / 2.0, total);
    r.hi = quantileOf(stats, 1.0 - alpha / 2.0, total);
    r.resamples = static_cast<double>(stats.size());
    return r;
}

}  // namespace lemma::math
