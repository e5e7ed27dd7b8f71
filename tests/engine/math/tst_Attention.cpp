// Tests of scaled dot-product attention: MATH.md §1's worked numbers, stochastic rows, the
// causal mask, numerical stability and exact shape errors.
#include <QTest>
#include <armadillo>
#include <cmath>
#include <string>

#include "engine/Compare.h"
#include "engine/core/Error.h"
#include "engine/math/Attention.h"
#include "engine/math/Random.h"

using lemma::math::attention;
using lemma::math::AttentionOptions;

class tst_Attention : public QObject {
    Q_OBJECT

private:
    const arma::mat m_Q = {{1.0, 0.5}, {0.3, 0.8}, {0.1, 0.9}};
    const arma::mat m_K = {{0.9, 0.2}, {0.4, 0.7}, {0.2, 0.8}};

private slots:
    void workedExampleScores() {
        const arma::mat raw = m_Q * m_K.t();
        LEMMA_COMPARE_NEAR(arma::rowvec(raw.row(0)), arma::rowvec({1.0, 0.75, 0.6}), 1e-15);
        const auto result = attention(m_Q, m_K);
        LEMMA_COMPARE_NEAR(result.scores, raw / std::sqrt(2.0), 1e-15);
        LEMMA_COMPARE_NEAR(
            arma::rowvec(result.scores.row(0)),
            arma::rowvec({0.70710678118654752, 0.53033008588991064, 0.42426406871192851}), 1e-15);
    }

    void workedExampleSoftmax() {
        const arma::mat A = attention(m_Q, m_K).weights;
        // exp() by hand, without any shift: the stable softmax must agree with the textbook one.
        const double e0 = std::exp(1.0 / std::sqrt(2.0));
        const double e1 = std::exp(0.75 / std::sqrt(2.0));
        const double e2 = std::exp(0.6 / std::sqrt(2.0));
        const double sum = e0 + e1 + e2;
        QVERIFY(std::abs(A(0, 0) - e0 / sum) < 1e-12);
        QVERIFY(std::abs(A(0, 1) - e1 / sum) < 1e-12);
        QVERIFY(std::abs(A(0, 2) - e2 / sum) < 1e-12);
        // MATH.md's rounded values, including 0.323 (not the often-printed 0.324).
        QCOMPARE(std::round(A(0, 0) * 1000) / 1000, 0.386);
        QCOMPARE(std::round(A(0, 1) * 1000) / 1000, 0.323);
        QCOMPARE(std::round(A(0, 2) * 1000) / 1000, 0.291);
    }

    void outputIsWeightsTimesValues() {
        const arma::mat V = {{1.0, 0.0, 2.0}, {0.0, 1.0, -1.0}, {3.0, 1.0, 0.5}};
        AttentionOptions options;
        options.V = V;
        const auto result = attention(m_Q, m_K, options);
        LEMMA_COMPARE_NEAR(result.output, result.weights * V, 1e-15);
        // Without V the keys serve as values.
        const auto plain = attention(m_Q, m_K);
        LEMMA_COMPARE_NEAR(plain.output, plain.weights * m_K, 1e-15);
    }

    void rowsAreStochastic_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("dk");
        QTest::addColumn<double>("temperature");
        QTest::addColumn<bool>("causal");
        QTest::newRow("3x2") << 3 << 2 << 1.0 << false;
        QTest::newRow("16x4 hot") << 16 << 4 << 0.05 << false;
        QTest::newRow("16x4 cold causal") << 16 << 4 << 20.0 << true;
        QTest::newRow("64x8") << 64 << 8 << 1.0 << false;
        QTest::newRow("64x8 causal") << 64 << 8 << 1.0 << true;
    }
    void rowsAreStochastic() {
        QFETCH(int, n);
        QFETCH(int, dk);
        QFETCH(double, temperature);
        QFETCH(bool, causal);
        lemma::math::Random random(static_cast<std::uint64_t>(n * 1000 + dk));
        const arma::mat Q = random.gaussian(n, dk, 3.0);
        const arma::mat K = random.gaussian(n, dk, 3.0);
        AttentionOptions options;
        options.temperature = temperature;
        options.causal = causal;
        const arma::mat A = attention(Q, K, options).weights;
        QVERIFY(A.min() >= 0.0);
        const arma::vec sums = arma::sum(A, 1);
        QVERIFY(arma::abs(sums - 1.0).max() < 1e-14);
    }

    void causalMaskZerosAboveDiagonal() {
        AttentionOptions options;
        options.causal = true;
        const arma::mat A = attention(m_Q, m_K, options).weights;
        for (arma::uword i = 0; i < 3; ++i) {
            for (arma::uword j = i + 1; j < 3; ++j) {
                QCOMPARE(A(i, j), 0.0);
            }
        }
        QCOMPARE(A(0, 0), 1.0);
        // Row 1 is the softmax of its first two scores alone.
        const double s0 = (0.3 * 0.9 + 0.8 * 0.2) / std::sqrt(2.0);
        const double s1 = (0.3 * 0.4 + 0.8 * 0.7) / std::sqrt(2.0);
        const double expected = std::exp(s0) / (std::exp(s0) + std::exp(s1));
        QVERIFY(std::abs(A(1, 0) - expected) < 1e-12);
        QVERIFY(A.is_trimatl());
    }

    void largeScoresDoNotOverflow() {
        // exp(1000) overflows a double; the shifted softmax gives [1/(1+e⁻¹), e⁻¹/(1+e⁻¹)].
        const arma::mat Q(1, 1, arma::fill::value(1000.0));
        const arma::mat K = arma::vec({1.0, 0.999});
        AttentionOptions options;
        options.scale = 1.0;
        const arma::mat A = attention(Q, K, options).weights;
        QVERIFY(A.is_finite());
        QVERIFY(std::abs(A(0, 0) - 1.0 / (1.0 + std::exp(-1.0))) < 1e-12);
    }

    void scaleAndTemperatureAreOneKnob() {
        AttentionOptions a;
        a.scale = 0.8;
        a.temperature = 2.0;
        AttentionOptions b;
        b.scale = 0.4;
        LEMMA_COMPARE_NEAR(attention(m_Q, m_K, a).weights, attention(m_Q, m_K, b).weights, 1e-15);
    }

    void temperatureLimits() {
        AttentionOptions hot;
        hot.temperature = 1e9;
        const arma::mat uniform(3, 3, arma::fill::value(1.0 / 3.0));
        LEMMA_COMPARE_NEAR(attention(m_Q, m_K, hot).weights, uniform, 1e-9);
        AttentionOptions cold;
        cold.temperature = 1e-4;
        const arma::mat A = attention(m_Q, m_K, cold).weights;
        // Each row becomes one-hot on its largest score: key 0 for query 0 (1.0 > 0.75, 0.6),
        // key 2 for queries 1 and 2 (0.70 > 0.68 > 0.43 and 0.74 > 0.67 > 0.27).
        const arma::mat oneHot = {{1, 0, 0}, {0, 0, 1}, {0, 0, 1}};
        LEMMA_COMPARE_NEAR(A, oneHot, 1e-12);
    }

    void shapeErrors_data() {
        QTest::addColumn<arma::uword>("qRows");
        QTest::addColumn<arma::uword>("qCols");
        QTest::addColumn<arma::uword>("kRows");
        QTest::addColumn<arma::uword>("kCols");
        QTest::addColumn<arma::uword>("vRows");
        QTest::addColumn<QString>("message");
        QTest::newRow("columns") << arma::uword(3) << arma::uword(2) << arma::uword(3)
                                 << arma::uword(4) << arma::uword(0)
                                 << "attention: Q is 3×2 but K is 3×4 (their columns must match)";
        QTest::newRow("values") << arma::uword(3) << arma::uword(2) << arma::uword(3)
                                << arma::uword(2) << arma::uword(4)
                                << "attention: K is 3×2 but V is 4×2 (their rows must match)";
        QTest::newRow("empty") << arma::uword(0) << arma::uword(2) << arma::uword(3)
                               << arma::uword(2) << arma::uword(0)
                               << "attention: Q is 0×2 and K is 3×2 (both need at least one "
                                  "row and one column)";
    }
    void shapeErrors() {
        QFETCH(arma::uword, qRows);
        QFETCH(arma::uword, qCols);
        QFETCH(arma::uword, kRows);
        QFETCH(arma::uword, kCols);
        QFETCH(arma::uword, vRows);
        QFETCH(QString, message);
        AttentionOptions options;
        if (vRows > 0) {
            options.V = arma::mat(vRows, 2, arma::fill::ones);
        }
        try {
            attention(arma::mat(qRows, qCols, arma::fill::ones),
                      arma::mat(kRows, kCols, arma::fill::ones), options);
            QFAIL("no error");
        } catch (const lemma::Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()), message);
        }
    }

    void badTemperature() {
        AttentionOptions options;
        options.temperature = 0.0;
        try {
            attention(m_Q, m_K, options);
            QFAIL("no error");
        } catch (const lemma::Error& e) {
            QCOMPARE(std::string(e.what()), "attention: the temperature must be positive, got 0");
        }
    }
};

QTEST_APPLESS_MAIN(tst_Attention)
#include "tst_Attention.moc"
