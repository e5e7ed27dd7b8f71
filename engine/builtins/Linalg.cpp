// Linear algebra on whole matrices: transpose, inv, det, trace, rank, solve, kron, pinv, norm,
// cond and the matrix functions expm, sqrtm, logm. Factorisations live in Decompositions.cpp.
//
// Preconditions (square, finite, conformant, non-singular) are checked here so that errors
// name the builtin and the shapes involved instead of surfacing as Armadillo exceptions.
#include <cmath>
#include <limits>

#include "engine/builtins/Callbacks.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"
#include "engine/lang/Operators.h"

namespace lemma::builtins {

using namespace support;

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
using lang::conditionText;
using lang::kIllConditioned;

// Calls f with both arguments as real matrices, or both as complex when either is complex.
template <class F>
Value visitPair(const Value& a, const Value& b, F&& f) {
    if (a.isComplex() || b.isComplex())
        return f(a.toComplex(), b.toComplex());
    return f(a.real(), b.real());
}

template <class T>
void requireNonSingular(Call& c, const arma::Mat<T>& m) {
    const double rc = arma::rcond(m);
    if (!(rc >= kEps))
        c.fail("matrix is singular to working precision (condition number " + conditionText(rc) +
               ")");
    if (rc < kIllConditioned)
        callbacks::warn(c, "matrix is ill-conditioned (condition number " + conditionText(rc) +
                               "); the result may be inaccurate");
}

// The p-norm of a vector for any p > 0 or ±Inf.
template <class T>
double vectorNorm(const arma::Mat<T>& v, double p) {
    const arma::vec a = arma::abs(arma::vectorise(v));
    if (a.is_empty())
        return 0.0;
    if (std::isinf(p))
        return p > 0 ? a.max() : a.min();
    if (p == 2.0)
        return arma::norm(a, 2);
    if (p == 1.0)
        return arma::accu(a);
    const double scale = a.max();
    if (scale == 0.0 || !std::isfinite(scale))
        return scale;
    return scale * std::pow(arma::accu(arma::pow(a / scale, p)), 1.0 / p);
}

// Reads the p of norm(x, p): a number, or "fro" / "inf" / "Inf" (fro is returned as NaN).
double normKind(const Call& c) {
    if (!c.has(1))
        return 2.0;
    const Value& p = c.arg(1);
    if (p.isString()) {
        const std::string& s = p.string();
        if (s == "fro")
            return std::numeric_limits<double>::quiet_NaN();
        if (s == "inf" || s == "Inf")
            return arma::datum::inf;
        if (s == "-inf" || s == "-Inf")
            return -arma::datum::inf;
        c.fail("unknown norm \"" + s + "\"; use 1, 2, Inf or \"fro\"");
    }
    const double x = c.scalar(1);
    if (!(x > 0) && x != -arma::datum::inf)
        c.fail("p must be positive or ±Inf, got " + shortest(x));
    return x;
}

template <class F>
void addMatrixFunction(Registry& r, const std::string& name, const std::string& help, F f) {
    r.add(name, name + "(A)", help, [f](Call& c) {
        c.requireCount(1, 1);
        const Value& a = numeric(c, 0);
        return std::vector<Value>{visit(a, [&](const auto& m) {
            requireSquare(c, m);
            requireFinite(c, m);
            arma::cx_mat out;
            if (!f(out, m))
                c.fail("the computation did not converge");
            return result(out);
        })};
    });
}

}  // namespace

void registerLinalg(Registry& r) {
    r.add("transpose", "transpose(A)", "The transpose A.' (complex entries are not conjugated).",
          [](Call& c) {
              c.requireCount(1, 1);
              const Value& a = numeric(c, 0);
              if (a.isComplex())
                  return std::vector<Value>{arma::cx_mat(a.complex().st())};
              return std::vector<Value>{sameKind(a, a.real().t())};
          });
    r.add("ctranspose", "ctranspose(A)", "The conjugate transpose A'.", [](Call& c) {
        c.requireCount(1, 1);
        const Value& a = numeric(c, 0);
        if (a.isComplex())
            return std::vector<Value>{arma::cx_mat(a.complex().t())};
        return std::vector<Value>{sameKind(a, a.real().t())};
    });

    r.add("inv", "inv(A)", "The inverse of a square, non-singular matrix.", [](Call& c) {
        c.requireCount(1, 1);
        return std::vector<Value>{visit(numeric(c, 0), [&](const auto& m) {
            using M = std::decay_t<decltype(m)>;
            requireSquare(c, m);
            requireFinite(c, m);
            if (m.is_empty())
                return result(M());
            requireNonSingular(c, m);
            M out;
            if (!arma::inv(out, m))
                c.fail("matrix is singular to working precision");
            return result(out);
        })};
    });
    r.add("det", "det(A)", "The determinant of a square matrix; det([]) = 1.", [](Call& c) {
        c.requireCount(1, 1);
        return std::vector<Value>{visit(numeric(c, 0), [&](const auto& m) {
            using M = std::decay_t<decltype(m)>;
            requireSquare(c, m);
            if (m.is_empty())
                return result(M(1, 1, arma::fill::ones));
            return result(M(1, 1, arma::fill::value(arma::det(m))));
        })};
    });
    r.add("trace", "trace(A)", "The sum of the diagonal of a square matrix.", [](Call& c) {
        c.requireCount(1, 1);
        return std::vector<Value>{visit(numeric(c, 0), [&](const auto& m) {
            using M = std::decay_t<decltype(m)>;
            requireSquare(c, m);
            return result(M(1, 1, arma::fill::value(arma::trace(m))));
        })};
    });
    r.add("rank", "rank(A), rank(A, tol)",
          "The number of singular values above tol (default max(m, n)·σ₁·eps).", [](Call& c) {
              c.requireCount(1, 2);
              const double tol = c.has(1) ? c.scalar(1) : 0.0;
              return std::vector<Value>{visit(numeric(c, 0), [&](const auto& m) {
                  requireFinite(c, m);
                  if (m.is_empty())
                      return Value(0.0);
                  return Value(static_cast<double>(arma::rank(m, tol)));
              })};
          });
    r.add("solve", "solve(A, b)",
          "The solution x of A·x = b (same as A \\ b): exact for square A, least squares "
          "otherwise.",
          [](Call& c) {
              c.requireCount(2, 2);
              return std::vector<Value>{
                  visitPair(numeric(c, 0), numeric(c, 1), [&](const auto& a, const auto& b) {
                      using M = std::decay_t<decltype(a)>;
                      if (a.n_rows != b.n_rows)
                          c.fail("dimension mismatch: " + shape(a) + " \\ " + shape(b));
                      requireFinite(c, a);
                      M x;
                      if (a.is_empty() || b.is_empty())
                          return result(M(a.n_cols, b.n_cols, arma::fill::zeros));
                      if (a.is_square()) {
                          requireNonSingular(c, a);
                          if (!arma::solve(x, a, b, arma::solve_opts::no_approx))
                              c.fail("matrix is singular to working precision");
                      } else if (!arma::solve(x, a, b)) {
                          c.fail("least-squares solution failed");
                      }
                      return result(x);
                  })};
          });
    r.add("kron", "kron(A, B)", "The Kronecker product: every a_ij replaced by the block a_ij·B.",
          [](Call& c) {
              c.requireCount(2, 2);
              const Value& a = numeric(c, 0);
              const Value& b = numeric(c, 1);
              checkSize(c, static_cast<double>(a.rows()) * b.rows(),
                        static_cast<double>(a.cols()) * b.cols());
              return std::vector<Value>{visitPair(a, b, [](const auto& x, const auto& y) {
                  return result(std::decay_t<decltype(x)>(arma::kron(x, y)));
              })};
          });
    r.add("pinv", "pinv(A), pinv(A, tol)",
          "The Moore–Penrose pseudo-inverse, from the SVD with singular values below tol "
          "treated as zero.",
          [](Call& c) {
              c.requireCount(1, 2);
              const double tol = c.has(1) ? c.scalar(1) : 0.0;
              return std::vector<Value>{visit(numeric(c, 0), [&](const auto& m) {
                  using M = std::decay_t<decltype(m)>;
                  requireFinite(c, m);
                  M out;
                  if (m.is_empty())
                      return result(M(m.n_cols, m.n_rows));
                  if (!arma::pinv(out, m, tol))
                      c.fail("the SVD did not converge");
                  return result(out);
              })};
          });
    r.add("norm", "norm(x), norm(x, p), norm(A), norm(A, 1 | 2 | Inf | \"fro\")",
          "Vectors: the p-norm (2 by default, any p > 0, ±Inf). Matrices: the 2-norm (largest "
          "singular value), 1 (max column sum), Inf (max row sum) or Frobenius.",
          [](Call& c) {
              c.requireCount(1, 2);
              const double p = normKind(c);
              return std::vector<Value>{visit(numeric(c, 0), [&](const auto& m) {
                  requireFinite(c, m);
                  const bool vector = m.n_rows == 1 || m.n_cols == 1;
                  if (m.is_empty())
                      return Value(0.0);
                  if (std::isnan(p))
                      return Value(arma::norm(m, "fro"));
                  if (vector)
                      return Value(vectorNorm(m, p));
                  const arma::mat a = arma::abs(m);
                  if (p == 1.0)
                      return Value(arma::sum(a, 0).max());
                  if (p == arma::datum::inf)
                      return Value(arma::sum(a, 1).max());
                  if (p != 2.0)
                      c.fail("p must be 1, 2, Inf or \"fro\" for a matrix, got " + shortest(p));
                  return Value(arma::norm(m, 2));
              })};
          });
    r.add("cond", "cond(A)", "The 2-norm condition number σ_max/σ_min; Inf for a singular matrix.",
          [](Call& c) {
              c.requireCount(1, 1);
              return std::vector<Value>{visit(numeric(c, 0), [&](const auto& m) {
                  requireFinite(c, m);
                  if (m.is_empty())
                      return Value(0.0);
                  const arma::vec s = arma::svd(m);
                  const double lo = s.min();
                  return Value(lo == 0.0 ? arma::datum::inf : s.max() / lo);
              })};
          });

    addMatrixFunction(r, "expm", "The matrix exponential e^A = I + A + A²/2! + ….",
                      [](arma::cx_mat& out, const auto& m) {
                          std::decay_t<decltype(m)> e;
                          if (!arma::expmat(e, m))
                              return false;
                          out = arma::conv_to<arma::cx_mat>::from(e);
                          return true;
                      });
    addMatrixFunction(r, "sqrtm", "The principal matrix square root X with X·X = A.",
                      [](arma::cx_mat& out, const auto& m) { return arma::sqrtmat(out, m); });
    addMatrixFunction(r, "logm", "The principal matrix logarithm X with expm(X) = A.",
                      [](arma::cx_mat& out, const auto& m) { return arma::logmat(out, m); });
}

}  // namespace lemma::builtins
