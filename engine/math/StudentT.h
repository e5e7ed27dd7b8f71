// The Student t distribution, through the regularized incomplete beta function.
#pragma once

namespace lemma::math {

// I_x(a, b) = B(x; a, b) / B(a, b) for a, b > 0 and 0 ≤ x ≤ 1, by Lentz's continued fraction
// (evaluated where it converges fast, with I_x(a, b) = 1 − I_{1−x}(b, a) elsewhere).
double incompleteBeta(double a, double b, double x);

// P(T ≤ t) for T with df > 0 degrees of freedom: ½·I_{df/(df+t²)}(df/2, ½) in the lower tail.
double studentTCdf(double t, double df);

// The p-quantile, 0 < p < 1 (bisection on the CDF to full double precision).
double studentTQuantile(double p, double df);

}  // namespace lemma::math
