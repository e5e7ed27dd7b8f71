// Reductions and other operations along a dimension: sum, prod, mean, median, var, std, max,
// min, cumsum, cumprod, diff, any, all, dot, cross, and the numerically stable softmax and
// logsumexp.
//
// As in MATLAB, a reduction without a dimension runs along the first dimension whose size is
// not 1 (so the sum of a row is a scalar) and sum([]) is 0.
#include <cmath>
#include <limits>

#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"

namespace lemma::builtins {

using namespace support;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The argument's matrix, with a 0×0 empty read as an empty column when no dimension is given,
// so that sum([]) = 0 and mean([]) = NaN as in MATLAB.
template <class T>
arma::Mat<T> reductionInput(const arma::Mat<T>& m, bool dimGiven) {
    if (!dimGiven && m.n_rows == 0 && m.n_cols == 0)
        return arma::Mat<T>(0, 1);
    return m;
}

bool dimGiven(Call& c, std::size_t i) {
    return (c.has(i) && !c.arg(i).isEmpty()) || c.hasKeyword("dim");
}

// MATLAB's trailing "omitnan" / "includenan" flag: the number of arguments before it (the
// count when there is none) and whether NaNs are dropped.
std::size_t nanFlag(Call& c, bool& omit) {
    omit = false;
    if (c.count() < 2 || !c.arg(c.count() - 1).isString())
        return c.count();
    const std::string& flag = c.arg(c.count() - 1).string();
    if (flag == "omitnan" || flag == "omitmissing")
        omit = true;
    else if (flag != "includenan" && flag != "includemissing")
        c.fail("unknown flag \"" + flag + "\" (use \"omitnan\" or \"includenan\")");
    return c.count() - 1;
}

// v without its NaN entries (complex: either part NaN).
template <class T>
arma::Col<T> withoutNaN(const arma::Col<T>& v) {
    arma::uvec keep(v.n_elem);
    arma::uword n = 0;
    for (arma::uword i = 0; i < v.n_elem; ++i)
        if (!std::isnan(std::abs(v(i))))
            keep(n++) = i;
    return v.elem(keep.head(n));
}

// sum, prod, mean: reductions of real or complex values.
template <class F>
void addReduction(Registry& r, const std::string& name, const std::string& help, F f) {
    r.add(name, name + "(A), " + name + "(A, dim), " + name + "(…, \"omitnan\")",
          help + " \"omitnan\" skips NaN entries.", [f](Call& c) {
              c.requireCount(1, 3);
              bool omit = false;
              const std::size_t n = nanFlag(c, omit);
              if (n > 2)
                  c.fail("expected A, dim and a NaN flag, got " + std::to_string(c.count()) +
                         " arguments");
              const Value& a = numeric(c, 0);
              const bool given = n > 1 ? dimGiven(c, 1) : c.hasKeyword("dim");
              const int dim = dimArg(c, n > 1 ? 1 : 99, defaultDim(a.rows(), a.cols()));
              return std::vector<Value>{visit(a, [&](const auto& m) {
                  using T = typename std::decay_t<decltype(m)>::elem_type;
                  return result(reduceSlices(
                      reductionInput(m, given), dim,
                      [&](const arma::Col<T>& v) { return omit ? f(withoutNaN(v)) : f(v); }));
              })};
          });
}

// The variance of one slice, normalised by n - 1 (w = 0) or n (w = 1).
template <class T>
double variance(const arma::Col<T>& v, double w) {
    const double n = static_cast<double>(v.n_elem);
    if (n == 0)
        return kNaN;
    if (n == 1)
        return std::isfinite(std::abs(v(0))) ? 0.0 : kNaN;
    const T mean = arma::accu(v) / n;
    double s = 0.0;
    for (const T& x : v)
        s += std::norm(x - mean);
    return s / (w == 1.0 ? n : n - 1.0);
}

void addSpread(Registry& r, const std::string& name, bool root, const std::string& help) {
    r.add(
        name,
        name + "(x), " + name + "(x, w), " + name + "(x, w, dim), " + name + "(…, \"omitnan\")",
        help + " \"omitnan\" skips NaN entries.", [root](Call& c) {
            c.requireCount(1, 4);
            bool omit = false;
            const std::size_t n = nanFlag(c, omit);
            if (n > 3)
                c.fail("expected x, w, dim and a NaN flag, got " + std::to_string(c.count()) +
                       " arguments");
            const Value& a = numeric(c, 0);
            double w = 0.0;
            if (n > 1 && !c.arg(1).isEmpty()) {
                w = c.scalar(1);
                if (w != 0.0 && w != 1.0)
                    c.fail("normalisation w must be 0 (by n - 1) or 1 (by n), got " + shortest(w));
            }
            const bool given = n > 2 ? dimGiven(c, 2) : c.hasKeyword("dim");
            const int dim = dimArg(c, n > 2 ? 2 : 99, defaultDim(a.rows(), a.cols()));
            return std::vector<Value>{visit(a, [&](const auto& m) {
                using T = typename std::decay_t<decltype(m)>::elem_type;
                arma::mat out = reduceSlices(
                    reductionInput(m, given), dim,
                    [&](const arma::Col<T>& v) { return variance(omit ? withoutNaN(v) : v, w); });
                if (root)
                    out = arma::sqrt(out);
                return Value(out);
            })};
        });
}

// The position of the largest (or smallest) entry of v ignoring NaN; 0 when all are NaN.
// Complex entries compare by modulus, then by phase angle, as in MATLAB.
template <class T>
arma::uword extremeIndex(const arma::Col<T>& v, bool largest) {
    auto key = [](const T& x) -> std::pair<double, double> {
        if constexpr (std::is_same_v<T, double>) {
            return {x, 0.0};
        } else {
            return {std::abs(x), std::arg(x)};
        }
    };
    arma::uword best = v.n_elem;
    for (arma::uword i = 0; i < v.n_elem; ++i) {
        const auto k = key(v(i));
        if (std::isnan(k.first))
            continue;
        if (best == v.n_elem) {
            best = i;
            continue;
        }
        const auto b = key(v(best));
        if (largest ? k > b : k < b)
            best = i;
    }
    return best == v.n_elem ? 0 : best;
}

std::vector<Value> extremum(Call& c, bool largest) {
    c.requireCount(1, 3);
    if (c.has(1) && !c.arg(1).isEmpty()) {
        if (c.has(2))
            c.fail("the two-matrix form takes no dimension; use " + c.name() + "(A, [], dim)");
        if (c.nargout() > 1)
            c.fail("the two-matrix form has one result");
        return {arma::mat(broadcast(c, c.matrix(0), c.matrix(1), [largest](double x, double y) {
            if (std::isnan(x))
                return y;
            if (std::isnan(y))
                return x;
            return largest ? std::max(x, y) : std::min(x, y);
        }))};
    }
    const Value& a = numeric(c, 0);
    const int dim = dimArg(c, 2, defaultDim(a.rows(), a.cols()));
    if (a.numel() == 0)
        return {arma::mat(), arma::mat()};
    Value indices;
    Value values = visit(a, [&](const auto& m) {
        using T = typename std::decay_t<decltype(m)>::elem_type;
        const arma::mat index = reduceSlices(m, dim, [&](const arma::Col<T>& v) {
            return static_cast<double>(extremeIndex(v, largest));
        });
        arma::Mat<T> picked(index.n_rows, index.n_cols);
        for (arma::uword k = 0; k < index.n_elem; ++k) {
            const auto i = static_cast<arma::uword>(index(k));
            picked(k) = dim == 1 ? m(i, k) : m(k, i);
        }
        indices = Value(arma::mat(index + 1.0));
        return result(picked);
    });
    if (a.isBool())
        values = Value::logical(values.real());
    return {values, indices};
}

// Runs f along the chosen dimension, keeping the shape (cumsum, cumprod, softmax).
template <class F>
Value alongDim(const Value& a, int dim, F f) {
    return visit(a, [&](const auto& m) { return result(mapSlices(m, dim, f)); });
}

arma::vec softmax(const arma::vec& v) {
    if (v.is_empty())
        return v;
    const double mx = v.max();
    arma::vec e = arma::exp(v - mx);
    return e / arma::accu(e);
}

double logsumexp(const arma::vec& v) {
    if (v.is_empty())
        return -arma::datum::inf;
    if (v.has_nan())
        return kNaN;
    const double mx = v.max();
    if (!std::isfinite(mx))
        return mx;
    return mx + std::log(arma::accu(arma::exp(v - mx)));
}

// softmax and logsumexp normalise along rows unless told otherwise, except that a column
// vector is one distribution.
int distributionDim(Call& c, const arma::mat& m) {
    const int fallback = (m.n_cols == 1 && m.n_rows > 1) ? 1 : 2;
    return dimArg(c, 1, fallback);
}

void addLogical(Registry& r, const std::string& name, bool all, const std::string& help) {
    r.add(name, name + "(A), " + name + "(A, dim)", help, [all](Call& c) {
        c.requireCount(1, 2);
        const Value& a = numeric(c, 0);
        const bool given = dimGiven(c, 1);
        const int dim = dimArg(c, 1, defaultDim(a.rows(), a.cols()));
        const arma::mat nonzero =
            arma::conv_to<arma::mat>::from(a.isComplex() ? arma::umat(arma::abs(a.complex()) != 0.0)
                                                         : arma::umat(a.real() != 0.0));
        arma::mat out =
            reduceSlices(reductionInput(nonzero, given), dim, [all](const arma::vec& v) {
                return (all ? arma::all(v != 0.0) : arma::any(v != 0.0)) ? 1.0 : 0.0;
            });
        return std::vector<Value>{Value::logical(std::move(out))};
    });
}

}  // namespace

void registerReductions(Registry& r) {
    addReduction(r, "sum", "The sum along a dimension (down columns; a vector gives a scalar).",
                 [](const auto& v) { return arma::accu(v); });
    addReduction(r, "prod", "The product along a dimension; prod([]) = 1.",
                 [](const auto& v) { return arma::prod(v); });
    addReduction(r, "mean", "The arithmetic mean along a dimension; mean([]) = NaN.",
                 [](const auto& v) -> typename std::decay_t<decltype(v)>::elem_type {
                     if (v.is_empty())
                         return kNaN;
                     return arma::accu(v) / static_cast<double>(v.n_elem);
                 });
    r.add("median", "median(x), median(x, dim), median(…, \"omitnan\")",
          "The median along a dimension; NaN if the slice holds a NaN, unless \"omitnan\".",
          [](Call& c) {
              c.requireCount(1, 3);
              bool omit = false;
              const std::size_t n = nanFlag(c, omit);
              if (n > 2)
                  c.fail("expected x, dim and a NaN flag, got " + std::to_string(c.count()) +
                         " arguments");
              const arma::mat& m = c.matrix(0);
              const bool given = n > 1 ? dimGiven(c, 1) : c.hasKeyword("dim");
              const int dim = dimArg(c, n > 1 ? 1 : 99, defaultDim(m.n_rows, m.n_cols));
              return std::vector<Value>{
                  reduceSlices(reductionInput(m, given), dim, [omit](const arma::vec& in) {
                      const arma::vec v = omit ? withoutNaN(in) : in;
                      if (v.is_empty() || v.has_nan())
                          return kNaN;
                      return arma::median(v);
                  })};
          });
    addSpread(r, "var", false,
              "The variance, normalised by n - 1 (w = 0, default) or by n (w = 1).");
    addSpread(r, "std", true,
              "The standard deviation, normalised by n - 1 (w = 0, default) or by n (w = 1).");

    r.add("max", "max(A), [m, i] = max(A), max(A, [], dim), max(A, B)",
          "The largest entry along a dimension and its 1-based index (NaN ignored); max(A, B) is "
          "element-wise.",
          [](Call& c) { return extremum(c, true); });
    r.add("min", "min(A), [m, i] = min(A), min(A, [], dim), min(A, B)",
          "The smallest entry along a dimension and its 1-based index (NaN ignored); min(A, B) is "
          "element-wise.",
          [](Call& c) { return extremum(c, false); });

    r.add("cumsum", "cumsum(A), cumsum(A, dim)", "Cumulative sums along a dimension.", [](Call& c) {
        c.requireCount(1, 2);
        const Value& a = numeric(c, 0);
        const int dim = dimArg(c, 1, defaultDim(a.rows(), a.cols()));
        return std::vector<Value>{alongDim(a, dim, [](const auto& v) { return arma::cumsum(v); })};
    });
    r.add("cumprod", "cumprod(A), cumprod(A, dim)", "Cumulative products along a dimension.",
          [](Call& c) {
              c.requireCount(1, 2);
              const Value& a = numeric(c, 0);
              const int dim = dimArg(c, 1, defaultDim(a.rows(), a.cols()));
              return std::vector<Value>{
                  alongDim(a, dim, [](const auto& v) { return arma::cumprod(v); })};
          });
    r.add("diff", "diff(x), diff(x, k), diff(x, k, dim)",
          "Differences of neighbouring entries (x(2) - x(1), …), applied k times.", [](Call& c) {
              c.requireCount(1, 3);
              const Value& a = numeric(c, 0);
              const long long k = c.has(1) ? c.integer(1) : 1;
              if (k < 0)
                  c.fail("order k must be non-negative, got " + std::to_string(k));
              const int dim = dimArg(c, 2, defaultDim(a.rows(), a.cols()));
              return std::vector<Value>{visit(a, [&](const auto& m) {
                  using M = std::decay_t<decltype(m)>;
                  const arma::uword n = dim == 1 ? m.n_rows : m.n_cols;
                  if (static_cast<arma::uword>(k) >= n)
                      return result(dim == 1 ? M(0, m.n_cols) : M(m.n_rows, 0));
                  return result(M(arma::diff(m, static_cast<arma::uword>(k), dim - 1)));
              })};
          });

    addLogical(r, "any", false, "True where any entry along a dimension is non-zero.");
    addLogical(r, "all", true, "True where every entry along a dimension is non-zero.");

    r.add("dot", "dot(a, b), dot(A, B, dim)",
          "The dot product sum(conj(a) .* b) of two vectors with as many entries; for matrices, "
          "column by column.",
          [](Call& c) {
              c.requireCount(2, 3);
              const Value& a = numeric(c, 0);
              const Value& b = numeric(c, 1);
              const auto isVector = [](const Value& v) {
                  return v.rows() == 1 || v.cols() == 1 || v.numel() == 0;
              };
              const bool vectors = isVector(a) && isVector(b) && !c.has(2);
              const arma::cx_mat x = a.toComplex();
              const arma::cx_mat y = b.toComplex();
              if (vectors) {
                  if (x.n_elem != y.n_elem)
                      c.fail("dimension mismatch: " + shape(x) + " and " + shape(y));
                  const cx d = arma::cdot(arma::vectorise(x), arma::vectorise(y));
                  return std::vector<Value>{result(arma::cx_mat(1, 1, arma::fill::value(d)))};
              }
              if (x.n_rows != y.n_rows || x.n_cols != y.n_cols)
                  c.fail("dimension mismatch: " + shape(x) + " and " + shape(y));
              const int dim = dimArg(c, 2, defaultDim(x.n_rows, x.n_cols));
              const arma::cx_mat p = arma::conj(x) % y;
              return std::vector<Value>{
                  result(arma::cx_mat(dim == 1 ? arma::sum(p, 0) : arma::sum(p, 1)))};
          });
    r.add("cross", "cross(a, b)", "The cross product of two 3-element vectors.", [](Call& c) {
        c.requireCount(2, 2);
        const arma::mat& a = c.matrix(0);
        const arma::mat& b = c.matrix(1);
        const auto isVec3 = [](const arma::mat& m) {
            return m.n_elem == 3 && (m.n_rows == 1 || m.n_cols == 1);
        };
        if (!isVec3(a) || !isVec3(b))
            c.fail("both arguments must be 3-element vectors, got " + shape(a) + " and " +
                   shape(b));
        const arma::vec x = arma::vectorise(a);
        const arma::vec y = arma::vectorise(b);
        arma::mat out = arma::cross(x, y);
        if (a.n_rows == 1)
            out = out.t();
        return std::vector<Value>{out};
    });

    r.add("softmax", "softmax(X), softmax(X, dim), softmax(X, dim=1)",
          "exp(X) normalised to sum 1 along rows (dim 2, default; a column vector is one "
          "distribution), stable: the maximum is subtracted first.",
          [](Call& c) {
              c.requireCount(1, 2);
              const arma::mat& m = c.matrix(0);
              return std::vector<Value>{mapSlices(m, distributionDim(c, m), softmax)};
          });
    r.add("logsumexp", "logsumexp(X), logsumexp(X, dim)",
          "log(sum(exp(X))) along rows (dim 2, default; a column vector is one slice), "
          "computed as m + log(sum(exp(X - m))) with m the maximum, so it never overflows.",
          [](Call& c) {
              c.requireCount(1, 2);
              const arma::mat& m = c.matrix(0);
              return std::vector<Value>{reduceSlices(m, distributionDim(c, m), logsumexp)};
          });
}

}  // namespace lemma::builtins
