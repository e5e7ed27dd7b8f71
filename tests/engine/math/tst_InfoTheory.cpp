// Tests of entropy, cross-entropy, KL, perplexity and mutual information: H(p, q) = H(p) +
// KL(p‖q) on random distributions, closed forms (uniform, one-hot, bits), the conventions for
// zero probabilities, and errors that name the entry.
#include <QTest>
#include <cmath>

#include "engine/Compare.h"
#include "engine/math/InfoTheory.h"

using lemma::test::errorOf;
namespace m = lemma::math;

class tst_InfoTheory : public QObject {
    Q_OBJECT

private slots:
    void crossEntropyIsEntropyPlusKl() {
        for (int seed = 1; seed <= 100; ++seed) {
            arma::arma_rng::set_seed(seed);
            const arma::uword n = 2 + seed % 9;
            arma::mat P = -arma::log(arma::randu<arma::mat>(3, n));
            arma::mat Q = -arma::log(arma::randu<arma::mat>(3, n));
            P.each_col() /= arma::sum(P, 1);
            Q.each_col() /= arma::sum(Q, 1);
            P(0, 0) = 0.0;  // a zero in p is allowed anywhere
            P.row(0) /= arma::accu(P.row(0));
            const arma::vec lhs = m::crossEntropy(P, Q);
            const arma::vec rhs = m::entropy(P) + m::kl(P, Q);
            LEMMA_COMPARE_NEAR(lhs, rhs, 1e-12);
            QVERIFY(arma::all(m::kl(P, Q) >= 0.0));
            LEMMA_COMPARE_NEAR(m::kl(Q, Q), 0.0, 1e-15);
        }
    }

    void closedForms() {
        for (arma::uword V : {1u, 2u, 7u, 50u}) {
            const arma::rowvec uniform(V, arma::fill::value(1.0 / V));
            LEMMA_COMPARE_NEAR(m::entropy(uniform)(0), std::log(double(V)), 1e-14);
            LEMMA_COMPARE_NEAR(m::entropy(uniform, 2.0)(0), std::log2(double(V)), 1e-14);
            // The perplexity of the uniform distribution over V outcomes is V.
            const arma::rowvec logprobs(3 * V, arma::fill::value(-std::log(double(V))));
            LEMMA_COMPARE_NEAR(m::perplexity(logprobs)(0), double(V), 1e-13);
        }
        QCOMPARE(m::entropy(arma::rowvec({0.0, 1.0, 0.0}))(0), 0.0);
        LEMMA_COMPARE_NEAR(m::perplexity(arma::rowvec({0.0, 0.0}))(0), 1.0, 0.0);
        // Bits: H(1/2, 1/4, 1/4) = 1.5.
        LEMMA_COMPARE_NEAR(m::entropy(arma::rowvec({0.5, 0.25, 0.25}), 2.0)(0), 1.5, 1e-15);
        // A column vector is one distribution too.
        QCOMPARE(m::entropy(arma::vec({0.5, 0.5})).n_elem, arma::uword(1));
    }

    void mutualInformation() {
        // Independent: 0. A copy of a fair bit: 1 bit. X = Y with P(x) = (0.2, 0.8): H(X).
        LEMMA_COMPARE_NEAR(m::mutualInformation(arma::mat({{0.06, 0.14}, {0.24, 0.56}})), 0.0,
                           1e-15);
        LEMMA_COMPARE_NEAR(m::mutualInformation(arma::mat({{0.5, 0.0}, {0.0, 0.5}}), 2.0), 1.0,
                           1e-15);
        LEMMA_COMPARE_NEAR(m::mutualInformation(arma::mat({{0.2, 0.0}, {0.0, 0.8}})),
                           m::entropy(arma::rowvec({0.2, 0.8}))(0), 1e-15);
    }

    void errors() {
        QCOMPARE(errorOf([] { m::kl(arma::rowvec({0.5, 0.5}), arma::rowvec({1.0, 0.0})); }),
                 std::string("kl: q(2) is 0 where p(2) = 0.5 is not (the result would be "
                             "infinite)"));
        QCOMPARE(errorOf([] {
                     m::crossEntropy(arma::mat({{0.5, 0.5}, {0.5, 0.5}}),
                                     arma::mat({{0.5, 0.5}, {0.0, 1.0}}));
                 }),
                 std::string("cross_entropy: q(2, 1) is 0 where p(2, 1) = 0.5 is not (the result "
                             "would be infinite)"));
        QCOMPARE(errorOf([] { m::entropy(arma::rowvec({0.5, -0.1, 0.6})); }),
                 std::string("entropy: p(2) = -0.1 is not a probability"));
        QCOMPARE(errorOf([] { m::entropy(arma::rowvec({0.5, 0.6})); }),
                 std::string("entropy: p sums to 1.1, not 1 (a distribution must sum to 1)"));
        QCOMPARE(errorOf([] { m::entropy(arma::rowvec({1.0}), 1.0); }),
                 std::string("entropy: base must be positive and not 1, got 1"));
        QCOMPARE(errorOf([] { m::kl(arma::rowvec({1.0}), arma::rowvec({0.5, 0.5})); }),
                 std::string("kl: p is 1×1 but q is 1×2 (they must have the same shape)"));
        QCOMPARE(errorOf([] { m::perplexity(arma::rowvec({-1.0, 0.5})); }),
                 std::string("perplexity: logprobs(2) = 0.5 is not a log-probability (natural "
                             "logs, all ≤ 0)"));
    }
};

QTEST_APPLESS_MAIN(tst_InfoTheory)
#include "tst_InfoTheory.moc"
