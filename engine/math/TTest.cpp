// One-sample, paired and two-sample t-tests.
#include "engine/math/TTest.h"

#include <cmath>
#include <string>

#include "engine/core/Error.h"
#include "engine/math/StudentT.h"

namespace lemma::math {

namespace {

void checkSample(const arma::vec& x, const char* who, const char* name) {
    if (x.n_elem < 2)
        throw Error(std::string(who) + ": " + name + " needs at least 2 values, got " +
                    std::to_string(x.n_elem));
    if (!x.is_finite())
        throw Error(std::string(who) + ": " + name + " contains NaN or Inf");
}

void checkLevel(double level, const char* who) {
    if (!(level > 0) || !(level < 1))
        throw Error(std::string(who) + ": level must lie strictly between 0 and 1");
}

TTestResult finish(double estimate, double se, double df, double level) {
    TTestResult r;
    r.estimate = estimate;
    r.se = se;
    r.df = df;
    const double q = studentTQuantile(0.5 + level / 2.0, df);
    r.lo = estimate - q * se;
    r.hi = estimate + q * se;
    if (se > 0) {
        r.t = estimate / se;
        r.p = std::min(1.0, 2.0 * studentTCdf(-std::abs(r.t), df));
    } else {
        r.t = estimate == 0 ? arma::datum::nan : std::copysign(arma::datum::inf, estimate);
        r.p = estimate == 0 ? arma::datum::nan : 0.0;
    }
    return r;
}

}  // namespace

TTestResult ttestOne(const arma::vec& x, double mu, double level) {
    checkSample(x, "ttest", "x");
    checkLevel(level, "ttest");
    const double n = static_cast<double>(x.n_elem);
    TTestResult r = finish(arma::mean(x) - mu, arma::stddev(x) / std::sqrt(n), n - 1.0, level);
    r.lo += mu;
    r.hi += mu;
    r.estimate += mu;
    return r;
}

TTestResult ttestTwo(const arma::vec& x, const arma::vec& y, bool equalVariance, double level) {
    checkSample(x, "ttest2", "x");
    checkSample(y, "ttest2", "y");
    checkLevel(level, "ttest2");
    const double n1 = static_cast<double>(x.n_elem);
    const double n2 = static_cast<double>(y.n_elem);
    const double v1 = arma::var(x);
    const double v2 = arma::var(y);
    const double diff = arma::mean(x) - arma::mean(y);
    if (equalVariance) {
        const double df = n1 + n2 - 2.0;
        const double pooled = ((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / df;
        return finish(diff, std::sqrt(pooled * (1.0 / n1 + 1.0 / n2)), df, level);
    }
    const double a = v1 / n1;
    const double b = v2 / n2;
    const double se2 = a + b;
    const double df =
        se2 > 0 ? se2 * se2 / (a * a / (n1 - 1.0) + b * b / (n2 - 1.0)) : n1 + n2 - 2.0;
    return finish(diff, std::sqrt(se2), df, level);
}

}  // namespace lemma::math
