// Tests of the optimization problems: finite-difference checks of every gradient, minibatch
// gradients averaging to the full gradient over a partition, and the problems' closed forms.
#include <QTest>
#include <cmath>
#include <memory>

#include "engine/Compare.h"
#include "engine/math/Problems.h"
#include "engine/math/Random.h"

using namespace lemma::math::optim;

namespace {

// Central differences of the loss at x.
arma::vec numericGradient(const Problem& p, const arma::vec& x) {
    arma::vec g(x.n_elem);
    for (arma::uword i = 0; i < x.n_elem; ++i) {
        const double h = 1e-6 * std::max(1.0, std::abs(x(i)));
        arma::vec a = x;
        arma::vec b = x;
        a(i) += h;
        b(i) -= h;
        g(i) = (p.loss(a) - p.loss(b)) / (2 * h);
    }
    return g;
}

std::shared_ptr<Problem> make(int which) {
    switch (which) {
        case 0:
            return std::make_shared<QuadraticProblem>(10.0, 5, true, 3);
        case 1:
            return std::make_shared<RosenbrockProblem>(1.0, 100.0);
        case 2:
            return std::make_shared<LogisticProblem>(60, 4, 0.5, 7);
        case 3:
            return std::make_shared<SoftmaxProblem>(60, 4, 3, 0.5, 7);
        case 4:
            return std::make_shared<MlpProblem>(60, 3, 5, 0.1, 7);
        default:
            return std::make_shared<UserProblem>(
                [](const arma::vec& x) { return arma::accu(arma::pow(x, 4)); },
                [](const arma::vec& x) { return arma::vec(4 * arma::pow(x, 3)); }, arma::vec{1, 2});
    }
}

}  // namespace

class TstProblems : public QObject {
    Q_OBJECT

private slots:
    void gradientMatchesFiniteDifferences_data() {
        QTest::addColumn<int>("which");
        const char* names[] = {"quadratic", "rosenbrock", "logistic", "softmax", "mlp", "user"};
        for (int i = 0; i < 6; ++i)
            QTest::newRow(names[i]) << i;
    }
    void gradientMatchesFiniteDifferences() {
        QFETCH(int, which);
        const auto p = make(which);
        lemma::math::Random random(11);
        for (int trial = 0; trial < 3; ++trial) {
            const arma::vec x = p->start() + 0.3 * random.gaussian(p->dim(), 1);
            arma::vec g;
            const double f = p->gradient(x, g);
            LEMMA_COMPARE_NEAR(f, p->loss(x), 1e-14);
            LEMMA_COMPARE_NEAR(g, numericGradient(*p, x), 1e-6);
        }
    }

    void minibatchGradientsAverageToTheFullGradient_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<int>("batch");
        QTest::newRow("logistic 12") << 2 << 12;
        QTest::newRow("logistic 1") << 2 << 1;
        QTest::newRow("softmax 20") << 3 << 20;
        QTest::newRow("mlp 15") << 4 << 15;
    }
    void minibatchGradientsAverageToTheFullGradient() {
        QFETCH(int, which);
        QFETCH(int, batch);
        const auto p = make(which);
        const arma::uword n = p->examples();
        QCOMPARE(n % static_cast<arma::uword>(batch), arma::uword(0));
        lemma::math::Random random(5);
        const arma::vec x = p->start() + 0.5 * random.gaussian(p->dim(), 1);
        // A shuffled partition of the examples into batches.
        arma::uvec order = arma::regspace<arma::uvec>(0, n - 1);
        for (arma::uword i = n - 1; i > 0; --i)
            std::swap(order(i), order(random.generator()() % (i + 1)));
        Scratch scratch;
        arma::vec g;
        arma::vec sum(p->dim(), arma::fill::zeros);
        double lossSum = 0.0;
        for (arma::uword first = 0; first < n; first += batch) {
            lossSum += p->batchGradient(x, order.memptr() + first, batch, g, scratch);
            sum += g;
        }
        const double batches = static_cast<double>(n / batch);
        arma::vec full;
        const double loss = p->gradient(x, full);
        LEMMA_COMPARE_NEAR(sum / batches, full, 1e-12);
        LEMMA_COMPARE_NEAR(lossSum / batches, loss, 1e-12);
    }

    void lossesOfManyPointsMatchOneByOne() {
        for (int which = 0; which < 5; ++which) {
            const auto p = make(which);
            lemma::math::Random random(2);
            const arma::mat X = random.gaussian(p->dim(), 4);
            const arma::vec all = p->losses(X);
            for (arma::uword j = 0; j < 4; ++j)
                LEMMA_COMPARE_NEAR(all(j), p->loss(arma::vec(X.col(j))), 1e-12);
        }
    }

    void quadraticHasItsEigenvalues() {
        const QuadraticProblem q(25.0, 4, true, 9);
        LEMMA_COMPARE_NEAR(arma::eig_sym(q.matrix()), arma::vec({1.0, 9.0, 17.0, 25.0}), 1e-12);
        const QuadraticProblem plain(4.0, 2, false);
        LEMMA_COMPARE_NEAR(plain.matrix(), arma::mat({{1, 0}, {0, 4}}), 0.0);
        LEMMA_COMPARE_NEAR(plain.loss(arma::vec{1, 1}), 2.5, 1e-15);
    }

    void rosenbrockMinimum() {
        const RosenbrockProblem r(2.0, 50.0);
        arma::vec g;
        QCOMPARE(r.gradient(arma::vec{2.0, 4.0}, g), 0.0);
        LEMMA_COMPARE_NEAR(g, arma::vec({0.0, 0.0}), 0.0);
        LEMMA_COMPARE_NEAR(r.loss(arma::vec{0.0, 0.0}), 4.0, 1e-15);
    }

    void logisticLossAtZeroIsLog2() {
        const LogisticProblem p(100, 5, 1.0, 3);
        LEMMA_COMPARE_NEAR(p.loss(p.start()), std::log(2.0), 1e-15);
        const SoftmaxProblem s(100, 5, 4, 1.0, 3);
        LEMMA_COMPARE_NEAR(s.loss(s.start()), std::log(4.0), 1e-14);
    }

    void sameSeedSameData() {
        const LogisticProblem a(50, 3, 1.0, 4);
        const LogisticProblem b(50, 3, 1.0, 4);
        QVERIFY(arma::approx_equal(a.data(), b.data(), "absdiff", 0.0));
        const LogisticProblem c(50, 3, 1.0, 5);
        QVERIFY(!arma::approx_equal(a.data(), c.data(), "absdiff", 0.0));
    }

    void badParametersAreNamed() {
        using lemma::test::errorOf;
        QCOMPARE(errorOf([] { QuadraticProblem(0.5, 2, false); }),
                 std::string("quadratic: kappa must be a finite number ≥ 1"));
        QCOMPARE(errorOf([] { LogisticProblem(0, 2, 1.0, 1); }),
                 std::string("logistic: n and d must be at least 1"));
        QCOMPARE(errorOf([] { SoftmaxProblem(10, 2, 1, 1.0, 1); }),
                 std::string("softmax_regression: classes must be between 2 and 1000"));
        QCOMPARE(errorOf([] { MlpProblem(10, 2, 3, -1.0, 1); }),
                 std::string("mlp: noise must be a finite number ≥ 0"));
    }
};

QTEST_APPLESS_MAIN(TstProblems)
#include "tst_Problems.moc"
