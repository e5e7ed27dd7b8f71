// Eigenvalues, stationary distribution, entropies and effective rank of (attention) matrices.
#include "engine/math/Spectrum.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "engine/core/Error.h"
#include "engine/math/Arnoldi.h"
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
    return sortedByModulus(values);
}

arma::cx_vec sortedByModulus(const arma::cx_vec& values) {
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

namespace {

// The left null vector of the lower-triangular A − λI when λ is a simple diagonal entry
// A(p, p): zero after p, one at p, and a triangular solve before p. Empty when λ is not a
// simple diagonal entry.
arma::rowvec triangularLeftEigenRow(const arma::mat& A, double lambda) {
    const arma::uword n = A.n_rows;
    const double tolerance = static_cast<double>(n) * 1e-12 * std::max(1.0, std::abs(lambda));
    const arma::uvec matches = arma::find(arma::abs(A.diag() - lambda) <= tolerance);
    if (matches.n_elem != 1) {
        return arma::rowvec();
    }
    const arma::uword p = matches(0);
    arma::rowvec pi(n, arma::fill::zeros);
    pi(p) = 1.0;
    if (p > 0) {
        // πⱼ for j < p: Σᵢ πᵢ (A − λI)ᵢⱼ = 0, upper-triangular in the transpose.
        arma::mat M = A.submat(0, 0, p - 1, p - 1).t();
        M.diag() -= lambda;
        const arma::vec rhs = -arma::vec(A.row(p).head(p).t());
        arma::vec head;
        if (!arma::solve(head, arma::trimatu(M), rhs, arma::solve_opts::fast)) {
            return arma::rowvec();
        }
        pi.head(p) = head.t();
    }
    return pi;
}

// Normalises π to sum 1; empty when its sum is (numerically) zero.
arma::rowvec normalisedRow(const arma::rowvec& pi) {
    const double total = arma::accu(pi);
    if (!(std::abs(total) > 1e-12 * arma::norm(pi, 1)) || !pi.is_finite()) {
        return arma::rowvec();
    }
    return pi / total;
}

// The projection of the uniform row onto the left null space of A − λI, by an SVD of
// Aᵀ − λI: the right singular vectors of the smallest singular values span that space with
// backward-stable accuracy whatever the gap, at the cost of one O(n³) SVD with vectors.
arma::rowvec nullSpaceLeftEigenRow(const arma::mat& A, double lambda) {
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
    return normalisedRow(arma::rowvec((basis * (basis.t() * ones)).t()));
}

}  // namespace

// Why a bordered linear solve and not eig_gen's eigenvectors or power iteration: for a
// non-normal matrix eig_gen's eigenvectors come from an ill-conditioned basis, and power
// iteration does not converge on periodic chains (|λ₂| = 1) and crawls when the gap is small.
// The system [Aᵀ − λI, 1; 1ᵀ, 0]·[π; μ] = [0; 1] is non-singular exactly when λ is a simple
// eigenvalue whose left and right eigenvectors have non-zero sums (always, for the Perron
// root of an irreducible chain), costs one LU, and its solution is π with Σπ = 1. When its
// condition number says λ is (numerically) repeated, the null-space SVD takes over.
arma::rowvec leftEigenRow(const arma::mat& A, double lambda) {
    const arma::uword n = A.n_rows;
    if (A.is_trimatl()) {
        arma::rowvec pi = triangularLeftEigenRow(A, lambda);
        if (!pi.is_empty()) {
            return normalisedRow(pi);
        }
    }
    arma::mat bordered(n + 1, n + 1);
    bordered.submat(0, 0, n - 1, n - 1) = A.t();
    bordered.diag() -= lambda;
    bordered.col(n).ones();
    bordered.row(n).ones();
    bordered(n, n) = 0.0;
    arma::vec rhs(n + 1, arma::fill::zeros);
    rhs(n) = 1.0;
    arma::mat solution;
    double rcond = 0.0;
    // auxlib's solver is Armadillo's own LU-with-condition-estimate (public solve() applies a
    // fixed ε threshold and prints a warning); it overwrites `bordered`.
    const bool solved = arma::auxlib::solve_square_rcond(solution, rcond, bordered, rhs);
    if (solved && rcond > static_cast<double>(n) * 1e-12 && solution.is_finite()) {
        return normalisedRow(arma::rowvec(solution.col(0).head(n).t()));
    }
    return nullSpaceLeftEigenRow(A, lambda);
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
    arma::vec s;
    if (!arma::svd(s, A)) {
        throw Error("spectrum: the singular value decomposition did not converge");
    }
    const double total = arma::accu(s);
    if (!(total > 0.0)) {
        return 0.0;
    }
    return std::exp(entropyOf(arma::rowvec((s / total).t())));
}

namespace {

// λ₁ real and non-zero (or A stochastic, λ = 1): the eigenvalue whose left eigenvector is
// reported as `stationary`; false when there is none.
bool stationaryEigenvalue(const SpectrumResult& r, double& lambda) {
    if (r.stochastic) {
        lambda = 1.0;
        return true;
    }
    if (std::abs(r.lambda1.imag()) <= 1e-12 * std::abs(r.lambda1) && r.lambda1.real() != 0.0) {
        lambda = r.lambda1.real();
        return true;
    }
    return false;
}

// The number of closed communicating classes of the chain that moves i → j when A(i, j) > 0
// (for a stochastic A, the multiplicity of the eigenvalue 1). Tarjan's strongly connected
// components, iteratively, on the reversed graph j → i so that each vertex's neighbours are
// one contiguous column; a class is closed when no edge of the chain leaves it. O(n²).
arma::uword closedClasses(const arma::mat& A) {
    const arma::uword n = A.n_rows;
    constexpr arma::uword kNone = std::numeric_limits<arma::uword>::max();
    std::vector<arma::uword> index(n, kNone);
    std::vector<arma::uword> low(n, 0);
    std::vector<arma::uword> component(n, kNone);
    std::vector<arma::uword> next(n, 0);
    std::vector<char> onStack(n, 0);
    std::vector<arma::uword> stack;
    std::vector<arma::uword> calls;
    arma::uword counter = 0;
    arma::uword components = 0;
    auto visit = [&](arma::uword v) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        onStack[v] = 1;
        calls.push_back(v);
    };
    for (arma::uword root = 0; root < n; ++root) {
        if (index[root] != kNone) {
            continue;
        }
        visit(root);
        while (!calls.empty()) {
            const arma::uword v = calls.back();
            const double* column = A.colptr(v);
            bool descended = false;
            while (next[v] < n) {
                const arma::uword w = next[v]++;
                if (!(column[w] > 0.0)) {
                    continue;
                }
                if (index[w] == kNone) {
                    visit(w);
                    descended = true;
                    break;
                }
                if (onStack[w] != 0) {
                    low[v] = std::min(low[v], index[w]);
                }
            }
            if (descended) {
                continue;
            }
            if (low[v] == index[v]) {
                arma::uword w = kNone;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[w] = 0;
                    component[w] = components;
                } while (w != v);
                ++components;
            }
            calls.pop_back();
            if (!calls.empty()) {
                low[calls.back()] = std::min(low[calls.back()], low[v]);
            }
        }
    }
    std::vector<char> closed(components, 1);
    for (arma::uword j = 0; j < n; ++j) {
        const double* column = A.colptr(j);
        for (arma::uword i = 0; i < n; ++i) {
            if (column[i] > 0.0 && component[i] != component[j]) {
                closed[component[i]] = 0;
            }
        }
    }
    return static_cast<arma::uword>(std::count(closed.begin(), closed.end(), 1));
}

// Matrices this small (or k this close to n) take the dense eigensolver: it is as fast as a
// Krylov basis of 20 vectors and exact.
constexpr arma::uword kDenseSize = 64;

}  // namespace

SpectrumResult spectrum(const arma::mat& A) {
    requireSquare(A, "spectrum");
    SpectrumResult r;
    r.eigenvalues = eigenvaluesByModulus(A);
    r.lambda1 = r.eigenvalues(0);
    r.lambda2 = A.n_rows > 1 ? r.eigenvalues(1) : std::complex<double>(0.0, 0.0);
    r.gap = 1.0 - std::abs(r.lambda2);
    r.row_sums = arma::sum(A, 1);
    r.stochastic = isRowStochastic(A);
    double lambda = 0.0;
    if (stationaryEigenvalue(r, lambda)) {
        r.stationary = leftEigenRow(A, lambda);
    }
    r.entropy = rowEntropy(A);
    r.effective_rank = effectiveRank(A);
    return r;
}

SpectrumResult spectrum(const arma::mat& A, arma::uword k, const std::function<void()>& poll) {
    requireSquare(A, "spectrum");
    const arma::uword n = A.n_rows;
    if (k < 1 || k > n) {
        throw Error("spectrum: k must be between 1 and n = " + std::to_string(n) + ", got " +
                    std::to_string(k));
    }
    SpectrumResult r;
    r.row_sums = arma::sum(A, 1);
    r.stochastic = isRowStochastic(A);
    // λ₂ is reported whatever k is.
    const arma::uword wanted = std::min(n, std::max<arma::uword>(k, 2));
    const bool triangular = A.is_trimatl() || A.is_trimatu();
    ArnoldiResult krylov;
    // A single Krylov start vector sees a repeated eigenvalue once: a stochastic matrix
    // with several closed classes (λ = 1 repeated) takes the dense path.
    const bool simplePerronRoot = !r.stochastic || A.min() > 0.0 || closedClasses(A) == 1;
    constexpr arma::uword kGuards = 2;
    if (!triangular && simplePerronRoot && n > kDenseSize && wanted + kGuards <= (n - 4) / 2) {
        // Two more Ritz values than asked for must converge too (to a looser tolerance): in a
        // crowded disk of eigenvalues (a dense random chain) the k-th largest could otherwise
        // be passed over for one that converged first. Past n products the dense solver is
        // cheaper.
        krylov = largestEigenpairs(A, wanted, kGuards, true, n, poll);
    }
    const arma::cx_vec all =
        krylov.converged ? sortedByModulus(krylov.values) : eigenvaluesByModulus(A);
    r.eigenvalues = all.head(k);
    r.lambda1 = all(0);
    r.lambda2 = n > 1 ? all(1) : std::complex<double>(0.0, 0.0);
    r.gap = 1.0 - std::abs(r.lambda2);
    r.effective_rank = std::numeric_limits<double>::quiet_NaN();
    double lambda = 0.0;
    if (!stationaryEigenvalue(r, lambda)) {
        return r;
    }
    if (krylov.converged) {
        // The Ritz vector of λ when λ is simple among the Ritz values and its residual is
        // small; otherwise (a repeated root, a reducible chain) the solve below decides.
        const double tolerance = 1e-8 * std::max(1.0, std::abs(lambda));
        const arma::uvec near = arma::find(arma::abs(krylov.values - lambda) <= tolerance);
        if (near.n_elem == 1) {
            const arma::cx_vec x = krylov.vectors.col(near(0));
            const std::complex<double> total = arma::accu(x);
            if (std::abs(total) > 1e-12 * arma::norm(x, 1)) {
                const arma::rowvec pi = arma::real(x / total).t();
                const arma::vec residual = A.t() * pi.t() - lambda * pi.t();
                if (arma::norm(residual) <=
                    1e-10 * std::max(1.0, std::abs(lambda)) * arma::norm(pi)) {
                    r.stationary = pi;
                    return r;
                }
            }
        }
    }
    r.stationary = leftEigenRow(A, lambda);
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
