// Helpers shared by the builtin families: argument shapes, dimensions, numeric dispatch and
// broadcasting, so that every family checks its arguments and words its errors the same way.
#pragma once

#include <armadillo>
#include <complex>
#include <string>
#include <utility>

#include "engine/lang/Builtin.h"

namespace lemma::builtins::support {

using cx = std::complex<double>;

// "a 2×3 double", "a string": what an argument is, for error messages.
std::string describe(const Value& v);

template <class T>
std::string shape(const arma::Mat<T>& m) {
    return lang::shapeString(m.n_rows, m.n_cols);
}

// Positional argument i, required to be numeric (real, logical or complex).
const Value& numeric(const Call& call, std::size_t i);

// Calls f with the real or the complex matrix of a numeric value (both calls must return the
// same type).
template <class F>
auto visit(const Value& v, F&& f) {
    if (v.isComplex())
        return f(v.complex());
    return f(v.real());
}

// A complex result: real when every imaginary part is zero, as in Octave.
inline Value result(const arma::cx_mat& m) {
    return Value::narrowed(m);
}
inline Value result(const arma::mat& m) {
    return Value(m);
}

// m with the logical flag of `like` (reshape, transpose, repmat keep logical values logical).
Value sameKind(const Value& like, arma::mat m);

// MATLAB's default dimension: the first one whose size is not 1 (1 = down columns, 2 = along
// rows).
int defaultDim(arma::uword rows, arma::uword cols);

// The dimension argument at position i (an empty [] or a missing argument means "default"),
// or the keyword dim=; must be 1 or 2.
int dimArg(Call& call, std::size_t i, int fallback);

// A matrix shape from the arguments starting at `first`: (n) → n×n, (m, n), or ([m n]).
// With no argument there, 1×1. Negative sizes count as 0, as in MATLAB.
std::pair<arma::uword, arma::uword> shapeArgs(Call& call, std::size_t first);

// Refuses a dimension beyond lang::kMaxDimension ("<name>: a 0×1099511627776 result is too
// large …"), then a result the cell's memory budget cannot hold ("zeros(1e6, 1e6): 7.3 TiB
// requested, budget 12 GiB").
void checkSize(const Call& call, double rows, double cols);

// Requires a square matrix: "<name>: matrix must be square, got 2×3".
template <class T>
void requireSquare(const Call& call, const arma::Mat<T>& m) {
    if (!m.is_square())
        call.fail("matrix must be square, got " + shape(m));
}

// Requires finite entries: "<name>: matrix contains NaN or Inf".
template <class T>
void requireFinite(const Call& call, const arma::Mat<T>& m) {
    if (!m.is_finite())
        call.fail("matrix contains NaN or Inf");
}

// Element-wise f(a, b) with scalar expansion and row/column broadcasting (each dimension equal
// or 1). Mismatch: "<name>: dimension mismatch: 2×3 and 3×2".
template <class T, class U, class F>
auto broadcast(const Call& call, const arma::Mat<T>& a, const arma::Mat<U>& b, F f)
    -> arma::Mat<decltype(f(T(), U()))> {
    using R = decltype(f(T(), U()));
    auto fits = [](arma::uword x, arma::uword y) { return x == y || x == 1 || y == 1; };
    if (!fits(a.n_rows, b.n_rows) || !fits(a.n_cols, b.n_cols))
        call.fail("dimension mismatch: " + shape(a) + " and " + shape(b));
    const arma::uword rows = (a.n_rows == 1) ? b.n_rows : a.n_rows;
    const arma::uword cols = (a.n_cols == 1) ? b.n_cols : a.n_cols;
    arma::Mat<R> out(rows, cols);
    for (arma::uword j = 0; j < cols; ++j) {
        const arma::uword ja = a.n_cols == 1 ? 0 : j;
        const arma::uword jb = b.n_cols == 1 ? 0 : j;
        for (arma::uword i = 0; i < rows; ++i) {
            out(i, j) = f(a(a.n_rows == 1 ? 0 : i, ja), b(b.n_rows == 1 ? 0 : i, jb));
        }
    }
    return out;
}

// f applied to every column (dim 1) or every row (dim 2) of m as a column vector; the results
// form a row (dim 1) or a column (dim 2). f: const arma::Col<T>& -> R.
template <class T, class F>
auto reduceSlices(const arma::Mat<T>& m, int dim, F f) -> arma::Mat<decltype(f(arma::Col<T>()))> {
    using R = decltype(f(arma::Col<T>()));
    if (dim == 1) {
        arma::Mat<R> out(1, m.n_cols);
        for (arma::uword j = 0; j < m.n_cols; ++j)
            out(0, j) = f(arma::Col<T>(m.col(j)));
        return out;
    }
    arma::Mat<R> out(m.n_rows, 1);
    for (arma::uword i = 0; i < m.n_rows; ++i)
        out(i, 0) = f(arma::Col<T>(m.row(i).st()));
    return out;
}

// Replaces every column (dim 1) or row (dim 2) of m by f of it, where f maps a column vector
// to a column vector of the same length.
template <class T, class F>
arma::Mat<T> mapSlices(const arma::Mat<T>& m, int dim, F f) {
    arma::Mat<T> out(m.n_rows, m.n_cols);
    if (m.is_empty())
        return out;  // 0×2^28 has 2^28 empty slices: nothing to map, nothing to walk
    if (dim == 1) {
        for (arma::uword j = 0; j < m.n_cols; ++j)
            out.col(j) = f(arma::Col<T>(m.col(j)));
    } else {
        for (arma::uword i = 0; i < m.n_rows; ++i)
            out.row(i) = arma::Col<T>(f(arma::Col<T>(m.row(i).st()))).st();
    }
    return out;
}

// True when the matrix is Hermitian (symmetric when real) to a relative tolerance.
template <class T>
bool isHermitian(const arma::Mat<T>& m, double relTol = 1e-10) {
    if (!m.is_square())
        return false;
    const double scale = m.is_empty() ? 0.0 : arma::abs(m).max();
    const arma::Mat<T> d = m - m.t();
    const double diff = d.is_empty() ? 0.0 : arma::abs(d).max();
    return diff <= relTol * scale;
}

// Formats an integer-valued or general double the shortest way that reads back exactly.
std::string shortest(double x);

}  // namespace lemma::builtins::support
