// Eigenvalues, stationary distribution, entropies and effective rank of (attention) matrices.
#include "engine/math/Spectrum.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "engine/core/Error.h"
#include "engine/math/Format.h"

namespace lemma::math {

namespace {

void requireSquare(const arma::mat& A, const char* who) {
    if (A.is_empty()) {
        throw Error(std::string(who) + ": A is empty");
    }
    if (!A.is_square()) {
        throw Error(std::string(who) + ": A is " + shapeOf(A) + " (it must be square)");
    }
    if (!A.is_finite()) {
        throw Error(std::string(who) + ": A contains NaN or Inf");
    }
}

// Entropy of a non-negative vector taken as is (0·log 0 = 0).
double entropyOf(const arma::rowvec& p) {
    double h = 0.0;
    for (const double x : p) {
        if (x > 0.0) {
            h -= x * std::log(x);
        }
    }
    return h;
}

}  // namespace

arma::cx_vec eigenvaluesByModulus(const arma::mat& A) {
    arma::cx_vec values;
    if (A.is_trimatl() || A.is_trimatu()) {
        values = arma::conv_to<arma::cx_vec>::from(arma::vec(A.diag()));
    } else if (!arma::eig_gen(values, A)) {
        throw Error("spectrum: the eigenvalue computation did not converge");
    }
    // Round the modulus to about 12 digits for the primary key, so that eigenvalues of equal
    // modulus (a conjugate pair, the roots of a periodic chain) compare equal despite
    // rounding, and the tie-breaks give a stable order.
    auto key = [](std::complex<double> z) {
        const double m = std::abs(z);
        if (m == 0.0) {
            return 0.0;
        }
        const double unit = std::pow(10.0, std::floor(std::log10(m)) - 11.0);
        return std::round(m / unit) * unit;
    };
    std::vector<std::complex<double>> sorted(values.begin(), values.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](std::complex<double> a, std::complex<double> b) {
                         const double ka = key(a);
                         const double kb = key(b);
                         if (ka != kb) {
                             return ka > kb;
                         }
                         if (a.real() != b.real()) {
                             return a.real() > b.real();
                         }
                         return a.imag() > b.imag();
                     });
    return arma::cx_vec(sorted);
}

// Why an SVD of Aᵀ − λI and not eig_gen's eigenvectors or power iteration: for a non-normal
// matrix eig_gen's eigenvectors come from an ill-conditioned basis and, when λ is repeated,
// an arbitrary one, and choosing "the eigenvalue nearest 1" among a cluster is fragile; power
// iteration does not converge on periodic chains (|λ₂| = 1) and crawls when the gap is small.
// The right singular vectors of the smallest singular values span the left null space with
// backward-stable accuracy whatever the gap, at the cost of one O(n³) SVD.
arma::rowvec leftEigenRow(const arma::mat& A, double lambda) {
    const arma::uword n = A.n_rows;
    const arma::mat M = A.t() - lambda * arma::eye(n, n);
    arma::mat U;
    arma::vec s;
    arma::mat V;
    if (!arma::svd(U, s, V, M)) {
        throw Error("spectrum: the singular value decomposition did not converge");
    }
    const double tolerance =
        static_cast<double>(n) * 1e-12 * std::max(1.0, s.is_empty() ? 0.0 : s(0));
    arma::uword nullity = 1;
    while (nullity < n && s(n - 1 - nullity) <= tolerance) {
        ++nullity;
    }
    const arma::mat basis = V.tail_cols(nullity);
    const arma::vec ones(n, arma::fill::ones);
    const arma::vec pi = basis * (basis.t() * ones);
    const double total = arma::accu(pi);
    if (!(std::abs(total) > 1e-12 * arma::norm(pi, 1))) {
        return arma::rowvec();
    }
    return arma::rowvec((pi / total).t());
}

bool isRowStochastic(const arma::mat& A, double tolerance) {
    if (A.is_empty() || A.min() < 0.0) {
        return false;
    }
    const arma::vec sums = arma::sum(A, 1);
    return arma::all(arma::abs(sums - 1.0) <= tolerance);
}

arma::vec rowEntropy(const arma::mat& A) {
    arma::vec h(A.n_rows);
    for (arma::uword i = 0; i < A.n_rows; ++i) {
        const arma::rowvec row = A.row(i);
        h(i) = row.min() < 0.0 ? std::numeric_limits<double>::quiet_NaN() : entropyOf(row);
    }
    return h;
}

double effectiveRank(const arma::mat& A) {
    const arma::vec s = arma::svd(A);
    const double total = arma::accu(s);
    if (!(total > 0.0)) {
        return 0.0;
    }
    return std::exp(entropyOf(arma::rowvec((s / total).t())));
}

SpectrumResult spectrum(const arma::mat& A) {
    requireSquare(A, "spectrum");
    SpectrumResult r;
    r.eigenvalues = eigenvaluesByModulus(A);
    r.lambda1 = r.eigenvalues(0);
    r.lambda2 = A.n_rows > 1 ? r.eigenvalues(1) : std::complex<double>(0.0, 0.0);
    r.gap = 1.0 - std::abs(r.lambda2);
    r.row_sums = arma::sum(A, 1);
    r.stochastic = isRowStochastic(A);
    if (r.stochastic) {
        r.stationary = leftEigenRow(A, 1.0);
    } else if (std::abs(r.lambda1.imag()) <= 1e-12 * std::abs(r.lambda1) &&
               r.lambda1.real() != 0.0) {
        r.stationary = leftEigenRow(A, r.lambda1.real());
    }
    r.entropy = rowEntropy(A);
    r.effective_rank = effectiveRank(A);
    return r;
}

AttentionPowerResult attentionPower(const arma::mat& A, arma::uword k) {
    requireSquare(A, "attention_power");
    if (!isRowStochastic(A)) {
        throw Error(
            "attention_power: A is not row-stochastic (rows must sum to 1 and entries be "
            "non-negative)");
    }
    if (k < 1 || k > 10000) {
        throw Error("attention_power: k must be between 1 and 10000, got " + std::to_string(k));
    }
    AttentionPowerResult r;
    const arma::uword n = A.n_rows;
    const arma::cx_vec eigenvalues = eigenvaluesByModulus(A);
    r.abs_lambda2 = n > 1 ? std::abs(eigenvalues(1)) : 0.0;
    r.stationary = leftEigenRow(A, 1.0);
    if (r.stationary.is_empty()) {
        throw Error("attention_power: A has no stationary distribution");
    }
    const arma::mat limit = arma::ones<arma::vec>(n) * r.stationary;
    r.steps = arma::regspace<arma::vec>(1, static_cast<double>(k));
    r.distance.set_size(k);
    r.predicted.set_size(k);
    arma::mat power = A;
    for (arma::uword j = 0; j < k; ++j) {
        r.distance(j) = arma::norm(power - limit, 2);
        r.predicted(j) = std::pow(r.abs_lambda2, static_cast<double>(j + 1));
        if (j + 1 < k) {
            power = power * A;
        }
    }
    return r;
}

}  // namespace lemma::math
