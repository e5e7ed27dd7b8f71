// replaceAssignment and replaceControlValue: overriding a top-level assignment or a control's
// value keeps every other byte.
#include <QtTest>

#include "engine/lang/SourceEdit.h"

using lemma::lang::replaceAssignment;
using lemma::lang::replaceControlValue;

class tst_SourceEdit : public QObject {
    Q_OBJECT

private slots:
    void replaces_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected");

        QTest::newRow("plain") << "lr = 0.1\ny = lr * 2"
                               << "lr"
                               << "0.01"
                               << "lr = 0.01\ny = lr * 2";
        QTest::newRow("semicolon kept") << "lr = 0.1;  % rate\n"
                                        << "lr"
                                        << "1e-3"
                                        << "lr = 1e-3;  % rate\n";
        QTest::newRow("comment kept") << "n = 4 # tokens"
                                      << "n"
                                      << "8"
                                      << "n = 8 # tokens";
        QTest::newRow("call with commas") << "lr = slider(1e-5, 1, value=1e-3);"
                                          << "lr"
                                          << "0.5"
                                          << "lr = 0.5;";
        QTest::newRow("string with semicolon") << "s = \"a;b\"; t = 1"
                                               << "s"
                                               << "\"c\""
                                               << "s = \"c\"; t = 1";
        QTest::newRow("single-quoted string with semicolon") << "s = 'a;b%c'; t = 1"
                                                             << "s"
                                                             << "'d'"
                                                             << "s = 'd'; t = 1";
        QTest::newRow("transpose then comment") << "x = v'; % it's a note"
                                                << "x"
                                                << "w'"
                                                << "x = w'; % it's a note";
        QTest::newRow("indented") << "  x = [1 2 3]\n"
                                  << "x"
                                  << "[4 5]"
                                  << "  x = [4 5]\n";
        QTest::newRow("first top-level wins") << "for i = 1:3\n  x = i;\nend\nx = 2\n"
                                              << "x"
                                              << "7"
                                              << "for i = 1:3\n  x = i;\nend\nx = 7\n";
        QTest::newRow("crlf") << "a = 1\r\nb = 2\r\n"
                              << "a"
                              << "5"
                              << "a = 5\r\nb = 2\r\n";
        QTest::newRow("second statement on line untouched") << "a = 1, b = 2"
                                                            << "a"
                                                            << "3"
                                                            << "a = 3, b = 2";
    }
    void replaces() {
        QFETCH(QString, source);
        QFETCH(QString, name);
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        const auto out =
            replaceAssignment(source.toStdString(), name.toStdString(), expression.toStdString());
        QVERIFY(out.has_value());
        QCOMPARE(QString::fromStdString(*out), expected);
    }

    void refuses_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("name");
        QTest::newRow("absent") << "y = 1"
                                << "x";
        QTest::newRow("comparison, not assignment") << "x == 1"
                                                    << "x";
        QTest::newRow("prefix of another name") << "xy = 1"
                                                << "x";
        QTest::newRow("only inside a function") << "function f()\n  x = 1;\nend"
                                                << "x";
        QTest::newRow("indexed assignment") << "x(2) = 1"
                                            << "x";
    }
    void refuses() {
        QFETCH(QString, source);
        QFETCH(QString, name);
        QVERIFY(!replaceAssignment(source.toStdString(), name.toStdString(), "0").has_value());
    }

    void controlValue_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("literal");
        QTest::addColumn<QString>("expected");

        QTest::newRow("replace") << "lr = slider(1e-5, 1, value=1e-3, scale=\"log\");" << 0
                                 << "0.02"
                                 << "lr = slider(1e-5, 1, value=0.02, scale=\"log\");";
        QTest::newRow("spaces kept") << "n = slider(1, 10, value = 3 ) % tokens" << 0 << "7"
                                     << "n = slider(1, 10, value = 7 ) % tokens";
        QTest::newRow("expression replaced whole")
            << "x = slider(0, 1, value=(1 + 2) / 4)" << 0 << "0.5"
            << "x = slider(0, 1, value=0.5)";
        QTest::newRow("added when missing") << "x = slider(0, 1, step=0.1);" << 0 << "0.3"
                                            << "x = slider(0, 1, step=0.1, value=0.3);";
        QTest::newRow("added to empty call") << "t = toggle();" << 0 << "true"
                                             << "t = toggle(value=true);";
        QTest::newRow("second call")
            << "a = slider(0, 1, value=0.1);\nb = slider(0, 2, value=1);" << 1 << "1.5"
            << "a = slider(0, 1, value=0.1);\nb = slider(0, 2, value=1.5);";
        QTest::newRow("choice string")
            << "act = choice({\"relu\", \"gelu\"}, value=\"relu\", label=\"act\")" << 0
            << "\"gelu\""
            << "act = choice({\"relu\", \"gelu\"}, value=\"gelu\", label=\"act\")";
        QTest::newRow("kinds count together")
            << "t = toggle(value=false);\nk = choice([1 2 4], value=2);" << 1 << "4"
            << "t = toggle(value=false);\nk = choice([1 2 4], value=4);";
        QTest::newRow("string and comment skipped")
            << "s = \"slider(0,1)\"; % slider(0, 1)\nx = slider(0, 1, value=0)" << 0 << "1"
            << "s = \"slider(0,1)\"; % slider(0, 1)\nx = slider(0, 1, value=1)";
        QTest::newRow("nested call in an argument")
            << "x = slider(min(a, b), 10, value=max(a, 2));" << 0 << "5"
            << "x = slider(min(a, b), 10, value=5);";
        QTest::newRow("value= of an inner call untouched")
            << "x = slider(f(value=1), 10);" << 0 << "5"
            << "x = slider(f(value=1), 10, value=5);";
        QTest::newRow("multi-line call")
            << "x = slider(0, ...\n  1, value=0.5)\r\ny = x" << 0 << "0.25"
            << "x = slider(0, ...\n  1, value=0.25)\r\ny = x";
    }
    void controlValue() {
        QFETCH(QString, source);
        QFETCH(int, index);
        QFETCH(QString, literal);
        QFETCH(QString, expected);
        const auto out =
            replaceControlValue(source.toStdString(), std::size_t(index), literal.toStdString());
        QVERIFY(out.has_value());
        QCOMPARE(QString::fromStdString(*out), expected);
    }

    void controlValueRefused_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("index");
        QTest::newRow("no control") << "x = 1" << 0;
        QTest::newRow("index past the last") << "x = slider(0, 1)" << 1;
        QTest::newRow("field, not the builtin") << "x = s.slider(0, 1)" << 0;
        QTest::newRow("handle, not a call") << "f = @slider" << 0;
        QTest::newRow("unclosed call") << "x = slider(0, 1, value=0.5" << 0;
        QTest::newRow("unterminated string") << "x = slider(0, 1); s = \"abc" << 0;
    }
    void controlValueRefused() {
        QFETCH(QString, source);
        QFETCH(int, index);
        QVERIFY(!replaceControlValue(source.toStdString(), std::size_t(index), "0").has_value());
    }
};

QTEST_APPLESS_MAIN(tst_SourceEdit)
#include "tst_SourceEdit.moc"
