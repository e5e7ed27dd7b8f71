// Numerical analysis of functions and tabulated data: fzero, fminsearch, integral, interp1,
// trapz and cumtrapz. The algorithms live in engine/math (Roots, NelderMead, Quadrature,
// Interpolation); this file adapts them to MATLAB's calling conventions and says when a
// method did not converge.
#include <cmath>
#include <limits>

#include "engine/lang/Builtin.h"
#include "engine/builtins/Callbacks.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/math/Interpolation.h"
#include "engine/math/NelderMead.h"
#include "engine/math/Quadrature.h"
#include "engine/math/Roots.h"

namespace lemma::builtins {

using namespace support;
using namespace callbacks;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Value outputStruct(int iterations, int evaluations, const std::string& algorithm,
                   const std::string& message) {
    lang::StructData s;
    s.set("iterations", Value(double(iterations)));
    s.set("funcCount", Value(double(evaluations)));
    s.set("algorithm", Value(algorithm));
    s.set("message", Value(message));
    return Value(std::move(s));
}

std::vector<Value> fzero(Call& c) {
    c.requireCount(2, static_cast<std::size_t>(-1));
    const Value f = functionArg(c, 0);
    const arma::mat x0 = c.matrix(1);
    const Options options(c, 2, {"TolX", "Display"});
    const double tolX = options.scalar("TolX", std::numeric_limits<double>::epsilon());
    auto fn = [&](double x) { return scalarCall(c, f, x); };
    math::RootResult r;
    if (x0.n_elem == 2) {
        const double a = x0(0), b = x0(1);
        if (!std::isfinite(a) || !std::isfinite(b))
            c.fail("the interval [a b] must be finite");
        const double fa = fn(a), fb = fn(b);
        if (std::isfinite(fa) && std::isfinite(fb) && fa != 0 && fb != 0 && (fa > 0) == (fb > 0))
            c.fail("the function values at the interval endpoints must differ in sign (f(" +
                   shortest(a) + ") = " + shortest(fa) + ", f(" + shortest(b) +
                   ") = " + shortest(fb) + ")");
        r = math::brentZero(fn, a, b, tolX);
    } else if (x0.n_elem == 1) {
        if (!std::isfinite(x0(0)))
            c.fail("the starting point must be finite, got " + shortest(x0(0)));
        r = math::findZero(fn, x0(0), tolX);
    } else {
        c.fail("argument 2 must be a starting point or an interval [a b], got " +
               describe(c.arg(1)));
    }
    if (!r.converged)
        c.fail(r.message);
    return {Value(r.x), Value(r.fx), Value(1.0),
            outputStruct(r.iterations, r.evaluations,
                         "Brent's method (bisection, secant, "
                         "inverse quadratic interpolation)",
                         "Zero found in the interval.")};
}

std::vector<Value> fminsearch(Call& c) {
    c.requireCount(2, static_cast<std::size_t>(-1));
    const Value f = functionArg(c, 0);
    const arma::mat x0 = c.matrix(1);
    if (x0.is_empty())
        c.fail("the starting point is empty");
    const Options options(c, 2, {"TolX", "TolFun", "MaxIter", "MaxFunEvals", "Display"});
    math::NelderMeadOptions o;
    o.tolX = options.scalar("TolX", 1e-4);
    o.tolFun = options.scalar("TolFun", 1e-4);
    o.maxIterations = int(options.scalar("MaxIter", 0));
    o.maxEvaluations = int(options.scalar("MaxFunEvals", 0));
    const arma::uword rows = x0.n_rows, cols = x0.n_cols;
    const math::NelderMeadResult r =
        math::nelderMead([&](const arma::vec& x) { return scalarCall(c, f, x, rows, cols); },
                         arma::vectorise(x0), o);
    if (!r.converged)
        warn(c, r.message +
                    "; the result is the best point found (raise MaxIter or "
                    "MaxFunEvals, or loosen TolX and TolFun)");
    return {Value(arma::mat(arma::reshape(r.x, rows, cols))), Value(r.fval),
            Value(r.converged ? 1.0 : 0.0),
            outputStruct(r.iterations, r.evaluations, "Nelder-Mead simplex direct search",
                         r.converged ? "Converged to TolX and TolFun." : r.message)};
}

std::vector<Value> integral(Call& c) {
    c.requireCount(3, static_cast<std::size_t>(-1));
    const Value f = functionArg(c, 0);
    const double a = c.scalar(1);
    const double b = c.scalar(2);
    const Options options(c, 3, {"AbsTol", "RelTol"});
    const double absTol = options.scalar("AbsTol", 1e-10);
    const double relTol = options.scalar("RelTol", 1e-6);
    const math::QuadratureResult r = math::integrate(
        [&](const arma::rowvec& x) { return rowCall(c, f, x); }, a, b, absTol, relTol);
    if (!r.converged)
        warn(c, r.message);
    return {Value(r.value), Value(r.errorBound)};
}

// interp1(x, y, xq), interp1(x, y, xq, method), interp1(x, y, xq, method, "extrap" | value),
// interp1(y, xq, …).
std::vector<Value> interp1(Call& c) {
    c.requireCount(2, 5);
    std::size_t next = 0;
    arma::mat x, y, xq;
    if (c.count() == 2 || c.arg(2).isString()) {
        y = c.matrix(0);
        xq = c.matrix(1);
        next = 2;
    } else {
        x = c.matrix(0);
        y = c.matrix(1);
        xq = c.matrix(2);
        next = 3;
    }
    const bool yVector = y.n_rows == 1 || y.n_cols == 1;
    if (yVector)
        y = arma::vectorise(y);
    const arma::uword n = y.n_rows;
    if (x.is_empty() && next == 2)
        x = arma::regspace(1.0, double(n));
    if (!x.is_vec() || x.n_elem != n)
        c.fail("x must be a vector with one entry per row of y (" + std::to_string(n) + "), got " +
               shape(x));
    arma::vec xs = arma::vectorise(x);
    if (n < 2)
        c.fail("at least 2 data points are needed, got " + std::to_string(n));
    if (!xs.is_finite())
        c.fail("x contains NaN or Inf");
    const arma::uvec order = arma::stable_sort_index(xs);
    xs = xs(order);
    y = arma::mat(y.rows(order));
    for (arma::uword k = 1; k < n; ++k) {
        if (xs(k) == xs(k - 1))
            c.fail("the sample points x must be distinct, " + shortest(xs(k)) + " appears twice");
    }
    math::InterpMethod method = math::InterpMethod::Linear;
    if (c.has(next)) {
        const std::string name = lower(c.string(next));
        if (!math::parseInterpMethod(name, method))
            c.fail("unknown method '" + name + "' (use linear, nearest, spline or pchip)");
    }
    const bool cubic = method == math::InterpMethod::Spline || method == math::InterpMethod::Pchip;
    bool extrapolate = cubic;
    double extrapValue = kNaN;
    if (c.has(next + 1)) {
        const Value& e = c.arg(next + 1);
        if (e.isString()) {
            if (lower(e.string()) != "extrap")
                c.fail("argument " + std::to_string(next + 2) +
                       " must be \"extrap\" or a value for points outside, got \"" + e.string() +
                       "\"");
            extrapolate = true;
        } else {
            extrapValue = c.scalar(next + 1);
            extrapolate = false;
        }
    }
    const arma::mat values =
        math::interpolate(xs, y, arma::vectorise(xq), method, extrapolate, extrapValue);
    if (yVector)
        return {Value(arma::mat(arma::reshape(values, xq.n_rows, xq.n_cols)))};
    return {Value(values)};
}

// The spacing argument of trapz/cumtrapz: x (a vector as long as the dimension, or a scalar
// spacing), y and the dimension.
struct TrapzArgs {
    arma::mat y;
    arma::vec x;  // empty: unit spacing
    double spacing = 1.0;
    int dim = 1;
};

TrapzArgs trapzArgs(Call& c) {
    c.requireCount(1, 3);
    TrapzArgs t;
    if (c.count() == 1) {
        t.y = c.matrix(0);
        t.dim = defaultDim(t.y.n_rows, t.y.n_cols);
        return t;
    }
    if (c.count() == 2 && c.arg(1).isScalar() && !c.arg(0).isScalar()) {
        t.y = c.matrix(0);
        t.dim = dimArg(c, 1, 1);
        return t;
    }
    const arma::mat x = c.matrix(0);
    t.y = c.matrix(1);
    t.dim = dimArg(c, 2, defaultDim(t.y.n_rows, t.y.n_cols));
    const arma::uword len = t.dim == 1 ? t.y.n_rows : t.y.n_cols;
    if (x.n_elem == 1) {
        t.spacing = x(0);
    } else if (x.is_vec() && x.n_elem == len) {
        t.x = arma::vectorise(x);
    } else {
        c.fail("x must be a scalar spacing or a vector of " + std::to_string(len) +
               " points, got " + shape(x));
    }
    return t;
}

arma::vec cumulativeTrapz(const TrapzArgs& t, const arma::vec& v) {
    arma::vec out(v.n_elem, arma::fill::zeros);
    for (arma::uword k = 1; k < v.n_elem; ++k) {
        const double h = t.x.is_empty() ? t.spacing : t.x(k) - t.x(k - 1);
        out(k) = out(k - 1) + 0.5 * h * (v(k) + v(k - 1));
    }
    return out;
}

}  // namespace

void registerNumerics(Registry& r) {
    r.add("fzero", "fzero(f, x0), fzero(f, [a b]), [x, fval, exitflag, output] = fzero(…)",
          "A zero of a function of one variable by Brent's method (bisection with secant and "
          "inverse quadratic steps). With an interval [a b], f(a) and f(b) must differ in "
          "sign; with one starting point, fzero first widens an interval around it until f "
          "changes sign. Options: \"TolX\" (default eps), as name-value pairs, a struct or "
          "keywords. Fails with an error saying why when no zero can be bracketed.",
          fzero);
    r.add("fminsearch",
          "fminsearch(f, x0), fminsearch(f, x0, \"TolX\", t, \"TolFun\", t, \"MaxIter\", n), "
          "[x, fval, exitflag, output] = fminsearch(…)",
          "A local minimum of f near x0 by the Nelder–Mead simplex method, without derivatives, "
          "with MATLAB's defaults: TolX = TolFun = 1e-4, MaxIter = MaxFunEvals = 200·numel(x0). "
          "f receives x shaped like x0 and must return a real scalar. When the limits stop it "
          "first it warns and returns the best point found (exitflag 0).",
          fminsearch);
    r.add("integral",
          "integral(f, a, b), integral(f, a, b, \"AbsTol\", t, \"RelTol\", t), "
          "[q, errbnd] = integral(…)",
          "The definite integral of f from a to b by globally adaptive Gauss–Kronrod quadrature "
          "(G7/K15), to max(AbsTol = 1e-10, RelTol = 1e-6 · |q|). f is called on rows of "
          "points, so write it element-wise (@(x) x.^2, not x^2). Infinite limits are mapped "
          "onto finite ones. Warns when the error bound is not met.",
          integral);
    r.add("interp1",
          "interp1(x, y, xq), interp1(x, y, xq, method), interp1(x, y, xq, method, "
          "\"extrap\" | v), interp1(y, xq)",
          "One-dimensional interpolation of the points (x, y) at xq. method: \"linear\" "
          "(default), \"nearest\", \"spline\" (cubic, not-a-knot ends) or \"pchip\" "
          "(shape-preserving cubic). Outside [min(x), max(x)], linear and nearest give NaN, "
          "spline and pchip extrapolate (MATLAB's defaults); \"extrap\" or a value overrides. "
          "A matrix y interpolates each column.",
          interp1);
    r.add("trapz", "trapz(y), trapz(x, y), trapz(y, dim), trapz(x, y, dim)",
          "The integral of sampled values by the trapezoidal rule, along the first "
          "non-singleton dimension or dim; x is the sample points or a scalar spacing "
          "(default 1).",
          [](Call& c) {
              const TrapzArgs t = trapzArgs(c);
              const arma::mat out = reduceSlices(t.y, t.dim, [&](const arma::vec& v) {
                  const arma::vec s = cumulativeTrapz(t, v);
                  return s.is_empty() ? 0.0 : s(s.n_elem - 1);
              });
              return std::vector<Value>{Value(out)};
          });
    r.add("cumtrapz", "cumtrapz(y), cumtrapz(x, y), cumtrapz(y, dim), cumtrapz(x, y, dim)",
          "The running trapezoidal integral of sampled values (starting at 0), along the first "
          "non-singleton dimension or dim.",
          [](Call& c) {
              const TrapzArgs t = trapzArgs(c);
              return std::vector<Value>{Value(mapSlices(
                  t.y, t.dim, [&](const arma::vec& v) { return cumulativeTrapz(t, v); }))};
          });
}

}  // namespace lemma::builtins
