// Tests of the seeded generators: the same numbers for a seed in every run and thread, the
// moments, tails and Kolmogorov–Smirnov distance of large normal and uniform samples.
#include <QTest>
#include <algorithm>
#include <armadillo>
#include <cmath>
#include <random>
#include <thread>
#include <vector>

#include "engine/Compare.h"
#include "engine/math/Random.h"
#include "engine/math/Xoshiro256.h"

using namespace lemma::math;

namespace {

double normalCdf(double x) {
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

// sup |F_n(x) − F(x)| of the sample against the continuous distribution function F.
template <class Cdf>
double kolmogorovSmirnov(arma::vec sample, Cdf cdf) {
    sample = arma::sort(sample);
    const double n = static_cast<double>(sample.n_elem);
    double d = 0.0;
    for (arma::uword i = 0; i < sample.n_elem; ++i) {
        const double f = cdf(sample(i));
        d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
    }
    return d;
}

}  // namespace

class tst_Random : public QObject {
    Q_OBJECT

private slots:
    void sameSeedSameNumbers() {
        QVERIFY(arma::approx_equal(Random(42).gaussian(300, 7), Random(42).gaussian(300, 7),
                                   "absdiff", 0.0));
        QVERIFY(!arma::approx_equal(Random(42).gaussian(300, 7), Random(43).gaussian(300, 7),
                                    "absdiff", 0.0));
        // The stream is fixed: these are the first draws of seed 1 in every run and on every
        // platform (IEEE doubles, integer arithmetic and exp/log only in the rare slow path).
        const arma::mat first = Random(1).gaussian(1, 4);
        const double expected[] = {0.3193099952657536, 0.11535648971684576, 1.0061513036891032,
                                   -1.1839920947928844};
        Random again(1);
        for (arma::uword i = 0; i < 4; ++i) {
            QCOMPARE(first(i), expected[i]);
            QCOMPARE(again.normal(), expected[i]);
        }
        std::mt19937_64 engine(1);
        const arma::mat u = uniformMatrix(engine, 1, 2);
        QCOMPARE(u(0), 0.69651376817689958);
        QCOMPARE(u(1), 0.15451031783043795);
        // Streams of one seed differ.
        Xoshiro256 a(5, 0);
        Xoshiro256 b(5, 1);
        QVERIFY(a() != b());
    }

    void matricesTakeOneWordOfTheRunsGenerator() {
        std::mt19937_64 engine(7);
        std::mt19937_64 reference(7);
        const arma::mat z = gaussianMatrix(engine, 100, 3);
        const arma::mat u = uniformMatrix(engine, 100, 3);
        reference.discard(2);
        QCOMPARE(engine(), reference());
        std::mt19937_64 replay(7);
        QVERIFY(arma::approx_equal(gaussianMatrix(replay, 100, 3), z, "absdiff", 0.0));
        QVERIFY(arma::approx_equal(uniformMatrix(replay, 100, 3), u, "absdiff", 0.0));
    }

    void independentOfThreads() {
        const arma::mat expected = Random(2024).gaussian(20000, 1);
        for (unsigned threads : {1u, 2u, 4u, 8u}) {
            std::vector<arma::mat> results(threads);
            std::vector<std::thread> pool;
            for (unsigned t = 0; t < threads; ++t) {
                pool.emplace_back([&results, t] { results[t] = Random(2024).gaussian(20000, 1); });
            }
            for (std::thread& thread : pool) {
                thread.join();
            }
            for (const arma::mat& r : results) {
                QVERIFY(arma::approx_equal(r, expected, "absdiff", 0.0));
            }
        }
    }

    void normalMomentsAndTails() {
        const arma::uword n = 1u << 22;
        const arma::vec z = Random(99).gaussian(n, 1);
        const double N = static_cast<double>(n);
        const double mean = arma::mean(z);
        const arma::vec c = z - mean;
        const double var = arma::accu(arma::square(c)) / N;
        const double skew = arma::accu(arma::pow(c, 3)) / N / std::pow(var, 1.5);
        const double kurt = arma::accu(arma::pow(c, 4)) / N / (var * var) - 3.0;
        // Five standard errors of each sample moment of N(0, 1).
        QVERIFY2(std::abs(mean) < 5.0 / std::sqrt(N), qPrintable(QString::number(mean)));
        QVERIFY2(std::abs(var - 1.0) < 5.0 * std::sqrt(2.0 / N), qPrintable(QString::number(var)));
        QVERIFY2(std::abs(skew) < 5.0 * std::sqrt(6.0 / N), qPrintable(QString::number(skew)));
        QVERIFY2(std::abs(kurt) < 5.0 * std::sqrt(24.0 / N), qPrintable(QString::number(kurt)));
        // The ziggurat's tail (beyond r = 3.654…) and a wedge-heavy band have the right mass.
        for (const double t : {1.0, 2.5, 3.6541528853610088, 4.5}) {
            const double p = std::erfc(t / std::sqrt(2.0));
            const double count = static_cast<double>(arma::accu(arma::abs(z) > t));
            QVERIFY2(
                std::abs(count - N * p) < 5.0 * std::sqrt(N * p * (1 - p)) + 1.0,
                qPrintable(QString("beyond %1: %2, expected %3").arg(t).arg(count).arg(N * p)));
        }
        // Kolmogorov–Smirnov: 1.95/√N is the 0.1% critical value.
        const double d = kolmogorovSmirnov(z, normalCdf);
        QVERIFY2(d < 1.95 / std::sqrt(N), qPrintable(QString::number(d)));
        // The sign is its own bit: the halves are symmetric.
        QVERIFY(std::abs(static_cast<double>(arma::accu(z > 0.0)) - N / 2) <
                5.0 * std::sqrt(N) / 2);
    }

    void normalKolmogorovSmirnovOverSeeds() {
        // Many moderate samples: the statistic stays below the 0.1% critical value for all.
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            const arma::vec z = Random(seed).gaussian(20000, 1);
            QVERIFY2(kolmogorovSmirnov(z, normalCdf) < 1.95 / std::sqrt(20000.0),
                     qPrintable(QString("seed %1").arg(seed)));
        }
    }

    void uniformDistribution() {
        std::mt19937_64 engine(11);
        const arma::uword n = 1u << 20;
        const arma::vec u = arma::vectorise(uniformMatrix(engine, n, 1));
        QVERIFY(u.min() > 0.0);
        QVERIFY(u.max() < 1.0);
        const double N = static_cast<double>(n);
        QVERIFY(std::abs(arma::mean(u) - 0.5) < 5.0 * std::sqrt(1.0 / 12.0 / N));
        QVERIFY(std::abs(arma::var(u) - 1.0 / 12.0) < 5.0 * std::sqrt(1.0 / 180.0 / N));
        const double d = kolmogorovSmirnov(u, [](double x) { return x; });
        QVERIFY2(d < 1.95 / std::sqrt(N), qPrintable(QString::number(d)));
        Xoshiro256 g(3);
        for (int i = 0; i < 1000; ++i) {
            const double x = g.uniform();
            QVERIFY(x >= 0.0 && x < 1.0);
        }
    }
};

QTEST_APPLESS_MAIN(tst_Random)
#include "tst_Random.moc"
