// Central finite differences and the gradient check (see GradCheck.h).
#include "engine/math/GradCheck.h"

#include <cmath>
#include <limits>

#include "engine/core/Error.h"
#include "engine/math/Format.h"

namespace lemma::math {

double differenceStep(double x) {
    static const double kCbrtEps = std::cbrt(std::numeric_limits<double>::epsilon());
    return kCbrtEps * std::max(1.0, std::abs(x));
}

arma::mat numericGradient(const ScalarFunction& f, const arma::mat& x) {
    arma::mat g(arma::size(x));
    arma::mat probe = x;
    for (arma::uword i = 0; i < x.n_elem; ++i) {
        const double h = differenceStep(x(i));
        probe(i) = x(i) + h;
        const double up = f(probe);
        probe(i) = x(i) - h;
        const double down = f(probe);
        probe(i) = x(i);
        g(i) = (up - down) / (2.0 * h);
    }
    return g;
}

arma::mat numericJacobian(const VectorFunction& f, const arma::vec& x) {
    arma::mat J;
    arma::vec probe = x;
    for (arma::uword j = 0; j < x.n_elem; ++j) {
        const double h = differenceStep(x(j));
        probe(j) = x(j) + h;
        const arma::vec up = f(probe);
        probe(j) = x(j) - h;
        const arma::vec down = f(probe);
        probe(j) = x(j);
        if (J.is_empty())
            J.set_size(up.n_elem, x.n_elem);
        J.col(j) = (up - down) / (2.0 * h);
    }
    return J;
}

double numericSecondDerivative(const std::function<double(double)>& f, double x, double scale) {
    static const double kStep = std::pow(std::numeric_limits<double>::epsilon(), 0.25);
    const double h = kStep * std::max(scale, std::abs(x));
    return (f(x + h) - 2.0 * f(x) + f(x - h)) / (h * h);
}

GradCheckResult gradcheck(const ScalarFunction& f, const arma::mat& x, const arma::mat& analytic,
                          double tol, const std::string& who) {
    if (x.is_empty())
        throw Error(who + ": x is empty");
    if (!x.is_finite())
        throw Error(who + ": x contains NaN or Inf");
    if (analytic.n_elem != x.n_elem)
        throw Error(who + ": the analytic gradient is " + shapeOf(analytic) + " but x is " +
                    shapeOf(x) + " (they must have as many entries)");
    if (!(tol > 0.0))
        throw Error(who + ": tol must be positive, got " + formatNumber(tol));
    GradCheckResult r;
    r.numeric = numericGradient(f, x);
    r.analytic = arma::reshape(analytic, x.n_rows, x.n_cols);
    const double floor = 1e-4 * std::max(1.0, arma::abs(r.analytic).max());
    r.rel_error = arma::abs(r.analytic - r.numeric) /
                  arma::max(arma::max(arma::abs(r.analytic), arma::abs(r.numeric)),
                            arma::mat(arma::size(x), arma::fill::value(floor)));
    r.rel_error.replace(arma::datum::nan, arma::datum::inf);
    r.max_rel_error = r.rel_error.max();
    r.pass = r.max_rel_error <= tol;
    return r;
}

}  // namespace lemma::math
