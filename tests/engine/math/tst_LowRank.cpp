// Tests of low-rank approximation and LoRA: Eckart–Young identities, parameter counts, the
// randomized SVD's accuracy, the LoRA gradient against finite differences and the fit's floor.
#include <QTest>
#include <armadillo>
#include <cmath>
#include <string>

#include "engine/Compare.h"
#include "engine/core/Error.h"
#include "engine/math/Lora.h"
#include "engine/math/LowRank.h"
#include "engine/math/Random.h"

using namespace lemma::math;

namespace {

// U diag(σ) Vᵀ with random orthonormal U (m×p) and V (n×p), p = σ's length.
arma::mat withSpectrum(arma::uword m, arma::uword n, const arma::vec& sigma, std::uint64_t seed) {
    Random random(seed);
    arma::mat U;
    arma::mat V;
    arma::mat R;
    arma::qr_econ(U, R, random.gaussian(m, sigma.n_elem));
    arma::qr_econ(V, R, random.gaussian(n, sigma.n_elem));
    return U * arma::diagmat(sigma) * V.t();
}

using lemma::test::errorOf;

}  // namespace

class tst_LowRank : public QObject {
    Q_OBJECT

private slots:
    void eckartYoung_data() {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("r");
        QTest::addColumn<int>("seed");
        QTest::newRow("8x5 r1") << 8 << 5 << 1 << 1;
        QTest::newRow("8x5 r3") << 8 << 5 << 3 << 2;
        QTest::newRow("8x5 full") << 8 << 5 << 5 << 3;
        QTest::newRow("5x8 r2") << 5 << 8 << 2 << 4;
        QTest::newRow("40x30 r10") << 40 << 30 << 10 << 5;
        QTest::newRow("64x64 r32") << 64 << 64 << 32 << 6;
    }
    void eckartYoung() {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, r);
        QFETCH(int, seed);
        Random random(static_cast<std::uint64_t>(seed));
        const arma::mat W = random.gaussian(m, n);
        const LowRankResult lr = lowRank(W, static_cast<arma::uword>(r));
        const arma::vec s = arma::svd(W);
        const arma::uword k = static_cast<arma::uword>(r);
        const double tailFro =
            k < s.n_elem ? std::sqrt(arma::accu(arma::square(s.tail(s.n_elem - k)))) : 0.0;
        const double tailSpec = k < s.n_elem ? s(k) : 0.0;
        LEMMA_COMPARE_NEAR(lr.err_fro, lr.ey_fro, 1e-10);
        LEMMA_COMPARE_NEAR(lr.err_spec, lr.ey_spec, 1e-10);
        // err_spec is read off the SVD; the residual's measured spectral norm must agree.
        LEMMA_COMPARE_NEAR(arma::norm(W - lr.approx, 2), lr.err_spec, 1e-10);
        LEMMA_COMPARE_NEAR(lr.ey_fro, tailFro, 1e-12);
        LEMMA_COMPARE_NEAR(lr.ey_spec, tailSpec, 1e-12);
        LEMMA_COMPARE_NEAR(lr.singular_values, s, 1e-13);
        LEMMA_COMPARE_NEAR(
            lr.energy, arma::accu(arma::square(s.head(k))) / arma::accu(arma::square(s)), 1e-14);
        QCOMPARE(arma::rank(lr.approx), k);
        QCOMPARE(lr.params_full, arma::uword(m * n));
        QCOMPARE(lr.params_factored, arma::uword(r * (m + n)));
        QCOMPARE(lr.ratio, double(m * n) / double(r * (m + n)));
    }

    void rankDeficientHasZeroFloor() {
        Random random(9);
        const arma::mat W = random.gaussian(10, 3) * random.gaussian(3, 8);
        const LowRankResult lr = lowRank(W, 3);
        QCOMPARE(lr.ey_fro, 0.0);
        QCOMPARE(lr.ey_spec, 0.0);
        QVERIFY(lr.err_fro < 1e-12 * lr.singular_values(0));
        LEMMA_COMPARE_NEAR(lr.approx, W, 1e-13);
        LEMMA_COMPARE_NEAR(lr.energy, 1.0, 1e-14);
    }

    void loraParams_data() {
        QTest::addColumn<int>("d");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("r");
        QTest::addColumn<qulonglong>("full");
        QTest::addColumn<qulonglong>("lora");
        QTest::addColumn<double>("ratio");
        QTest::newRow("4096 r8") << 4096 << 4096 << 8 << 16777216ull << 65536ull << 256.0;
        QTest::newRow("4096 r1") << 4096 << 4096 << 1 << 16777216ull << 8192ull << 2048.0;
        QTest::newRow("4096 r64") << 4096 << 4096 << 64 << 16777216ull << 524288ull << 32.0;
        QTest::newRow("768x3072 r4") << 768 << 3072 << 4 << 2359296ull << 15360ull << 153.6;
        QTest::newRow("2x2 r2") << 2 << 2 << 2 << 4ull << 8ull << 0.5;
    }
    void loraParams() {
        QFETCH(int, d);
        QFETCH(int, k);
        QFETCH(int, r);
        QFETCH(qulonglong, full);
        QFETCH(qulonglong, lora);
        QFETCH(double, ratio);
        const LoraParams p = lemma::math::loraParams(d, k, r);
        QCOMPARE(qulonglong(p.full), full);
        QCOMPARE(qulonglong(p.lora), lora);
        LEMMA_COMPARE_NEAR(p.ratio, ratio, 1e-15);
    }

    void rsvdRecoversExactRank_data() {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("r");
        QTest::addColumn<int>("power");
        QTest::newRow("200x150 r10") << 200 << 150 << 10 << 2;
        QTest::newRow("150x200 r5 q0") << 150 << 200 << 5 << 0;
        QTest::newRow("60x60 r55 (sketch clipped)") << 60 << 60 << 55 << 1;
    }
    void rsvdRecoversExactRank() {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, r);
        QFETCH(int, power);
        Random random(static_cast<std::uint64_t>(m + n + r));
        const arma::mat W = random.gaussian(m, r) * random.gaussian(r, n);
        RsvdOptions options;
        options.power = static_cast<arma::uword>(power);
        options.seed = 17;
        const RsvdResult f = rsvd(W, static_cast<arma::uword>(r), options);
        QCOMPARE(f.U.n_rows, arma::uword(m));
        QCOMPARE(f.U.n_cols, arma::uword(r));
        QCOMPARE(f.V.n_rows, arma::uword(n));
        LEMMA_COMPARE_NEAR(arma::mat(f.U * arma::diagmat(f.s) * f.V.t()), W, 1e-8);
        LEMMA_COMPARE_NEAR(arma::mat(f.U.t() * f.U), arma::eye(r, r), 1e-12);
        LEMMA_COMPARE_NEAR(arma::mat(f.V.t() * f.V), arma::eye(r, r), 1e-12);
        const arma::vec s = arma::svd(W);
        LEMMA_COMPARE_NEAR(f.s, arma::vec(s.head(r)), 1e-10);
    }

    void rsvdNearOptimalOnDecayingSpectrum_data() {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("r");
        QTest::addColumn<double>("decay");
        QTest::newRow("300x200 r20 exp") << 300 << 200 << 20 << 0.0;
        QTest::newRow("400x300 r32 power-law") << 400 << 300 << 32 << 1.0;
    }
    void rsvdNearOptimalOnDecayingSpectrum() {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, r);
        QFETCH(double, decay);
        const arma::uword p = static_cast<arma::uword>(std::min(m, n));
        const arma::vec i = arma::regspace<arma::vec>(0, static_cast<double>(p) - 1);
        // σᵢ = exp(−i/10), or a slow power law σᵢ = (i + 1)⁻¹ (the harder case).
        const arma::vec sigma =
            decay == 0.0 ? arma::vec(arma::exp(-i / 10.0)) : arma::vec(1.0 / (i + 1.0));
        const arma::mat W = withSpectrum(m, n, sigma, 23);
        const RsvdResult f = rsvd(W, static_cast<arma::uword>(r));
        const arma::mat residual = W - f.U * arma::diagmat(f.s) * f.V.t();
        const double optimalFro = std::sqrt(arma::accu(arma::square(sigma.tail(p - r))));
        const double optimalSpec = sigma(r);
        const double fro = arma::norm(residual, "fro");
        const double spec = arma::norm(residual, 2);
        QVERIFY2(fro <= 1.01 * optimalFro,
                 qPrintable(QString("fro %1 vs optimal %2").arg(fro).arg(optimalFro)));
        QVERIFY2(spec <= 1.01 * optimalSpec,
                 qPrintable(QString("spec %1 vs optimal %2").arg(spec).arg(optimalSpec)));
    }

    void rankErrors() {
        QCOMPARE(errorOf([] { lowRank(arma::ones(3, 5), 0); }),
                 std::string("lowrank: rank 0 is out of range for a 3×5 matrix (it must be "
                             "between 1 and 3)"));
        QCOMPARE(errorOf([] { lowRank(arma::ones(3, 5), 4); }),
                 std::string("lowrank: rank 4 is out of range for a 3×5 matrix (it must be "
                             "between 1 and 3)"));
        QCOMPARE(errorOf([] { rsvd(arma::ones(6, 4), 5); }),
                 std::string("rsvd: rank 5 is out of range for a 6×4 matrix (it must be between "
                             "1 and 4)"));
        QCOMPARE(errorOf([] { lowRank(arma::mat(), 1); }), std::string("lowrank: W is empty"));
    }

    void loraGradientMatchesFiniteDifferences() {
        Random random(31);
        const arma::mat W0 = random.gaussian(6, 5);
        const arma::mat T = random.gaussian(6, 5);
        const arma::mat B = random.gaussian(6, 2);
        const arma::mat A = random.gaussian(2, 5);
        const double scale = 1.5;
        const LoraGradient g = loraGradient(W0, T, B, A, scale);
        const double h = 1e-6;
        arma::mat numericB(arma::size(B));
        for (arma::uword i = 0; i < B.n_elem; ++i) {
            arma::mat plus = B;
            arma::mat minus = B;
            plus(i) += h;
            minus(i) -= h;
            numericB(i) =
                (loraLoss(W0, T, plus, A, scale) - loraLoss(W0, T, minus, A, scale)) / (2 * h);
        }
        arma::mat numericA(arma::size(A));
        for (arma::uword i = 0; i < A.n_elem; ++i) {
            arma::mat plus = A;
            arma::mat minus = A;
            plus(i) += h;
            minus(i) -= h;
            numericA(i) =
                (loraLoss(W0, T, B, plus, scale) - loraLoss(W0, T, B, minus, scale)) / (2 * h);
        }
        LEMMA_COMPARE_NEAR(g.B, numericB, 1e-7);
        LEMMA_COMPARE_NEAR(g.A, numericA, 1e-7);
    }

    void loraFitApproachesFloor_data() {
        QTest::addColumn<QString>("optimizer");
        QTest::addColumn<double>("lr");
        QTest::addColumn<int>("steps");
        QTest::newRow("adam") << "adam" << 1e-2 << 3000;
        QTest::newRow("sgd") << "sgd" << 0.05 << 3000;
    }
    void loraFitApproachesFloor() {
        QFETCH(QString, optimizer);
        QFETCH(double, lr);
        QFETCH(int, steps);
        Random random(41);
        const arma::mat W0 = random.gaussian(20, 15);
        // A full-rank target update with a decaying spectrum: rank 3 cannot fit it exactly.
        const arma::vec sigma = {3.0, 2.0, 1.5, 0.4, 0.3, 0.2, 0.1};
        const arma::mat delta = withSpectrum(20, 15, sigma, 43);
        LoraFitOptions options;
        options.rank = 3;
        options.alpha = 6.0;
        options.lr = lr;
        options.steps = static_cast<arma::uword>(steps);
        options.optimizer = parseOptimizer(optimizer.toStdString());
        options.seed = 3;
        int calls = 0;
        options.progress = [&](double) { ++calls; };
        const LoraFitResult fit = loraFit(W0, W0 + delta, options);
        QCOMPARE(fit.loss.n_elem, arma::uword(steps + 1));
        QCOMPARE(fit.scale, 2.0);
        LEMMA_COMPARE_NEAR(fit.loss(0), 0.5 * arma::accu(arma::square(sigma)), 1e-12);
        LEMMA_COMPARE_NEAR(fit.floor, 0.5 * (0.16 + 0.09 + 0.04 + 0.01), 1e-12);
        QCOMPARE(calls, 100);
        QVERIFY(fit.loss(steps) < fit.loss(0));
        QVERIFY(fit.loss.min() >= fit.floor * (1 - 1e-9));  // nothing beats Eckart–Young
        QVERIFY2(fit.loss(steps) < fit.floor * 1.01,
                 qPrintable(QString("final %1, floor %2").arg(fit.loss(steps)).arg(fit.floor)));
        // The returned factors reproduce the last loss.
        LEMMA_COMPARE_NEAR(loraLoss(W0, W0 + delta, fit.B, fit.A, fit.scale), fit.loss(steps),
                           1e-12);
    }

    void loraFitErrors() {
        const arma::mat W(4, 3, arma::fill::ones);
        QCOMPARE(errorOf([] { parseOptimizer("lbfgs"); }),
                 std::string("lora_fit: unknown optimizer 'lbfgs' (use \"adam\" or \"sgd\")"));
        QCOMPARE(errorOf([&] { loraFit(W, arma::ones(3, 4)); }),
                 std::string("lora_fit: W0 is 4×3 but Wtarget is 3×4 (their shapes must match)"));
        LoraFitOptions options;
        options.rank = 4;
        QCOMPARE(errorOf([&] { loraFit(W, W, options); }),
                 std::string("lora_fit: rank 4 is out of range for a 4×3 matrix (it must be "
                             "between 1 and 3)"));
        options.rank = 2;
        options.optimizer = Optimizer::Sgd;
        options.lr = 1e6;
        options.steps = 100;
        QVERIFY(errorOf([&] {
                    loraFit(W, Random(5).gaussian(4, 3, 10.0), options);
                }).starts_with("lora_fit: the loss diverged at step "));
    }
};

QTEST_APPLESS_MAIN(tst_LowRank)
#include "tst_LowRank.moc"
