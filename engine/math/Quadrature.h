// Definite integrals of a function of one variable by globally adaptive Gauss–Kronrod
// quadrature (the 7-point Gauss rule inside the 15-point Kronrod rule), as MATLAB's integral.
#pragma once

#include <armadillo>
#include <functional>
#include <string>

namespace lemma::math {

struct QuadratureResult {
    double value = 0.0;
    double errorBound = 0.0;  // |K15 − G7| summed over the final subintervals
    int intervals = 0;
    int evaluations = 0;  // points at which f was evaluated
    bool converged = false;
    std::string message;  // why it stopped when it did not converge
};

// f takes a row of points and returns f at each (one call per subinterval, 15 points), so a
// vectorised integrand is evaluated in whole rows. A finite interval is mapped onto [−1, 1] by
// x = (b−a)/4 · t(3−t²) + (b+a)/2, which weakens end-point singularities; infinite limits by
// x = t/(1−t²) or x = a + t/(1−t). b < a flips the sign.
// Starts from 10 equal subintervals and keeps halving the one with the largest error estimate
// until the total error is at most max(absTol, relTol·|value|), or maxIntervals is reached.
QuadratureResult integrate(const std::function<arma::rowvec(const arma::rowvec&)>& f, double a,
                           double b, double absTol = 1e-10, double relTol = 1e-6,
                           int maxIntervals = 650);

}  // namespace lemma::math
