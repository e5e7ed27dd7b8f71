// Tests of optimizer runs and sweeps: records, divergence, the same curves whatever the number
// of threads, and cancellation within a step of each run.
#include <QTest>
#include <atomic>
#include <cmath>

#include "engine/Compare.h"
#include "engine/math/Sweep.h"

using namespace lemma::math::optim;

namespace {

RunSpec spec(Method m, double lr, arma::uword batch, std::uint64_t seed) {
    OptimizerSettings s;
    s.method = m;
    s.lr = lr;
    return {withDefaults(s, "test"), Schedule::Constant, batch, seed};
}

std::vector<RunSpec> someSpecs() {
    std::vector<RunSpec> specs;
    for (Method m : {Method::Sgd, Method::Momentum, Method::Adam}) {
        for (arma::uword b : {4, 32}) {
            for (std::uint64_t seed : {1, 2})
                specs.push_back(spec(m, m == Method::Adam ? 0.01 : 0.1, b, seed));
        }
    }
    return specs;
}

bool same(const arma::mat& a, const arma::mat& b) {
    if (arma::size(a) != arma::size(b))
        return false;
    for (arma::uword i = 0; i < a.n_elem; ++i) {
        if (!(a(i) == b(i) || (std::isnan(a(i)) && std::isnan(b(i)))))
            return false;
    }
    return true;
}

}  // namespace

class TstSweep : public QObject {
    Q_OBJECT

private slots:
    void recordsHaveTheirShapes() {
        const LogisticProblem p(200, 3, 1.0, 1);
        SweepOptions o;
        o.steps = 120;
        o.evalEvery = 50;
        o.recordPath = true;
        const std::vector<RunRecord> r = runAll(p, {spec(Method::Sgd, 0.5, 10, 3)}, o);
        QCOMPARE(r.size(), std::size_t(1));
        QCOMPARE(r[0].loss.n_elem, arma::uword(120));
        QCOMPARE(r[0].full_loss.n_elem, arma::uword(4));  // steps 0, 50, 100, 120
        LEMMA_COMPARE_NEAR(arma::conv_to<arma::vec>::from(evalSteps(120, 50)),
                           arma::vec({0, 50, 100, 120}), 0.0);
        LEMMA_COMPARE_NEAR(r[0].full_loss(0), std::log(2.0), 1e-14);
        QCOMPARE(r[0].path.n_rows, arma::uword(121));
        LEMMA_COMPARE_NEAR(arma::vec(r[0].path.row(120).t()), r[0].x, 0.0);
        LEMMA_COMPARE_NEAR(r[0].full_loss(3), p.loss(r[0].x), 1e-12);
        QVERIFY(r[0].full_loss(3) < 0.5 * std::log(2.0));
        QCOMPARE(r[0].diverged, arma::uword(0));
        QCOMPARE(r[0].stepsDone, arma::uword(120));
    }

    void divergenceIsReportedNotRecorded() {
        const QuadraticProblem q(10.0, 2, false);
        SweepOptions o;
        o.steps = 500;
        const std::vector<RunRecord> r = runAll(q, {spec(Method::Sgd, 0.5, 1, 1)}, o);
        QVERIFY(r[0].diverged > 1);
        QVERIFY(r[0].diverged < 500);
        QVERIFY(std::isnan(r[0].loss(r[0].diverged)));
        QVERIFY(r[0].loss.head(r[0].diverged - 1).is_finite());
        QVERIFY(std::isnan(r[0].full_loss(r[0].full_loss.n_elem - 1)));
    }

    void sameSeedSameCurvesWhateverTheThreads() {
        const LogisticProblem p(300, 4, 1.0, 2);
        SweepOptions o;
        o.steps = 230;
        o.evalEvery = 20;
        o.threads = 1;
        const std::vector<RunRecord> one = runAll(p, someSpecs(), o);
        o.threads = 2;
        const std::vector<RunRecord> two = runAll(p, someSpecs(), o);
        o.threads = 5;
        const std::vector<RunRecord> five = runAll(p, someSpecs(), o);
        for (std::size_t i = 0; i < one.size(); ++i) {
            QVERIFY(same(one[i].loss, two[i].loss));
            QVERIFY(same(one[i].full_loss, two[i].full_loss));
            QVERIFY(same(one[i].grad_norm, two[i].grad_norm));
            QVERIFY(same(one[i].x, two[i].x));
            QVERIFY(same(one[i].loss, five[i].loss));
            QVERIFY(same(one[i].x, five[i].x));
        }
        // Different seeds order the examples differently.
        QVERIFY(!same(one[0].loss, one[1].loss));
    }

    void cancelStopsEveryRunWithinAStep() {
        const LogisticProblem p(2000, 20, 1.0, 3);
        std::vector<RunSpec> specs;
        for (std::uint64_t seed = 1; seed <= 16; ++seed)
            specs.push_back(spec(Method::Adam, 1e-3, 8, seed));
        std::atomic<bool> cancel{false};
        std::atomic<std::uint64_t> counter{0};
        std::uint64_t atCancel = 0;
        SweepOptions o;
        o.steps = 1000000;
        o.evalEvery = 1000000;
        o.threads = 2;
        o.cancel = &cancel;
        o.stepCounter = &counter;
        o.poll = [&](double) {
            if (!cancel && counter > 2000) {
                cancel = true;
                atCancel = counter;
            }
        };
        bool cancelled = false;
        try {
            runAll(p, specs, o);
        } catch (const lemma::Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QVERIFY(atCancel > 2000);
        // Each of the two workers may finish the step it was taking.
        QVERIFY2(counter - atCancel <= 2,
                 qPrintable(QString("%1 steps after the cancel").arg(counter - atCancel)));
    }

    void cancelByThrowingFromThePoll() {
        const LogisticProblem p(2000, 20, 1.0, 3);
        std::vector<RunSpec> specs(8, spec(Method::Sgd, 0.1, 16, 1));
        std::atomic<std::uint64_t> counter{0};
        SweepOptions o;
        o.steps = 1000000;
        o.stepCounter = &counter;
        o.poll = [&](double fraction) {
            QVERIFY(fraction >= 0 && fraction < 1);
            if (counter > 1000)
                throw lemma::Cancelled();
        };
        bool cancelled = false;
        try {
            runAll(p, specs, o);
        } catch (const lemma::Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QVERIFY(counter < 8000000);
    }

    void userProblemRunsSerially() {
        int calls = 0;
        const UserProblem p(
            [&calls](const arma::vec& x) {
                ++calls;
                return 0.5 * arma::dot(x, x);
            },
            [](const arma::vec& x) { return x; }, arma::vec{2.0, -2.0});
        SweepOptions o;
        o.steps = 10;
        o.evalEvery = 5;
        const std::vector<RunRecord> r =
            runAll(p, {spec(Method::Sgd, 0.5, 1, 1), spec(Method::Sgd, 0.25, 1, 1)}, o);
        // x_t = (1 − η)ᵗ x₀
        LEMMA_COMPARE_NEAR(r[0].x, std::pow(0.5, 10) * arma::vec({2.0, -2.0}), 1e-15);
        LEMMA_COMPARE_NEAR(r[1].x, std::pow(0.75, 10) * arma::vec({2.0, -2.0}), 1e-15);
        QVERIFY(calls > 0);
    }

    void badArguments() {
        const QuadraticProblem q(10.0, 2, false);
        SweepOptions o;
        o.x0 = arma::vec{1.0, 2.0, 3.0};
        QCOMPARE(lemma::test::errorOf([&] { runAll(q, {spec(Method::Sgd, 0.1, 1, 1)}, o); }),
                 std::string("x0 must have 2 entries, got 3"));
    }
};

QTEST_APPLESS_MAIN(TstSweep)
#include "tst_Sweep.moc"
