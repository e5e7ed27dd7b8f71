// Roots of a scalar function of one variable: Brent's method on a sign-changing bracket, and the
// search for such a bracket outward from a single starting point (as MATLAB's fzero does).
#pragma once

#include <functional>
#include <string>

namespace lemma::math {

struct RootResult {
    double x = 0.0;       // the root (or the best point found)
    double fx = 0.0;      // f(x)
    int iterations = 0;   // Brent steps
    int evaluations = 0;  // calls of f, bracket search included
    bool converged = false;
    std::string message;  // why it stopped when it did not converge
};

// Brent's method (inverse quadratic interpolation, secant and bisection) on [a, b], where
// f(a) and f(b) differ in sign or one is zero. Stops when the bracket is narrower than
// 2·(4·eps·|x| + tolX / 2) or f(x) = 0. f(a)·f(b) > 0 gives converged = false and a message.
RootResult brentZero(const std::function<double(double)>& f, double a, double b,
                     double tolX = 2.220446049250313e-16, int maxIterations = 500);

// From a single start x0: widens an interval around x0 (steps of x0/50, or 1/50 at 0, growing
// by √2) until f changes sign, then runs brentZero on it. converged = false with a message
// when no sign change turns up (f non-finite, or the search runs out).
RootResult findZero(const std::function<double(double)>& f, double x0,
                    double tolX = 2.220446049250313e-16, int maxIterations = 500);

}  // namespace lemma::math
