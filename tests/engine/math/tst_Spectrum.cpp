// Tests of attention spectra: closed forms for 2-state chains, causal (triangular) matrices,
// random stochastic matrices, entropies, the decay of Aᵏ − 1π, rank collapse and the sweeps.
#include <QTest>
#include <armadillo>
#include <cmath>
#include <complex>
#include <string>

#include "engine/Compare.h"
#include "engine/core/Error.h"
#include "engine/math/Attention.h"
#include "engine/math/AttentionSweep.h"
#include "engine/math/Random.h"
#include "engine/math/RankCollapse.h"
#include "engine/math/Spectrum.h"

using namespace lemma::math;

namespace {

// A random row-stochastic matrix with positive entries.
arma::mat randomStochastic(arma::uword n, std::uint64_t seed) {
    Random random(seed);
    arma::mat M = arma::exp(random.gaussian(n, n));
    M.each_col() /= arma::sum(M, 1);
    return M;
}

// A reversible chain D⁻¹S with S symmetric positive: its eigenvalues are real.
arma::mat reversibleChain(arma::uword n, std::uint64_t seed) {
    Random random(seed);
    const arma::mat G = arma::exp(random.gaussian(n, n));
    arma::mat S = G + G.t();
    S.each_col() /= arma::sum(S, 1);
    return S;
}

// Attention weights softmax(XXᵀ/√d) of a random X: symmetric scores (real spectrum) or, with
// `causal`, lower-triangular weights.
arma::mat selfAttention(arma::uword n, arma::uword d, std::uint64_t seed, bool causal) {
    Random random(seed);
    const arma::mat X = random.gaussian(n, d);
    AttentionOptions options;
    options.causal = causal;
    return attention(X, X, options).weights;
}

using lemma::test::errorOf;

}  // namespace

class tst_Spectrum : public QObject {
    Q_OBJECT

private slots:
    void twoStateChain_data() {
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("b");
        QTest::newRow("0.3, 0.1") << 0.3 << 0.1;
        QTest::newRow("0.5, 0.5") << 0.5 << 0.5;
        QTest::newRow("0.9, 0.8 (negative λ₂)") << 0.9 << 0.8;
        QTest::newRow("0.01, 0.02 (slow)") << 0.01 << 0.02;
        QTest::newRow("1, 1 (periodic)") << 1.0 << 1.0;
        QTest::newRow("0.2, 1") << 0.2 << 1.0;
    }
    void twoStateChain() {
        QFETCH(double, a);
        QFETCH(double, b);
        // In MATH.md's notation [[a', b'], [c', d']] the second eigenvalue is a' + d' − 1.
        const arma::mat A = {{1 - a, a}, {b, 1 - b}};
        const SpectrumResult s = spectrum(A);
        QVERIFY(s.stochastic);
        QCOMPARE(s.eigenvalues.n_elem, arma::uword(2));
        LEMMA_COMPARE_NEAR(s.lambda1.real(), 1.0, 1e-14);
        LEMMA_COMPARE_NEAR(s.lambda2.real(), A(0, 0) + A(1, 1) - 1.0, 1e-14);
        QCOMPARE(s.lambda1.imag(), 0.0);
        QCOMPARE(s.lambda2.imag(), 0.0);
        LEMMA_COMPARE_NEAR(s.gap, 1.0 - std::abs(1.0 - a - b), 1e-14);
        LEMMA_COMPARE_NEAR(s.stationary, arma::rowvec({b, a}) / (a + b), 1e-13);
        LEMMA_COMPARE_NEAR(s.row_sums, arma::vec({1.0, 1.0}), 1e-15);
    }

    void reducibleChainStationaryIsAMixture() {
        // Two closed classes and one transient state: the left null space is two-dimensional.
        const arma::mat A = {{0.5, 0.5, 0, 0, 0},
                             {0.2, 0.8, 0, 0, 0},
                             {0, 0, 0.1, 0.9, 0},
                             {0, 0, 0.6, 0.4, 0},
                             {0.25, 0.25, 0.25, 0, 0.25}};
        const SpectrumResult s = spectrum(A);
        QVERIFY(s.stochastic);
        QCOMPARE(s.stationary.n_elem, arma::uword(5));
        LEMMA_COMPARE_NEAR(arma::rowvec(s.stationary * A), s.stationary, 1e-13);
        LEMMA_COMPARE_NEAR(arma::accu(s.stationary), 1.0, 1e-14);
        QVERIFY(s.stationary.min() >= -1e-14);
        QVERIFY(std::abs(s.stationary(4)) < 1e-14);  // transient
        QCOMPARE(s.gap, 0.0);                        // λ₂ = 1 as well
        // Identity: every distribution is stationary; the uniform one is chosen.
        LEMMA_COMPARE_NEAR(spectrum(arma::eye(3, 3)).stationary, arma::rowvec(3).fill(1.0 / 3),
                           1e-15);
    }

    void causalEigenvaluesAreTheDiagonal() {
        Random random(7);
        AttentionOptions options;
        options.causal = true;
        const arma::mat A =
            attention(random.gaussian(8, 4), random.gaussian(8, 4), options).weights;
        const SpectrumResult s = spectrum(A);
        QCOMPARE(arma::imag(s.eigenvalues).max(), 0.0);
        const arma::vec expected = arma::sort(arma::vec(A.diag()), "descend");
        QVERIFY(arma::approx_equal(arma::vec(arma::real(s.eigenvalues)), expected, "absdiff", 0.0));
        QCOMPARE(s.lambda1.real(), 1.0);  // row 0 attends only to itself
        // Token 0 is the only closed class: all attention flows back to it.
        arma::rowvec e0(8, arma::fill::zeros);
        e0(0) = 1.0;
        LEMMA_COMPARE_NEAR(s.stationary, e0, 1e-13);
    }

    void randomStochasticSpectrum_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("seed");
        for (int seed = 1; seed <= 5; ++seed) {
            QTest::newRow(qPrintable(QString("n=%1 seed=%2").arg(4 * seed).arg(seed)))
                << 4 * seed << seed;
        }
        QTest::newRow("n=100") << 100 << 99;
    }
    void randomStochasticSpectrum() {
        QFETCH(int, n);
        QFETCH(int, seed);
        const arma::mat A = randomStochastic(static_cast<arma::uword>(n), seed);
        const SpectrumResult s = spectrum(A);
        QVERIFY(s.stochastic);
        QVERIFY(arma::abs(s.eigenvalues).max() <= 1.0 + 1e-12);
        LEMMA_COMPARE_NEAR(std::abs(s.lambda1 - 1.0), 0.0, 1e-12);
        // Sorted by modulus, largest first.
        const arma::vec moduli = arma::abs(s.eigenvalues);
        for (arma::uword i = 1; i < moduli.n_elem; ++i) {
            QVERIFY(moduli(i) <= moduli(i - 1) * (1 + 1e-11));
        }
        LEMMA_COMPARE_NEAR(arma::rowvec(s.stationary * A), s.stationary, 1e-13);
        LEMMA_COMPARE_NEAR(arma::accu(s.stationary), 1.0, 1e-14);
        QVERIFY(s.stationary.min() > 0.0);
        QVERIFY(s.entropy.max() <= std::log(static_cast<double>(n)) + 1e-12);
    }

    void entropyAndEffectiveRank() {
        const arma::mat A = {{1.0 / 3, 1.0 / 3, 1.0 / 3}, {0.5, 0.5, 0.0}, {0.0, 1.0, 0.0}};
        const arma::vec h = rowEntropy(A);
        LEMMA_COMPARE_NEAR(h, arma::vec({std::log(3.0), std::log(2.0), 0.0}), 1e-15);
        QVERIFY(std::isnan(rowEntropy(arma::mat({{0.5, -0.5}}))(0)));

        LEMMA_COMPARE_NEAR(effectiveRank(arma::eye(5, 5)), 5.0, 1e-13);
        LEMMA_COMPARE_NEAR(effectiveRank(arma::ones(4, 6)), 1.0, 1e-13);
        QCOMPARE(effectiveRank(arma::zeros(3, 3)), 0.0);
        // diag(3, 1): p = (3/4, 1/4).
        const double H = -(0.75 * std::log(0.75) + 0.25 * std::log(0.25));
        LEMMA_COMPARE_NEAR(effectiveRank(arma::diagmat(arma::vec({3.0, 1.0}))), std::exp(H), 1e-14);
    }

    void nonStochasticMatrix() {
        // Perron root 3 of a positive matrix; the left Perron vector is still reported.
        const arma::mat A = {{1.0, 2.0}, {2.0, 1.0}};
        const SpectrumResult s = spectrum(A);
        QVERIFY(!s.stochastic);
        LEMMA_COMPARE_NEAR(s.lambda1.real(), 3.0, 1e-14);
        LEMMA_COMPARE_NEAR(s.lambda2.real(), -1.0, 1e-14);
        LEMMA_COMPARE_NEAR(s.stationary, arma::rowvec({0.5, 0.5}), 1e-14);
        // A rotation: λ₁ is complex, so there is no stationary row.
        const arma::mat R = {{0.0, -1.0}, {1.0, 0.0}};
        QVERIFY(spectrum(R).stationary.is_empty());
        LEMMA_COMPARE_NEAR(spectrum(R).lambda1.imag(), 1.0, 1e-14);  // +i listed first
    }

    void attentionPowerTwoStateClosedForm() {
        // Aʲ − 1π = (1 − a − b)ʲ [a; −b][1, −1] / (a + b), whose 2-norm is known exactly.
        const double a = 0.3;
        const double b = 0.1;
        const arma::mat A = {{1 - a, a}, {b, 1 - b}};
        const AttentionPowerResult p = attentionPower(A, 12);
        QCOMPARE(p.steps.n_elem, arma::uword(12));
        LEMMA_COMPARE_NEAR(p.abs_lambda2, 0.6, 1e-14);
        for (arma::uword j = 0; j < 12; ++j) {
            const double lambdaPower = std::pow(0.6, static_cast<double>(j + 1));
            const double expected = lambdaPower * std::sqrt(2.0 * (a * a + b * b)) / (a + b);
            LEMMA_COMPARE_NEAR(p.distance(j), expected, 1e-12);
            LEMMA_COMPARE_NEAR(p.predicted(j), lambdaPower, 1e-14);
        }
    }

    void attentionPowerDecayRatio_data() {
        QTest::addColumn<int>("seed");
        QTest::newRow("seed 1") << 1;
        QTest::newRow("seed 2") << 2;
        QTest::newRow("seed 3") << 3;
    }
    void attentionPowerDecayRatio() {
        QFETCH(int, seed);
        const arma::mat A = reversibleChain(6, seed);
        const AttentionPowerResult p = attentionPower(A, 40);
        // Use the last ratio still well above rounding noise.
        arma::uword j = 1;
        while (j + 1 < p.distance.n_elem && p.distance(j + 1) > 1e-11) {
            ++j;
        }
        QVERIFY(j > 5);
        const double ratio = p.distance(j) / p.distance(j - 1);
        QVERIFY2(std::abs(ratio - p.abs_lambda2) < 1e-3 * p.abs_lambda2 + 1e-6,
                 qPrintable(QString("ratio %1 vs |λ2| %2").arg(ratio).arg(p.abs_lambda2)));
    }

    void rankCollapseWithoutSkips() {
        Random random(11);
        const arma::mat X = random.gaussian(16, 8);
        RankCollapseOptions options;
        options.heads = 2;
        options.depth = 6;
        options.seed = 5;
        const RankCollapseResult r = rankCollapse(X, options);
        QCOMPARE(r.layers.n_elem, arma::uword(7));
        QCOMPARE(r.residual(0), relativeResidual(X));
        for (arma::uword l = 1; l < r.residual.n_elem; ++l) {
            if (r.residual(l - 1) > 1e-12) {
                QVERIFY2(r.residual(l) < r.residual(l - 1), qPrintable(QString::number(l)));
            }
        }
        QVERIFY(r.residual(6) < 1e-3 * r.residual(0));
        // Skip connections keep the tokens apart.
        QVERIFY(r.residual_skip(6) > 0.1);
        // Deterministic in the seed.
        QVERIFY(arma::approx_equal(rankCollapse(X, options).residual, r.residual, "absdiff", 0.0));
    }

    void relativeResidualClosedForms() {
        const arma::rowvec x = {1.0, -2.0, 3.0};
        const arma::mat rankOne = arma::ones<arma::vec>(5) * x;
        QVERIFY(relativeResidual(rankOne) < 1e-15);
        arma::mat centred = {{1.0, 2.0}, {-1.0, -2.0}};
        QCOMPARE(relativeResidual(centred), 1.0);
        QCOMPARE(relativeResidual(arma::zeros(3, 2)), 0.0);
    }

    void temperatureSweep() {
        Random random(3);
        const arma::mat Q = random.gaussian(6, 4);
        const arma::mat K = random.gaussian(6, 4);
        const arma::vec temperatures = {0.1, 0.5, 1.0, 2.0, 10.0, 1e6};
        const AttentionSweepResult s = sweepTemperature(Q, K, temperatures);
        for (arma::uword i = 1; i < temperatures.n_elem; ++i) {
            QVERIFY(s.entropy(i) > s.entropy(i - 1));
        }
        LEMMA_COMPARE_NEAR(s.entropy(5), std::log(6.0), 1e-9);  // nearly uniform
        QVERIFY(s.abs_lambda2(5) < 1e-5);
        LEMMA_COMPARE_NEAR(s.gap, arma::vec(1.0 - s.abs_lambda2), 1e-15);
    }

    void randomSweepsAreDeterministicPerPoint() {
        RandomAttentionOptions options;
        options.seed = 42;
        options.trials = 3;
        const AttentionSweepResult both = sweepLength(arma::vec({4, 16}), 8, options);
        const AttentionSweepResult one = sweepLength(arma::vec({16}), 8, options);
        QCOMPARE(both.abs_lambda2(1), one.abs_lambda2(0));
        QCOMPARE(both.entropy(1), one.entropy(0));
        const AttentionSweepResult widths = sweepKeyWidth(16, arma::vec({2, 8}), options);
        QCOMPARE(widths.abs_lambda2(1), one.abs_lambda2(0));
        QCOMPARE(errorOf([&] { sweepLength(arma::vec({0.5}), 8, options); }),
                 std::string("attention_sweep: each length must be a whole number between 1 and "
                             "2048, got 0.5"));
    }

    void topEigenvaluesAgreeWithTheFullSpectrum_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("seed");
        const int sizes[] = {80, 120, 200};
        const int ks[] = {1, 2, 6, 10};
        for (const char* kind : {"stochastic", "symmetric-score", "causal", "non-stochastic"}) {
            for (int seed = 1; seed <= 8; ++seed) {
                const int n = sizes[seed % 3];
                const int k = ks[seed % 4];
                QTest::newRow(
                    qPrintable(QString("%1 n=%2 k=%3 seed=%4").arg(kind).arg(n).arg(k).arg(seed)))
                    << QString(kind) << n << k << seed;
            }
        }
    }
    void topEigenvaluesAgreeWithTheFullSpectrum() {
        QFETCH(QString, kind);
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(int, seed);
        const auto size = static_cast<arma::uword>(n);
        arma::mat A;
        if (kind == "stochastic") {
            A = randomStochastic(size, static_cast<std::uint64_t>(seed));
        } else if (kind == "non-stochastic") {
            // A positive matrix that is not stochastic: its Perron row is still reported.
            Random random(static_cast<std::uint64_t>(seed));
            A = arma::exp(random.gaussian(size, size));
        } else {
            // d = 4 keeps the weights spread, so λ₂…λ₁₀ sit in a crowded bulk.
            A = selfAttention(size, 4, static_cast<std::uint64_t>(seed), kind == "causal");
        }
        const SpectrumResult full = spectrum(A);
        const SpectrumResult top = spectrum(A, static_cast<arma::uword>(k));
        QCOMPARE(top.eigenvalues.n_elem, static_cast<arma::uword>(k));
        const double scale = std::abs(full.lambda1);
        QVERIFY2(arma::abs(top.eigenvalues - full.eigenvalues.head(k)).max() <= 1e-10 * scale,
                 qPrintable(QString("largest difference %1")
                                .arg(arma::abs(top.eigenvalues - full.eigenvalues.head(k)).max())));
        QVERIFY(std::abs(top.lambda1 - full.lambda1) <= 1e-10 * scale);
        QVERIFY(std::abs(top.lambda2 - full.lambda2) <= 1e-10 * scale);
        LEMMA_COMPARE_NEAR(top.gap, full.gap, 1e-10);
        QCOMPARE(top.stochastic, full.stochastic);
        QCOMPARE(top.row_sums.n_elem, size);
        QVERIFY(arma::approx_equal(top.row_sums, full.row_sums, "absdiff", 0.0));
        QCOMPARE(top.stationary.n_elem, size);
        QVERIFY2(arma::abs(top.stationary - full.stationary).max() <=
                     1e-10 * arma::abs(full.stationary).max(),
                 qPrintable(QString("largest difference %1")
                                .arg(arma::abs(top.stationary - full.stationary).max())));
        LEMMA_COMPARE_NEAR(arma::accu(top.stationary), 1.0, 1e-12);
        QVERIFY(top.entropy.is_empty());
        QVERIFY(std::isnan(top.effective_rank));
    }

    void topEigenvaluesOfSmallAndSpecialMatrices() {
        // k = n: every eigenvalue; 1×1: λ₂ = 0.
        const arma::mat A = randomStochastic(5, 3);
        const SpectrumResult all = spectrum(A, 5);
        LEMMA_COMPARE_NEAR(all.eigenvalues, spectrum(A).eigenvalues, 1e-14);
        const SpectrumResult one = spectrum(arma::mat(1, 1, arma::fill::value(0.5)), 1);
        QCOMPARE(one.lambda1.real(), 0.5);
        QCOMPARE(std::abs(one.lambda2), 0.0);
        // A reducible chain of two closed classes (λ = 1 twice) above the dense size: the
        // stationary row is the same mixture as the full computation's.
        arma::mat R(200, 200, arma::fill::zeros);
        R.submat(0, 0, 99, 99) = randomStochastic(100, 5);
        R.submat(100, 100, 199, 199) = randomStochastic(100, 6);
        const SpectrumResult reducible = spectrum(R, 3);
        LEMMA_COMPARE_NEAR(reducible.stationary, spectrum(R).stationary, 1e-10);
        LEMMA_COMPARE_NEAR(reducible.lambda1.real(), 1.0, 1e-12);
        // A rotation by a sixth of a turn on 2-planes: complex λ₁, so no stationary row.
        const double c = 0.5;
        const double sn = std::sqrt(3.0) / 2;
        arma::mat rotation(100, 100, arma::fill::zeros);
        for (arma::uword i = 0; i < 100; i += 2) {
            const double r = 1.0 - 0.004 * static_cast<double>(i);
            rotation.submat(i, i, i + 1, i + 1) = r * arma::mat{{c, -sn}, {sn, c}};
        }
        const SpectrumResult turned = spectrum(rotation, 4);
        QVERIFY(turned.stationary.is_empty());
        LEMMA_COMPARE_NEAR(turned.eigenvalues, spectrum(rotation).eigenvalues.head(4), 1e-10);
        QCOMPARE(errorOf([&] { spectrum(A, 0); }),
                 std::string("spectrum: k must be between 1 and n = 5, got 0"));
        QCOMPARE(errorOf([&] { spectrum(A, 6); }),
                 std::string("spectrum: k must be between 1 and n = 5, got 6"));
    }

    void errors() {
        QCOMPARE(errorOf([] { spectrum(arma::ones(2, 3)); }),
                 std::string("spectrum: A is 2×3 (it must be square)"));
        QCOMPARE(errorOf([] { spectrum(arma::mat()); }), std::string("spectrum: A is empty"));
        QCOMPARE(errorOf([] {
                     attentionPower(arma::mat({{1.0, 2.0}, {2.0, 1.0}}), 3);
                 }),
                 std::string("attention_power: A is not row-stochastic (rows must sum to 1 and "
                             "entries be non-negative)"));
        QCOMPARE(errorOf([] { attentionPower(arma::eye(2, 2), 0); }),
                 std::string("attention_power: k must be between 1 and 10000, got 0"));
    }
};

QTEST_APPLESS_MAIN(tst_Spectrum)
#include "tst_Spectrum.moc"
