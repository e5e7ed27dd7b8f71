// Globally adaptive Gauss–Kronrod quadrature (see Quadrature.h).
//
// Each subinterval is integrated with the 15-point Kronrod rule; the embedded 7-point Gauss
// rule reuses every other node and their difference estimates the error. The subinterval with
// the largest estimate is split in two until the sum of estimates meets the tolerance, which
// concentrates points where the integrand is hard (Piessens et al., QUADPACK, 1983).
#include "engine/math/Quadrature.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <vector>

namespace lemma::math {

namespace {

// Kronrod nodes on [-1, 1] (non-negative half, 0 last) and weights; Gauss weights for the
// nodes of odd index (the 7-point rule).
constexpr double kNodes[8] = {
    0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
    0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
    0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
    0.207784955007898467600689403773245, 0.0};
constexpr double kKronrod[8] = {
    0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
    0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
    0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
    0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
constexpr double kGauss[4] = {
    0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
    0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

struct Piece {
    double a, b, value, error;
    bool operator<(const Piece& other) const { return error < other.error; }
};

}  // namespace

QuadratureResult integrate(const std::function<arma::rowvec(const arma::rowvec&)>& f, double a,
                           double b, double absTol, double relTol, int maxIntervals) {
    QuadratureResult out;
    if (std::isnan(a) || std::isnan(b)) {
        out.value = std::numeric_limits<double>::quiet_NaN();
        out.message = "a limit is NaN";
        return out;
    }
    if (a == b) {
        out.converged = true;
        return out;
    }
    double sign = 1.0;
    if (b < a) {
        std::swap(a, b);
        sign = -1.0;
    }
    // The integrand in t over [ta, tb], with the Jacobian of the map for infinite limits.
    std::function<double(double)> map;
    std::function<double(double)> jacobian;
    double ta = a, tb = b;
    if (std::isinf(a) && std::isinf(b)) {
        map = [](double t) { return t / (1.0 - t * t); };
        jacobian = [](double t) { return (1.0 + t * t) / ((1.0 - t * t) * (1.0 - t * t)); };
        ta = -1.0;
        tb = 1.0;
    } else if (std::isinf(b)) {
        map = [a](double t) { return a + t / (1.0 - t); };
        jacobian = [](double t) { return 1.0 / ((1.0 - t) * (1.0 - t)); };
        ta = 0.0;
        tb = 1.0;
    } else if (std::isinf(a)) {
        map = [b](double t) { return b - t / (1.0 - t); };
        jacobian = [](double t) { return 1.0 / ((1.0 - t) * (1.0 - t)); };
        ta = 0.0;
        tb = 1.0;
    } else {
        // x = (b − a)/4 · t(3 − t²) + (b + a)/2 on t ∈ [−1, 1] (as MATLAB's quadgk): the
        // Jacobian vanishes at both ends, which tames integrable end-point singularities.
        const double half = 0.5 * (b + a), quarter = 0.25 * (b - a);
        map = [half, quarter](double t) { return quarter * t * (3.0 - t * t) + half; };
        jacobian = [quarter](double t) { return 3.0 * quarter * (1.0 - t * t); };
        ta = -1.0;
        tb = 1.0;
    }

    auto rule = [&](double lo, double hi) {
        const double c = 0.5 * (lo + hi);
        const double h = 0.5 * (hi - lo);
        arma::rowvec t(15);
        for (int k = 0; k < 7; ++k) {
            t(k) = c - h * kNodes[k];
            t(14 - k) = c + h * kNodes[k];
        }
        t(7) = c;
        arma::rowvec x = t;
        if (map)
            x.transform([&](double s) { return map(s); });
        arma::rowvec y = f(x);
        if (map) {
            for (arma::uword k = 0; k < 15; ++k)
                y(k) *= jacobian(t(k));
        }
        out.evaluations += 15;
        double kronrod = kKronrod[7] * y(7);
        double gauss = kGauss[3] * y(7);
        for (int k = 0; k < 7; ++k) {
            kronrod += kKronrod[k] * (y(k) + y(14 - k));
            if (k % 2 == 1)
                gauss += kGauss[k / 2] * (y(k) + y(14 - k));
        }
        return Piece{lo, hi, kronrod * h, std::abs((kronrod - gauss) * h)};
    };

    std::priority_queue<Piece> pieces;
    double value = 0.0;
    double error = 0.0;
    const int initial = 10;
    for (int k = 0; k < initial; ++k) {
        const double lo = ta + (tb - ta) * k / initial;
        const double hi = k + 1 == initial ? tb : ta + (tb - ta) * (k + 1) / initial;
        const Piece p = rule(lo, hi);
        value += p.value;
        error += p.error;
        pieces.push(p);
    }
    while (true) {
        if (!std::isfinite(value)) {
            out.message = "the integral is not finite (the integrand is NaN or Inf somewhere)";
            break;
        }
        if (error <= std::max(absTol, relTol * std::abs(value))) {
            out.converged = true;
            break;
        }
        if (int(pieces.size()) >= maxIntervals) {
            out.message = "reached the limit of " + std::to_string(maxIntervals) +
                          " subintervals; the error bound is about " + std::to_string(error) +
                          " (the integral may be singular or badly scaled)";
            break;
        }
        const Piece worst = pieces.top();
        const double mid = 0.5 * (worst.a + worst.b);
        if (!(mid > worst.a && mid < worst.b)) {
            out.message = "a subinterval can no longer be halved (a singularity near x = " +
                          std::to_string(mid) + "?)";
            break;
        }
        pieces.pop();
        const Piece left = rule(worst.a, mid);
        const Piece right = rule(mid, worst.b);
        value += left.value + right.value - worst.value;
        error += left.error + right.error - worst.error;
        pieces.push(left);
        pieces.push(right);
    }
    // Re-add the pieces to remove cancellation drift from the running updates.
    double sum = 0.0;
    double bound = 0.0;
    out.intervals = int(pieces.size());
    while (!pieces.empty()) {
        sum += pieces.top().value;
        bound += pieces.top().error;
        pieces.pop();
    }
    out.value = sign * sum;
    out.errorBound = bound;
    return out;
}

}  // namespace lemma::math
