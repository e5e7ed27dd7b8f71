// slider, choice and toggle: the value they return, the control they show, and the messages
// for wrong arguments.
#include <QtTest>

#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"
#include "engine/output/Control.h"

using namespace lemma;
using output::Control;

class tst_ControlBuiltins : public QObject {
    Q_OBJECT

    struct Ran {
        lang::RunResult result;
        lang::Globals globals;
        std::vector<const Control*> controls;
    };

    Ran run(const std::string& source) {
        Ran r;
        lang::Interpreter interpreter(m_registry);
        r.result = interpreter.run(lang::parseProgram(source), r.globals, lang::RunOptions{});
        for (const auto& out : r.result.outputs) {
            if (const auto* rich = std::get_if<output::Rich>(&out))
                r.controls.push_back(dynamic_cast<const Control*>(rich->object.get()));
        }
        return r;
    }

    static QString errorOf(const Ran& r) {
        if (r.result.ok || r.result.outputs.empty())
            return {};
        const auto* e = std::get_if<output::Error>(&r.result.outputs.back());
        return e ? QString::fromStdString(e->message) : QString();
    }

    builtins::Registry m_registry = builtins::Registry::standard();

private slots:
    void sliderReturnsItsValueAndShowsAControl() {
        const Ran r = run("lr = slider(1e-5, 1, value=1e-3, scale=\"log\", label=\"rate\");");
        QVERIFY(r.result.ok);
        QCOMPARE(r.globals.at("lr").real()(0, 0), 1e-3);
        QCOMPARE(r.controls.size(), std::size_t(1));
        const Control& c = *r.controls[0];
        QVERIFY(c.kind() == Control::Kind::Slider);
        QVERIFY(c.scale() == Control::Scale::Log);
        QCOMPARE(c.min(), 1e-5);
        QCOMPARE(c.max(), 1.0);
        QCOMPARE(c.value(), 1e-3);
        QCOMPARE(QString::fromStdString(c.label()), QStringLiteral("rate"));
        QCOMPARE(QString::fromStdString(c.typeName()), QStringLiteral("control"));
    }

    void sliderDefaultsToMin() {
        const Ran r = run("x = slider(2, 5);");
        QVERIFY(r.result.ok);
        QCOMPARE(r.globals.at("x").real()(0, 0), 2.0);
    }

    void choiceOfStringsAndNumbers() {
        Ran r = run("act = choice({\"relu\", \"gelu\", \"a \\\"b\\\"\"}, value=\"gelu\");");
        QVERIFY(r.result.ok);
        QCOMPARE(QString::fromStdString(r.globals.at("act").string()), QStringLiteral("gelu"));
        const Control& c = *r.controls[0];
        QCOMPARE(c.selected(), std::size_t(1));
        QCOMPARE(QString::fromStdString(c.options()[2]), QStringLiteral("a \"b\""));
        QCOMPARE(QString::fromStdString(c.literals()[2]), QStringLiteral("\"a \\\"b\\\"\""));

        r = run("k = choice([1 2 4 8], value=4);");
        QVERIFY(r.result.ok);
        QCOMPARE(r.globals.at("k").real()(0, 0), 4.0);
        QCOMPARE(r.controls[0]->selected(), std::size_t(2));
        QCOMPARE(QString::fromStdString(r.controls[0]->literals()[3]), QStringLiteral("8"));

        r = run("k = choice([0.5 0.25]);");
        QCOMPARE(r.globals.at("k").real()(0, 0), 0.5);
    }

    void toggleReturnsABoolean() {
        Ran r = run("on = toggle(value=true);");
        QVERIFY(r.result.ok);
        QVERIFY(r.globals.at("on").isBool());
        QVERIFY(r.globals.at("on").isTrue());
        QVERIFY(r.controls[0]->checked());
        r = run("on = toggle();");
        QVERIFY(!r.globals.at("on").isTrue());
    }

    void errors_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::newRow("range") << "slider(1, 1)"
                               << "slider: the range must be finite with min < max, got 1 and 1";
        QTest::newRow("log needs positive") << "slider(0, 1, scale=\"log\")"
                                            << "slider: a log scale needs min > 0, got 0";
        QTest::newRow("scale") << "slider(0, 1, scale=\"cubic\")"
                               << "slider: scale must be \"linear\" or \"log\", got \"cubic\"";
        QTest::newRow("outside") << "slider(0, 1, value=2)"
                                 << "slider: value 2 is outside the range [0, 1]";
        QTest::newRow("not an option") << "choice({\"a\", \"b\"}, value=\"c\")"
                                       << "choice: value \"c\" is not one of the options";
        QTest::newRow("empty options") << "choice({})"
                                       << "choice: there must be at least one option";
        QTest::newRow("matrix options") << "choice([1 2; 3 4])"
                                        << "choice: argument 1 must be a list or a vector of "
                                           "options, got a 2×2 double";
        QTest::newRow("toggle arguments") << "toggle(1)"
                                          << "toggle: expected 0 arguments, got 1";
    }
    void errors() {
        QFETCH(QString, source);
        QFETCH(QString, message);
        const Ran r = run(source.toStdString());
        QVERIFY(!r.result.ok);
        QCOMPARE(errorOf(r), message);
    }
};

QTEST_APPLESS_MAIN(tst_ControlBuiltins)
#include "tst_ControlBuiltins.moc"
