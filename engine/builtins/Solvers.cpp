// MATLAB's names for a few eigenvalues, a few singular values and linear solves on dense
// matrices: eigs, svds and linsolve. Lemma's matrices are dense, so eigs and svds run the full
// dense decomposition (eig_sym when symmetric) and keep the k wanted values; the dense Krylov
// methods for large attention matrices live in engine/math/Spectrum.
#include <algorithm>
#include <cmath>
#include <complex>
#include <memory>
#include <numeric>

#include "engine/lang/Builtin.h"
#include "engine/builtins/Callbacks.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"

namespace lemma::builtins {

using namespace support;

namespace {

Value handle(const std::string& name) {
    auto f = std::make_shared<lang::FunctionData>();
    f->kind = lang::FunctionData::Kind::Builtin;
    f->name = name;
    return Value(std::shared_ptr<const lang::FunctionData>(std::move(f)));
}

// Which eigenvalues eigs keeps: the k first in this order.
std::vector<arma::uword> eigOrder(Call& c, const arma::cx_vec& values, std::size_t i) {
    std::string rule = "largestabs";
    double sigma = 0.0;
    bool numeric = false;
    if (c.has(i)) {
        if (c.arg(i).isString()) {
            rule = callbacks::lower(c.string(i));
        } else {
            sigma = c.scalar(i);
            numeric = true;
        }
    }
    if (rule == "lm")
        rule = "largestabs";
    else if (rule == "sm")
        rule = "smallestabs";
    else if (rule == "lr" || rule == "la")
        rule = "largestreal";
    else if (rule == "sr" || rule == "sa")
        rule = "smallestreal";
    else if (rule == "li")
        rule = "largestimag";
    else if (rule == "si")
        rule = "smallestimag";
    if (!numeric && rule != "largestabs" && rule != "smallestabs" && rule != "largestreal" &&
        rule != "smallestreal" && rule != "largestimag" && rule != "smallestimag" &&
        rule != "bothendsreal")
        c.fail("unknown sigma \"" + rule +
               "\" (use largestabs, smallestabs, largestreal, smallestreal, largestimag, "
               "smallestimag or a number)");
    std::vector<arma::uword> order(values.n_elem);
    std::iota(order.begin(), order.end(), arma::uword{0});
    auto key = [&](arma::uword k) -> double {
        const auto z = values(k);
        if (numeric)
            return -std::abs(z - sigma);
        if (rule == "largestabs")
            return std::abs(z);
        if (rule == "smallestabs")
            return -std::abs(z);
        if (rule == "largestreal")
            return z.real();
        if (rule == "smallestreal")
            return -z.real();
        if (rule == "largestimag")
            return z.imag();
        return -z.imag();
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](arma::uword a, arma::uword b) { return key(a) > key(b); });
    return order;
}

}  // namespace

void registerSolvers(Registry& r) {
    r.add("eigs", "eigs(A), eigs(A, k), eigs(A, k, sigma), [V, D] = eigs(…)",
          "The k (default 6) eigenvalues of a square matrix wanted by sigma: \"largestabs\" "
          "(default), \"smallestabs\", \"largestreal\", \"smallestreal\", \"largestimag\", "
          "\"smallestimag\", or the ones closest to a number sigma; in that order. With two "
          "outputs, the eigenvectors as the columns of V and the eigenvalues on the diagonal "
          "of D. Computed from the full dense decomposition.",
          [](Call& c) {
              c.requireCount(1, 3);
              const Value& a = numeric(c, 0);
              const arma::cx_mat m = a.toComplex();
              requireSquare(c, m);
              requireFinite(c, m);
              const arma::uword n = m.n_rows;
              const long long k = c.has(1) && !c.arg(1).isEmpty()
                                      ? c.integer(1)
                                      : std::min<long long>(6, (long long)n);
              if (k < 0 || arma::uword(k) > n)
                  c.fail("k must be between 0 and " + std::to_string(n) + ", got " +
                         std::to_string(k));
              arma::cx_vec values;
              arma::cx_mat vectors;
              if (a.isReal() && isHermitian(a.real())) {
                  arma::vec ev;
                  arma::mat evec;
                  const arma::mat s = arma::symmatu(a.real());
                  if (!arma::eig_sym(ev, evec, s))
                      c.fail("the eigendecomposition failed");
                  values = arma::conv_to<arma::cx_vec>::from(ev);
                  vectors = arma::conv_to<arma::cx_mat>::from(evec);
              } else if (!arma::eig_gen(values, vectors, m)) {
                  c.fail("the eigendecomposition failed");
              }
              const auto order = eigOrder(c, values, 2);
              arma::cx_vec kept(k);
              arma::cx_mat keptVectors(n, k);
              for (long long j = 0; j < k; ++j) {
                  kept(j) = values(order[j]);
                  keptVectors.col(j) = vectors.col(order[j]);
              }
              if (c.nargout() <= 1)
                  return std::vector<Value>{result(arma::cx_mat(kept))};
              return std::vector<Value>{result(keptVectors),
                                        result(arma::cx_mat(arma::diagmat(kept)))};
          });
    r.add("svds", "svds(A), svds(A, k), [U, S, V] = svds(A, k)",
          "The k (default 6) largest singular values of A, largest first; with three outputs "
          "the singular vectors too (A·V = U·S). Computed from the dense economy SVD.",
          [](Call& c) {
              c.requireCount(1, 2);
              const arma::mat a = c.matrix(0);
              requireFinite(c, a);
              const arma::uword p = std::min(a.n_rows, a.n_cols);
              const long long k = c.has(1) ? c.integer(1) : std::min<long long>(6, (long long)p);
              if (k < 0)
                  c.fail("k must be non-negative, got " + std::to_string(k));
              const arma::uword kk = std::min<arma::uword>(arma::uword(k), p);
              arma::mat U, V;
              arma::vec s;
              if (p == 0) {
                  s.reset();
              } else if (!arma::svd_econ(U, s, V, a)) {
                  c.fail("the singular value decomposition failed");
              }
              if (c.nargout() <= 1)
                  return std::vector<Value>{
                      Value(arma::mat(kk ? arma::vec(s.head(kk)) : arma::vec()))};
              return std::vector<Value>{
                  Value(arma::mat(kk ? arma::mat(U.head_cols(kk)) : arma::mat(a.n_rows, 0))),
                  Value(arma::mat(arma::diagmat(kk ? arma::vec(s.head(kk)) : arma::vec()))),
                  Value(arma::mat(kk ? arma::mat(V.head_cols(kk)) : arma::mat(a.n_cols, 0)))};
          });
    r.add("linsolve", "linsolve(A, b)",
          "The solution x of A·x = b, as A \\ b: exact for square A, least squares for "
          "rectangular A.",
          [](Call& c) {
              c.requireCount(2, 3);
              return c.context().call(handle("solve"), {c.arg(0), c.arg(1)}, 1);
          });
}

}  // namespace lemma::builtins
