// Tests of the sampling transforms: temperature (greedy at 0, uniform as T grows, entropy rising
// with T), top-k and top-p by hand, and inverse-CDF draws whose frequencies match p.
#include <QTest>
#include <cmath>
#include <random>

#include "engine/Compare.h"
#include "engine/math/InfoTheory.h"
#include "engine/math/Sampling.h"

using lemma::test::errorOf;
namespace m = lemma::math;

class tst_Sampling : public QObject {
    Q_OBJECT

private slots:
    void temperature() {
        const arma::vec z = {2.0, 1.0, 0.5, -1.0};
        m::SamplingOptions o;
        o.temperature = 0.0;
        LEMMA_COMPARE_NEAR(m::sampling(z, o).p, arma::vec({1, 0, 0, 0}), 0.0);
        double last = -1.0;
        for (const double T : {0.1, 0.5, 1.0, 2.0, 10.0, 1e6}) {
            o.temperature = T;
            const m::SamplingResult s = m::sampling(z, o);
            QVERIFY(s.entropy > last);
            last = s.entropy;
            QCOMPARE(s.mass, 1.0);
            const arma::vec expected = arma::exp(z / T) / arma::accu(arma::exp(z / T));
            LEMMA_COMPARE_NEAR(s.p, expected, 1e-14);
        }
        LEMMA_COMPARE_NEAR(last, std::log(4.0), 1e-5);
    }

    void topKAndTopP() {
        const arma::vec z = arma::log(arma::vec({0.1, 0.5, 0.15, 0.25}));
        m::SamplingOptions o;
        o.top_k = 2;
        m::SamplingResult s = m::sampling(z, o);
        QCOMPARE(arma::conv_to<std::vector<arma::uword>>::from(s.kept),
                 (std::vector<arma::uword>{1, 3}));
        LEMMA_COMPARE_NEAR(s.mass, 0.75, 1e-15);
        LEMMA_COMPARE_NEAR(s.p, arma::vec({0, 0.5 / 0.75, 0, 0.25 / 0.75}), 1e-15);
        o.top_k = 0;
        o.top_p = 0.8;  // 0.5, 0.75, 0.9: three tokens reach 0.8
        s = m::sampling(z, o);
        QCOMPARE(s.kept.n_elem, arma::uword(3));
        LEMMA_COMPARE_NEAR(s.mass, 0.9, 1e-15);
        o.top_p = 0.75;  // exactly reached by two
        QCOMPARE(m::sampling(z, o).kept.n_elem, arma::uword(2));
        LEMMA_COMPARE_NEAR(s.entropy, m::entropyOf(s.p), 1e-15);
    }

    void drawsMatchProbabilities() {
        const arma::vec p = {0.1, 0.0, 0.6, 0.3};
        const arma::vec cdf = m::cumulativeDistribution(p);
        std::mt19937_64 rng(7);
        arma::vec counts(4, arma::fill::zeros);
        const int n = 100000;
        for (int i = 0; i < n; ++i)
            counts(m::inverseCdf(cdf, (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53)) += 1;
        QCOMPARE(counts(1), 0.0);
        // Four standard errors of a frequency at n = 1e5 is at most 0.0064.
        LEMMA_COMPARE_NEAR(counts / n, p, 0.0064);
        QCOMPARE(m::inverseCdf(cdf, 1e-300), arma::uword(0));
        QCOMPARE(m::inverseCdf(cdf, 1.0 - 1e-16), arma::uword(3));
    }

    void errors() {
        m::SamplingOptions o;
        o.top_p = 0.0;
        QCOMPARE(errorOf([&] { m::sampling(arma::vec({1.0, 2.0}), o); }),
                 std::string("sampling: top_p must be in (0, 1], got 0"));
        QCOMPARE(errorOf([] { m::sampling(arma::vec({1.0, arma::datum::nan}), {}); }),
                 std::string("sampling: logits(2) = NaN is not a logit (finite, or -Inf for a "
                             "masked token)"));
    }
};

QTEST_APPLESS_MAIN(tst_Sampling)
#include "tst_Sampling.moc"
