// Tests of central differences and the gradient check: exact gradients pass on random points
// at many scales, and an analytic gradient off by 1e-3 in one coordinate is caught there.
#include <QTest>
#include <cmath>

#include "engine/Compare.h"
#include "engine/math/GradCheck.h"

using lemma::test::errorOf;
namespace m = lemma::math;

namespace {

// f(x) = Σ log(1 + xᵢ²) + (Σ xᵢ)³ / 10 and its gradient.
double f(const arma::mat& x) {
    return arma::accu(arma::log(1.0 + arma::square(x))) + std::pow(arma::accu(x), 3) / 10.0;
}
arma::mat grad(const arma::mat& x) {
    const double s = arma::accu(x);
    return 2.0 * x / (1.0 + arma::square(x)) + 0.3 * s * s;
}

}  // namespace

class tst_GradCheck : public QObject {
    Q_OBJECT

private slots:
    void passesAndCatches() {
        for (int seed = 1; seed <= 50; ++seed) {
            arma::arma_rng::set_seed(seed);
            const double scale = std::pow(10.0, (seed % 4) - 2.0);  // 0.01 … 10
            const arma::mat x = scale * arma::randn<arma::mat>(2, 3);
            const arma::mat g = grad(x);
            const m::GradCheckResult right = m::gradcheck(f, x, g);
            QVERIFY2(right.pass, qPrintable(QString("seed %1: max rel error %2")
                                                .arg(seed)
                                                .arg(right.max_rel_error)));
            LEMMA_COMPARE_NEAR(right.numeric, g, 1e-6);
            arma::mat wrong = g;
            const arma::uword k = seed % wrong.n_elem;
            wrong(k) += 1e-3;
            const m::GradCheckResult caught = m::gradcheck(f, x, wrong);
            QVERIFY2(!caught.pass, qPrintable(QString("seed %1: missed").arg(seed)));
            QCOMPARE(caught.rel_error.index_max(), k);
        }
    }

    void jacobianAndSecondDerivative() {
        const arma::vec x = {0.3, -1.2};
        const arma::mat J = m::numericJacobian(
            [](const arma::vec& v) { return arma::vec({v(0) * v(1), std::sin(v(0))}); }, x);
        LEMMA_COMPARE_NEAR(J, arma::mat({{x(1), x(0)}, {std::cos(x(0)), 0.0}}), 1e-9);
        LEMMA_COMPARE_NEAR(m::numericSecondDerivative([](double t) { return std::exp(t); }, 0.5),
                           std::exp(0.5), 1e-7);
    }

    void errors() {
        QCOMPARE(errorOf([] { m::gradcheck(f, arma::mat(2, 2, arma::fill::ones), arma::vec(3)); }),
                 std::string("gradcheck: the analytic gradient is 3×1 but x is 2×2 (they must "
                             "have as many entries)"));
    }
};

QTEST_APPLESS_MAIN(tst_GradCheck)
#include "tst_GradCheck.moc"
