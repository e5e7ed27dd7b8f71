// Best low-rank approximation by the SVD (Eckart–Young–Mirsky) and the randomized SVD of
// Halko, Martinsson and Tropp (2011).
#pragma once

#include <armadillo>
#include <cstdint>
#include <functional>

namespace lemma::math {

// Field names follow the language's struct fields.
struct LowRankResult {
    arma::mat approx;             // W_r = U_r Σ_r V_rᵀ
    arma::vec singular_values;    // all min(m, n) of them, largest first
    double err_fro = 0.0;         // ‖W − W_r‖_F, measured
    double err_spec = 0.0;        // ‖W − W_r‖₂ = σ_{r+1} of the one SVD (not floored)
    double ey_fro = 0.0;          // √(Σ_{i>r} σᵢ²), the Eckart–Young value
    double ey_spec = 0.0;         // σ_{r+1}, 0 when r ≥ rank(W)
    double energy = 1.0;          // Σ_{i≤r} σᵢ² / Σ σᵢ² (1 for W = 0: nothing is lost)
    arma::uword params_full = 0;  // m·n
    arma::uword params_factored = 0;  // r(m + n)
    double ratio = 0.0;               // params_full / params_factored
};

// 1 ≤ r ≤ min(m, n); W non-empty and finite (throws lemma::Error otherwise). Singular values
// below the numerical-rank tolerance max(m, n)·ε·σ₁ count as 0 in ey_fro and ey_spec.
LowRankResult lowRank(const arma::mat& W, arma::uword r);

struct RsvdOptions {
    arma::uword oversample = 10;  // p: extra sketch columns, 0 … 1000
    arma::uword power = 2;        // q: power (subspace) iterations, 0 … 50
    std::uint64_t seed = 0;
    // Called before the sketch and before every power iteration, when given; it may throw
    // (to cancel: each iteration is two products with W).
    std::function<void()> poll;
};

// W ≈ U diag(s) Vᵀ with U m×r, s r×1 (largest first), V n×r.
struct RsvdResult {
    arma::mat U;
    arma::vec s;
    arma::mat V;
};

// Randomized subspace iteration (HMT 2011, Algorithms 4.4 and 5.1): Y = WΩ with a Gaussian
// n×(r+p) Ω, then q rounds of Y = W(Wᵀ Q), re-orthonormalising by QR after every product
// (without it the columns of Y all align with the top singular vector in floating point and
// the smaller directions are lost), then the exact SVD of the small matrix B = QᵀW.
// 1 ≤ r ≤ min(m, n).
RsvdResult rsvd(const arma::mat& W, arma::uword r, const RsvdOptions& options = {});

}  // namespace lemma::math
