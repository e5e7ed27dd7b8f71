// The spectrum of an attention matrix: eigenvalues, spectral gap, stationary distribution,
// row entropies and effective rank; and the convergence of its powers Aᵏ → 1πᵀ.
#pragma once

#include <armadillo>
#include <complex>
#include <functional>

namespace lemma::math {

// Rows must sum to 1 within this (absolute) tolerance for a matrix to count as stochastic.
inline constexpr double kStochasticTolerance = 1e-9;

// Field names follow the language's struct fields.
struct SpectrumResult {
    arma::cx_vec eigenvalues;  // sorted by modulus, largest first
    std::complex<double> lambda1;
    std::complex<double> lambda2;  // 0 for a 1×1 matrix
    double gap = 0.0;              // 1 − |λ₂|
    // Left eigenvector of λ₁ as a row summing to 1 (the stationary distribution when A is
    // stochastic); empty when λ₁ is not real or the vector cannot be normalised.
    arma::rowvec stationary;
    arma::vec row_sums;
    bool stochastic = false;  // rows sum to 1 (kStochasticTolerance) and no entry is negative
    // −Σⱼ aᵢⱼ log aᵢⱼ per row (natural log, 0·log 0 = 0); NaN for a row with a negative entry.
    arma::vec entropy;
    // exp of the entropy of the singular values normalised to sum 1 (Roy & Vetterli, 2007);
    // 0 for the zero matrix.
    double effective_rank = 0.0;
};

// A must be square, non-empty and finite (throws lemma::Error otherwise). A triangular matrix
// (causal attention is lower-triangular) takes its eigenvalues from the diagonal, exactly and
// in O(n), instead of through a general eigensolver.
SpectrumResult spectrum(const arma::mat& A);

// The k eigenvalues of largest modulus (1 ≤ k ≤ n) with lambda1, lambda2 (whatever k is),
// gap, stationary, row_sums and stochastic; entropy is left empty and effective_rank NaN.
// Above 64×64 a restarted Arnoldi iteration on Aᵀ (see Arnoldi.h) gives the eigenvalues and
// the stationary row as the Ritz vector of λ, in O(n²) per matrix–vector product; a
// triangular matrix takes the diagonal; when the Krylov method does not converge, or λ is
// repeated among the Ritz values, the dense computation of spectrum(A) takes over. `poll`,
// when given, is called between the iteration's blocks of products; it may throw (to cancel).
SpectrumResult spectrum(const arma::mat& A, arma::uword k, const std::function<void()>& poll = {});

// Eigenvalues sorted by modulus, largest first; moduli equal to about 12 digits are ordered by
// real part, then imaginary part, largest first (so a Perron root precedes complex
// eigenvalues of the same modulus, and a conjugate pair lists +i first).
arma::cx_vec eigenvaluesByModulus(const arma::mat& A);
// The same order for given values.
arma::cx_vec sortedByModulus(const arma::cx_vec& values);

// The row π with πA = λπ and Σπ = 1, for a real eigenvalue λ of A; empty when no such
// vector has a non-zero sum. One LU of a bordered matrix when λ is simple (a triangular solve
// for a lower-triangular A with λ a simple diagonal entry); an SVD otherwise. When λ is repeated (a
// reducible chain) the result is the projection of the uniform row onto the left null space, which
// for a stochastic matrix is a non-negative mixture of the closed classes' stationary
// distributions.
arma::rowvec leftEigenRow(const arma::mat& A, double lambda);

bool isRowStochastic(const arma::mat& A, double tolerance = kStochasticTolerance);
arma::vec rowEntropy(const arma::mat& A);
double effectiveRank(const arma::mat& A);

struct AttentionPowerResult {
    arma::vec steps;      // 1, 2, …, k
    arma::vec distance;   // ‖Aʲ − 1π‖₂ (spectral norm)
    arma::vec predicted;  // |λ₂|ʲ
    double abs_lambda2 = 0.0;
    arma::rowvec stationary;
};

// For a row-stochastic A: how fast its powers approach the rank-one limit 1π. The spectral
// norm is used because the claim ‖Aʲ − 1π‖ ~ C|λ₂|ʲ is about the operator norm; the ratio of
// successive distances tends to |λ₂| when λ₂ is simple. 1 ≤ k ≤ 10000.
AttentionPowerResult attentionPower(const arma::mat& A, arma::uword k);

}  // namespace lemma::math
