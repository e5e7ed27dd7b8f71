// Brent's root finder and the bracket search in front of it (see Roots.h).
//
// Brent (1973), "Algorithms for Minimization without Derivatives", ch. 4: each step tries
// inverse quadratic interpolation (or the secant), and falls back to bisection whenever the
// interpolated step would not shrink the bracket fast enough, so convergence is guaranteed and
// usually superlinear.
#include "engine/math/Roots.h"

#include <cmath>
#include <limits>

namespace lemma::math {

RootResult brentZero(const std::function<double(double)>& f, double a, double b, double tolX,
                     int maxIterations) {
    RootResult out;
    double fa = f(a);
    double fb = f(b);
    out.evaluations = 2;
    if (fa == 0.0) {
        out.x = a;
        out.fx = fa;
        out.converged = true;
        return out;
    }
    if (fb == 0.0) {
        out.x = b;
        out.fx = fb;
        out.converged = true;
        return out;
    }
    if (!std::isfinite(fa) || !std::isfinite(fb)) {
        out.x = b;
        out.fx = fb;
        out.message = "the function is not finite at an end of the interval";
        return out;
    }
    if ((fa > 0) == (fb > 0)) {
        out.x = std::abs(fa) < std::abs(fb) ? a : b;
        out.fx = std::min(std::abs(fa), std::abs(fb));
        out.message = "the function has the same sign at both ends of the interval";
        return out;
    }
    const double eps = std::numeric_limits<double>::epsilon();
    double c = a, fc = fa, d = b - a, e = d;
    for (int it = 0; it < maxIterations; ++it) {
        if ((fb > 0) == (fc > 0)) {
            c = a;
            fc = fa;
            d = e = b - a;
        }
        if (std::abs(fc) < std::abs(fb)) {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        const double tol = 2.0 * eps * std::abs(b) + 0.5 * tolX;
        const double m = 0.5 * (c - b);
        out.iterations = it;
        if (std::abs(m) <= tol || fb == 0.0) {
            out.x = b;
            out.fx = fb;
            out.converged = true;
            return out;
        }
        if (std::abs(e) < tol || std::abs(fa) <= std::abs(fb)) {
            d = e = m;
        } else {
            double s = fb / fa;
            double p, q;
            if (a == c) {
                p = 2.0 * m * s;
                q = 1.0 - s;
            } else {
                const double qa = fa / fc;
                const double r = fb / fc;
                p = s * (2.0 * m * qa * (qa - r) - (b - a) * (r - 1.0));
                q = (qa - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if (p > 0)
                q = -q;
            else
                p = -p;
            if (2.0 * p < std::min(3.0 * m * q - std::abs(tol * q), std::abs(e * q))) {
                e = d;
                d = p / q;
            } else {
                d = e = m;
            }
        }
        a = b;
        fa = fb;
        b += std::abs(d) > tol ? d : (m > 0 ? tol : -tol);
        fb = f(b);
        ++out.evaluations;
        if (!std::isfinite(fb)) {
            out.x = b;
            out.fx = fb;
            out.message = "the function returned NaN or Inf at x = " + std::to_string(b);
            return out;
        }
    }
    out.x = b;
    out.fx = fb;
    out.message = "no convergence after " + std::to_string(maxIterations) + " iterations";
    return out;
}

RootResult findZero(const std::function<double(double)>& f, double x0, double tolX,
                    int maxIterations) {
    const double f0 = f(x0);
    if (f0 == 0.0) {
        RootResult out;
        out.x = x0;
        out.converged = true;
        out.evaluations = 1;
        return out;
    }
    if (!std::isfinite(f0)) {
        RootResult out;
        out.x = x0;
        out.fx = f0;
        out.evaluations = 1;
        out.message = "the function is not finite at the starting point";
        return out;
    }
    double dx = x0 == 0.0 ? 1.0 / 50.0 : std::abs(x0) / 50.0;
    int evaluations = 1;
    const double growth = std::sqrt(2.0);
    for (int k = 0; k < 2000; ++k) {
        dx *= growth;
        const double a = x0 - dx;
        const double b = x0 + dx;
        const double fa = f(a);
        const double fb = f(b);
        evaluations += 2;
        if (!std::isfinite(fa) || !std::isfinite(fb))
            break;
        if ((fa > 0) != (f0 > 0) || fa == 0.0) {
            RootResult out = brentZero(f, a, x0, tolX, maxIterations);
            out.evaluations += evaluations;
            return out;
        }
        if ((fb > 0) != (f0 > 0) || fb == 0.0) {
            RootResult out = brentZero(f, x0, b, tolX, maxIterations);
            out.evaluations += evaluations;
            return out;
        }
        if (!std::isfinite(dx))
            break;
    }
    RootResult out;
    out.x = x0;
    out.fx = f0;
    out.evaluations = evaluations;
    out.message = "no sign change found searching outward from x0 = " + std::to_string(x0);
    return out;
}

}  // namespace lemma::math
