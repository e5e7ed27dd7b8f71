// Building and rearranging matrices the MATLAB way, and integer functions: magic, circshift,
// meshgrid, ndgrid, accumarray, nchoosek, factorial, primes and isprime.
#include <cmath>
#include <cstdint>
#include <limits>

#include "engine/builtins/Callbacks.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"

namespace lemma::builtins {

using namespace support;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// MATLAB's magic squares: the siamese method for odd n, the complement pattern for doubly even
// n, and LUX-style quadrant swaps of magic(n/2) for singly even n.
arma::mat magic(arma::uword n) {
    arma::mat m(n, n);
    if (n == 0)
        return m;
    if (n % 2 == 1) {
        for (arma::uword i = 1; i <= n; ++i) {
            for (arma::uword j = 1; j <= n; ++j) {
                const long long a = ((long long)(i + j) - (long long)(n + 3) / 2) % (long long)n;
                const long long b = (long long)(i + 2 * j - 2) % (long long)n;
                m(i - 1, j - 1) = double(n * ((a + n) % n) + b + 1);
            }
        }
        return m;
    }
    if (n % 4 == 0) {
        for (arma::uword i = 1; i <= n; ++i) {
            for (arma::uword j = 1; j <= n; ++j) {
                const double v = double((i - 1) * n + j);
                const bool k = ((i % 4) / 2) == ((j % 4) / 2);
                m(i - 1, j - 1) = k ? double(n * n + 1) - v : v;
            }
        }
        return m;
    }
    const arma::uword p = n / 2;
    const arma::mat q = magic(p);
    const double p2 = double(p * p);
    m.submat(0, 0, p - 1, p - 1) = q;
    m.submat(0, p, p - 1, n - 1) = q + 2 * p2;
    m.submat(p, 0, n - 1, p - 1) = q + 3 * p2;
    m.submat(p, p, n - 1, n - 1) = q + p2;
    if (n == 2)
        return m;
    const arma::uword k = (n - 2) / 4;
    std::vector<arma::uword> cols;
    for (arma::uword j = 1; j <= k; ++j)
        cols.push_back(j - 1);
    for (arma::uword j = n - k + 2; j <= n; ++j)
        cols.push_back(j - 1);
    for (arma::uword j : cols) {
        for (arma::uword i = 0; i < p; ++i)
            std::swap(m(i, j), m(i + p, j));
    }
    for (arma::uword j : {arma::uword{0}, k}) {
        std::swap(m(k, j), m(k + p, j));
    }
    return m;
}

// Entry (i, j) of the result comes from ((i − r) mod rows, (j − c) mod cols).
template <class T>
arma::Mat<T> shifted(const arma::Mat<T>& a, long long r, long long c) {
    arma::Mat<T> out(a.n_rows, a.n_cols);
    const long long R = (long long)a.n_rows, C = (long long)a.n_cols;
    for (long long j = 0; j < C; ++j)
        for (long long i = 0; i < R; ++i)
            out(((i + r) % R + R) % R, ((j + c) % C + C) % C) = a(i, j);
    return out;
}

double binomial(double n, double k) {
    if (k < 0 || k > n)
        return 0.0;
    k = std::min(k, n - k);
    double out = 1.0;
    for (double i = 1; i <= k; ++i)
        out = out * (n - k + i) / i;
    return std::round(out);
}

void combinations(const arma::rowvec& v, arma::uword k, arma::uword start,
                  std::vector<double>& current, std::vector<std::vector<double>>& out) {
    if (current.size() == k) {
        out.push_back(current);
        return;
    }
    for (arma::uword i = start; i < v.n_elem; ++i) {
        current.push_back(v(i));
        combinations(v, k, i + 1, current, out);
        current.pop_back();
    }
}

// Trial division: up to 5×10^7 divisions for a prime near 2^53, so Stop is polled every
// 2^20 of them (isprime of a vector of such numbers runs for as long as it has entries).
bool isPrime(double x, Context& context) {
    if (x < 2)
        return false;
    if (x < 4)
        return true;
    if (std::fmod(x, 2.0) == 0.0)
        return false;
    std::uint64_t steps = 0;
    for (double d = 3; d * d <= x; d += 2) {
        if (std::fmod(x, d) == 0.0)
            return false;
        if (++steps % (std::uint64_t(1) << 20) == 0)
            context.checkCancelled();
    }
    return true;
}

std::vector<Value> grid(Call& c, bool mesh) {
    c.requireCount(1, 2);
    const arma::mat xa = c.matrix(0);
    const arma::mat ya = c.has(1) ? c.matrix(1) : xa;
    const arma::vec x = arma::vectorise(xa);
    const arma::vec y = arma::vectorise(ya);
    if (!mesh && c.count() == 1 && c.nargout() <= 1)
        return {Value(arma::mat(x))};
    if (mesh) {
        // X repeats x along rows, Y repeats y down columns: both length(y)×length(x).
        arma::mat X = arma::repmat(x.t(), y.n_elem, 1);
        arma::mat Y = arma::repmat(y, 1, x.n_elem);
        return {Value(X), Value(Y)};
    }
    arma::mat X = arma::repmat(x, 1, y.n_elem);
    arma::mat Y = arma::repmat(y.t(), x.n_elem, 1);
    return {Value(X), Value(Y)};
}

}  // namespace

void registerMatrices(Registry& r) {
    r.add("magic", "magic(n)",
          "An n×n magic square: the integers 1…n² with equal row, column and diagonal sums "
          "n(n² + 1)/2, built as MATLAB builds it (magic(2) is not magic, as in MATLAB).",
          [](Call& c) {
              c.requireCount(1, 1);
              const long long n = c.integer(0);
              checkSize(c, double(n), double(n));
              return std::vector<Value>{Value(magic(arma::uword(std::max(0LL, n))))};
          });
    r.add("circshift", "circshift(A, k), circshift(A, k, dim), circshift(A, [r c])",
          "Shifts the entries of A circularly by k places: along the first non-singleton "
          "dimension, along dim, or by r rows and c columns. Positive k moves entries down or "
          "right.",
          [](Call& c) {
              c.requireCount(2, 3);
              const Value& a = numeric(c, 0);
              const arma::mat k = c.matrix(1);
              long long rows = 0, cols = 0;
              auto whole = [&](double v) {
                  if (v != std::floor(v) || !std::isfinite(v))
                      c.fail("the shift must be an integer, got " + shortest(v));
                  return (long long)v;
              };
              if (k.n_elem == 2 && !c.has(2)) {
                  rows = whole(k(0));
                  cols = whole(k(1));
              } else if (k.n_elem == 1) {
                  const int dim = c.has(2) ? dimArg(c, 2, 1) : defaultDim(a.rows(), a.cols());
                  (dim == 1 ? rows : cols) = whole(k(0));
              } else {
                  c.fail("the shift must be a scalar or [r c], got " + shape(k));
              }
              if (a.isEmpty())
                  return std::vector<Value>{a};
              if (a.isComplex())
                  return std::vector<Value>{Value(shifted(a.complex(), rows, cols))};
              return std::vector<Value>{sameKind(a, shifted(a.real(), rows, cols))};
          });
    r.add("meshgrid", "[X, Y] = meshgrid(x, y), [X, Y] = meshgrid(x)",
          "Grids for evaluating a function of two variables: X repeats the row x down "
          "length(y) rows, Y repeats the column y across length(x) columns (MATLAB's "
          "x-across, y-down convention; see ndgrid for the transposed one).",
          [](Call& c) { return grid(c, true); });
    r.add("ndgrid", "[X, Y] = ndgrid(x, y), [X, Y] = ndgrid(x)",
          "Grids with x varying down the rows and y across the columns (length(x)×length(y)); "
          "the transpose of meshgrid's. ndgrid(x) with one output is x(:).",
          [](Call& c) { return grid(c, false); });
    r.add("accumarray",
          "accumarray(subs, vals), accumarray(subs, vals, sz), "
          "accumarray(subs, vals, sz, f), accumarray(subs, vals, sz, f, fill)",
          "Accumulates vals into a matrix at the 1-based positions subs (a column of indices "
          "or an n×2 matrix of [row col] pairs): by default each entry is the sum of the vals "
          "that land there; f (a function of a column of values, e.g. @max) combines them "
          "instead. Unfilled entries are 0 or fill. vals may be a scalar.",
          [](Call& c) {
              c.requireCount(2, 5);
              const arma::mat subs = c.matrix(0);
              const arma::mat vals = c.matrix(1);
              const bool pairs = subs.n_cols == 2 && subs.n_rows != 1;
              const arma::uword n = pairs ? subs.n_rows : subs.n_elem;
              if (vals.n_elem != 1 && vals.n_elem != n)
                  c.fail("vals must be a scalar or have one value per subscript (" +
                         std::to_string(n) + "), got " + shape(vals));
              arma::uword rows = 0, cols = 1;
              for (arma::uword k = 0; k < n; ++k) {
                  const double i = pairs ? subs(k, 0) : subs(k);
                  const double j = pairs ? subs(k, 1) : 1.0;
                  if (i < 1 || j < 1 || i != std::floor(i) || j != std::floor(j))
                      c.fail("subscripts must be positive integers, got " +
                             shortest(i < 1 || i != std::floor(i) ? i : j));
                  rows = std::max(rows, arma::uword(i));
                  cols = std::max(cols, arma::uword(j));
              }
              if (c.has(2) && !c.arg(2).isEmpty()) {
                  const arma::mat sz = c.matrix(2);
                  if (sz.n_elem != 2 || sz(0) < rows || sz(1) < cols)
                      c.fail("sz must be [rows cols] at least as large as the subscripts (" +
                             std::to_string(rows) + "×" + std::to_string(cols) + ")");
                  rows = arma::uword(sz(0));
                  cols = arma::uword(sz(1));
              }
              checkSize(c, double(rows), double(cols));
              const double fill = c.has(4) ? c.scalar(4) : 0.0;
              std::vector<std::vector<double>> groups(rows * cols);
              for (arma::uword k = 0; k < n; ++k) {
                  const arma::uword i = arma::uword(pairs ? subs(k, 0) : subs(k)) - 1;
                  const arma::uword j = arma::uword(pairs ? subs(k, 1) : 1.0) - 1;
                  groups[j * rows + i].push_back(vals.n_elem == 1 ? vals(0) : vals(k));
              }
              arma::mat out(rows, cols, arma::fill::value(fill));
              const bool custom = c.has(3) && !c.arg(3).isEmpty();
              const Value f = custom ? callbacks::functionArg(c, 3) : Value();
              for (std::size_t g = 0; g < groups.size(); ++g) {
                  if (groups[g].empty())
                      continue;
                  if (!custom) {
                      double s = 0.0;
                      for (double v : groups[g])
                          s += v;
                      out(g) = s;
                  } else {
                      out(g) =
                          callbacks::scalarCall(c, f, arma::vec(groups[g]), groups[g].size(), 1);
                  }
              }
              return std::vector<Value>{Value(out)};
          });
    r.add("nchoosek", "nchoosek(n, k), nchoosek(v, k)",
          "The binomial coefficient n!/(k!(n − k)!) for integers n ≥ k ≥ 0; for a vector v, "
          "every combination of k of its entries as the rows of a matrix, in order.",
          [](Call& c) {
              c.requireCount(2, 2);
              const arma::mat v = c.matrix(0);
              const long long k = c.integer(1);
              if (k < 0)
                  c.fail("k must be non-negative, got " + std::to_string(k));
              if (v.n_elem == 1) {
                  const double n = v(0);
                  if (n < 0 || n != std::floor(n))
                      c.fail("n must be a non-negative integer, got " + shortest(n));
                  if (double(k) > n)
                      c.fail("k must be at most n, got k = " + std::to_string(k) +
                             " and n = " + shortest(n));
                  return std::vector<Value>{Value(binomial(n, double(k)))};
              }
              const arma::rowvec row = arma::vectorise(v).t();
              if (double(k) > double(row.n_elem))
                  return std::vector<Value>{Value(arma::mat(0, k))};
              const double count = binomial(double(row.n_elem), double(k));
              checkSize(c, count, double(k));
              std::vector<std::vector<double>> combos;
              std::vector<double> current;
              combinations(row, arma::uword(k), 0, current, combos);
              arma::mat out(combos.size(), arma::uword(k));
              for (std::size_t i = 0; i < combos.size(); ++i)
                  for (arma::uword j = 0; j < arma::uword(k); ++j)
                      out(i, j) = combos[i][j];
              return std::vector<Value>{Value(out)};
          });
    r.add("factorial", "factorial(n)",
          "n! for each entry, a non-negative integer (Inf beyond 170!).", [](Call& c) {
              c.requireCount(1, 1);
              arma::mat n = c.matrix(0);
              for (double& x : n) {
                  if (std::isnan(x)) {
                      x = kNaN;
                      continue;
                  }
                  if (x < 0 || x != std::floor(x))
                      c.fail("n must be a non-negative integer, got " + shortest(x));
                  x = x > 170 ? std::numeric_limits<double>::infinity()
                              : std::round(std::tgamma(x + 1.0));
              }
              return std::vector<Value>{Value(n)};
          });
    r.add("primes", "primes(n)", "The prime numbers up to n, as a row.", [](Call& c) {
        c.requireCount(1, 1);
        const double n = c.scalar(0);
        if (n > 1e9)
            c.fail("n is too large (at most 1e9), got " + shortest(n));
        if (!(n >= 2))
            return std::vector<Value>{Value(arma::mat(1, 0))};
        const arma::uword m = arma::uword(n);
        std::vector<bool> composite(m + 1, false);
        std::vector<double> found;
        // Stop is polled every 2^24 steps of the sieve (up to 10^9 it takes a few seconds).
        arma::uword work = 0;
        for (arma::uword i = 2; i <= m; ++i) {
            if (++work >= (arma::uword(1) << 24)) {
                work = 0;
                c.context().checkCancelled();
            }
            if (composite[i])
                continue;
            found.push_back(double(i));
            if (i > m / i)
                continue;
            for (arma::uword j = i * i; j <= m; j += i) {
                composite[j] = true;
                if (++work >= (arma::uword(1) << 24)) {
                    work = 0;
                    c.context().checkCancelled();
                }
            }
        }
        return std::vector<Value>{Value(arma::mat(arma::rowvec(found)))};
    });
    r.add("isprime", "isprime(x)",
          "True where an entry is a prime number; entries must be non-negative integers.",
          [](Call& c) {
              c.requireCount(1, 1);
              arma::mat x = c.matrix(0);
              for (double& v : x) {
                  if (v < 0 || v != std::floor(v))
                      c.fail("entries must be non-negative integers, got " + shortest(v));
                  v = isPrime(v, c.context()) ? 1.0 : 0.0;
              }
              return std::vector<Value>{Value::logical(x)};
          });
}

}  // namespace lemma::builtins
