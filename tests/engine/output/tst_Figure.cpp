// The plot builtins, driven through the interpreter: which figures a cell emits, in which order,
// with which panels and series; styles, labels, errors; contour sampling of functions that do
// and do not vectorise; eigplot's spectrum; bars; the figure's JSON and its one-line summary.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <memory>

#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"
#include "engine/output/Figure.h"
#include "engine/output/FigureStyle.h"
#include "engine/output/FigureSummary.h"
#include "engine/output/Json.h"

using namespace lemma;
using output::Figure;

namespace {

lang::RunResult run(const std::string& source) {
    const builtins::Registry registry = builtins::Registry::standard();
    lang::Interpreter interpreter(registry);
    lang::Globals globals;
    return interpreter.run(lang::parseProgram(source), globals, lang::RunOptions{});
}

std::vector<std::shared_ptr<const Figure>> figuresOf(const lang::RunResult& r) {
    std::vector<std::shared_ptr<const Figure>> out;
    for (const auto& o : r.outputs) {
        if (const auto* rich = std::get_if<output::Rich>(&o)) {
            if (auto f = std::dynamic_pointer_cast<const Figure>(rich->object))
                out.push_back(f);
        }
    }
    return out;
}

// The one figure a cell must emit (fails the test otherwise).
std::shared_ptr<const Figure> onlyFigure(const std::string& source) {
    const lang::RunResult r = run(source);
    if (!r.ok) {
        const auto* e = std::get_if<output::Error>(&r.outputs.back());
        qWarning("%s", e ? e->message.c_str() : "run failed");
        return nullptr;
    }
    auto figures = figuresOf(r);
    return figures.size() == 1 ? figures.front() : nullptr;
}

std::string errorOf(const std::string& source) {
    const lang::RunResult r = run(source);
    if (r.ok || r.outputs.empty())
        return "";
    const auto* e = std::get_if<output::Error>(&r.outputs.back());
    return e ? e->message : "";
}

template <class T>
const T& dataOf(const output::Series& s) {
    return std::get<T>(s.data);
}

// Every contour vertex of level c of x² + y² lies on the circle of radius √c.
void checkCircles(const output::Contour& c, double tolerance) {
    QVERIFY(!c.paths.empty());
    for (const auto& p : c.paths) {
        QVERIFY(p.closed);
        for (std::size_t k = 0; k < p.x.size(); ++k)
            QVERIFY(std::abs(std::hypot(p.x[k], p.y[k]) - std::sqrt(p.level)) < tolerance);
    }
}

}  // namespace

class TestFigure : public QObject {
    Q_OBJECT

private slots:
    void plotWithoutFigureStartsOne() {
        const auto f = onlyFigure("plot([3 1 2]);");
        QVERIFY(f);
        QCOMPARE(f->rows, 1);
        QCOMPARE(f->panels.size(), std::size_t{1});
        const auto& s = f->panels[0].series;
        QCOMPARE(s.size(), std::size_t{1});
        QCOMPARE(s[0].kindName(), std::string("line"));
        QCOMPARE(dataOf<output::Line>(s[0]).x, (std::vector<double>{1, 2, 3}));
        QCOMPARE(dataOf<output::Line>(s[0]).y, (std::vector<double>{3, 1, 2}));
        QVERIFY(s[0].style.color == output::paletteColor(0));
    }

    void figureSettingsAndSeriesGoToTheCurrentFigure() {
        const auto f = onlyFigure(
            "figure(title=\"Loss\", xlabel=\"step\", ylabel=\"loss\", logy=true, xlim=[0 10]);\n"
            "plot(1:3, [1 0.1 0.01], label=\"train\");\n"
            "plot(1:3, [2 0.2 0.02], label=\"test\");");
        QVERIFY(f);
        QCOMPARE(f->title, std::string("Loss"));
        const output::Axes& a = f->panels[0];
        QCOMPARE(a.x.label, std::string("step"));
        QCOMPARE(a.y.label, std::string("loss"));
        QVERIFY(a.y.log);
        QVERIFY(!a.x.log);
        QVERIFY(a.x.limits && a.x.limits->lo == 0.0 && a.x.limits->hi == 10.0);
        QCOMPARE(a.series.size(), std::size_t{2});
        QCOMPARE(a.series[0].label, std::string("train"));
        QCOMPARE(a.series[1].label, std::string("test"));
        QVERIFY(a.series[1].style.color == output::paletteColor(1));
        // On a log axis only positive values count towards the extent.
        const auto range = a.dataRange(false);
        QVERIFY(range && range->lo == 0.01 && range->hi == 2.0);
    }

    // A cell can emit several figures; they keep their order among the cell's printed text.
    void severalFiguresInOrder() {
        const lang::RunResult r =
            run("figure(title=\"a\"); plot([1 2]);\n"
                "disp(\"between\");\n"
                "figure(title=\"b\"); scatter([1 2], [3 4]);");
        QVERIFY(r.ok);
        QCOMPARE(r.outputs.size(), std::size_t{3});
        QVERIFY(std::holds_alternative<output::Rich>(r.outputs[0]));
        QVERIFY(std::holds_alternative<output::Text>(r.outputs[1]));
        QVERIFY(std::holds_alternative<output::Rich>(r.outputs[2]));
        const auto figures = figuresOf(r);
        QCOMPARE(figures[0]->title, std::string("a"));
        QCOMPARE(figures[1]->title, std::string("b"));
        QCOMPARE(figures[1]->panels[0].series[0].kindName(), std::string("scatter"));
    }

    void runsDoNotShareTheCurrentFigure() {
        const builtins::Registry registry = builtins::Registry::standard();
        lang::Interpreter interpreter(registry);
        lang::Globals globals;
        const auto first = interpreter.run(lang::parseProgram("figure(title=\"x\");"), globals, {});
        const auto second = interpreter.run(lang::parseProgram("plot([1 2]);"), globals, {});
        QCOMPARE(figuresOf(first).size(), std::size_t{1});
        const auto figures = figuresOf(second);
        QCOMPARE(figures.size(), std::size_t{1});
        QCOMPARE(figures[0]->title, std::string(""));
    }

    void matrixYGivesOneLinePerColumn() {
        const auto f =
            onlyFigure("plot([0 1 2], [1 2; 3 4; 5 6], label={\"seed 1\", \"seed 2\"});");
        QVERIFY(f);
        const auto& s = f->panels[0].series;
        QCOMPARE(s.size(), std::size_t{2});
        QCOMPARE(dataOf<output::Line>(s[1]).y, (std::vector<double>{2, 4, 6}));
        QCOMPARE(s[1].label, std::string("seed 2"));
        // Columns that match x's length instead of rows: one line per row.
        const auto g = onlyFigure("plot([0 1 2], [1 2 3; 4 5 6]);");
        QVERIFY(g);
        QCOMPARE(dataOf<output::Line>(g->panels[0].series[1]).y, (std::vector<double>{4, 5, 6}));
    }

    void styles_data() {
        QTest::addColumn<QString>("call");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("marker");
        QTest::addColumn<QString>("color");
        QTest::newRow("format r--o")
            << "plot([1 2], [1 2], \"r--o\")" << int(output::LineStyle::Dashed)
            << int(output::Marker::Circle) << "red";
        QTest::newRow("marker only") << "plot([1 2], \"x\")" << int(output::LineStyle::None)
                                     << int(output::Marker::Cross) << "C0";
        QTest::newRow("style= and color=")
            << "plot([1 2], style=\":\", color=\"orange\")" << int(output::LineStyle::Dotted)
            << int(output::Marker::None) << "orange";
        QTest::newRow("scatter default") << "scatter([1 2], [1 2])" << int(output::LineStyle::None)
                                         << int(output::Marker::Circle) << "C0";
        QTest::newRow("hline reference") << "hline(0.5)" << int(output::LineStyle::Dashed)
                                         << int(output::Marker::None) << "#555555";
        QTest::newRow("rgb color") << "plot([1 2], color=[1 0 0])" << int(output::LineStyle::Solid)
                                   << int(output::Marker::None) << "#ff0000";
    }

    // matplotlib's colour names: C0 is the first colour of the cycle, C1 the second.
    void paletteNamesFollowMatplotlib() {
        QVERIFY(*output::parseColor("C0") == output::paletteColor(0));
        QVERIFY(*output::parseColor("C1") == output::paletteColor(1));
        QVERIFY(*output::parseColor("C9") == output::paletteColor(9));
        QVERIFY(*output::parseColor("C0") == *output::parseColor("#1f77b4"));
        QVERIFY(*output::parseColor("C1") == *output::parseColor("#ff7f0e"));
        QVERIFY(!output::parseColor("C10"));
    }

    void styles() {
        QFETCH(QString, call);
        QFETCH(int, line);
        QFETCH(int, marker);
        QFETCH(QString, color);
        const auto f = onlyFigure(call.toStdString() + ";");
        QVERIFY(f);
        const output::Style& s = f->panels[0].series.front().style;
        QCOMPARE(int(s.line), line);
        QCOMPARE(int(s.marker), marker);
        QVERIFY(s.color == *output::parseColor(color.toStdString()));
    }

    void errors_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::newRow("band lengths") << "band(1:3, [1 2], [3 4 5]);"
                                      << "band: x, lo and hi must have the same length, got 3, 2 "
                                         "and 3";
        QTest::newRow("plot lengths") << "plot(1:3, [1 2]);"
                                      << "plot: x and y must have the same length, got 3 and 2";
        QTest::newRow("bad style") << "plot([1 2], \"q\");"
                                   << "plot: style \"q\": unknown character 'q'; use a colour (b g "
                                      "r c m y k w), a line (- -- : -.) and a marker (o . x + * s "
                                      "d ^)";
        QTest::newRow("bad colour") << "plot([1 2], color=\"mauve\");"
                                    << "plot: unknown colour \"mauve\"; use a name (blue, orange, "
                                       "red …), \"C0\"…\"C9\" or \"#rrggbb\"";
        QTest::newRow("xlim order") << "figure(xlim=[2 1]);"
                                    << "figure: xlim must be two finite numbers, low < high";
        QTest::newRow("log limits") << "figure(logx=true, xlim=[0 1]);"
                                    << "figure: xlim must be positive on a log axis";
        QTest::newRow("subplot grid") << "subplot(1, 2, 1); plot([1 2]); subplot(2, 2, 1);"
                                      << "subplot: the current figure is a 1×2 grid; call figure() "
                                         "first to start a 2×2 grid";
        QTest::newRow("subplot index") << "subplot(2, 2, 5);"
                                       << "subplot: index 5 is outside the 2×2 grid (1 to 4)";
        QTest::newRow("labels count") << "heatmap(eye(2), labels={\"a\"});"
                                      << "heatmap: labels has 1 entries for 2 rows and columns";
        QTest::newRow("contour arity") << "contour(@(a, b, c) a, [0 1], [0 1]);"
                                       << "contour: the function must take (x, y) or one point "
                                          "[x; y], but it takes 3 arguments";
        QTest::newRow("contour levels") << "contour(eye(3), levels=2.5);"
                                        << "contour: levels=2.5 must be a count from 1 to 200; "
                                           "give one level as levels=[v v]";
        QTest::newRow("eigplot square") << "eigplot(ones(2, 3));"
                                        << "eigplot: matrix must be square, got 2×3";
        QTest::newRow("path shape") << "path(ones(3, 3));"
                                    << "path: P must be an n×2 matrix of points, got 3×3";
        QTest::newRow("unknown keyword") << "plot([1 2], lable=\"x\");"
                                         << "plot: unknown keyword argument 'lable'";
        QTest::newRow("bar width") << "bar([1 2], width=1.5);"
                                   << "bar: width must be a share of the space between bars, "
                                      "above 0 and at most 1, got 1.5";
        QTest::newRow("bar lengths") << "bar(1:3, [1 2]);"
                                     << "bar: x and y must have the same length, got 3 and 2";
        QTest::newRow("quiver sizes") << "quiver([1 2], [1 2; 3 4]);"
                                      << "quiver: U and V must have the same size, got 1×2 "
                                         "and 2×2";
        QTest::newRow("quiver points") << "quiver(1:3, 1:3, [1 2], [1 2]);"
                                       << "quiver: X, Y, U and V must have as many entries, "
                                          "got 3, 3, 2 and 2";
        QTest::newRow("quiver scale") << "quiver([1 2], [1 2], -1);"
                                      << "quiver: the scale must be a finite number ≥ 0, got -1";
    }

    void errors() {
        QFETCH(QString, source);
        QFETCH(QString, message);
        QCOMPARE(QString::fromStdString(errorOf(source.toStdString())), message);
    }

    // MATLAB's autoscale: the grid cell is the extent over the points per side, and the
    // longest arrow is 0.9 of a cell; scale 0 keeps true lengths; zero vectors draw nothing.
    void quiverScalesArrowsToTheGrid() {
        const auto scaled =
            onlyFigure("[X, Y] = meshgrid(0:1, 0:1);\nquiver(X, Y, [1 0; 0 0], zeros(2));");
        QVERIFY(scaled);
        const auto& a = dataOf<output::Arrows>(scaled->panels[0].series[0]);
        QCOMPARE(a.x0, std::vector<double>{0});
        QCOMPARE(a.y0, std::vector<double>{0});
        QVERIFY(std::abs(a.x1[0] - 0.9 * std::sqrt(0.5)) < 1e-15);
        QCOMPARE(a.y1, std::vector<double>{0});

        const auto grid = onlyFigure("quiver([1 2; 3 4], [0 0; 0 -1], 0);");
        QVERIFY(grid);
        const auto& g = dataOf<output::Arrows>(grid->panels[0].series[0]);
        QCOMPARE(g.x0, (std::vector<double>{1, 1, 2, 2}));
        QCOMPARE(g.y0, (std::vector<double>{1, 2, 1, 2}));
        QCOMPARE(g.x1, (std::vector<double>{2, 4, 4, 6}));
        QCOMPARE(g.y1, (std::vector<double>{1, 2, 1, 1}));
    }

    void bandAndPath() {
        const auto f = onlyFigure(
            "band(1:3, [0 1 2], [2 3 4], label=\"95%\");\n"
            "path([0 0; 1 1; 2 0], label=\"sgd\");\n"
            "arrow([0 0], [1 1]);");
        QVERIFY(f);
        const auto& s = f->panels[0].series;
        QCOMPARE(s.size(), std::size_t{3});
        QCOMPARE(dataOf<output::Band>(s[0]).hi, (std::vector<double>{2, 3, 4}));
        QCOMPARE(int(s[0].style.line), int(output::LineStyle::None));
        const auto& curve = dataOf<output::Curve>(s[1]);
        QCOMPARE(curve.x, (std::vector<double>{0, 1, 2}));
        QCOMPARE(curve.y, (std::vector<double>{0, 1, 0}));
        QVERIFY(curve.markEnds);
        QCOMPARE(dataOf<output::Arrows>(s[2]).x1, std::vector<double>{1});
    }

    void referenceLines() {
        const auto f = onlyFigure("hline([0 1], label=\"bounds\"); vline(2); circle(r=2);");
        QVERIFY(f);
        const auto& s = f->panels[0].series;
        QCOMPARE(s.size(), std::size_t{4});
        QCOMPARE(dataOf<output::HLine>(s[1]).y, 1.0);
        QCOMPARE(s[0].label, std::string("bounds"));
        QCOMPARE(s[1].label, std::string(""));
        QCOMPARE(dataOf<output::VLine>(s[2]).x, 2.0);
        QCOMPARE(dataOf<output::Circle>(s[3]).r, 2.0);
        const auto x = f->panels[0].dataRange(true);
        QVERIFY(x && x->lo == -2.0 && x->hi == 2.0);
    }

    void heatmapCells() {
        const auto f = onlyFigure(
            "heatmap([1 -2 3; 4 5 -6], xlabels={\"a\", \"b\", \"c\"}, ylabels={1, 2}, "
            "values=true);");
        QVERIFY(f);
        const auto& h = dataOf<output::Heatmap>(f->panels[0].series[0]);
        QCOMPARE(h.rows, std::size_t{2});
        QCOMPARE(h.cols, std::size_t{3});
        QCOMPARE(h.values, (std::vector<double>{1, -2, 3, 4, 5, -6}));
        QCOMPARE(h.at(1, 2), -6.0);
        QCOMPARE(h.colLabels, (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(h.rowLabels, (std::vector<std::string>{"1", "2"}));
        QVERIFY(h.showValues);
        // Both signs: a diverging map centred on zero.
        QCOMPARE(int(h.colorMap), int(output::ColorMap::Diverging));
        QCOMPARE(h.lo, -6.0);
        QCOMPARE(h.hi, 6.0);
        const auto square = onlyFigure("heatmap(eye(2) / 2, labels={\"x\", \"y\"});");
        QVERIFY(square);
        const auto& s = dataOf<output::Heatmap>(square->panels[0].series[0]);
        QCOMPARE(int(s.colorMap), int(output::ColorMap::Viridis));
        QCOMPARE(s.lo, 0.0);
        QCOMPARE(s.hi, 0.5);
        QCOMPARE(s.rowLabels, s.colLabels);
    }

    void contourOfFunctions_data() {
        QTest::addColumn<QString>("f");
        QTest::newRow("vectorised") << "@(x, y) x.^2 + y.^2";
        // x^2 on a square grid is a matrix power: the vectorised call has the right shape but
        // the wrong values, and the probes must send contour to per-point calls.
        QTest::newRow("matrix power") << "@(x, y) x^2 + y^2";
        QTest::newRow("one point argument") << "@(w) sum(w.^2)";
        QTest::newRow("user function") << "@g";
    }

    void contourOfFunctions() {
        QFETCH(QString, f);
        const auto fig = onlyFigure(
            "function z = g(x, y)\n  z = x^2 + y^2;\nend\n"
            "contour(" +
            f.toStdString() + ", [-2 2], [-2 2], levels=[0.5 1 2], n=61);");
        QVERIFY(fig);
        const auto& c = dataOf<output::Contour>(fig->panels[0].series[0]);
        QCOMPARE(c.levels, (std::vector<double>{0.5, 1, 2}));
        QCOMPARE(c.paths.size(), std::size_t{3});
        QVERIFY(c.byLevel);
        const double h = 4.0 / 60.0;
        checkCircles(c, h * h / (8.0 * std::sqrt(0.5)) * 1.05);
    }

    void contourOfAGrid() {
        const auto fig = onlyFigure(
            "x = linspace(-2, 2, 41); X = repmat(x, 41, 1); Y = X';\n"
            "contour(X.^2 + Y.^2, [-2 2], [-2 2], levels=[1 1], color=\"k\");");
        QVERIFY(fig);
        const auto& series = fig->panels[0].series[0];
        const auto& c = dataOf<output::Contour>(series);
        QCOMPARE(c.levels, std::vector<double>{1.0});
        QVERIFY(!c.byLevel);
        QVERIFY(series.style.color == output::Color{});
        checkCircles(c, 0.01);
    }

    // A rotation scaled by 0.9 has eigenvalues 0.9·e^{±iθ}; eigplot draws them with the unit
    // circle, marks λ₁ and makes the panel the complex plane.
    void eigplotSpectrum() {
        const auto f = onlyFigure("t = 0.3; eigplot(0.9 * [cos(t) -sin(t); sin(t) cos(t)]);");
        QVERIFY(f);
        const output::Axes& a = f->panels[0];
        QVERIFY(a.equalAspect);
        QCOMPARE(a.x.label, std::string("Re λ"));
        QCOMPARE(a.series.size(), std::size_t{3});
        QCOMPARE(dataOf<output::Circle>(a.series[0]).r, 1.0);
        const auto& points = dataOf<output::Scatter>(a.series[1]);
        QCOMPARE(points.x.size(), std::size_t{2});
        for (std::size_t k = 0; k < 2; ++k) {
            QVERIFY(std::abs(std::hypot(points.x[k], points.y[k]) - 0.9) < 1e-12);
            QVERIFY(std::abs(std::abs(std::atan2(points.y[k], points.x[k])) - 0.3) < 1e-12);
        }
        // 0.9·e^{±0.3i} = 0.8598 ± 0.266i; which of the pair comes first is up to LAPACK.
        QVERIFY(a.series[2].label.starts_with("λ₁ = 0.8598 "));
        QCOMPARE(int(a.series[2].style.marker), int(output::Marker::Star));

        // A row-stochastic matrix: λ₁ = 1.
        const auto g = onlyFigure("eigplot([0.5 0.5 0; 0.2 0.3 0.5; 0.1 0.1 0.8]);");
        QVERIFY(g);
        QCOMPARE(g->panels[0].series[2].label, std::string("λ₁ = 1"));
        const auto& top = dataOf<output::Scatter>(g->panels[0].series[2]);
        QVERIFY(std::abs(top.x[0] - 1.0) < 1e-12 && std::abs(top.y[0]) < 1e-12);
    }

    void bars() {
        const auto f = onlyFigure("bar([3 1 2], label=\"counts\");");
        QVERIFY(f);
        const output::Series& s = f->panels[0].series[0];
        QCOMPARE(s.kindName(), std::string("bar"));
        QCOMPARE(s.label, std::string("counts"));
        const auto& b = dataOf<output::Bar>(s);
        QCOMPARE(b.x, (std::vector<double>{1, 2, 3}));
        QCOMPARE(b.y, (std::vector<double>{3, 1, 2}));
        QCOMPARE(b.width, 0.8);
        QCOMPARE(b.offset, 0.0);
        QVERIFY(s.style.color == output::paletteColor(0));
        // Bars stand on zero; the x extent reaches the outer edges of the bars.
        const auto y = f->panels[0].dataRange(false);
        QVERIFY(y && y->lo == 0.0 && y->hi == 3.0);
        const auto x = f->panels[0].dataRange(true);
        QVERIFY(x && std::abs(x->lo - 0.6) < 1e-12 && std::abs(x->hi - 3.4) < 1e-12);
        QVERIFY(f->panels[0].integral(true));

        // A matrix: one series per column, side by side within each group, filling `width` of
        // the smallest gap between positions (here 2).
        const auto g = onlyFigure("bar([0 2 4], [1 2 3; 4 5 6; 7 8 9], width=0.9, \"r\");");
        QVERIFY(g);
        const auto& series = g->panels[0].series;
        QCOMPARE(series.size(), std::size_t{3});
        for (std::size_t k = 0; k < 3; ++k) {
            const auto& bar = dataOf<output::Bar>(series[k]);
            QCOMPARE(bar.x, (std::vector<double>{0, 2, 4}));
            QVERIFY(std::abs(bar.width - 0.6) < 1e-12);
            QVERIFY(std::abs(bar.offset - (static_cast<double>(k) - 1.0) * 0.6) < 1e-12);
            QVERIFY(series[k].style.color == *output::parseColor("red"));
        }
        QCOMPARE(dataOf<output::Bar>(series[2]).y, (std::vector<double>{3, 6, 9}));
    }

    void integralAxes_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("x");
        QTest::addColumn<bool>("y");
        QTest::newRow("steps") << "plot(1:10, 1 ./ (1:10));" << true << false;
        QTest::newRow("counts") << "scatter([0.5 1.5], [3 4]);" << false << true;
        QTest::newRow("heatmap cells") << "heatmap(eye(3));" << false << false;
        QTest::newRow("unit circle") << "circle();" << false << false;
        QTest::newRow("reference line") << "plot(1:3); hline(0.5);" << true << false;
    }

    void integralAxes() {
        QFETCH(QString, source);
        QFETCH(bool, x);
        QFETCH(bool, y);
        const auto f = onlyFigure(source.toStdString());
        QVERIFY(f);
        QCOMPARE(f->panels[0].integral(true), x);
        QCOMPARE(f->panels[0].integral(false), y);
    }

    // The legend names λ₁ without the rounding noise of its other part. Which of a conjugate
    // pair LAPACK lists first is its choice, so either is accepted.
    void eigplotLabels_data() {
        QTest::addColumn<QString>("matrix");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("conjugate");
        QTest::newRow("rotation") << "[0 1; -1 0]"
                                  << "λ₁ = i"
                                  << "λ₁ = -i";
        QTest::newRow("scaled rotation") << "[0 2; -2 0]"
                                         << "λ₁ = 2i"
                                         << "λ₁ = -2i";
        QTest::newRow("complex") << "[1 -1; 1 1]"
                                 << "λ₁ = 1 + i"
                                 << "λ₁ = 1 - i";
        QTest::newRow("real") << "[2 0; 0 -3]"
                              << "λ₁ = -3"
                              << "λ₁ = -3";
    }

    void eigplotLabels() {
        QFETCH(QString, matrix);
        QFETCH(QString, label);
        QFETCH(QString, conjugate);
        const auto f = onlyFigure("eigplot(" + matrix.toStdString() + ");");
        QVERIFY(f);
        const QString got = QString::fromStdString(f->panels[0].series[2].label);
        QVERIFY2(got == label || got == conjugate, qPrintable(got));
    }

    void summaries_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("summary");
        QTest::newRow("one panel")
            << "figure(title=\"Training loss\", xlabel=\"step\", ylabel=\"loss\", logy=true);"
               "band(1:3, [1 1 1], [2 2 2]); plot(1:3, [2 1 0.5]); plot(1:3, [3 2 1]);"
            << "[figure \"Training loss\": 3 series (band, line, line), x \"step\", y \"loss\" "
               "(log)]\n";
        QTest::newRow("untitled, log x without label")
            << "figure(logx=true); scatter([1 10], [1 2]);"
            << "[figure: 1 series (scatter), x (log)]\n";
        QTest::newRow("runs are counted") << "plot(ones(3, 4)); hline(0.5);"
                                          << "[figure: 5 series (line ×4, hline)]\n";
        QTest::newRow("heatmap size") << "heatmap(ones(2, 3));"
                                      << "[figure: 1 series (heatmap 2×3)]\n";
        QTest::newRow("empty") << "figure(title=\"nothing\");"
                               << "[figure \"nothing\": empty]\n";
        QTest::newRow("grid")
            << "figure(title=\"g\"); subplot(1, 2, 1); bar([1 2]);"
               "subplot(1, 2, 2, title=\"right\", ylabel=\"y\"); plot([1 2]);"
            << "[figure \"g\": 1×2 panels; 1: 1 series (bar); 2 \"right\": 1 series (line), y "
               "\"y\"]\n";
    }

    void summaries() {
        QFETCH(QString, source);
        QFETCH(QString, summary);
        const auto f = onlyFigure(source.toStdString());
        QVERIFY(f);
        QCOMPARE(QString::fromStdString(output::figureSummary(*f)), summary);
    }

    void subplotGrid() {
        const auto f = onlyFigure(
            "figure(title=\"grid\", xlabel=\"first\");\n"
            "subplot(1, 2, 2, title=\"right\", logx=true);\n"
            "plot([1 10 100], [1 2 3]);\n"
            "subplot(1, 2, 1);\n"
            "scatter([1 2], [1 2]);");
        QVERIFY(f);
        QCOMPARE(f->rows, 1);
        QCOMPARE(f->cols, 2);
        QCOMPARE(f->panels.size(), std::size_t{2});
        QCOMPARE(f->panels[0].x.label, std::string("first"));  // figure(…) before the grid
        QCOMPARE(f->panels[0].series[0].kindName(), std::string("scatter"));
        QCOMPARE(f->panels[1].title, std::string("right"));
        QVERIFY(f->panels[1].x.log);
        QCOMPARE(f->panels[1].series[0].kindName(), std::string("line"));
        // Each panel has its own palette.
        QVERIFY(f->panels[0].series[0].style.color == output::paletteColor(0));
    }

    void json() {
        const lang::RunResult r =
            run("figure(title=\"t\", logy=true);\n"
                "plot([1 2], [3 4], label=\"a\");\n"
                "heatmap([1 2; 3 4], values=true);\n"
                "contour(@(x, y) x.^2 + y.^2, [-1 1], [-1 1], levels=[0.5 0.5], n=11);");
        QVERIFY(r.ok);
        QCOMPARE(r.outputs.size(), std::size_t{1});
        const QByteArray text = QByteArray::fromStdString(output::jsonOutput(r.outputs[0]));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject o = doc.object();
        QCOMPARE(o["type"].toString(), QString("figure"));
        QCOMPARE(o["title"].toString(), QString("t"));
        const QJsonObject panel = o["panels"].toArray()[0].toObject();
        QCOMPARE(panel["y"].toObject()["log"].toBool(), true);
        QVERIFY(panel["x"].toObject()["limits"].isNull());
        const QJsonArray series = panel["series"].toArray();
        QCOMPARE(series.size(), 3);
        const QJsonObject line = series[0].toObject();
        QCOMPARE(line["kind"].toString(), QString("line"));
        QCOMPARE(line["label"].toString(), QString("a"));
        QCOMPARE(line["y"].toArray()[1].toDouble(), 4.0);
        QCOMPARE(line["style"].toObject()["color"].toString(), QString("#1f77b4"));
        const QJsonObject heat = series[1].toObject();
        QCOMPARE(heat["values"].toArray()[1].toArray()[0].toDouble(), 3.0);
        QCOMPARE(heat["showValues"].toBool(), true);
        const QJsonObject contour = series[2].toObject();
        const QJsonObject bar =
            QJsonDocument::fromJson(QByteArray::fromStdString(output::jsonOutput(
                                        run("bar([1 2], [5 6], width=0.5);").outputs[0])))
                .object()["panels"]
                .toArray()[0]
                .toObject()["series"]
                .toArray()[0]
                .toObject();
        QCOMPARE(bar["kind"].toString(), QString("bar"));
        QCOMPARE(bar["y"].toArray()[1].toDouble(), 6.0);
        QCOMPARE(bar["width"].toDouble(), 0.5);
        QCOMPARE(bar["offset"].toDouble(), 0.0);
        const QJsonObject path = contour["paths"].toArray()[0].toObject();
        QCOMPARE(path["level"].toDouble(), 0.5);
        QCOMPARE(path["closed"].toBool(), true);
        QCOMPARE(path["x"].toArray().size(), path["y"].toArray().size());
    }

    void helpListsThePlotFamily() {
        const lang::RunResult r = run("help(\"plotting\")");
        QVERIFY(r.ok);
        const auto* text = std::get_if<output::Text>(&r.outputs[0]);
        QVERIFY(text);
        for (const char* name : {"figure(", "eigplot(", "contour(", "subplot("})
            QVERIFY2(text->text.find(name) != std::string::npos, name);
    }
};

QTEST_APPLESS_MAIN(TestFigure)
#include "tst_Figure.moc"
