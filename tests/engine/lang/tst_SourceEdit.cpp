// replaceAssignment: overriding a top-level assignment keeps every other byte.
#include <QtTest>

#include "engine/lang/SourceEdit.h"

using lemma::lang::replaceAssignment;

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
};

QTEST_APPLESS_MAIN(tst_SourceEdit)
#include "tst_SourceEdit.moc"
