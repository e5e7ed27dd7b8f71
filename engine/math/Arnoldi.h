// The few eigenvalues of largest modulus of a dense matrix by a restarted Arnoldi iteration.
#pragma once

#include <armadillo>
#include <functional>

namespace lemma::math {

struct ArnoldiResult {
    arma::cx_vec values;   // the k Ritz values of largest modulus, largest first
    arma::cx_mat vectors;  // n×k Ritz vectors of unit 2-norm, one per value
    bool converged = false;
    arma::uword products = 0;  // matrix–vector products spent
};

// Eigenpairs of op(A) = A (or Aᵀ with `transposed`, whose eigenvectors are A's left ones) for
// the k eigenvalues of largest modulus, and `guards` more after them, 1 ≤ k + guards ≤ (n − 4)/2.
// The guards need only converge to 1e-8: they are there so that, in a crowded disk of
// eigenvalues, the k-th largest is not passed over for a smaller one that converged first. Thick-restarted Arnoldi in the
// manner of Krylov–Schur (Stewart, 2002): a Krylov basis of m = max(2k + 2, 40) vectors is
// built by BLAS matrix–vector products with two passes of classical Gram–Schmidt, then shrunk
// to an orthonormal basis of the wanted Ritz vectors' invariant subspace of the small Rayleigh
// quotient (which keeps the Arnoldi relation exact up to rounding) and extended again, until
// every wanted Ritz pair's residual ‖op(A)x − θx‖ is below 1e-13·max(|θ|, ε^⅔·|θ₁|) (a guard's
// below 1e-8·max(…)). The start
// vector is fixed, so the result is deterministic. Thread-safe (no global state, unlike
// ARPACK). A single start vector sees one copy of a repeated eigenvalue: the caller must not
// rely on multiplicities. `converged` is false once `maxProducts` products were spent.
// `poll`, when given, is called before every block of products; it may throw (to cancel).
ArnoldiResult largestEigenpairs(const arma::mat& A, arma::uword k, arma::uword guards,
                                bool transposed,
                                arma::uword maxProducts, const std::function<void()>& poll = {});

}  // namespace lemma::math
