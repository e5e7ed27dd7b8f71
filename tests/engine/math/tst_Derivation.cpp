// Tests of checking a derivation step: the pass rule |lhs − rhs| ≤ tol · max(1, |rhs|), diff,
// infinities and NaN, flagged steps by kind, and errors naming the step.
#include <QTest>
#include <limits>

#include "engine/Compare.h"
#include "engine/math/Derivation.h"

using lemma::test::errorOf;
namespace m = lemma::math;
using m::StepKind;

class tst_Derivation : public QObject {
    Q_OBJECT

private slots:
    void passRule() {
        const auto check = [](double a, double b, double tol) {
            return m::checkStep("t", arma::mat(1, 1, arma::fill::value(a)),
                                arma::mat(1, 1, arma::fill::value(b)), "", StepKind::Identity,
                                tol, 1);
        };
        QVERIFY(check(1.0, 1.0 + 1e-11, 1e-10).pass);
        QVERIFY(!check(1.0, 1.0 + 1e-9, 1e-10).pass);
        QVERIFY(check(1000.0, 1000.0 + 5e-8, 1e-10).pass);  // relative above 1
        QVERIFY(!check(0.0, 5e-10, 1e-10).pass);            // absolute below 1
        QCOMPARE(check(2.0, 2.5, 1e-10).diff, 0.5);
        const double inf = std::numeric_limits<double>::infinity();
        QVERIFY(check(inf, inf, 1e-10).pass);
        QVERIFY(!check(1.0, inf, 1e-10).pass);
        QVERIFY(!check(arma::datum::nan, 1.0, 1e-10).pass);
        QVERIFY(std::isnan(check(arma::datum::nan, 1.0, 1e-10).diff));

        const m::DerivationStep s = m::checkStep("v", arma::mat({{1.0, 2.0}}),
                                                 arma::mat({{1.0, 2.5}}), "", StepKind::Identity,
                                                 1e-10, 1);
        QVERIFY(!s.pass);
        QCOMPARE(s.diff, 0.5);
    }

    void flaggedByKind() {
        m::Derivation d;
        d.add("right", arma::mat(1, 1, arma::fill::value(1.0)), arma::mat(1, 1, arma::fill::value(1.0)), "");
        d.add("wrong on purpose", arma::mat(1, 1, arma::fill::value(1.0)), arma::mat(1, 1, arma::fill::value(2.0)), "",
              StepKind::ExpectedFailure);
        QCOMPARE(d.flaggedCount(), std::size_t(0));
        d.add("a finding", arma::mat(1, 1, arma::fill::value(1.0)), arma::mat(1, 1, arma::fill::value(2.0)), "", StepKind::Definition);
        d.add("holds though it should not", arma::mat(1, 1, arma::fill::value(1.0)), arma::mat(1, 1, arma::fill::value(1.0)), "",
              StepKind::ExpectedFailure);
        QCOMPARE(d.flaggedCount(), std::size_t(2));
        QCOMPARE(m::stepKindName(StepKind::ExpectedFailure), std::string("expected-failure"));
        QVERIFY(m::stepKindFrom("definition") == StepKind::Definition);
        QVERIFY(!m::stepKindFrom("lemma"));
    }

    void errors() {
        m::Derivation d;
        d.add("a", arma::mat(1, 1, arma::fill::value(1.0)), arma::mat(1, 1, arma::fill::value(1.0)), "");
        QCOMPARE(errorOf([&] { d.add("x = x^\\top", arma::mat(1, 2), arma::mat(2, 1), ""); }),
                 std::string("step 2 (x = x^\\top): the left side is 1×2 but the right side is "
                             "2×1 (they must have the same shape)"));
        QCOMPARE(errorOf([&] { d.add("b", arma::mat(1, 1), arma::mat(1, 1), "", StepKind::Identity, 0.0); }),
                 std::string("step 2 (b): tol must be positive, got 0"));
    }
};

QTEST_APPLESS_MAIN(tst_Derivation)
#include "tst_Derivation.moc"
