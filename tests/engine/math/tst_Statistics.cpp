// Tests of the statistics for comparing runs: the incomplete beta function and Student t
// against closed forms and tables, bootstrap intervals and t-tests against values worked out
// by hand for small samples, and the seed bands.
#include <QTest>
#include <cmath>

#include "engine/Compare.h"
#include "engine/math/Bootstrap.h"
#include "engine/math/SeedBand.h"
#include "engine/math/StudentT.h"
#include "engine/math/TTest.h"

using namespace lemma::math;

namespace {

// The p-quantile of Student t with 2 degrees of freedom: (2p − 1)/√(2p(1 − p)).
double kT2(double p) {
    return (2 * p - 1) / std::sqrt(2 * p * (1 - p));
}

}  // namespace

class TstStatistics : public QObject {
    Q_OBJECT

private slots:
    void incompleteBetaClosedForms() {
        for (double x : {0.0, 0.1, 0.37, 0.5, 0.93, 1.0}) {
            LEMMA_COMPARE_NEAR(incompleteBeta(1.0, 3.5, x), 1 - std::pow(1 - x, 3.5), 1e-14);
            LEMMA_COMPARE_NEAR(incompleteBeta(2.5, 1.0, x), std::pow(x, 2.5), 1e-14);
        }
        // Integer a, b: a binomial tail, I_0.3(2, 3) = P(Bin(4, 0.3) ≥ 2).
        LEMMA_COMPARE_NEAR(incompleteBeta(2.0, 3.0, 0.3), 0.3483, 1e-14);
        // Symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
        LEMMA_COMPARE_NEAR(incompleteBeta(30.0, 0.5, 0.95), 1 - incompleteBeta(0.5, 30.0, 0.05),
                           1e-14);
    }

    void studentTClosedForms() {
        for (double t : {-30.0, -2.5, -0.3, 0.0, 0.7, 4.0, 100.0}) {
            // df = 1 is Cauchy; df = 2, 3 and 4 have closed forms.
            LEMMA_COMPARE_NEAR(studentTCdf(t, 1), 0.5 + std::atan(t) / arma::datum::pi, 1e-14);
            LEMMA_COMPARE_NEAR(studentTCdf(t, 2), 0.5 + t / (2 * std::sqrt(2 + t * t)), 1e-14);
            const double u = t / std::sqrt(3.0);
            LEMMA_COMPARE_NEAR(studentTCdf(t, 3),
                               0.5 + (u / (1 + u * u) + std::atan(u)) / arma::datum::pi, 1e-14);
            const double w = t * t / 4;
            LEMMA_COMPARE_NEAR(studentTCdf(t, 4),
                               0.5 + 0.375 * t / std::sqrt(1 + w) * (1 - w / (3 * (1 + w))), 1e-14);
        }
        // Quantiles: closed forms for df = 1 and 2, table values (to 9 digits) otherwise.
        for (double p : {0.6, 0.9, 0.975, 0.999}) {
            LEMMA_COMPARE_NEAR(studentTQuantile(p, 1), std::tan(arma::datum::pi * (p - 0.5)),
                               1e-13);
            LEMMA_COMPARE_NEAR(studentTQuantile(p, 2), kT2(p), 1e-12);
        }
        LEMMA_COMPARE_NEAR(studentTQuantile(0.975, 10), 2.228138852, 1e-9);
        LEMMA_COMPARE_NEAR(studentTQuantile(0.95, 30), 1.697260887, 1e-9);
        LEMMA_COMPARE_NEAR(studentTQuantile(0.025, 5), -2.570581836, 1e-9);
        LEMMA_COMPARE_NEAR(studentTQuantile(0.995, 1e6), 2.575833, 1e-5);
        LEMMA_COMPARE_NEAR(studentTCdf(studentTQuantile(0.9, 2.7), 2.7), 0.9, 1e-14);
    }

    void exactBootstrapOfTwoValues() {
        // Resamples {1,1}, {1,2}, {2,2} with probabilities ¼, ½, ¼: means 1, 1.5, 2.
        const Statistic mean = namedStatistic("mean", "test");
        const BootstrapResult b = bootstrapCi(arma::vec{1, 2}, mean, 0.95, std::nullopt, 0);
        QCOMPARE(b.lo, 1.0);
        QCOMPARE(b.hi, 2.0);
        LEMMA_COMPARE_NEAR(b.se, std::sqrt(0.125), 1e-15);
        QCOMPARE(b.resamples, 3.0);
        const BootstrapResult half = bootstrapCi(arma::vec{1, 2}, mean, 0.5, std::nullopt, 0);
        QCOMPARE(half.lo, 1.0);
        QCOMPARE(half.hi, 1.5);
    }

    void exactBootstrapOfThreeValues() {
        // 27 equally likely ordered resamples of {1, 2, 3}; their sums 3 … 9 occur
        // 1, 3, 6, 7, 6, 3, 1 times. At 80%: the 10% quantile is 4/3 (4/27 ≥ 0.1), the 90%
        // quantile 8/3 (26/27 ≥ 0.9). se² = σ²/n with σ² = 2/3.
        const BootstrapResult b =
            bootstrapCi(arma::vec{3, 1, 2}, namedStatistic("mean", "t"), 0.8, std::nullopt, 0);
        LEMMA_COMPARE_NEAR(b.lo, 4.0 / 3, 1e-15);
        LEMMA_COMPARE_NEAR(b.hi, 8.0 / 3, 1e-15);
        LEMMA_COMPARE_NEAR(b.se, std::sqrt(2.0) / 3, 1e-14);
        QCOMPARE(b.resamples, 10.0);  // C(5, 3) multisets
        QCOMPARE(b.estimate, 2.0);
    }

    void randomBootstrapApproachesTheExactOne() {
        const arma::vec x = arma::regspace(1.0, 9.0);
        const Statistic median = namedStatistic("median", "t");
        const BootstrapResult exact = bootstrapCi(x, median, 0.9, std::nullopt, 0);
        const BootstrapResult drawn = bootstrapCi(x, median, 0.9, 200000, 7);
        QCOMPARE(drawn.lo, exact.lo);
        QCOMPARE(drawn.hi, exact.hi);
        LEMMA_COMPARE_NEAR(drawn.se, exact.se, 0.01);
        const BootstrapResult again = bootstrapCi(x, median, 0.9, 200000, 7);
        QCOMPARE(again.se, drawn.se);
        QCOMPARE(lemma::test::errorOf(
                     [&] { bootstrapCi(arma::regspace(1.0, 12.0), median, 0.9, {}, 0); }),
                 std::string("bootstrap_ci: n=\"exact\" enumerates every resample, which needs "
                             "at most 11 observations, got 12"));
    }

    void welchByHand() {
        // x = [1 3], y = [2 4]: s² = 2 each, se = √2, t = −1/√2, df = 2.
        const TTestResult r = ttestTwo(arma::vec{1, 3}, arma::vec{2, 4});
        LEMMA_COMPARE_NEAR(r.t, -1 / std::sqrt(2.0), 1e-15);
        LEMMA_COMPARE_NEAR(r.df, 2.0, 1e-15);
        // df = 2: P(T ≤ t) = ½ + t/(2√(2 + t²)).
        LEMMA_COMPARE_NEAR(r.p, 1 - (1 / std::sqrt(2.0)) / std::sqrt(2.5), 1e-14);
        LEMMA_COMPARE_NEAR(r.lo, -1 - kT2(0.975) * std::sqrt(2.0), 1e-12);
        LEMMA_COMPARE_NEAR(r.hi, -1 + kT2(0.975) * std::sqrt(2.0), 1e-12);
        // x = [1 2 3], y = [4 6 8]: s² = 1 and 4, se² = 1/3 + 4/3, df = (5/3)²/((1/3)²/2 +
        // (4/3)²/2) = 50/17.
        const TTestResult w = ttestTwo(arma::vec{1, 2, 3}, arma::vec{4, 6, 8});
        LEMMA_COMPARE_NEAR(w.t, -4 / std::sqrt(5.0 / 3), 1e-14);
        LEMMA_COMPARE_NEAR(w.df, 50.0 / 17, 1e-14);
        LEMMA_COMPARE_NEAR(w.p, 2 * studentTCdf(w.t, 50.0 / 17), 1e-15);
        // Pooled: s_p² = (2·1 + 2·4)/4 = 5/2, se² = 5/2 · (1/3 + 1/3) = 5/3, df = 4.
        const TTestResult pooled = ttestTwo(arma::vec{1, 2, 3}, arma::vec{4, 6, 8}, true);
        LEMMA_COMPARE_NEAR(pooled.t, -4 / std::sqrt(5.0 / 3), 1e-14);
        QCOMPARE(pooled.df, 4.0);
        const double w4 = pooled.t * pooled.t / 4;
        const double lower = 0.5 + 0.375 * pooled.t / std::sqrt(1 + w4) * (1 - w4 / (3 * (1 + w4)));
        LEMMA_COMPARE_NEAR(pooled.p, 2 * lower, 1e-14);
    }

    void oneSampleAndPaired() {
        // x = [1 2 3 4]: mean 5/2, s² = 5/3, se = √(5/12), df = 3.
        const TTestResult r = ttestOne(arma::vec{1, 2, 3, 4});
        LEMMA_COMPARE_NEAR(r.t, 2.5 / std::sqrt(5.0 / 12), 1e-14);
        QCOMPARE(r.df, 3.0);
        const double u = r.t / std::sqrt(3.0);
        LEMMA_COMPARE_NEAR(r.p, 1 - 2 * (u / (1 + u * u) + std::atan(u)) / arma::datum::pi, 1e-14);
        const TTestResult shifted = ttestOne(arma::vec{1, 2, 3, 4}, 2.5);
        QCOMPARE(shifted.t, 0.0);
        QCOMPARE(shifted.p, 1.0);
        LEMMA_COMPARE_NEAR(shifted.lo, r.lo, 1e-15);
        QCOMPARE(lemma::test::errorOf([] { ttestOne(arma::vec{1}); }),
                 std::string("ttest: x needs at least 2 values, got 1"));
    }

    void seedBands() {
        const arma::mat curves = {
            {1, 2, 3}, {4, arma::datum::nan, 6}, {1, arma::datum::nan, arma::datum::nan}};
        const SeedBand b = seedBand(curves);
        LEMMA_COMPARE_NEAR(b.mean, arma::vec({2, 5, 1}), 1e-15);
        // Row 1: s = 1, k = 3, t_{0.975,2}/√3.
        LEMMA_COMPARE_NEAR(b.hi(0) - b.mean(0), kT2(0.975) / std::sqrt(3.0), 1e-12);
        // Row 2: s = √2, k = 2, t_{0.975,1} = std::tan(0.475 * arma::datum::pi).
        LEMMA_COMPARE_NEAR(b.hi(1) - b.mean(1), std::tan(0.475 * arma::datum::pi), 1e-11);
        QVERIFY(std::isnan(b.lo(2)));
    }
};

QTEST_APPLESS_MAIN(TstStatistics)
#include "tst_Statistics.moc"
