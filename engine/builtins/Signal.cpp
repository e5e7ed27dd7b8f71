// Signal processing with MATLAB's names: conv (polynomial multiplication), filter (a rational
// transfer function in direct form II transposed), and the discrete Fourier transform fft and
// its inverse ifft along a dimension.
#include <complex>

#include "engine/builtins/Callbacks.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"

namespace lemma::builtins {

using namespace support;

namespace {

// Polls Stop once per kPollWork multiply-adds of the quadratic loops below (conv of two
// 10^6-long vectors is 10^12 of them).
constexpr arma::uword kPollWork = arma::uword(1) << 22;

arma::cx_vec convolve(const arma::cx_vec& u, const arma::cx_vec& v, Context& context) {
    if (u.is_empty() || v.is_empty())
        return arma::cx_vec();
    arma::cx_vec out(u.n_elem + v.n_elem - 1, arma::fill::zeros);
    arma::uword work = 0;
    for (arma::uword i = 0; i < u.n_elem; ++i) {
        for (arma::uword j = 0; j < v.n_elem; ++j)
            out(i + j) += u(i) * v(j);
        work += v.n_elem;
        if (work >= kPollWork) {
            work = 0;
            context.checkCancelled();
        }
    }
    return out;
}

arma::cx_vec filterSlice(const arma::cx_vec& b, const arma::cx_vec& a, const arma::cx_vec& x,
                         Context& context) {
    const arma::uword n = std::max(a.n_elem, b.n_elem);
    arma::cx_vec bb(n, arma::fill::zeros), aa(n, arma::fill::zeros);
    bb.head(b.n_elem) = b / a(0);
    aa.head(a.n_elem) = a / a(0);
    arma::cx_vec z(n, arma::fill::zeros);  // state, z(n − 1) stays 0
    arma::cx_vec y(x.n_elem);
    arma::uword work = 0;
    for (arma::uword k = 0; k < x.n_elem; ++k) {
        work += n;
        if (work >= kPollWork) {
            work = 0;
            context.checkCancelled();
        }
        const support::cx out = bb(0) * x(k) + z(0);
        for (arma::uword i = 1; i < n; ++i)
            z(i - 1) = bb(i) * x(k) + (i < n - 1 ? z(i) : support::cx(0)) - aa(i) * out;
        y(k) = out;
    }
    return y;
}

// fft/ifft: along the first non-singleton dimension or dim, padded or truncated to n.
std::vector<Value> fourier(Call& c, bool inverse) {
    c.requireCount(1, 3);
    const Value& a = numeric(c, 0);
    arma::cx_mat m = a.toComplex();
    const int dim = dimArg(c, 2, defaultDim(m.n_rows, m.n_cols));
    if (dim == 2)
        m = arma::cx_mat(m.st());
    arma::uword n = m.n_rows;
    if (c.has(1) && !c.arg(1).isEmpty()) {
        const long long k = c.integer(1);
        if (k < 1)
            c.fail("the transform length must be a positive integer, got " + std::to_string(k));
        n = arma::uword(k);
    }
    arma::cx_mat out;
    if (m.is_empty()) {
        out = arma::cx_mat(c.has(1) ? n : m.n_rows, m.n_cols, arma::fill::zeros);
        if (m.n_rows == 0 && !c.has(1))
            out.set_size(m.n_rows, m.n_cols);
    } else {
        out = inverse ? arma::cx_mat(arma::ifft(m, n)) : arma::cx_mat(arma::fft(m, n));
    }
    if (dim == 2)
        out = arma::cx_mat(out.st());
    return {Value(out)};
}

}  // namespace

void registerSignal(Registry& r) {
    r.add(
        "conv", "conv(u, v), conv(u, v, \"full\" | \"same\" | \"valid\")",
        "The convolution of two vectors, which multiplies polynomials given by their "
        "coefficients. \"same\" keeps the central part as long as u, \"valid\" only the part "
        "computed without zero padding. The result is a column when u is a column (or a scalar "
        "and v a column), a row otherwise.",
        [](Call& c) {
            c.requireCount(2, 3);
            const Value& ua = numeric(c, 0);
            const Value& va = numeric(c, 1);
            if (!(ua.rows() <= 1 || ua.cols() <= 1) || !(va.rows() <= 1 || va.cols() <= 1))
                c.fail("u and v must be vectors, got " + ua.sizeString() + " and " +
                       va.sizeString());
            const arma::cx_vec u = arma::vectorise(ua.toComplex());
            const arma::cx_vec v = arma::vectorise(va.toComplex());
            arma::cx_vec full = convolve(u, v, c.context());
            const std::string shapeName = c.has(2) ? callbacks::lower(c.string(2)) : "full";
            arma::cx_vec out;
            if (shapeName == "full") {
                out = full;
            } else if (shapeName == "same") {
                const arma::uword start = v.n_elem / 2;
                out = u.is_empty() ? arma::cx_vec()
                                   : arma::cx_vec(full.subvec(start, start + u.n_elem - 1));
                if (v.is_empty())
                    out = arma::cx_vec(u.n_elem, arma::fill::zeros);
            } else if (shapeName == "valid") {
                if (u.n_elem >= v.n_elem && !v.is_empty())
                    out = full.subvec(v.n_elem - 1, u.n_elem - 1);
                else
                    out = arma::cx_vec();
            } else {
                c.fail("shape must be \"full\", \"same\" or \"valid\", got \"" + shapeName + "\"");
            }
            const bool column = (ua.cols() == 1 && ua.rows() > 1) ||
                                (ua.numel() == 1 && va.cols() == 1 && va.rows() > 1);
            arma::cx_mat m = column ? arma::cx_mat(out) : arma::cx_mat(out.st());
            if (out.is_empty())
                m = column ? arma::cx_mat(0, 1) : arma::cx_mat(1, 0);
            return std::vector<Value>{result(m)};
        });
    r.add("filter", "filter(b, a, x), filter(b, a, X, [], dim)",
          "Filters x through the rational transfer function B(z)/A(z) with coefficient "
          "vectors b and a (a(1) ≠ 0), as the difference equation a(1)y(n) = b(1)x(n) + … + "
          "b(nb)x(n−nb+1) − a(2)y(n−1) − …, starting from rest; along the first non-singleton "
          "dimension or dim. filter(b, 1, x) is a moving (FIR) filter.",
          [](Call& c) {
              c.requireCount(3, 5);
              const arma::cx_vec b = arma::vectorise(numeric(c, 0).toComplex());
              const arma::cx_vec a = arma::vectorise(numeric(c, 1).toComplex());
              if (a.is_empty() || a(0) == support::cx(0))
                  c.fail("a(1) must be non-zero");
              if (b.is_empty())
                  c.fail("b must not be empty");
              if (c.has(3) && !c.arg(3).isEmpty())
                  c.fail("initial conditions are not supported; pass [] as argument 4");
              const Value& xa = numeric(c, 2);
              const arma::cx_mat x = xa.toComplex();
              const int dim = dimArg(c, 4, defaultDim(x.n_rows, x.n_cols));
              const arma::cx_mat y = mapSlices(
                  x, dim, [&](const arma::cx_vec& v) { return filterSlice(b, a, v, c.context()); });
              return std::vector<Value>{result(y)};
          });
    r.add("fft", "fft(x), fft(x, n), fft(X, n, dim)",
          "The discrete Fourier transform X(k) = Σ x(j) e^(−2πi(j−1)(k−1)/n) along the first "
          "non-singleton dimension or dim, zero-padded or truncated to n points.",
          [](Call& c) { return fourier(c, false); });
    r.add("ifft", "ifft(X), ifft(X, n), ifft(X, n, dim)",
          "The inverse discrete Fourier transform, (1/n) Σ X(k) e^(2πi(j−1)(k−1)/n); real "
          "when every imaginary part comes out exactly zero.",
          [](Call& c) { return fourier(c, true); });
}

}  // namespace lemma::builtins
