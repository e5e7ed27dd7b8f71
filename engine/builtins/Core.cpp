// Core builtins: constants and the construction and rearrangement of matrices (zeros, eye,
// linspace, repmat, diag, reshape, cat, tril …).
#include <cmath>
#include <limits>

#include "engine/builtins/Budget.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"

namespace lemma::builtins {

using namespace support;

namespace {

// A constant, or a matrix filled with it: pi, pi(n), pi(m, n), pi([m n]).
void addConstant(Registry& r, const std::string& name, double value, const std::string& help) {
    r.add(name, name + ", " + name + "(n), " + name + "(m, n)", help, [value](Call& c) {
        c.requireCount(0, 2);
        const auto [m, n] = shapeArgs(c, 0);
        return std::vector<Value>{arma::mat(m, n, arma::fill::value(value))};
    });
}

void addFilled(Registry& r, const std::string& name, double value, const std::string& help,
               bool logical = false) {
    r.add(name, name + "(n), " + name + "(m, n), " + name + "([m n])", help,
          [value, logical](Call& c) {
              c.requireCount(0, 2);
              const auto [m, n] = shapeArgs(c, 0);
              arma::mat filled(m, n, arma::fill::value(value));
              return std::vector<Value>{logical ? Value::logical(std::move(filled))
                                                : Value(std::move(filled))};
          });
}

// Concatenation along dim (1 = stack rows, 2 = side by side) of the arguments from `first` on.
// Empty matrices are skipped as in MATLAB; strings join into one string side by side.
Value concatenate(Call& call, int dim, std::size_t first) {
    std::vector<const Value*> parts;
    bool anyString = false;
    bool anyNumeric = false;
    bool anyComplex = false;
    bool allLogical = true;
    for (std::size_t i = first; i < call.count(); ++i) {
        const Value& v = call.arg(i);
        if (v.isString()) {
            anyString = true;
        } else if (v.isNumeric()) {
            anyNumeric = true;
            if (v.isEmpty())
                continue;
            anyComplex = anyComplex || v.isComplex();
            allLogical = allLogical && v.isBool();
        } else {
            call.fail("argument " + std::to_string(i + 1) + " must be a matrix or a string, got " +
                      describe(v));
        }
        parts.push_back(&v);
    }
    if (anyString) {
        if (anyNumeric)
            call.fail("cannot concatenate strings and numbers; use num2str");
        if (dim == 1 && parts.size() > 1)
            call.fail("cannot stack strings; use a list");
        std::string joined;
        for (const Value* p : parts)
            joined += p->string();
        return Value(joined);
    }
    if (parts.empty())
        return Value(arma::mat());
    auto join = [&](auto zero) {
        using M = decltype(zero);
        M out;
        bool firstPart = true;
        for (const Value* p : parts) {
            M next;
            if constexpr (std::is_same_v<M, arma::cx_mat>) {
                next = p->toComplex();
            } else {
                next = p->real();
            }
            if (firstPart) {
                out = std::move(next);
                firstPart = false;
                continue;
            }
            if (dim == 1 && out.n_cols != next.n_cols)
                call.fail("dimension mismatch: " + shape(out) + " above " + shape(next));
            if (dim == 2 && out.n_rows != next.n_rows)
                call.fail("dimension mismatch: " + shape(out) + " beside " + shape(next));
            checkSize(call, static_cast<double>(out.n_rows) + (dim == 1 ? next.n_rows : 0),
                      static_cast<double>(out.n_cols) + (dim == 2 ? next.n_cols : 0));
            if (dim == 1) {
                out = arma::join_cols(out, next);
            } else {
                out = arma::join_rows(out, next);
            }
        }
        return out;
    };
    if (anyComplex)
        return Value(join(arma::cx_mat()));
    arma::mat out = join(arma::mat());
    if (allLogical)
        return Value::logical(std::move(out));
    return Value(std::move(out));
}

// The entries on or below (lower) / on or above (upper) the k-th diagonal.
template <class T>
arma::Mat<T> triangle(const arma::Mat<T>& a, long long k, bool lower) {
    arma::Mat<T> out(a.n_rows, a.n_cols, arma::fill::zeros);
    for (arma::uword j = 0; j < a.n_cols; ++j) {
        for (arma::uword i = 0; i < a.n_rows; ++i) {
            const long long offset = static_cast<long long>(j) - static_cast<long long>(i);
            if (lower ? offset <= k : offset >= k)
                out(i, j) = a(i, j);
        }
    }
    return out;
}

void addTriangle(Registry& r, const std::string& name, bool lower, const std::string& help) {
    r.add(name, name + "(A), " + name + "(A, k)", help, [lower](Call& c) {
        c.requireCount(1, 2);
        const Value& a = numeric(c, 0);
        const long long k = c.has(1) ? c.integer(1) : 0;
        Value out = visit(a, [&](const auto& m) { return result(triangle(m, k, lower)); });
        if (a.isBool())
            out = Value::logical(out.real());
        return std::vector<Value>{out};
    });
}

std::vector<Value> linspace(Call& c, double a, double b, long long n) {
    if (n < 0)
        n = 0;
    checkSize(c, 1.0, static_cast<double>(n));
    arma::rowvec x(static_cast<arma::uword>(n));
    for (long long i = 0; i < n; ++i) {
        x(i) = (i == n - 1) ? b : a + (b - a) * static_cast<double>(i) / static_cast<double>(n - 1);
    }
    return {Value(arma::mat(x))};
}

template <class T>
arma::Mat<T> diagonal(const arma::Mat<T>& v, long long k) {
    const arma::uword n = v.n_elem + static_cast<arma::uword>(std::llabs(k));
    arma::Mat<T> out(n, n, arma::fill::zeros);
    const arma::uword row0 = k < 0 ? static_cast<arma::uword>(-k) : 0;
    const arma::uword col0 = k > 0 ? static_cast<arma::uword>(k) : 0;
    for (arma::uword i = 0; i < v.n_elem; ++i)
        out(row0 + i, col0 + i) = v(i);
    return out;
}

template <class T>
arma::Mat<T> diagonalOf(const arma::Mat<T>& a, long long k) {
    const long long rows = static_cast<long long>(a.n_rows);
    const long long cols = static_cast<long long>(a.n_cols);
    if (k <= -rows || k >= cols)
        return arma::Mat<T>(0, 1);
    return arma::Mat<T>(a.diag(k));
}

}  // namespace

void registerCore(Registry& r) {
    addConstant(r, "pi", arma::datum::pi, "The ratio of a circle's circumference to its diameter.");
    addConstant(r, "e", arma::datum::e, "Euler's number, exp(1).");
    addConstant(r, "Inf", arma::datum::inf, "Positive infinity (also inf).");
    addConstant(r, "inf", arma::datum::inf, "Positive infinity (also Inf).");
    addConstant(r, "NaN", arma::datum::nan, "Not-a-number (also nan).");
    addConstant(r, "nan", arma::datum::nan, "Not-a-number (also NaN).");
    r.add("eps", "eps, eps(x)",
          "Machine epsilon 2^-52; eps(x) is the distance from |x| to the next larger double.",
          [](Call& c) {
              c.requireCount(0, 1);
              if (!c.has(0))
                  return std::vector<Value>{std::numeric_limits<double>::epsilon()};
              arma::mat x = arma::abs(c.matrix(0));
              x.transform([](double v) {
                  if (!std::isfinite(v))
                      return arma::datum::nan;
                  return std::nextafter(v, arma::datum::inf) - v;
              });
              return std::vector<Value>{x};
          });

    addFilled(r, "zeros", 0.0, "A matrix of zeros; zeros(n) is n×n.");
    addFilled(r, "ones", 1.0, "A matrix of ones; ones(n) is n×n.");
    addFilled(r, "true", 1.0, "A logical matrix of true; true(n) is n×n, plain true is 1×1.", true);
    addFilled(r, "false", 0.0, "A logical matrix of false; false(n) is n×n.", true);
    r.add("eye", "eye(n), eye(m, n), eye([m n])",
          "The identity matrix (ones on the diagonal, zeros elsewhere).", [](Call& c) {
              c.requireCount(0, 2);
              const auto [m, n] = shapeArgs(c, 0);
              return std::vector<Value>{arma::mat(arma::eye(m, n))};
          });
    r.add("linspace", "linspace(a, b), linspace(a, b, n)",
          "A row of n evenly spaced points from a to b inclusive (n = 100 by default).",
          [](Call& c) {
              c.requireCount(2, 3);
              return linspace(c, c.scalar(0), c.scalar(1), c.has(2) ? c.integer(2) : 100);
          });
    r.add("logspace", "logspace(a, b), logspace(a, b, n)",
          "A row of n logarithmically spaced points from 10^a to 10^b (n = 50 by default).",
          [](Call& c) {
              c.requireCount(2, 3);
              auto out = linspace(c, c.scalar(0), c.scalar(1), c.has(2) ? c.integer(2) : 50);
              arma::mat x = out[0].real();
              x.transform([](double v) { return std::pow(10.0, v); });
              return std::vector<Value>{x};
          });

    r.add("repmat", "repmat(A, m, n), repmat(A, [m n]), repmat(A, n)",
          "Tiles A m times down and n times across.", [](Call& c) {
              c.requireCount(2, 3);
              const auto [m, n] = budget::tileCounts(c, 1);
              const Value& a = c.arg(0);
              if (a.isString()) {
                  if (m != 1)
                      c.fail("a string can only be repeated along a row (m = 1)");
                  budget::require(c,
                                  static_cast<double>(a.string().size()) * static_cast<double>(n));
                  // Nothing to repeat: no loop over n (up to 9e15) empty appends.
                  if (a.string().empty())
                      return std::vector<Value>{std::string()};
                  std::string s;
                  s.reserve(a.string().size() * n);
                  for (arma::uword i = 0; i < n; ++i) {
                      s += a.string();
                      budget::itemDone(c, i + 1, false);
                  }
                  return std::vector<Value>{s};
              }
              numeric(c, 0);
              budget::require(c, static_cast<double>(a.rows()) * static_cast<double>(m) *
                                     static_cast<double>(a.cols()) * static_cast<double>(n) *
                                     (a.isComplex() ? 16.0 : 8.0));
              if (a.isComplex())
                  return std::vector<Value>{arma::cx_mat(arma::repmat(a.complex(), m, n))};
              return std::vector<Value>{sameKind(a, arma::repmat(a.real(), m, n))};
          });

    r.add("diag", "diag(v), diag(v, k), diag(A), diag(A, k)",
          "A vector v becomes a square matrix with v on its k-th diagonal; a matrix A gives its "
          "k-th diagonal as a column (k = 0 main, > 0 above, < 0 below).",
          [](Call& c) {
              c.requireCount(1, 2);
              const Value& a = numeric(c, 0);
              const long long k = c.has(1) ? c.integer(1) : 0;
              if (a.numel() == 0)
                  return std::vector<Value>{arma::mat()};
              const bool vector = a.rows() == 1 || a.cols() == 1;
              if (vector)
                  checkSize(c, a.numel() + std::llabs(k), a.numel() + std::llabs(k));
              return std::vector<Value>{visit(a, [&](const auto& m) {
                  return result(vector ? diagonal(m, k) : diagonalOf(m, k));
              })};
          });

    r.add("reshape", "reshape(A, m, n), reshape(A, [m n]), reshape(A, [], n)",
          "The entries of A in column-major order, rearranged into m×n; one size may be [] to "
          "infer it.",
          [](Call& c) {
              c.requireCount(2, 3);
              const Value& a = numeric(c, 0);
              double m = -1.0;
              double n = -1.0;
              auto sizeAt = [&](std::size_t i) {
                  if (c.arg(i).isEmpty())
                      return -1.0;
                  const long long v = c.integer(i);
                  if (v < 0)
                      c.fail("sizes must be non-negative, got " + std::to_string(v));
                  return static_cast<double>(v);
              };
              if (c.has(2)) {
                  m = sizeAt(1);
                  n = sizeAt(2);
              } else {
                  const Value& s = numeric(c, 1);
                  if (!s.isReal() || s.numel() != 2)
                      c.fail("argument 2 must be a size [m n], got " + describe(s));
                  m = s.real()(0);
                  n = s.real()(1);
                  if (m < 0 || n < 0 || m != std::floor(m) || n != std::floor(n))
                      c.fail("sizes must be non-negative integers");
              }
              const double count = static_cast<double>(a.numel());
              if (m < 0 && n < 0)
                  c.fail("only one size may be []");
              const std::string from = a.sizeString() + " (" + shortest(count) + " elements)";
              if (m < 0 || n < 0) {
                  const double known = m < 0 ? n : m;
                  if (known == 0 || std::fmod(count, known) != 0)
                      c.fail("cannot reshape " + from + " into " + shortest(known) +
                             (m < 0 ? " columns" : " rows"));
                  (m < 0 ? m : n) = count / known;
              }
              if (m * n != count)
                  c.fail("cannot reshape " + from + " into " + shortest(m) + "×" + shortest(n) +
                         " (" + shortest(m * n) + " elements)");
              const auto rows = static_cast<arma::uword>(m);
              const auto cols = static_cast<arma::uword>(n);
              if (a.isComplex())
                  return std::vector<Value>{arma::cx_mat(arma::reshape(a.complex(), rows, cols))};
              return std::vector<Value>{sameKind(a, arma::reshape(a.real(), rows, cols))};
          });

    r.add("cat", "cat(dim, A, B, …)",
          "Concatenates along dim: 1 stacks vertically, 2 places side by side.", [](Call& c) {
              c.requireCount(1, static_cast<std::size_t>(-1));
              const long long dim = c.integer(0);
              if (dim != 1 && dim != 2)
                  c.fail("dimension must be 1 or 2, got " + std::to_string(dim));
              return std::vector<Value>{concatenate(c, static_cast<int>(dim), 1)};
          });
    r.add("horzcat", "horzcat(A, B, …)",
          "Places matrices side by side ([A, B]); strings join into one string.",
          [](Call& c) { return std::vector<Value>{concatenate(c, 2, 0)}; });
    r.add("vertcat", "vertcat(A, B, …)", "Stacks matrices vertically ([A; B]).",
          [](Call& c) { return std::vector<Value>{concatenate(c, 1, 0)}; });

    addTriangle(r, "tril", true,
                "The lower triangle of A: entries on and below the k-th diagonal (k = 0 main); "
                "the rest are zero. tril(ones(n)) is a causal mask.");
    addTriangle(r, "triu", false,
                "The upper triangle of A: entries on and above the k-th diagonal (k = 0 main); "
                "the rest are zero.");
    r.add("fliplr", "fliplr(A)", "A with its columns in reverse order.", [](Call& c) {
        c.requireCount(1, 1);
        const Value& a = numeric(c, 0);
        if (a.isComplex())
            return std::vector<Value>{arma::cx_mat(arma::fliplr(a.complex()))};
        return std::vector<Value>{sameKind(a, arma::fliplr(a.real()))};
    });
    r.add("flipud", "flipud(A)", "A with its rows in reverse order.", [](Call& c) {
        c.requireCount(1, 1);
        const Value& a = numeric(c, 0);
        if (a.isComplex())
            return std::vector<Value>{arma::cx_mat(arma::flipud(a.complex()))};
        return std::vector<Value>{sameKind(a, arma::flipud(a.real()))};
    });
}

}  // namespace lemma::builtins
