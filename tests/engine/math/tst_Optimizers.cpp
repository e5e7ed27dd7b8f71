// Tests of the optimizers, schedules and the optimal-rate theory against closed forms: gradient
// descent's contraction on a quadratic, heavy ball's spectral radius, Adam's first step,
// AdamW's decoupled decay, Rosenbrock reaching its minimum.
#include <QTest>
#include <cmath>

#include "engine/Compare.h"
#include "engine/math/OptimTheory.h"
#include "engine/math/Optimizers.h"
#include "engine/math/Problems.h"
#include "engine/math/Schedules.h"

using namespace lemma::math::optim;

namespace {

OptimizerSettings settings(Method m, double lr) {
    OptimizerSettings s;
    s.method = m;
    s.lr = lr;
    return withDefaults(s, "test");
}

}  // namespace

class TstOptimizers : public QObject {
    Q_OBJECT

private slots:
    void gradientDescentContractsAtTheOptimalRate() {
        for (double kappa : {4.0, 10.0, 100.0}) {
            const QuadraticProblem q(kappa, 2, true, 1);
            const GdOptimal opt = gdOptimal(1.0, kappa);
            LEMMA_COMPARE_NEAR(opt.rate, (kappa - 1) / (kappa + 1), 1e-15);
            Stepper stepper(settings(Method::Sgd, opt.lr), 2);
            arma::vec x = q.start();
            arma::vec g;
            const double first = arma::norm(x);
            for (arma::uword t = 1; t <= 50; ++t) {
                q.gradient(x, g);
                const double before = arma::norm(x);
                stepper.step(x, g, opt.lr, t);
                LEMMA_COMPARE_NEAR(arma::norm(x) / before, opt.rate, 1e-6);
            }
            LEMMA_COMPARE_NEAR(std::pow(arma::norm(x) / first, 1.0 / 50), opt.rate, 1e-6);
        }
    }

    void heavyBallSpectralRadius() {
        for (double kappa : {9.0, 100.0, 1000.0}) {
            const HeavyBall hb = heavyBall(1.0, kappa);
            const double root = std::sqrt(kappa);
            LEMMA_COMPARE_NEAR(hb.rate, (root - 1) / (root + 1), 1e-15);
            // The iteration (x_{t+1}, x_t) = M (x_t, x_{t-1}) on f = ½xᵀAx.
            const QuadraticProblem q(kappa, 3, true, 4);
            const arma::mat& A = q.matrix();
            const arma::uword n = A.n_rows;
            arma::mat M(2 * n, 2 * n, arma::fill::zeros);
            M.submat(0, 0, n - 1, n - 1) = (1 + hb.momentum) * arma::eye(n, n) - hb.lr * A;
            M.submat(0, n, n - 1, 2 * n - 1) = -hb.momentum * arma::eye(n, n);
            M.submat(n, 0, 2 * n - 1, n - 1) = arma::eye(n, n);
            const arma::cx_vec ev = arma::eig_gen(M);
            LEMMA_COMPARE_NEAR(arma::max(arma::abs(ev)), hb.rate, 1e-6);
            // The Stepper's momentum update is that iteration.
            OptimizerSettings s = settings(Method::Momentum, hb.lr);
            s.momentum = hb.momentum;
            Stepper exact(s, n);
            arma::vec x = q.start();
            arma::vec previous = x;
            arma::vec g;
            for (arma::uword t = 1; t <= 5; ++t) {
                const arma::vec expected =
                    M.submat(0, 0, n - 1, 2 * n - 1) * arma::join_cols(x, previous);
                previous = x;
                q.gradient(x, g);
                exact.step(x, g, hb.lr, t);
                LEMMA_COMPARE_NEAR(x, expected, 1e-12);
            }
        }
    }

    void adamsFirstStepHasMagnitudeLr() {
        const arma::vec g0 = {3.0, -1e-3, 0.0, 250.0};
        for (Method m : {Method::Adam, Method::AdamW}) {
            OptimizerSettings s = settings(m, 0.01);
            s.weight_decay = 0.0;
            s.eps = 1e-300;  // with ε the step is η·|g|/(|g| + ε)
            Stepper stepper(s, 4);
            arma::vec x = {1.0, 2.0, 3.0, 4.0};
            arma::vec g = g0;
            stepper.step(x, g, 0.01, 1);
            const arma::vec moved = arma::vec{1.0, 2.0, 3.0, 4.0} - x;
            LEMMA_COMPARE_NEAR(moved, arma::vec({0.01, -0.01, 0.0, 0.01}), 1e-15);
        }
    }

    void adamWDecayIsDecoupled() {
        OptimizerSettings s = settings(Method::AdamW, 0.1);
        s.weight_decay = 0.5;
        Stepper stepper(s, 2);
        arma::vec x = {2.0, -4.0};
        arma::vec g = {0.0, 0.0};
        // No gradient: only the decay, x ← x(1 − ηλ).
        stepper.step(x, g, 0.1, 1);
        LEMMA_COMPARE_NEAR(x, arma::vec({2.0 * 0.95, -4.0 * 0.95}), 1e-15);
        // With a gradient: the decay and then Adam's step, which ignores λ.
        Stepper fresh(s, 2);
        arma::vec y = {2.0, -4.0};
        arma::vec h = {1.0, 1.0};
        fresh.step(y, h, 0.1, 1);
        LEMMA_COMPARE_NEAR(y, arma::vec({2.0 * 0.95 - 0.1, -4.0 * 0.95 - 0.1}), 1e-8);
        // Adam with weight_decay adds λx to the gradient instead (coupled).
        OptimizerSettings coupled = settings(Method::Adam, 0.1);
        coupled.weight_decay = 0.5;
        Stepper adam(coupled, 2);
        arma::vec z = {2.0, -4.0};
        arma::vec zero = {0.0, 0.0};
        adam.step(z, zero, 0.1, 1);
        LEMMA_COMPARE_NEAR(z, arma::vec({1.9, -3.9}), 1e-8);
    }

    void updateRulesByHand() {
        // Two steps of each rule on g = (1, −2), then (0.5, 0.5), at lr 0.1.
        const arma::vec g1 = {1.0, -2.0};
        const arma::vec g2 = {0.5, 0.5};
        auto run = [&](Method m) {
            OptimizerSettings s = settings(m, 0.1);
            Stepper stepper(s, 2);
            arma::vec x = {0.0, 0.0};
            arma::vec a = g1;
            stepper.step(x, a, 0.1, 1);
            arma::vec b = g2;
            stepper.step(x, b, 0.1, 2);
            return x;
        };
        LEMMA_COMPARE_NEAR(run(Method::Sgd), arma::vec({-0.15, 0.15}), 1e-15);
        // v1 = −0.1 g1, v2 = 0.9 v1 − 0.1 g2
        LEMMA_COMPARE_NEAR(run(Method::Momentum), arma::vec({-0.1 - 0.14, 0.2 + 0.13}), 1e-15);
        // v1 = g1, x1 = −0.1(g1 + 0.9 g1); v2 = 0.9 g1 + g2, x2 = x1 − 0.1(g2 + 0.9 v2)
        LEMMA_COMPARE_NEAR(
            run(Method::Nesterov),
            arma::vec({-0.19 - 0.1 * (0.5 + 0.9 * 1.4), 0.38 - 0.1 * (0.5 + 0.9 * (-1.3))}), 1e-15);
        // AdaGrad: G1 = g1², G2 = g1² + g2²
        LEMMA_COMPARE_NEAR(
            run(Method::AdaGrad),
            arma::vec({-0.1 - 0.1 * 0.5 / std::sqrt(1.25), 0.1 - 0.1 * 0.5 / std::sqrt(4.25)}),
            1e-9);
        // RMSProp, ρ = 0.99: s1 = 0.01 g1², s2 = 0.99 s1 + 0.01 g2²
        const double s1a = 0.01, s1b = 0.04;
        const double s2a = 0.99 * s1a + 0.0025, s2b = 0.99 * s1b + 0.0025;
        LEMMA_COMPARE_NEAR(run(Method::RmsProp),
                           arma::vec({-0.1 * 1 / std::sqrt(s1a) - 0.1 * 0.5 / std::sqrt(s2a),
                                      0.1 * 2 / std::sqrt(s1b) - 0.1 * 0.5 / std::sqrt(s2b)}),
                           1e-7);
    }

    void schedules() {
        QCOMPARE(scheduleFactor(Schedule::Constant, 7, 100), 1.0);
        QCOMPARE(scheduleFactor(Schedule::InvT, 4, 100), 0.25);
        QCOMPARE(scheduleFactor(Schedule::InvSqrtT, 4, 100), 0.5);
        QCOMPARE(scheduleFactor(Schedule::Step, 49, 100), 1.0);
        LEMMA_COMPARE_NEAR(scheduleFactor(Schedule::Step, 50, 100), 0.1, 0.0);
        LEMMA_COMPARE_NEAR(scheduleFactor(Schedule::Step, 75, 100), 0.01, 0.0);
        QCOMPARE(scheduleFactor(Schedule::Cosine, 1, 100), 1.0);
        LEMMA_COMPARE_NEAR(scheduleFactor(Schedule::Cosine, 51, 100), 0.5, 1e-15);
        LEMMA_COMPARE_NEAR(scheduleFactor(Schedule::WarmupCosine, 1, 100), 0.2, 1e-15);
        LEMMA_COMPARE_NEAR(scheduleFactor(Schedule::WarmupCosine, 5, 100), 1.0, 1e-15);
        QCOMPARE(lemma::test::errorOf([] { parseSchedule("linear", "optimize"); }),
                 std::string("optimize: unknown schedule 'linear' (use \"constant\", \"inv_t\", "
                             "\"inv_sqrt_t\", \"step\", \"cosine\" or \"warmup_cosine\")"));
        QCOMPARE(lemma::test::errorOf([] { parseMethod("lbfgs", "sweep"); }),
                 std::string("sweep: unknown optimizer 'lbfgs' (use \"sgd\", \"momentum\", "
                             "\"nesterov\", \"adagrad\", \"rmsprop\", \"adam\" or \"adamw\")"));
    }

    void rosenbrockReachesItsMinimum() {
        const RosenbrockProblem r(1.0, 100.0);
        OptimizerSettings s = settings(Method::Adam, 0.02);
        Stepper stepper(s, 2);
        arma::vec x = r.start();
        arma::vec g;
        for (arma::uword t = 1; t <= 20000; ++t) {
            r.gradient(x, g);
            stepper.step(x, g, 0.02 * scheduleFactor(Schedule::Cosine, t, 20000), t);
        }
        LEMMA_COMPARE_NEAR(x, arma::vec({1.0, 1.0}), 1e-4);
    }

    void tradeoffRecoversItsCurve() {
        const arma::vec B = {8, 32, 128, 512};
        const arma::vec S = 100.0 + 6400.0 / B;
        const BatchTradeoff t = batchTradeoff(B, S);
        LEMMA_COMPARE_NEAR(t.S_min, 100.0, 1e-10);
        LEMMA_COMPARE_NEAR(t.E_min, 6400.0, 1e-9);
        LEMMA_COMPARE_NEAR(t.B_crit, 64.0, 1e-10);
        // (S/S_min − 1)(E/E_min − 1) = 1 along the curve.
        for (double b : B) {
            const double s = 100.0 + 6400.0 / b;
            LEMMA_COMPARE_NEAR((s / t.S_min - 1) * (b * s / t.E_min - 1), 1.0, 1e-9);
        }
    }

    void noiseScaleAndMinibatchVariance() {
        const LogisticProblem p(400, 5, 1.0, 2);
        const arma::vec theta(5, arma::fill::value(0.1));
        const NoiseScale ns = noiseScale(p, theta);
        arma::vec G;
        p.gradient(theta, G);
        LEMMA_COMPARE_NEAR(ns.G, G, 1e-13);
        LEMMA_COMPARE_NEAR(ns.B_noise, ns.trace_sigma / arma::dot(G, G), 1e-12);
        const MinibatchVariance v = minibatchVariance(p, theta, arma::vec{1, 10, 100}, 4000, 3);
        for (arma::uword k = 0; k < 3; ++k) {
            // 4000 draws: the measured mean is within a few percent of σ²/|B|·(n−|B|)/(n−1).
            QVERIFY2(std::abs(v.measured(k) / v.predicted_fpc(k) - 1) < 0.1,
                     qPrintable(QString::number(v.measured(k) / v.predicted_fpc(k))));
        }
        LEMMA_COMPARE_NEAR(v.predicted(0) / v.predicted(2), 100.0, 1e-12);
    }
};

QTEST_APPLESS_MAIN(TstOptimizers)
#include "tst_Optimizers.moc"
