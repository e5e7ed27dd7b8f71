// Student t-tests: one-sample, paired and two-sample (Welch's or pooled), MATH.md §7.
#pragma once

#include <armadillo>

namespace lemma::math {

struct TTestResult {
    double t = 0.0;
    double df = 0.0;
    double p = 1.0;   // two-sided
    double lo = 0.0;  // confidence interval of the mean (difference)
    double hi = 0.0;
    double estimate = 0.0;  // the mean, or the difference of means
    double se = 0.0;
};

// H0: mean(x) = mu; needs at least 2 finite values. level: the interval's coverage.
TTestResult ttestOne(const arma::vec& x, double mu = 0.0, double level = 0.95);

// H0: mean(x) = mean(y). Welch's unequal variances (df by Welch–Satterthwaite) unless
// equalVariance, then the pooled variance with n₁ + n₂ − 2 degrees of freedom.
TTestResult ttestTwo(const arma::vec& x, const arma::vec& y, bool equalVariance = false,
                     double level = 0.95);

}  // namespace lemma::math
