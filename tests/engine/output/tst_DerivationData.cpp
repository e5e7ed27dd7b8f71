// Tests of recognising derivations among values and of their text and JSON: any struct with
// the shape is a derivation, anything else is not; verdicts, counts and one line per step.
#include <QTest>
#include <string>

#include "engine/core/Value.h"
#include "engine/output/DerivationData.h"

using lemma::lang::StructData;
using lemma::lang::Value;
namespace out = lemma::output;

namespace {

Value step(const std::string& tex, bool pass, const std::string& kind, double diff) {
    StructData s;
    s.set("tex", Value(tex));
    s.set("note", Value("why"));
    s.set("lhs", Value(1.0));
    s.set("rhs", Value(1.0 + diff));
    s.set("diff", Value(diff));
    s.set("tol", Value(1e-10));
    s.set("pass", Value::boolean(pass));
    s.set("kind", Value(kind));
    return Value(std::move(s));
}

Value derivation(std::vector<Value> steps) {
    StructData d;
    d.set("title", Value("T"));
    d.set("steps", Value::list(std::move(steps)));
    d.set("result", Value(2.5));
    return Value(std::move(d));
}

}  // namespace

class tst_DerivationData : public QObject {
    Q_OBJECT

private slots:
    void recognises() {
        const Value d = derivation({step("a = a", true, "identity", 0.0),
                                    step("b = c", false, "expected-failure", 0.25),
                                    step("e = f", false, "definition", 3e-9),
                                    step("g = h", true, "expected-failure", 0.0)});
        const auto data = out::derivationOf(d);
        QVERIFY(data);
        QCOMPARE(data->steps.size(), std::size_t(4));
        QVERIFY(data->steps[0].verdict() == out::Verdict::Verified);
        QVERIFY(data->steps[1].verdict() == out::Verdict::FailsAsExpected);
        QVERIFY(data->steps[2].verdict() == out::Verdict::Fails);
        QVERIFY(data->steps[3].verdict() == out::Verdict::HoldsUnexpectedly);
        QCOMPARE(data->flaggedCount(), std::size_t(2));
        QCOMPARE(data->summary(), std::string("4 steps: 1 verified, 1 fails, 1 fails as expected, "
                                              "1 holds but should fail"));
        QCOMPARE(out::derivationText("d", *data),
                 std::string("d = derivation \"T\" (4 steps: 1 verified, 1 fails, 1 fails as "
                             "expected, 1 holds but should fail)\n"
                             "  1. verified ✓              diff 0        a = a\n"
                             "  2. fails as expected       diff 0.25     b = c\n"
                             "  3. fails ✗                 diff 3e-09    e = f\n"
                             "  4. holds but should fail ✗ diff 0        g = h\n"
                             "d.result = 2.5000\n"));
        QCOMPARE(out::derivationJson(*data),
                 std::string("{\"steps\": 4, \"verified\": 1, \"flagged\": 2, \"verdicts\": "
                             "[\"verified\", \"fails-as-expected\", \"fails\", "
                             "\"holds-unexpectedly\"]}"));
    }

    void rejectsOtherValues() {
        QVERIFY(!out::derivationOf(Value(3.0)));
        StructData noSteps;
        noSteps.set("title", Value("T"));
        QVERIFY(!out::derivationOf(Value(std::move(noSteps))));
        // A list item that is not a step makes the struct an ordinary one.
        QVERIFY(!out::derivationOf(derivation({step("a", true, "identity", 0.0), Value(1.0)})));
        QVERIFY(out::derivationOf(derivation({})));
    }

    void diffs() {
        QCOMPARE(out::formatDiff(0.0), std::string("0"));
        QCOMPARE(out::formatDiff(3.14159e-11), std::string("3.1e-11"));
        QCOMPARE(out::formatDiff(0.068), std::string("0.068"));
        QCOMPARE(out::formatDiff(arma::datum::inf), std::string("Inf"));
    }
};

QTEST_APPLESS_MAIN(tst_DerivationData)
#include "tst_DerivationData.moc"
