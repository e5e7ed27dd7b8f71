// Tests of the text builtins: printf-style formats (exact strings, Octave's cycling over
// matrices), num2str, mat2str, disp, error and warning.
#include <QTest>

#include "engine/Compare.h"
#include "engine/builtins/FakeContext.h"
#include "engine/core/MemoryBudget.h"
#include "engine/output/Display.h"

using lemma::lang::Value;
using lemma::test::FakeContext;

using Values = std::vector<Value>;
Q_DECLARE_METATYPE(Values)
Q_DECLARE_METATYPE(std::string)

class TstFormatBuiltins : public QObject {
    Q_OBJECT

private slots:
    void sprintfFormats_data() {
        QTest::addColumn<std::string>("format");
        QTest::addColumn<Values>("args");
        QTest::addColumn<std::string>("expected");
        const double nan = arma::datum::nan;
        const double inf = arma::datum::inf;
        auto row = [](const char* name, std::string format, Values args, std::string expected) {
            QTest::newRow(name) << format << args << expected;
        };
        row("integer", "%d", {42.0}, "42");
        row("i", "%i|", {-7.0}, "-7|");
        row("fixed width precision", "%5.2f|", {arma::datum::pi}, " 3.14|");
        row("left aligned", "%-5d|", {3.0}, "3    |");
        row("zero padded", "%05d", {42.0}, "00042");
        row("plus sign", "%+d %+.1f", {5.0, 2.0}, "+5 +2.0");
        row("exponent", "%e", {12345.678}, "1.234568e+04");
        row("exponent upper", "%.2E", {0.000123}, "1.23E-04");
        row("general small", "%g", {0.0001}, "0.0001");
        row("general tiny", "%g", {1e-5}, "1e-05");
        row("general precision", "%.3g", {arma::datum::pi}, "3.14");
        row("strings", "%s and %s", {"a", "b"}, "a and b");
        row("string precision", "[%.3s]", {"abcdef"}, "[abc]");
        row("string width", "[%6s][%-4s]", {"ab", "cd"}, "[    ab][cd  ]");
        row("percent", "%d%%", {50.0}, "50%");
        row("hex octal", "%x %X %o", {255.0, 255.0, 8.0}, "ff FF 10");
        row("char", "%c%c", {72.0, 105.0}, "Hi");
        row("non-integer to %d", "%d", {1.5}, "1.5");
        row("infinity", "%d %f", {inf, -inf}, "Inf -Inf");
        row("nan width", "[%5.1f]", {nan}, "[  NaN]");
        row("star width", "[%*d]", {5.0, 42.0}, "[   42]");
        row("star precision", "%.*f", {2.0, arma::datum::pi}, "3.14");
        row("cycles over a vector", "%d\n", {Value(arma::mat{{1, 2, 3}})}, "1\n2\n3\n");
        row("column-major matrix", "%d,", {Value(arma::mat{{1, 2}, {3, 4}})}, "1,3,2,4,");
        row("stops at missing data", "%d and %d\n", {1.0, 2.0, 3.0}, "1 and 2\n3");
        row("mixed arguments", "%s=%d\n", {"x", 3.0, "y", 4.0}, "x=3\ny=4\n");
        row("no arguments", "hello\n", {}, "hello\n");
        row("conversion without data", "a %d b", {}, "a  b");
        row("no conversion ignores args", "plain", {1.0, 2.0}, "plain");
        row("escapes", "a\\tb\\\\n", {}, "a\tb\\n");
        row("complex parts", "%g %g", {Value(std::complex<double>(1, 2))}, "1 2");
        row("logical", "%.2f", {Value::boolean(true)}, "1.00");
        row("number as %s", "%s", {2.5}, "2.5");
        row("empty matrix", "[%d]", {Value(arma::mat())}, "[]");
    }

    void sprintfFormats() {
        QFETCH(std::string, format);
        QFETCH(Values, args);
        QFETCH(std::string, expected);
        FakeContext ctx;
        Values all{Value(format)};
        all.insert(all.end(), args.begin(), args.end());
        const std::string actual = ctx.value("sprintf", all).string();
        QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected));
    }

    void printfEmitsText() {
        FakeContext ctx;
        QVERIFY(ctx.run("printf", {"%d-%d\n", Value(arma::mat{{1, 2}})}).empty());
        QCOMPARE(QString::fromStdString(ctx.takeText()), QString("1-2\n"));
        ctx.run("fprintf", {1.0, "x=%g\n", 0.5});
        ctx.run("fprintf", {"done\n"});
        QCOMPARE(QString::fromStdString(ctx.takeText()), QString("x=0.5\ndone\n"));
        QCOMPARE(ctx.errorOf("fprintf", {3.0, "x"}),
                 std::string("fprintf: only 1 (output) and 2 (errors) can be written; notebooks "
                             "write no files"));
        QCOMPARE(ctx.errorOf("sprintf", {"%q", 1.0}),
                 std::string("sprintf: unknown conversion '%q' in the format"));
        QCOMPARE(ctx.errorOf("sprintf", {"abc %", 1.0}),
                 std::string("sprintf: the format ends inside a conversion"));
        lemma::lang::StructData s;
        s.set("a", 1.0);
        QCOMPARE(ctx.errorOf("sprintf", {"%d", Value(s)}),
                 std::string("sprintf: argument 2 must be a number or a string, got a struct"));
    }

    void num2strConversions_data() {
        QTest::addColumn<Values>("args");
        QTest::addColumn<std::string>("expected");
        QTest::newRow("pi") << Values{arma::datum::pi} << std::string("3.1416");
        QTest::newRow("integer") << Values{42.0} << std::string("42");
        QTest::newRow("negative") << Values{-0.5} << std::string("-0.5");
        QTest::newRow("hundreds") << Values{123.456} << std::string("123.456");
        QTest::newRow("tenth") << Values{0.1} << std::string("0.1");
        QTest::newRow("large integer") << Values{1e15} << std::string("1000000000000000");
        QTest::newRow("row") << Values{Value(arma::mat{{1, 2, 3}})} << std::string("1  2  3");
        QTest::newRow("matrix") << Values{Value(arma::mat{{1, 10}, {100, 2}})}
                                << std::string("  1   10\n100    2");
        QTest::newRow("digits") << Values{arma::datum::pi, 8.0} << std::string("3.1415927");
        QTest::newRow("format") << Values{arma::datum::pi, "%8.4f"} << std::string("  3.1416");
        QTest::newRow("logical") << Values{Value::boolean(true)} << std::string("1");
        QTest::newRow("complex") << Values{Value(std::complex<double>(1, -2))}
                                 << std::string("1-2i");
        QTest::newRow("nan") << Values{arma::datum::nan} << std::string("NaN");
        QTest::newRow("string") << Values{"as is"} << std::string("as is");
    }

    void num2strConversions() {
        QFETCH(Values, args);
        QFETCH(std::string, expected);
        FakeContext ctx;
        QCOMPARE(QString::fromStdString(ctx.value("num2str", args).string()),
                 QString::fromStdString(expected));
    }

    void mat2strAndInt2str() {
        FakeContext ctx;
        QCOMPARE(ctx.value("mat2str", {Value(arma::mat{{1, 2}, {3, 4}})}).string(),
                 std::string("[1 2;3 4]"));
        QCOMPARE(ctx.value("mat2str", {0.1}).string(), std::string("0.1"));
        QCOMPARE(ctx.value("mat2str", {arma::datum::pi, 4.0}).string(), std::string("3.142"));
        QCOMPARE(ctx.value("mat2str", {Value::logical(arma::mat{{1, 0}})}).string(),
                 std::string("[true false]"));
        QCOMPARE(ctx.value("mat2str", {Value(arma::mat(arma::vec{1, -2}))}).string(),
                 std::string("[1;-2]"));
        QCOMPARE(ctx.value("mat2str", {Value(std::complex<double>(1, 2))}).string(),
                 std::string("1+2i"));
        QCOMPARE(ctx.value("mat2str", {"hi"}).string(), std::string("\"hi\""));
        QCOMPARE(ctx.value("int2str", {Value(arma::mat{{2.5, -1.4}})}).string(),
                 std::string("3  -1"));
    }

    void dispPrintsValues() {
        FakeContext ctx;
        ctx.run("disp", {3.0});
        QCOMPARE(QString::fromStdString(ctx.takeText()), QString("3\n"));
        ctx.run("disp", {"hello"});
        QCOMPARE(QString::fromStdString(ctx.takeText()), QString("hello\n"));
        const Value m(arma::mat{{1, 2}, {3, 4}});
        ctx.run("disp", {m});
        QCOMPARE(QString::fromStdString(ctx.takeText()),
                 QString::fromStdString(lemma::output::formatValue(m)));
        ctx.run("disp", {Value(arma::mat())});
        QVERIFY(ctx.outputs.empty());
    }

    // A width of 100000 repeated over a long vector would make gigabytes of text (10 GB here):
    // the text is checked against the memory budget as it grows, every 64 MiB, and the call
    // is refused naming it, long before the machine runs out.
    void printfTextIsCheckedAgainstTheBudget() {
        FakeContext ctx;
        ctx.runState<lemma::MemoryBudget>() = lemma::MemoryBudget(std::uint64_t(256) << 20);
        const Value many(arma::mat(1, 100'000, arma::fill::ones));
        for (const char* name : {"sprintf", "printf"}) {
            const std::string e = ctx.errorOf(name, {std::string("%100000d"), many});
            const std::string call = std::string(name) + "(\"%100000d\", 1×100000 matrix): ";
            QVERIFY2(e.starts_with(call + "64 MiB requested, "), e.c_str());
            QVERIFY2(e.ends_with(" already held by this cell, budget 256 MiB"), e.c_str());
        }
        // Within the budget the same format works.
        QCOMPARE(ctx.value("sprintf",
                           {std::string("%1000d"), Value(arma::mat(1, 1000, arma::fill::ones))})
                     .string()
                     .size(),
                 std::size_t(1'000'000));
    }

    void errorAndWarning() {
        FakeContext ctx;
        QCOMPARE(ctx.errorOf("error", {"x must be positive, got %d", -3.0}),
                 std::string("x must be positive, got -3"));
        // A single argument is the message as it is, not a format.
        QCOMPARE(ctx.errorOf("error", {"50% done"}), std::string("50% done"));
        ctx.run("warning", {"step %d of %d", 1.0, 2.0});
        QCOMPARE(QString::fromStdString(ctx.takeText()), QString("warning: step 1 of 2\n"));
    }
};

QTEST_APPLESS_MAIN(TstFormatBuiltins)
#include "tst_FormatBuiltins.moc"
