// Sorting and searching: sort (with indices), find, unique and nnz.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"

namespace lemma::builtins {

using namespace support;

namespace {

// MATLAB's order: real values by value, complex ones by modulus then phase angle; NaN last when
// ascending and first when descending; equal values keep their original order.
template <class T>
struct Order {
    bool descending;

    static std::pair<double, double> key(const T& x) {
        if constexpr (std::is_same_v<T, double>) {
            return {x, 0.0};
        } else {
            return {std::abs(x), std::arg(x)};
        }
    }
    static bool isNaN(const T& x) { return std::isnan(std::abs(x)); }

    bool operator()(const T& a, const T& b) const {
        const bool na = isNaN(a);
        const bool nb = isNaN(b);
        if (na || nb)
            return descending ? (na && !nb) : (!na && nb);
        return descending ? key(a) > key(b) : key(a) < key(b);
    }
};

template <class T>
std::vector<Value> sortMatrix(const arma::Mat<T>& m, int dim, bool descending, bool logical) {
    arma::Mat<T> sorted(m.n_rows, m.n_cols);
    arma::mat index(m.n_rows, m.n_cols);
    const arma::uword slices = dim == 1 ? m.n_cols : m.n_rows;
    const arma::uword length = dim == 1 ? m.n_rows : m.n_cols;
    // None for an empty matrix: sort(zeros(0, 2^28), 2) has no slice to order, and a 2^28-long
    // order would cost 2 GiB (found by fuzz_Interpreter).
    std::vector<arma::uword> order(slices == 0 ? 0 : length);
    const Order<T> less{descending};
    for (arma::uword s = 0; s < slices; ++s) {
        auto at = [&](arma::uword k) -> const T& { return dim == 1 ? m(k, s) : m(s, k); };
        std::iota(order.begin(), order.end(), arma::uword{0});
        std::stable_sort(order.begin(), order.end(),
                         [&](arma::uword a, arma::uword b) { return less(at(a), at(b)); });
        for (arma::uword k = 0; k < length; ++k) {
            const arma::uword i = dim == 1 ? k : s;
            const arma::uword j = dim == 1 ? s : k;
            sorted(i, j) = at(order[k]);
            index(i, j) = static_cast<double>(order[k] + 1);
        }
    }
    Value values = result(sorted);
    if (logical)
        values = Value::logical(values.real());
    return {values, Value(index)};
}

bool nonzero(double x) {
    return x != 0.0;
}
bool nonzero(cx z) {
    return z != cx(0.0, 0.0);
}

}  // namespace

void registerSorting(Registry& r) {
    r.add("sort", "sort(A), sort(A, dim), sort(A, \"descend\"), [s, i] = sort(A)",
          "Sorts along a dimension (ascending by default), stably; i holds the 1-based original "
          "positions, so s = A(i) for a vector.",
          [](Call& c) {
              c.requireCount(1, 3);
              const Value& a = numeric(c, 0);
              std::size_t next = 1;
              int dim = defaultDim(a.rows(), a.cols());
              if (c.has(1) && !c.arg(1).isString()) {
                  dim = dimArg(c, 1, dim);
                  next = 2;
              } else {
                  dim = dimArg(c, c.count(), dim);  // only the keyword dim= can set it here
              }
              bool descending = false;
              if (c.has(next)) {
                  const std::string& mode = c.string(next);
                  if (mode != "ascend" && mode != "descend")
                      c.fail("mode must be \"ascend\" or \"descend\", got \"" + mode + "\"");
                  descending = mode == "descend";
                  if (c.has(next + 1))
                      c.fail("too many arguments");
              }
              return visit(
                  a, [&](const auto& m) { return sortMatrix(m, dim, descending, a.isBool()); });
          });

    r.add("find", "find(X), find(X, k), [r, c] = find(X), [r, c, v] = find(X)",
          "1-based linear indices of the non-zero entries (a row for a row vector, a column "
          "otherwise); with k only the first k; with two results row and column subscripts.",
          [](Call& c) {
              c.requireCount(1, 2);
              const Value& a = numeric(c, 0);
              long long limit = -1;
              if (c.has(1)) {
                  limit = c.integer(1);
                  if (limit < 0)
                      c.fail("k must be non-negative, got " + std::to_string(limit));
              }
              return visit(a, [&](const auto& m) {
                  using M = std::decay_t<decltype(m)>;
                  std::vector<arma::uword> hits;
                  for (arma::uword i = 0; i < m.n_elem; ++i) {
                      if (limit >= 0 && hits.size() >= static_cast<std::size_t>(limit))
                          break;
                      if (nonzero(m(i)))
                          hits.push_back(i);
                  }
                  const bool row = m.n_rows == 1 && m.n_cols != 1;
                  const arma::uword n = hits.size();
                  auto shaped = [&](auto column) {
                      using V = std::decay_t<decltype(column)>;
                      if (m.n_elem == 0 && m.n_rows == 0 && m.n_cols == 0)
                          return V(0, 0);
                      return row ? V(column.st()) : column;
                  };
                  arma::mat linear(n, 1);
                  arma::mat rows(n, 1);
                  arma::mat cols(n, 1);
                  M values(n, 1);
                  for (arma::uword k = 0; k < n; ++k) {
                      linear(k) = static_cast<double>(hits[k] + 1);
                      rows(k) = static_cast<double>(hits[k] % m.n_rows + 1);
                      cols(k) = static_cast<double>(hits[k] / m.n_rows + 1);
                      values(k) = m(hits[k]);
                  }
                  if (c.nargout() <= 1)
                      return std::vector<Value>{shaped(linear)};
                  std::vector<Value> out{shaped(rows), shaped(cols)};
                  if (c.nargout() >= 3) {
                      Value v = result(shaped(values));
                      if (a.isBool())
                          v = Value::logical(v.real());
                      out.push_back(v);
                  }
                  return out;
              });
          });

    r.add("unique", "unique(x), [u, i, j] = unique(x)",
          "The distinct values of x, sorted (a row for a row vector, a column otherwise); "
          "u = x(i) at first occurrences and x = u(j).",
          [](Call& c) {
              c.requireCount(1, 1);
              const Value& a = numeric(c, 0);
              const arma::mat& m = c.matrix(0);
              std::vector<arma::uword> order(m.n_elem);
              std::iota(order.begin(), order.end(), arma::uword{0});
              const Order<double> less{false};
              std::stable_sort(order.begin(), order.end(),
                               [&](arma::uword x, arma::uword y) { return less(m(x), m(y)); });
              std::vector<double> u;
              std::vector<double> first;
              arma::mat back(m.n_elem, 1);
              for (const arma::uword k : order) {
                  // NaN never equals NaN, so each NaN stays a distinct value, as in MATLAB.
                  if (u.empty() || !(m(k) == u.back())) {
                      u.push_back(m(k));
                      first.push_back(static_cast<double>(k + 1));
                  }
                  back(k) = static_cast<double>(u.size());
              }
              const bool row = m.n_rows == 1 && m.n_cols != 1;
              arma::mat values(u);
              arma::mat firsts(first);
              if (row) {
                  values = values.t();
                  firsts = firsts.t();
                  back = back.t();
              }
              if (m.n_elem == 0)
                  values.set_size(m.n_rows == 1 ? 1 : 0, m.n_rows == 1 ? 0 : 1);
              Value out = a.isBool() ? Value::logical(values) : Value(values);
              return std::vector<Value>{out, firsts, back};
          });

    r.add("nnz", "nnz(X)", "The number of non-zero entries of X.", [](Call& c) {
        c.requireCount(1, 1);
        return std::vector<Value>{visit(numeric(c, 0), [](const auto& m) {
            double n = 0;
            for (arma::uword i = 0; i < m.n_elem; ++i)
                n += nonzero(m(i)) ? 1.0 : 0.0;
            return Value(n);
        })};
    });
}

}  // namespace lemma::builtins
