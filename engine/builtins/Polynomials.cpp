// Polynomials as MATLAB stores them, coefficient rows with the highest power first: polyfit
// (least squares through QR of the Vandermonde matrix) and polyval (Horner's rule).
#include <cmath>

#include "engine/lang/Builtin.h"
#include "engine/builtins/Callbacks.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"

namespace lemma::builtins {

using namespace support;

namespace {

// Columns x^n, …, x, 1.
arma::mat vandermonde(const arma::vec& x, arma::uword n) {
    arma::mat v(x.n_elem, n + 1);
    v.col(n).ones();
    for (arma::uword j = n; j-- > 0;)
        v.col(j) = v.col(j + 1) % x;
    return v;
}

}  // namespace

void registerPolynomials(Registry& r) {
    r.add("polyfit",
          "p = polyfit(x, y, n), [p, S] = polyfit(x, y, n), [p, S, mu] = polyfit(x, y, n)",
          "The degree-n polynomial p (a row, highest power first) that fits y at x in the "
          "least-squares sense, solved by QR of the Vandermonde matrix. S is a struct with R "
          "(the triangular factor), df (degrees of freedom) and normr (the residual norm). "
          "With three outputs x is first centred and scaled, x̂ = (x − mu(1))/mu(2), which "
          "keeps high degrees well conditioned; evaluate with polyval(p, x, [], mu). Warns "
          "when the fit is badly conditioned.",
          [](Call& c) {
              c.requireCount(3, 3);
              const arma::mat xa = c.matrix(0);
              const arma::mat ya = c.matrix(1);
              if (xa.n_elem != ya.n_elem)
                  c.fail("x and y must have the same number of points, got " + shape(xa) + " and " +
                         shape(ya));
              const long long n = c.integer(2);
              if (n < 0)
                  c.fail("the degree must be non-negative, got " + std::to_string(n));
              arma::vec x = arma::vectorise(xa);
              const arma::vec y = arma::vectorise(ya);
              arma::vec mu = {0.0, 1.0};
              if (c.nargout() >= 3) {
                  mu(0) = arma::mean(x);
                  mu(1) = x.n_elem > 1 ? arma::stddev(x) : 0.0;
                  x = (x - mu(0)) / mu(1);
              }
              const arma::mat v = vandermonde(x, arma::uword(n));
              arma::mat q, rr;
              if (!arma::qr_econ(q, rr, v))
                  c.fail("the QR factorisation failed");
              const arma::vec qty = q.t() * y;
              arma::vec p;
              if (v.n_rows < v.n_cols) {
                  callbacks::warn(c, "the polynomial is not unique: degree " + std::to_string(n) +
                                         " with " + std::to_string(v.n_rows) +
                                         " points; add points or lower the degree");
                  p = arma::solve(v, y);
              } else {
                  const arma::vec d = arma::abs(rr.diag());
                  const double condition = d.min() > 0 ? d.max() / d.min() : arma::datum::inf;
                  if (!(condition < 1e10))
                      callbacks::warn(c,
                                      "the polynomial is badly conditioned; add points "
                                      "with distinct x, lower the degree, or centre and "
                                      "scale x with [p, S, mu] = polyfit(x, y, n)");
                  if (!arma::solve(p, arma::trimatu(rr), qty))
                      p = arma::solve(v, y);
              }
              const arma::vec residual = y - v * p;
              lang::StructData s;
              s.set("R", Value(rr));
              s.set("df", Value(std::max(0.0, double(y.n_elem) - double(n + 1))));
              s.set("normr", Value(arma::norm(residual)));
              return std::vector<Value>{Value(arma::mat(p.t())), Value(std::move(s)),
                                        Value(arma::mat(mu))};
          });
    r.add("polyval", "polyval(p, x), polyval(p, x, [], mu)",
          "The polynomial with coefficients p (highest power first) at each entry of x, by "
          "Horner's rule; with mu from polyfit, at (x − mu(1))/mu(2).",
          [](Call& c) {
              c.requireCount(2, 4);
              const arma::cx_vec p = arma::vectorise(numeric(c, 0).toComplex());
              arma::cx_mat x = numeric(c, 1).toComplex();
              if (c.has(3)) {
                  const arma::mat mu = c.matrix(3);
                  if (mu.n_elem != 2)
                      c.fail("mu must be [mean std] from polyfit, got " + shape(mu));
                  x = (x - mu(0)) / mu(1);
              }
              arma::cx_mat y(x.n_rows, x.n_cols, arma::fill::zeros);
              for (const auto& coefficient : p)
                  y = y % x + coefficient;
              return std::vector<Value>{result(y)};
          });
}

}  // namespace lemma::builtins
