// One-dimensional interpolation (see Interpolation.h).
//
// Spline and pchip are both piecewise cubic Hermite: they differ only in the slopes at the
// knots. The spline solves a tridiagonal system for slopes that make the second derivative
// continuous (with MATLAB's not-a-knot ends: the third derivative is continuous at the second
// and second-to-last knots); pchip picks slopes that keep the interpolant monotone wherever
// the data are.
#include "engine/math/Interpolation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lemma::math {

bool parseInterpMethod(const std::string& name, InterpMethod& method) {
    if (name == "linear")
        method = InterpMethod::Linear;
    else if (name == "nearest")
        method = InterpMethod::Nearest;
    else if (name == "spline")
        method = InterpMethod::Spline;
    else if (name == "pchip" || name == "cubic")
        method = InterpMethod::Pchip;
    else
        return false;
    return true;
}

arma::mat splineSlopes(const arma::vec& x, const arma::mat& y) {
    const arma::uword n = x.n_elem;
    const arma::vec h = arma::diff(x);
    arma::mat delta(n - 1, y.n_cols);
    for (arma::uword k = 0; k + 1 < n; ++k)
        delta.row(k) = (y.row(k + 1) - y.row(k)) / h(k);
    arma::mat d(n, y.n_cols);
    if (n == 2) {
        d.row(0) = delta.row(0);
        d.row(1) = delta.row(0);
        return d;
    }
    if (n == 3) {
        // Not-a-knot with three points: the parabola through them.
        const arma::rowvec c2 = (delta.row(1) - delta.row(0)) / (x(2) - x(0));
        d.row(0) = delta.row(0) - c2 * h(0);
        d.row(1) = delta.row(0) + c2 * h(0);
        d.row(2) = delta.row(1) + c2 * h(1);
        return d;
    }
    // Tridiagonal system A d = r (sub-, main and super-diagonals).
    arma::vec sub(n, arma::fill::zeros), main(n, arma::fill::zeros), sup(n, arma::fill::zeros);
    arma::mat r(n, y.n_cols, arma::fill::zeros);
    main(0) = h(1);
    sup(0) = h(0) + h(1);
    r.row(0) = ((h(0) + 2.0 * sup(0)) * h(1) * delta.row(0) + h(0) * h(0) * delta.row(1)) / sup(0);
    for (arma::uword k = 1; k + 1 < n; ++k) {
        sub(k) = h(k);
        main(k) = 2.0 * (h(k - 1) + h(k));
        sup(k) = h(k - 1);
        r.row(k) = 3.0 * (h(k) * delta.row(k - 1) + h(k - 1) * delta.row(k));
    }
    const double last = h(n - 3) + h(n - 2);
    sub(n - 1) = last;
    main(n - 1) = h(n - 3);
    r.row(n - 1) = (h(n - 2) * h(n - 2) * delta.row(n - 3) +
                    (2.0 * last + h(n - 2)) * h(n - 3) * delta.row(n - 2)) /
                   last;
    // Thomas algorithm (the system is diagonally dominant inside; pivoting is not needed).
    for (arma::uword k = 1; k < n; ++k) {
        const double m = sub(k) / main(k - 1);
        main(k) -= m * sup(k - 1);
        r.row(k) -= m * r.row(k - 1);
    }
    d.row(n - 1) = r.row(n - 1) / main(n - 1);
    for (arma::uword k = n - 1; k-- > 0;)
        d.row(k) = (r.row(k) - sup(k) * d.row(k + 1)) / main(k);
    return d;
}

namespace {

double sgn(double v) {
    return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0);
}

// MATLAB's end slope for pchip: a three-point estimate, clipped to keep the shape.
double pchipEnd(double h1, double h2, double del1, double del2) {
    double d = ((2.0 * h1 + h2) * del1 - h1 * del2) / (h1 + h2);
    if (sgn(d) != sgn(del1))
        d = 0.0;
    else if (sgn(del1) != sgn(del2) && std::abs(d) > std::abs(3.0 * del1))
        d = 3.0 * del1;
    return d;
}

}  // namespace

arma::mat pchipSlopes(const arma::vec& x, const arma::mat& y) {
    const arma::uword n = x.n_elem;
    const arma::vec h = arma::diff(x);
    arma::mat d(n, y.n_cols, arma::fill::zeros);
    for (arma::uword c = 0; c < y.n_cols; ++c) {
        arma::vec del(n - 1);
        for (arma::uword k = 0; k + 1 < n; ++k)
            del(k) = (y(k + 1, c) - y(k, c)) / h(k);
        if (n == 2) {
            d(0, c) = d(1, c) = del(0);
            continue;
        }
        for (arma::uword k = 1; k + 1 < n; ++k) {
            if (sgn(del(k - 1)) * sgn(del(k)) > 0) {
                const double w1 = 2.0 * h(k) + h(k - 1);
                const double w2 = h(k) + 2.0 * h(k - 1);
                d(k, c) = (w1 + w2) / (w1 / del(k - 1) + w2 / del(k));
            }
        }
        d(0, c) = pchipEnd(h(0), h(1), del(0), del(1));
        d(n - 1, c) = pchipEnd(h(n - 2), h(n - 3), del(n - 2), del(n - 3));
    }
    return d;
}

arma::mat interpolate(const arma::vec& x, const arma::mat& y, const arma::vec& xq,
                      InterpMethod method, bool extrapolate, double extrapValue) {
    const arma::uword n = x.n_elem;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    arma::mat out(xq.n_elem, y.n_cols);
    arma::mat slopes;
    if (method == InterpMethod::Spline)
        slopes = splineSlopes(x, y);
    else if (method == InterpMethod::Pchip)
        slopes = pchipSlopes(x, y);
    const bool cubic = method == InterpMethod::Spline || method == InterpMethod::Pchip;
    for (arma::uword q = 0; q < xq.n_elem; ++q) {
        const double t = xq(q);
        if (std::isnan(t)) {
            out.row(q).fill(nan);
            continue;
        }
        const bool outside = t < x(0) || t > x(n - 1);
        if (outside && !(cubic && extrapolate) &&
            !(extrapolate && method == InterpMethod::Linear) &&
            !(extrapolate && method == InterpMethod::Nearest)) {
            out.row(q).fill(extrapValue);
            continue;
        }
        // The piece k with x(k) ≤ t ≤ x(k + 1), clamped to the end pieces.
        const auto it = std::upper_bound(x.begin(), x.end(), t);
        arma::uword k = it == x.begin() ? 0 : arma::uword(it - x.begin()) - 1;
        k = std::min(k, n - 2);
        const double h = x(k + 1) - x(k);
        const double s = (t - x(k)) / h;
        switch (method) {
            case InterpMethod::Nearest: {
                // Ties go to the right point, as in MATLAB.
                const arma::uword j = (t - x(k) < x(k + 1) - t) ? k : k + 1;
                out.row(q) = y.row(outside ? (t < x(0) ? 0 : n - 1) : j);
                break;
            }
            case InterpMethod::Linear:
                out.row(q) = (1.0 - s) * y.row(k) + s * y.row(k + 1);
                if (s == 0.0)
                    out.row(q) = y.row(k);
                else if (s == 1.0)
                    out.row(q) = y.row(k + 1);
                break;
            default: {
                const double h00 = (1.0 + 2.0 * s) * (1.0 - s) * (1.0 - s);
                const double h10 = s * (1.0 - s) * (1.0 - s);
                const double h01 = s * s * (3.0 - 2.0 * s);
                const double h11 = s * s * (s - 1.0);
                out.row(q) = h00 * y.row(k) + h10 * h * slopes.row(k) + h01 * y.row(k + 1) +
                             h11 * h * slopes.row(k + 1);
                break;
            }
        }
    }
    return out;
}

}  // namespace lemma::math
