// Central finite differences and the gradient check: an analytic gradient against numeric
// differences, coordinate by coordinate (MATH.md §3: every analytic gradient is checked).
#pragma once

#include <armadillo>
#include <functional>
#include <string>

namespace lemma::math {

using ScalarFunction = std::function<double(const arma::mat&)>;
using VectorFunction = std::function<arma::vec(const arma::vec&)>;

// The step for a coordinate of size |x|: ∛ε · max(1, |x|), which balances the O(h²)
// truncation error of a central difference against the O(ε/h) rounding error.
double differenceStep(double x);

// (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / 2hᵢ for every entry of x, in x's shape.
arma::mat numericGradient(const ScalarFunction& f, const arma::mat& x);

// The Jacobian J(i, j) = ∂fᵢ/∂xⱼ by central differences.
arma::mat numericJacobian(const VectorFunction& f, const arma::vec& x);

// The second derivative of a function of one variable by the central second difference, with
// the step ε^¼ · max(scale, |x|); `scale` is the width over which f changes (a standard
// deviation, say), so that rounding in f is not divided by too small a step squared.
double numericSecondDerivative(const std::function<double(double)>& f, double x,
                               double scale = 1.0);

// Field names follow the language's struct fields.
struct GradCheckResult {
    arma::mat numeric;
    arma::mat analytic;
    // |analytic − numeric| / max(|analytic|, |numeric|, floor) per coordinate, where floor =
    // 1e-4 · max(1, largest |analytic|) keeps coordinates whose gradient is ~0 from dividing
    // rounding noise by almost nothing.
    arma::mat rel_error;
    double max_rel_error = 0.0;
    bool pass = false;  // max_rel_error ≤ tol
};

inline constexpr double kGradCheckTolerance = 1e-6;

// `analytic` must have x's shape (or as many entries); throws naming `who` otherwise.
GradCheckResult gradcheck(const ScalarFunction& f, const arma::mat& x, const arma::mat& analytic,
                          double tol = kGradCheckTolerance, const std::string& who = "gradcheck");

}  // namespace lemma::math
