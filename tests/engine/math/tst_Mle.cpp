// Tests of the closed-form maximum-likelihood estimates against values worked out by hand, their
// standard errors and Wald intervals, log-likelihoods, and errors naming the bad entry.
#include <QTest>
#include <cmath>

#include "engine/Compare.h"
#include "engine/math/Mle.h"

using lemma::test::errorOf;
namespace m = lemma::math;
using Model = lemma::math::LikelihoodModel;

class tst_Mle : public QObject {
    Q_OBJECT

private slots:
    void bernoulli() {
        // 6 of 8: p̂ = 3/4, se = √(3/4 · 1/4 / 8), log L = 6 log ¾ + 2 log ¼.
        const m::MleResult r = m::mle(arma::vec({1, 0, 1, 1, 0, 1, 1, 1}), Model::Bernoulli);
        LEMMA_COMPARE_NEAR(r.estimate(0), 0.75, 1e-15);
        LEMMA_COMPARE_NEAR(r.se(0), std::sqrt(0.75 * 0.25 / 8), 1e-15);
        LEMMA_COMPARE_NEAR(r.loglik, 6 * std::log(0.75) + 2 * std::log(0.25), 1e-14);
        LEMMA_COMPARE_NEAR(r.ci, arma::mat({{0.75 - m::kWald95 * r.se(0), 0.75 + m::kWald95 * r.se(0)}}),
                           1e-15);
        QVERIFY(!r.unbiased_var);
    }

    void gaussian() {
        // [1 2 3 4]: μ̂ = 2.5, σ̂² = 1.25, s² = 5/3, se = (√(1.25/4), 1.25 √(2/4)).
        const m::MleResult r = m::mle(arma::vec({1, 2, 3, 4}), Model::Gaussian);
        LEMMA_COMPARE_NEAR(r.estimate, arma::rowvec({2.5, 1.25}), 1e-15);
        LEMMA_COMPARE_NEAR(*r.unbiased_var, 5.0 / 3.0, 1e-15);
        LEMMA_COMPARE_NEAR(r.se, arma::rowvec({std::sqrt(1.25 / 4), 1.25 * std::sqrt(0.5)}), 1e-15);
        LEMMA_COMPARE_NEAR(r.loglik, -2.0 * std::log(2 * arma::datum::pi * 1.25) - 2.0, 1e-14);
        QCOMPARE(r.ci.n_rows, arma::uword(2));
        // The estimate maximises the log-likelihood.
        const double best = m::logLikelihood(Model::Gaussian, arma::vec({1, 2, 3, 4}),
                                             arma::vec({2.5, 1.25}));
        for (const double dm : {-0.1, 0.1})
            for (const double dv : {-0.1, 0.0, 0.1})
                QVERIFY(m::logLikelihood(Model::Gaussian, arma::vec({1, 2, 3, 4}),
                                         arma::vec({2.5 + dm, 1.25 + dv})) < best);
    }

    void categoricalAndPoisson() {
        const m::MleResult c = m::mle(arma::vec({1, 2, 2, 3, 3, 3}), Model::Categorical);
        LEMMA_COMPARE_NEAR(c.estimate, arma::rowvec({1.0, 2.0, 3.0}) / 6.0, 1e-15);
        LEMMA_COMPARE_NEAR(c.loglik, std::log(1.0 / 6) + 2 * std::log(2.0 / 6) + 3 * std::log(0.5),
                           1e-14);
        QCOMPARE(c.ci.n_rows, arma::uword(3));
        // Poisson [0 1 2 3]: λ̂ = 1.5, log L = 6 log 1.5 − 6 − log(0!1!2!3!).
        const m::MleResult p = m::mle(arma::vec({0, 1, 2, 3}), Model::Poisson);
        LEMMA_COMPARE_NEAR(p.estimate(0), 1.5, 1e-15);
        LEMMA_COMPARE_NEAR(p.se(0), std::sqrt(1.5 / 4), 1e-15);
        LEMMA_COMPARE_NEAR(p.loglik, 6 * std::log(1.5) - 6 - std::log(12.0), 1e-14);
    }

    void errors() {
        QCOMPARE(errorOf([] { m::mle(arma::vec({1, 0, 2}), Model::Bernoulli); }),
                 std::string("mle: data(3) = 2 is not 0 or 1 (Bernoulli data)"));
        QCOMPARE(errorOf([] { m::mle(arma::vec({1, 0.5}), Model::Poisson); }),
                 std::string("mle: data(2) = 0.5 is not a count 0, 1, 2, … (Poisson data)"));
        QCOMPARE(errorOf([] { m::mle(arma::vec({3, 3}), Model::Gaussian); }),
                 std::string("mle: the data are all equal, so the Gaussian's variance estimate is "
                             "0"));
        QCOMPARE(errorOf([] { m::likelihoodModel("normal", "mle"); }),
                 std::string("mle: unknown model \"normal\" (choose \"bernoulli\", "
                             "\"categorical\", \"gaussian\" or \"poisson\")"));
        QCOMPARE(errorOf([] {
                     m::logLikelihood(Model::Gaussian, arma::vec({1, 2}), arma::vec({0, -1}));
                 }),
                 std::string("loglik: need a finite mu and a positive sigma2, got mu = 0, sigma2 "
                             "= -1"));
    }
};

QTEST_APPLESS_MAIN(tst_Mle)
#include "tst_Mle.moc"
