// The token scan that guesses what a cell with a syntax error defines.
#include <QtTest>

#include "engine/lang/LikelyDefinitions.h"

using lemma::lang::likelyDefinitions;

class tst_LikelyDefinitions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void guesses_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("broken right-hand side") << "y = 3 +* 2" << QStringList{"y"};
        QTest::newRow("several statements")
            << "a = 1; b = (2\nc = 3, d == 4" << QStringList{"a", "b", "c"};
        QTest::newRow("indexed and field targets")
            << "x(2, end) = 1\ns.lr = )\nL{1} = 2" << QStringList{"x", "s", "L"};
        QTest::newRow("comparison is not assignment") << "x == 3 +" << QStringList{};
        QTest::newRow("multiple outputs") << "[U, s.v, V] = svd(W" << QStringList{"U", "s", "V"};
        QTest::newRow("loop variable and body")
            << "for k = 1:3\n  total = total + k *\nend" << QStringList{"k", "total"};
        QTest::newRow("function names, not their locals")
            << "function r = sq(x)\n  tmp = x^2;\n  r = tmp\nend\nfunction go()\n  "
               "inner = (\nend\nafter = 1"
            << QStringList{"sq", "go", "after"};
        QTest::newRow("names inside brackets are not statements")
            << "v = [a = 1" << QStringList{"v"};
        QTest::newRow("ans is never a definition") << "ans = 3 *" << QStringList{};
        QTest::newRow("repeated names once") << "w = 1\nw = w +" << QStringList{"w"};
        QTest::newRow("lexer error gives nothing") << "x = 'abc" << QStringList{};
    }

    void guesses() {
        QFETCH(QString, source);
        QFETCH(QStringList, names);
        QStringList got;
        for (const std::string& name : likelyDefinitions(source.toStdString()))
            got << QString::fromStdString(name);
        QCOMPARE(got, names);
    }
};

QTEST_APPLESS_MAIN(tst_LikelyDefinitions)
#include "tst_LikelyDefinitions.moc"
