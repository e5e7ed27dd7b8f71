// Attention spectra swept over temperature, sequence length and key width.
#include "engine/math/AttentionSweep.h"

#include <cmath>
#include <random>
#include <string>

#include "engine/core/Error.h"
#include "engine/math/Attention.h"
#include "engine/math/Format.h"
#include "engine/math/Random.h"
#include "engine/math/Spectrum.h"

namespace lemma::math {

namespace {

struct Point {
    double absLambda2 = 0.0;
    double entropy = 0.0;
};

Point measure(const arma::mat& Q, const arma::mat& K, double temperature, bool causal) {
    AttentionOptions options;
    options.temperature = temperature;
    options.causal = causal;
    const arma::mat A = attention(Q, K, options).weights;
    const arma::cx_vec eigenvalues = eigenvaluesByModulus(A);
    Point p;
    p.absLambda2 = A.n_rows > 1 ? std::abs(eigenvalues(1)) : 0.0;
    p.entropy = arma::mean(rowEntropy(A));
    return p;
}

arma::uword checkedCount(double x, double low, double high, const char* who, const char* what) {
    if (!(x >= low && x <= high) || x != std::floor(x)) {
        throw Error(std::string(who) + ": " + what + " must be a whole number between " +
                    formatNumber(low) + " and " + formatNumber(high) + ", got " + formatNumber(x));
    }
    return static_cast<arma::uword>(x);
}

Point randomPoint(arma::uword n, arma::uword dk, const RandomAttentionOptions& options) {
    Point mean;
    for (arma::uword trial = 0; trial < options.trials; ++trial) {
        std::seed_seq sequence{static_cast<std::uint32_t>(options.seed),
                               static_cast<std::uint32_t>(options.seed >> 32),
                               static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(dk),
                               static_cast<std::uint32_t>(trial)};
        std::mt19937_64 engine(sequence);
        const arma::mat Q = gaussianMatrix(engine, n, dk);
        const arma::mat K = gaussianMatrix(engine, n, dk);
        const Point p = measure(Q, K, options.temperature, options.causal);
        mean.absLambda2 += p.absLambda2 / static_cast<double>(options.trials);
        mean.entropy += p.entropy / static_cast<double>(options.trials);
    }
    return mean;
}

void checkOptions(const RandomAttentionOptions& options, const char* who) {
    if (options.trials < 1 || options.trials > 100) {
        throw Error(std::string(who) + ": trials must be between 1 and 100, got " +
                    std::to_string(options.trials));
    }
    if (!(options.temperature > 0.0) || !std::isfinite(options.temperature)) {
        throw Error(std::string(who) + ": the temperature must be positive, got " +
                    formatNumber(options.temperature));
    }
}

AttentionSweepResult sized(const arma::vec& parameter) {
    AttentionSweepResult r;
    r.parameter = parameter;
    r.abs_lambda2.set_size(parameter.n_elem);
    r.gap.set_size(parameter.n_elem);
    r.entropy.set_size(parameter.n_elem);
    return r;
}

void store(AttentionSweepResult& r, arma::uword i, const Point& p) {
    r.abs_lambda2(i) = p.absLambda2;
    r.gap(i) = 1.0 - p.absLambda2;
    r.entropy(i) = p.entropy;
}

}  // namespace

AttentionSweepResult sweepTemperature(const arma::mat& Q, const arma::mat& K,
                                      const arma::vec& temperatures, bool causal) {
    AttentionSweepResult r = sized(temperatures);
    for (arma::uword i = 0; i < temperatures.n_elem; ++i) {
        store(r, i, measure(Q, K, temperatures(i), causal));
    }
    return r;
}

AttentionSweepResult sweepLength(const arma::vec& lengths, arma::uword d_k,
                                 const RandomAttentionOptions& options) {
    checkOptions(options, "attention_sweep");
    checkedCount(static_cast<double>(d_k), 1, 4096, "attention_sweep", "d_k");
    AttentionSweepResult r = sized(lengths);
    for (arma::uword i = 0; i < lengths.n_elem; ++i) {
        const arma::uword n = checkedCount(lengths(i), 1, 2048, "attention_sweep", "each length");
        store(r, i, randomPoint(n, d_k, options));
    }
    return r;
}

AttentionSweepResult sweepKeyWidth(arma::uword n, const arma::vec& widths,
                                   const RandomAttentionOptions& options) {
    checkOptions(options, "attention_sweep");
    checkedCount(static_cast<double>(n), 1, 2048, "attention_sweep", "the length");
    AttentionSweepResult r = sized(widths);
    for (arma::uword i = 0; i < widths.n_elem; ++i) {
        const arma::uword dk = checkedCount(widths(i), 1, 4096, "attention_sweep", "each d_k");
        store(r, i, randomPoint(n, dk, options));
    }
    return r;
}

}  // namespace lemma::math
