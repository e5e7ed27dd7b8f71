// Control: slider positions map to short round values and back, and literals read back exactly.
#include <QtTest>

#include <cmath>
#include <cstdlib>

#include "engine/output/Control.h"

using lemma::output::Control;

class tst_Control : public QObject {
    Q_OBJECT

private slots:
    void positions_data() {
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("step");
        QTest::addColumn<bool>("log");
        QTest::addColumn<int>("positions");
        QTest::addColumn<int>("position");
        QTest::addColumn<double>("value");
        QTest::newRow("step 0.1") << 0.0 << 1.0 << 0.1 << false << 10 << 3 << 0.3;
        QTest::newRow("step 0.25") << 0.0 << 1.0 << 0.25 << false << 4 << 3 << 0.75;
        QTest::newRow("integer step") << 1.0 << 10.0 << 1.0 << false << 9 << 4 << 5.0;
        QTest::newRow("continuous") << 0.0 << 1.0 << 0.0 << false << 1000 << 437 << 0.437;
        QTest::newRow("continuous wide") << -50.0 << 50.0 << 0.0 << false << 1000 << 501 << 0.1;
        QTest::newRow("log middle") << 1e-5 << 1.0 << 0.0 << true << 1000 << 400 << 1e-3;
        QTest::newRow("log rounded") << 1e-5 << 1.0 << 0.0 << true << 1000 << 401 << 0.00101;
        QTest::newRow("ends are exact") << 1e-5 << 1.0 << 0.0 << true << 1000 << 1000 << 1.0;
        QTest::newRow("start is exact") << 0.3 << 0.7 << 0.0 << false << 1000 << 0 << 0.3;
    }
    void positions() {
        QFETCH(double, min);
        QFETCH(double, max);
        QFETCH(double, step);
        QFETCH(bool, log);
        QFETCH(int, positions);
        QFETCH(int, position);
        QFETCH(double, value);
        const Control c = Control::slider(min, max, min, step,
                                          log ? Control::Scale::Log : Control::Scale::Linear, "");
        QCOMPARE(c.positions(), positions);
        QCOMPARE(c.valueAt(position), value);
        QCOMPARE(c.positionOf(value), position);
    }

    void outOfRangePositionsClamp() {
        const Control c = Control::slider(0, 1, 0, 0.1, Control::Scale::Linear, "");
        QCOMPARE(c.valueAt(-5), 0.0);
        QCOMPARE(c.valueAt(99), 1.0);
        QCOMPARE(c.positionOf(7.0), 10);
    }

    void numberLiteralsReadBack_data() {
        QTest::addColumn<double>("x");
        QTest::addColumn<QString>("literal");
        QTest::newRow("integer") << 3.0 << "3";
        QTest::newRow("negative") << -12.0 << "-12";
        QTest::newRow("thousandth") << 0.001 << "0.001";
        QTest::newRow("small") << 1e-5 << "1e-05";
        QTest::newRow("third") << 1.0 / 3 << "0.3333333333333333";
        QTest::newRow("zero") << 0.0 << "0";
    }
    void numberLiteralsReadBack() {
        QFETCH(double, x);
        QFETCH(QString, literal);
        const std::string text = Control::numberLiteral(x);
        QCOMPARE(QString::fromStdString(text), literal);
        QCOMPARE(std::strtod(text.c_str(), nullptr), x);
    }

    void stringLiteralsEscape() {
        QCOMPARE(QString::fromStdString(Control::stringLiteral("a \"b\" \\ c")),
                 QStringLiteral("\"a \\\"b\\\" \\\\ c\""));
    }
};

QTEST_APPLESS_MAIN(tst_Control)
#include "tst_Control.moc"
