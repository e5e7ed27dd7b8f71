// Matrix factorisations: eig (symmetric/Hermitian), eig_gen (general), svd, qr, chol, lu, and
// the subspaces null and orth.
//
// eig insists on symmetry because eig_sym is faster, more accurate and returns real, ordered
// eigenvalues; a general matrix must say so by calling eig_gen, whose eigenvalues are complex in
// general and are returned by decreasing modulus (λ₁ of a row-stochastic matrix comes first).
#include <algorithm>
#include <numeric>

#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"

namespace lemma::builtins {

using namespace support;

namespace {

// The economy-size option: svd(A, "econ"), svd(A, 0) or svd(A, econ=true).
bool economy(Call& c, std::size_t i) {
    bool econ = c.keywordBool("econ", false);
    if (c.has(i)) {
        const Value& v = c.arg(i);
        if (v.isString() && v.string() == "econ") {
            econ = true;
        } else if (v.isScalar() && v.isReal() && v.real()(0) == 0.0) {
            econ = true;
        } else {
            c.fail("argument " + std::to_string(i + 1) + " must be \"econ\", got " +
                   (v.isString() ? "\"" + v.string() + "\"" : describe(v)));
        }
    }
    return econ;
}

// Eigen-pairs ordered by decreasing modulus; ties by decreasing real, then imaginary part.
void orderByModulus(arma::cx_vec& values, arma::cx_mat* vectors) {
    std::vector<arma::uword> order(values.n_elem);
    std::iota(order.begin(), order.end(), arma::uword{0});
    auto key = [&](arma::uword i) {
        const cx z = values(i);
        return std::make_tuple(-std::abs(z), -z.real(), -z.imag());
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](arma::uword a, arma::uword b) { return key(a) < key(b); });
    const arma::uvec idx = arma::conv_to<arma::uvec>::from(order);
    values = values(idx);
    if (vectors)
        *vectors = vectors->cols(idx);
}

template <class T>
arma::Mat<T> hermitianPart(const arma::Mat<T>& m) {
    return (m + m.t()) / 2.0;
}

enum class Subspace { Null, Range };

// An orthonormal basis of A's null space or range, as columns: n×0 or m×0 when it is {0}.
Value basis(Call& c, Subspace subspace) {
    c.requireCount(1, 1);
    return visit(numeric(c, 0), [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        requireFinite(c, m);
        const arma::uword dimension = subspace == Subspace::Null ? m.n_cols : m.n_rows;
        M basis;
        if (m.is_empty())
            return result(M(dimension, 0));
        const bool ok = subspace == Subspace::Null ? arma::null(basis, m) : arma::orth(basis, m);
        if (!ok)
            c.fail("the SVD did not converge");
        if (basis.is_empty())
            basis.set_size(dimension, 0);
        return result(basis);
    });
}

}  // namespace

void registerDecompositions(Registry& r) {
    r.add("eig", "eig(A) -> λ, [V, D] = eig(A)",
          "Eigenvalues (ascending, as a column) and orthonormal eigenvectors of a symmetric or "
          "Hermitian matrix, A·V = V·D; use eig_gen for general matrices.",
          [](Call& c) {
              c.requireCount(1, 1);
              return visit(numeric(c, 0), [&](const auto& m) {
                  using M = std::decay_t<decltype(m)>;
                  requireSquare(c, m);
                  requireFinite(c, m);
                  if (!isHermitian(m))
                      c.fail("matrix is not symmetric; use eig_gen for general matrices");
                  const M h = hermitianPart(m);
                  arma::vec values;
                  if (c.nargout() <= 1) {
                      if (!arma::eig_sym(values, h))
                          c.fail("the decomposition did not converge");
                      return std::vector<Value>{arma::mat(values)};
                  }
                  M vectors;
                  if (!arma::eig_sym(values, vectors, h))
                      c.fail("the decomposition did not converge");
                  return std::vector<Value>{result(vectors), arma::mat(arma::diagmat(values))};
              });
          });
    r.add("eig_gen", "eig_gen(A) -> λ, [V, D] = eig_gen(A)",
          "Eigenvalues of a general square matrix as a column, by decreasing modulus (complex "
          "unless all are real), and eigenvectors with A·V = V·D.",
          [](Call& c) {
              c.requireCount(1, 1);
              return visit(numeric(c, 0), [&](const auto& m) {
                  requireSquare(c, m);
                  requireFinite(c, m);
                  arma::cx_vec values;
                  if (c.nargout() <= 1) {
                      if (!arma::eig_gen(values, m))
                          c.fail("the decomposition did not converge");
                      orderByModulus(values, nullptr);
                      return std::vector<Value>{result(arma::cx_mat(values))};
                  }
                  arma::cx_mat vectors;
                  if (!arma::eig_gen(values, vectors, m))
                      c.fail("the decomposition did not converge");
                  orderByModulus(values, &vectors);
                  return std::vector<Value>{result(vectors),
                                            result(arma::cx_mat(arma::diagmat(values)))};
              });
          });

    r.add("svd", "svd(A) -> s, [U, S, V] = svd(A), svd(A, \"econ\"), svd(A, econ=true)",
          "Singular value decomposition A = U·S·V' with singular values descending; s is a "
          "column, S a diagonal matrix; econ keeps only min(m, n) columns.",
          [](Call& c) {
              c.requireCount(1, 2);
              const bool econ = economy(c, 1);
              return visit(numeric(c, 0), [&](const auto& m) {
                  using M = std::decay_t<decltype(m)>;
                  requireFinite(c, m);
                  arma::vec s;
                  if (c.nargout() <= 1) {
                      if (!arma::svd(s, m))
                          c.fail("the decomposition did not converge");
                      return std::vector<Value>{arma::mat(s)};
                  }
                  M u;
                  M v;
                  const bool ok = econ ? arma::svd_econ(u, s, v, m)
                                       : (arma::svd(u, s, v, m) || arma::svd(u, s, v, m, "std"));
                  if (!ok)
                      c.fail("the decomposition did not converge");
                  arma::mat sigma(econ ? s.n_elem : m.n_rows, econ ? s.n_elem : m.n_cols,
                                  arma::fill::zeros);
                  for (arma::uword i = 0; i < s.n_elem; ++i)
                      sigma(i, i) = s(i);
                  return std::vector<Value>{result(u), sigma, result(v)};
              });
          });

    r.add("qr", "[Q, R] = qr(A), [Q, R, P] = qr(A), qr(A, \"econ\")",
          "QR decomposition A = Q·R with Q orthonormal and R upper triangular; with P, column "
          "pivoting A·P = Q·R; econ gives the thin factors.",
          [](Call& c) {
              c.requireCount(1, 2);
              const bool econ = economy(c, 1);
              return visit(numeric(c, 0), [&](const auto& m) {
                  using M = std::decay_t<decltype(m)>;
                  requireFinite(c, m);
                  M q;
                  M rr;
                  if (c.nargout() >= 3) {
                      if (econ)
                          c.fail("the pivoted form has no economy size");
                      arma::umat p;
                      if (!arma::qr(q, rr, p, m, "matrix"))
                          c.fail("the decomposition failed");
                      return std::vector<Value>{result(q), result(rr),
                                                arma::conv_to<arma::mat>::from(p)};
                  }
                  const bool ok = econ ? arma::qr_econ(q, rr, m) : arma::qr(q, rr, m);
                  if (!ok)
                      c.fail("the decomposition failed");
                  if (c.nargout() <= 1)
                      return std::vector<Value>{result(rr)};
                  return std::vector<Value>{result(q), result(rr)};
              });
          });

    r.add("chol", "chol(A) -> R, chol(A, \"lower\") -> L",
          "Cholesky factor of a symmetric positive definite matrix: upper R with R'·R = A, or "
          "lower L with L·L' = A.",
          [](Call& c) {
              c.requireCount(1, 2);
              bool lower = false;
              if (c.has(1)) {
                  const std::string& which = c.string(1);
                  if (which != "lower" && which != "upper")
                      c.fail("argument 2 must be \"upper\" or \"lower\", got \"" + which + "\"");
                  lower = which == "lower";
              }
              return std::vector<Value>{visit(numeric(c, 0), [&](const auto& m) {
                  using M = std::decay_t<decltype(m)>;
                  requireSquare(c, m);
                  requireFinite(c, m);
                  if (!isHermitian(m))
                      c.fail("matrix is not symmetric");
                  M factor;
                  if (!arma::chol(factor, hermitianPart(m), lower ? "lower" : "upper"))
                      c.fail("matrix is not positive definite");
                  return result(factor);
              })};
          });

    r.add("lu", "[L, U] = lu(A), [L, U, P] = lu(A)",
          "LU decomposition with partial pivoting: P·A = L·U with L unit lower triangular; with "
          "two results L is row-permuted so that A = L·U.",
          [](Call& c) {
              c.requireCount(1, 1);
              if (c.nargout() < 2)
                  c.fail("use [L, U] = lu(A) or [L, U, P] = lu(A)");
              return visit(numeric(c, 0), [&](const auto& m) {
                  using M = std::decay_t<decltype(m)>;
                  requireFinite(c, m);
                  M l;
                  M u;
                  if (c.nargout() == 2) {
                      if (!arma::lu(l, u, m))
                          c.fail("the decomposition failed");
                      return std::vector<Value>{result(l), result(u)};
                  }
                  M p;
                  if (!arma::lu(l, u, p, m))
                      c.fail("the decomposition failed");
                  return std::vector<Value>{result(l), result(u), result(p)};
              });
          });

    r.add("null", "null(A)", "An orthonormal basis of the null space of A, as columns.",
          [](Call& c) { return std::vector<Value>{basis(c, Subspace::Null)}; });
    r.add("orth", "orth(A)", "An orthonormal basis of the range (column space) of A, as columns.",
          [](Call& c) { return std::vector<Value>{basis(c, Subspace::Range)}; });
}

}  // namespace lemma::builtins
