// Entropy, cross-entropy, KL divergence, perplexity and mutual information (see InfoTheory.h).
#include "engine/math/InfoTheory.h"

#include <cmath>
#include <limits>

#include "engine/core/Error.h"
#include "engine/math/Format.h"

namespace lemma::math {

namespace {

constexpr double kSumTolerance = 1e-8;

bool isVector(const arma::mat& m) {
    return m.n_rows == 1 || m.n_cols == 1;
}

// The factor that turns nats into the requested base (0 means nats).
double logScale(double base, const std::string& who) {
    if (base == 0.0)
        return 1.0;
    if (!std::isfinite(base) || base <= 0.0 || base == 1.0)
        throw Error(who + ": base must be positive and not 1, got " + formatNumber(base));
    return 1.0 / std::log(base);
}

// Row r of the distributions, as a column.
arma::vec rowOf(const arma::mat& rows, arma::uword r) {
    return rows.row(r).t();
}

// Position (row, col) in the original argument of entry k of distribution r.
std::string entryOf(const std::string& arg, const arma::mat& original, arma::uword r,
                    arma::uword k) {
    if (isVector(original))
        return entryName(arg, original, original.n_rows == 1 ? 0 : k, original.n_rows == 1 ? k : 0);
    return entryName(arg, original, r, k);
}

void requireSameShape(const arma::mat& p, const arma::mat& q, const std::string& who) {
    const bool same = (p.n_rows == q.n_rows && p.n_cols == q.n_cols) ||
                      (isVector(p) && isVector(q) && p.n_elem == q.n_elem);
    if (!same)
        throw Error(who + ": p is " + shapeOf(p) + " but q is " + shapeOf(q) +
                    " (they must have the same shape)");
}

// Requires q > 0 wherever p > 0.
void requireSupport(const arma::mat& p, const arma::mat& q, const std::string& who) {
    const arma::mat P = asDistributionRows(p);
    const arma::mat Q = asDistributionRows(q);
    for (arma::uword r = 0; r < P.n_rows; ++r) {
        for (arma::uword k = 0; k < P.n_cols; ++k) {
            if (P(r, k) > 0.0 && Q(r, k) == 0.0)
                throw Error(who + ": " + entryOf("q", q, r, k) + " is 0 where " +
                            entryOf("p", p, r, k) + " = " + formatNumber(P(r, k)) +
                            " is not (the result would be infinite)");
        }
    }
}

}  // namespace

std::string entryName(const std::string& arg, const arma::mat& m, arma::uword row,
                      arma::uword col) {
    if (isVector(m))
        return arg + "(" + std::to_string((m.n_rows == 1 ? col : row) + 1) + ")";
    return arg + "(" + std::to_string(row + 1) + ", " + std::to_string(col + 1) + ")";
}

arma::mat asDistributionRows(const arma::mat& p) {
    if (isVector(p))
        return arma::mat(arma::vectorise(p).t());
    return p;
}

void checkDistributions(const arma::mat& p, const std::string& who, const std::string& arg) {
    if (p.is_empty())
        throw Error(who + ": " + arg + " is empty");
    for (arma::uword c = 0; c < p.n_cols; ++c) {
        for (arma::uword r = 0; r < p.n_rows; ++r) {
            const double x = p(r, c);
            if (!std::isfinite(x) || x < 0.0)
                throw Error(who + ": " + entryName(arg, p, r, c) + " = " + formatNumber(x) +
                            " is not a probability");
        }
    }
    const arma::mat rows = asDistributionRows(p);
    for (arma::uword r = 0; r < rows.n_rows; ++r) {
        const double total = arma::accu(rows.row(r));
        if (std::abs(total - 1.0) > kSumTolerance) {
            std::string what = isVector(p) ? arg : arg + " row " + std::to_string(r + 1);
            throw Error(who + ": " + what + " sums to " + formatNumber(total) +
                        ", not 1 (a distribution must sum to 1)");
        }
    }
}

double entropyOf(const arma::vec& p) {
    double h = 0.0;
    for (const double x : p) {
        if (x > 0.0)
            h -= x * std::log(x);
    }
    return h;
}

double crossEntropyOf(const arma::vec& p, const arma::vec& q) {
    double h = 0.0;
    for (arma::uword i = 0; i < p.n_elem; ++i) {
        if (p(i) > 0.0)
            h -= p(i) * std::log(q(i));
    }
    return h;
}

double klOf(const arma::vec& p, const arma::vec& q) {
    double d = 0.0;
    for (arma::uword i = 0; i < p.n_elem; ++i) {
        if (p(i) > 0.0)
            d += p(i) * std::log(p(i) / q(i));
    }
    return d;
}

arma::vec entropy(const arma::mat& p, double base, const std::string& who) {
    const double scale = logScale(base, who);
    checkDistributions(p, who, "p");
    const arma::mat rows = asDistributionRows(p);
    arma::vec out(rows.n_rows);
    for (arma::uword r = 0; r < rows.n_rows; ++r)
        out(r) = entropyOf(rowOf(rows, r)) * scale;
    return out;
}

arma::vec crossEntropy(const arma::mat& p, const arma::mat& q, double base,
                       const std::string& who) {
    const double scale = logScale(base, who);
    requireSameShape(p, q, who);
    checkDistributions(p, who, "p");
    checkDistributions(q, who, "q");
    requireSupport(p, q, who);
    const arma::mat P = asDistributionRows(p);
    const arma::mat Q = asDistributionRows(q);
    arma::vec out(P.n_rows);
    for (arma::uword r = 0; r < P.n_rows; ++r)
        out(r) = crossEntropyOf(rowOf(P, r), rowOf(Q, r)) * scale;
    return out;
}

arma::vec kl(const arma::mat& p, const arma::mat& q, double base, const std::string& who) {
    const double scale = logScale(base, who);
    requireSameShape(p, q, who);
    checkDistributions(p, who, "p");
    checkDistributions(q, who, "q");
    requireSupport(p, q, who);
    const arma::mat P = asDistributionRows(p);
    const arma::mat Q = asDistributionRows(q);
    arma::vec out(P.n_rows);
    for (arma::uword r = 0; r < P.n_rows; ++r)
        out(r) = klOf(rowOf(P, r), rowOf(Q, r)) * scale;
    return out;
}

arma::vec perplexity(const arma::mat& logprobs, const std::string& who) {
    if (logprobs.is_empty())
        throw Error(who + ": logprobs is empty");
    for (arma::uword c = 0; c < logprobs.n_cols; ++c) {
        for (arma::uword r = 0; r < logprobs.n_rows; ++r) {
            const double x = logprobs(r, c);
            if (std::isnan(x) || x > 0.0)
                throw Error(who + ": " + entryName("logprobs", logprobs, r, c) + " = " +
                            formatNumber(x) + " is not a log-probability (natural logs, all ≤ 0)");
        }
    }
    const arma::mat rows = asDistributionRows(logprobs);
    arma::vec out(rows.n_rows);
    for (arma::uword r = 0; r < rows.n_rows; ++r)
        out(r) = std::exp(-arma::mean(rows.row(r)));
    return out;
}

double mutualInformation(const arma::mat& Pxy, double base, const std::string& who) {
    const double scale = logScale(base, who);
    if (Pxy.is_empty())
        throw Error(who + ": the joint table is empty");
    for (arma::uword c = 0; c < Pxy.n_cols; ++c) {
        for (arma::uword r = 0; r < Pxy.n_rows; ++r) {
            if (!std::isfinite(Pxy(r, c)) || Pxy(r, c) < 0.0)
                throw Error(who + ": Pxy(" + std::to_string(r + 1) + ", " + std::to_string(c + 1) +
                            ") = " + formatNumber(Pxy(r, c)) + " is not a probability");
        }
    }
    const double total = arma::accu(Pxy);
    if (std::abs(total - 1.0) > kSumTolerance)
        throw Error(who + ": the joint table sums to " + formatNumber(total) + ", not 1");
    const arma::vec px = arma::sum(Pxy, 1);
    const arma::rowvec py = arma::sum(Pxy, 0);
    double mi = 0.0;
    for (arma::uword c = 0; c < Pxy.n_cols; ++c) {
        for (arma::uword r = 0; r < Pxy.n_rows; ++r) {
            const double p = Pxy(r, c);
            if (p > 0.0)
                mi += p * std::log(p / (px(r) * py(c)));
        }
    }
    return std::max(0.0, mi) * scale;
}

}  // namespace lemma::math
