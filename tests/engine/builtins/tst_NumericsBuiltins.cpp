// The MATLAB-compatible library beyond the values the Octave table checks: convergence messages,
// errors that name the routine, the histogram figure's JSON, timers per run, and identities
// (roots are roots, integrals of polynomials are exact, interpolants pass through the data).
#include <QtTest>

#include <cmath>
#include <string>

#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"
#include "engine/output/Display.h"
#include "engine/output/Figure.h"
#include "engine/output/FigureJson.h"

using namespace lemma;

namespace {

struct Run {
    lang::RunResult result;
    lang::Globals globals;

    std::string text() const {
        std::string out;
        for (const auto& o : result.outputs)
            if (const auto* t = std::get_if<output::Text>(&o))
                out += t->text;
        return out;
    }
    // Printed text and shown values, as the cell's output reads.
    std::string shown() const {
        std::string out;
        for (const auto& o : result.outputs) {
            if (const auto* t = std::get_if<output::Text>(&o))
                out += t->text;
            else if (const auto* d = std::get_if<output::Display>(&o))
                out += output::formatDisplay(d->name, d->value);
        }
        return out;
    }
    std::string error() const {
        if (result.ok || result.outputs.empty())
            return {};
        const auto* e = std::get_if<output::Error>(&result.outputs.back());
        return e ? e->message : std::string();
    }
    double scalar(const std::string& name) const { return globals.at(name).real()(0, 0); }
};

}  // namespace

class tst_NumericsBuiltins : public QObject {
    Q_OBJECT

private:
    builtins::Registry m_registry = builtins::Registry::standard();

    Run run(const std::string& source, lang::Globals globals = {}) {
        Run r;
        r.globals = std::move(globals);
        lang::Interpreter interpreter(m_registry);
        r.result = interpreter.run(lang::parseProgram(source), r.globals, lang::RunOptions{});
        return r;
    }

private slots:
    void rootsAreRoots() {
        const Run r =
            run("f = @(x) x.^3 - 2*x - 5;\nx = fzero(f, 2);\ny = f(x);\n"
                "b = fzero(@(t) exp(t) - 3, [0 2]);");
        QVERIFY2(r.result.ok, r.error().c_str());
        QVERIFY(std::abs(r.scalar("y")) < 1e-12);
        QVERIFY(std::abs(r.scalar("b") - std::log(3.0)) < 1e-14);
    }

    void fzeroSaysWhyItFails() {
        QCOMPARE(QString::fromStdString(run("x = fzero(@(x) x^2 + 1, [0 1]);").error()),
                 QString("fzero: the function values at the interval endpoints must differ in "
                         "sign (f(0) = 1, f(1) = 2)"));
        QVERIFY(
            run("x = fzero(@(x) x^2 + 1, 3);").error().starts_with("fzero: no sign change found"));
        QVERIFY(run("x = fzero(@(x) [x x], 1);")
                    .error()
                    .starts_with("fzero: the function must return a real scalar"));
    }

    void fminsearchWarnsWhenItStopsEarly() {
        const Run r =
            run("[x, f, flag] = fminsearch(@(x) sum((x - [1 2 3]).^2), [0 0 0], "
                "'MaxIter', 5);");
        QVERIFY2(r.result.ok, r.error().c_str());
        QCOMPARE(r.scalar("flag"), 0.0);
        QVERIFY2(r.text().find("warning: fminsearch: exceeded the maximum number of iterations") !=
                     std::string::npos,
                 r.text().c_str());
        const Run ok = run("[x, f, flag] = fminsearch(@(x) (x - 2)^2, 0);");
        QCOMPARE(ok.scalar("flag"), 1.0);
        QVERIFY(std::abs(ok.globals.at("x").real()(0) - 2.0) < 1e-3);
        QVERIFY(ok.text().empty());
    }

    void integralsOfPolynomialsAreExact() {
        const Run r =
            run("a = integral(@(x) 3*x.^2 + 1, 0, 2);\n"
                "b = integral(@(x) x.^5, -1, 1);");
        QVERIFY2(r.result.ok, r.error().c_str());
        QVERIFY(std::abs(r.scalar("a") - 10.0) < 1e-12);
        QVERIFY(std::abs(r.scalar("b")) < 1e-14);
    }

    void integralWarnsAndAsksForElementwise() {
        const Run singular = run("q = integral(@(x) 1 ./ abs(x - 0.5), 0, 1);");
        QVERIFY2(singular.text().find("warning: integral:") != std::string::npos,
                 singular.text().c_str());
        QVERIFY(
            run("q = integral(@(x) x^2, 0, 1);")
                .error()
                .starts_with(
                    "integral: the function failed on a row of 15 points (write it element-wise"));
    }

    void interpolantsPassThroughTheData() {
        for (const char* method : {"linear", "nearest", "spline", "pchip"}) {
            const Run r = run(std::string("x = [0 1 2.5 3 5]; y = [1 -1 2 0 4];\n"
                                          "d = max(abs(interp1(x, y, x, '") +
                              method + "') - y));");
            QVERIFY2(r.result.ok, r.error().c_str());
            QVERIFY2(r.scalar("d") < 1e-14, method);
        }
        QCOMPARE(QString::fromStdString(run("v = interp1([1 1 2], [1 2 3], 1.5);").error()),
                 QString("interp1: the sample points x must be distinct, 1 appears twice"));
        QCOMPARE(QString::fromStdString(run("v = interp1([1 2], [1 2], 1.5, 'cubicish');").error()),
                 QString("interp1: unknown method 'cubicish' (use linear, nearest, spline or "
                         "pchip)"));
    }

    void histogramKeepsItsEdgesInTheFigure() {
        const Run r = run("histogram([1 2 2 3 5], [0 2 4 6])");
        QVERIFY2(r.result.ok, r.error().c_str());
        const output::Figure* figure = nullptr;
        for (const auto& o : r.result.outputs)
            if (const auto* rich = std::get_if<output::Rich>(&o))
                figure = dynamic_cast<const output::Figure*>(rich->object.get());
        QVERIFY(figure);
        const std::string json = output::figureJson(*figure);
        QVERIFY2(json.find("\"edges\": [0, 2, 4, 6]") != std::string::npos, json.c_str());
        QVERIFY2(json.find("\"y\": [1, 3, 1]") != std::string::npos, json.c_str());
        const Run pdf =
            run("[v, e] = histogram([1 2 2 3 5], [0 2 4 6], 'Normalization', 'pdf');\n"
                "area = sum(v .* diff(e));");
        QVERIFY2(pdf.result.ok, pdf.error().c_str());
        QVERIFY(std::abs(pdf.scalar("area") - 1.0) < 1e-15);
    }

    void timersBelongToOneRun() {
        QVERIFY(run("tic; t = toc;").result.ok);
        QCOMPARE(QString::fromStdString(run("t = toc;").error()),
                 QString("toc: call tic first (in this cell: a timer does not carry over to "
                         "other cells)"));
        const Run twice = run("tic; a = toc; b = toc; later = b >= a;");
        QVERIFY2(twice.result.ok, twice.error().c_str());
        QCOMPARE(twice.scalar("later"), 1.0);
    }

    // A statement of its own asks for no output, so `toc` prints as MATLAB's does, with or
    // without a semicolon, while `t = toc` and `disp(toc)` take the number.
    void tocAloneSaysTheElapsedTime() {
        const QRegularExpression said("^Elapsed time is \\d+\\.\\d{6} seconds\\.\n$");
        for (const char* source : {"tic\ntoc", "tic;\ntoc;", "t = tic;\ntoc(t)"}) {
            const Run r = run(source);
            QVERIFY2(r.result.ok, r.error().c_str());
            const QString text = QString::fromStdString(r.shown());
            QVERIFY2(said.match(text).hasMatch(), qPrintable(source + QString(" → ") + text));
        }
        const Run kept = run("tic;\nt = toc;\nd = toc * 0");
        QVERIFY2(kept.result.ok, kept.error().c_str());
        QCOMPARE(QString::fromStdString(kept.shown()), QString("d = 0\n"));
        const Run hist = run("histogram([1 2 2 3 5], [0 2 4 6])\n[c, e] = histogram([1 2], 2);");
        QVERIFY2(hist.result.ok, hist.error().c_str());
        QVERIFY2(hist.shown().empty(), hist.shown().c_str());
    }

    void str2funcReadsAnonymousFunctions() {
        const Run r =
            run("a = 100;\n"
                "f = str2func('@(x) x.^2');\n"
                "y = f([1 2 3]);\n"
                "g = str2func(\"@(x, y) hypot(x, y) + 1\");\n"
                "h = g(3, 4);\n"
                "s = func2str(f);\n"
                "same = isequal(feval(str2func('  @() 42')), 42);\n"
                "r = str2func('sqrt');\n"
                "q = r(16);");
        QVERIFY2(r.result.ok, r.error().c_str());
        QCOMPARE(r.scalar("h"), 6.0);
        QCOMPARE(r.scalar("same"), 1.0);
        QCOMPARE(r.scalar("q"), 4.0);
        QVERIFY(r.text().empty());
        const Run shown =
            run("f = str2func('@(x) x.^2');\nok = isequal(f([1 2 3]), [1 4 9]) && "
                "isequal(func2str(f), '@(x) x.^2');");
        QVERIFY2(shown.result.ok, shown.error().c_str());
        QCOMPARE(shown.scalar("ok"), 1.0);
        QCOMPARE(QString::fromStdString(run("f = str2func('@(x) x +');").error()).left(38),
                 QString("str2func: cannot read \"@(x) x +\" (colu"));
        QCOMPARE(QString::fromStdString(run("f = str2func('@(x) x; 3');").error()),
                 QString("str2func: \"@(x) x; 3\" is not one anonymous function such as "
                         "\"@(x) x.^2\""));
    }

    void listsStandInForCells() {
        const Run r =
            run("c = cell(1, 3); n = numel(c);\n"
                "u = cellfun(@(x) [x x], {1, 2}, 'UniformOutput', false);\n"
                "k = numel(u{2});");
        QVERIFY2(r.result.ok, r.error().c_str());
        QCOMPARE(r.scalar("n"), 3.0);
        QCOMPARE(r.scalar("k"), 2.0);
        QCOMPARE(QString::fromStdString(run("c = cell(2, 3);").error()),
                 QString("cell: lists are one-dimensional: cell(2, 3) needs one size to be 1"));
        QVERIFY(run("v = cellfun(@(x) [x x], {1, 2});").error().find("UniformOutput") !=
                std::string::npos);
    }

    void assertionsStopTheCell() {
        QCOMPARE(QString::fromStdString(run("assert(1 > 2)").error()), QString("assertion failed"));
        QCOMPARE(QString::fromStdString(run("assert(false, 'x is %d', 3)").error()),
                 QString("x is 3"));
        QVERIFY(run("assert(2 > 1); assert([1 2], [1 2]);").result.ok);
    }

    void polyfitRecoversAPolynomial() {
        const Run r =
            run("x = linspace(-1, 1, 9); p = polyfit(x, 2*x.^3 - x + 0.5, 3);\n"
                "e = max(abs(p - [2 0 -1 0.5]));");
        QVERIFY2(r.result.ok, r.error().c_str());
        QVERIFY(r.scalar("e") < 1e-13);
        QVERIFY(run("p = polyfit([1 1 1], [1 2 3], 2);")
                    .text()
                    .find("warning: polyfit: the polynomial is badly conditioned") !=
                std::string::npos);
    }
};

QTEST_APPLESS_MAIN(tst_NumericsBuiltins)
#include "tst_NumericsBuiltins.moc"
