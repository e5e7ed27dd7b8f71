// The figure view and painter: every series kind renders offscreen without Qt warnings and in
// its colours; exports are valid files (PDF read by pdfinfo and free of images for a line plot,
// SVG parsed by QSvgRenderer, PNG of the requested size); the view's interactions (legend
// toggles, hover readout, reset) and layout rules (equal aspect at any size, heatmap labels,
// legend corner, log ticks); and every figure of tests/data/figures/all-kinds.md.
//
// Set LEMMA_FIGURE_OUTPUT to a folder to keep the rendered notebook figures for a person to
// look at.
#include <qcustomplot.h>

#include <QProcess>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "engine/builtins/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"
#include "engine/notebook/NotebookFormat.h"
#include "engine/output/Figure.h"
#include "widgets/output/FigurePainter.h"
#include "widgets/output/FigureScene.h"
#include "widgets/output/FigureView.h"

using namespace lemma;
using output::Figure;
using widgets::FigurePainter;
using widgets::FigureView;

namespace {

// Qt warnings raised while the test runs; the test fails on any.
QStringList g_warnings;
QtMessageHandler g_previousHandler = nullptr;

void recordWarnings(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    // The offscreen platform says this whenever a window is shown; it is not about figures.
    const bool platformNoise = message.contains(QLatin1String("propagateSizeHints"));
    if ((type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg) && !platformNoise)
        g_warnings.append(message);
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

std::vector<std::shared_ptr<const Figure>> figuresOf(const lang::RunResult& r) {
    std::vector<std::shared_ptr<const Figure>> out;
    for (const auto& o : r.outputs) {
        if (const auto* rich = std::get_if<output::Rich>(&o)) {
            if (auto f = std::dynamic_pointer_cast<const Figure>(rich->object))
                out.push_back(f);
        }
        if (const auto* e = std::get_if<output::Error>(&o))
            qWarning("cell error: %s", e->message.c_str());
    }
    return out;
}

std::shared_ptr<const Figure> figureOf(const std::string& source) {
    const builtins::Registry registry = builtins::Registry::standard();
    lang::Interpreter interpreter(registry);
    lang::Globals globals;
    auto figures = figuresOf(interpreter.run(lang::parseProgram(source), globals, {}));
    return figures.empty() ? nullptr : figures.front();
}

// Pixels of the image within a small distance of the colour.
int pixelsNear(const QImage& image, QColor color) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) +
                    std::abs(c.blue() - color.blue()) <
                40)
                ++n;
        }
    }
    return n;
}

QString run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return QString();
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Lines of `pdfimages -list` after its two header lines: one per image in the PDF.
int pdfImages(const QString& path) {
    const QString listing = run("pdfimages", {"-list", path});
    return std::max<qsizetype>(0, listing.split('\n', Qt::SkipEmptyParts).size() - 2);
}

QCPAxisRect* firstRect(FigureView& view) {
    return view.plot()->axisRects().value(0);
}

}  // namespace

class TestFigureView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { g_previousHandler = qInstallMessageHandler(recordWarnings); }
    void init() { g_warnings.clear(); }
    void cleanup() { QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join("\n"))); }
    void cleanupTestCase() { qInstallMessageHandler(g_previousHandler); }

    void everyKindRenders_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QColor>("color");  // a colour the figure must show
        const QColor blue(0x1f, 0x77, 0xb4);
        QTest::newRow("line") << "plot(linspace(0, 1, 50), linspace(0, 1, 50).^2);" << blue;
        QTest::newRow("unsorted line") << "plot([0 1 0.5 0.2], [0 1 0 1]);" << blue;
        QTest::newRow("line with NaN") << "plot([1 2 NaN 4 5]);" << blue;
        QTest::newRow("scatter") << "scatter(randn(1, 40), randn(1, 40));" << blue;
        QTest::newRow("band") << "band(1:10, (1:10) - 1, (1:10) + 1, color=\"#ff0000\");"
                              << QColor(255, 191, 191);
        QTest::newRow("heatmap") << "heatmap(magic_free(4), values=true);" << QColor();
        QTest::newRow("contour") << "contour(@(x, y) x.^2 + y.^2, [-1 1], [-1 1], color=\"r\");"
                                 << QColor(0xd6, 0x27, 0x28);
        QTest::newRow("curve") << "path([0 0; 1 2; 2 1; 3 3], color=\"green\");"
                               << QColor(0x2c, 0xa0, 0x2c);
        QTest::newRow("arrows") << "arrow([0 0; 1 0], [1 1; 2 2], color=\"purple\");"
                                << QColor(0x94, 0x67, 0xbd);
        QTest::newRow("hline") << "plot([1 2]); hline(1.5, \"r-\", width=2);"
                               << QColor(0xd6, 0x27, 0x28);
        QTest::newRow("vline") << "plot([1 2]); vline(1.5, \"r-\", width=2);"
                               << QColor(0xd6, 0x27, 0x28);
        QTest::newRow("circle") << "circle(r=2, color=\"red\", style=\"-\", width=2);"
                                << QColor(0xd6, 0x27, 0x28);
        QTest::newRow("eigplot") << "eigplot([0.5 0.5; 0.3 0.7]);" << QColor(0xd6, 0x27, 0x28);
        QTest::newRow("log axes") << "figure(logx=true, logy=true); plot(logspace(0, 4, 20), "
                                     "logspace(0, 4, 20).^2);"
                                  << blue;
        QTest::newRow("subplots") << "subplot(2, 2, 1); plot([1 2]); subplot(2, 2, 4, "
                                     "title=\"d\"); heatmap(eye(3));"
                                  << blue;
        QTest::newRow("empty figure") << "figure(title=\"nothing\");" << QColor();
    }

    void everyKindRenders() {
        QFETCH(QString, source);
        QFETCH(QColor, color);
        // magic_free: a fixed 4×4 matrix with both signs (the language has no magic()).
        source.replace("magic_free(4)", "[16 -2 3 13; 5 11 -10 8; 9 7 6 -12; 4 14 15 -1]");
        const auto figure = figureOf(source.toStdString());
        QVERIFY(figure);
        FigureView view(figure);
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.grab().toImage();
        QCOMPARE(image.size(), QSize(640, 400));
        // Something besides the white background was drawn …
        QVERIFY(pixelsNear(image, Qt::white) < image.width() * image.height() * 0.98);
        // … and the series shows in its colour.
        if (color.isValid())
            QVERIFY2(pixelsNear(image, color) > 15, qPrintable(source));
        // The same figure through the report path: a QCPPainter on an image, scaled.
        QImage page(1280, 800, QImage::Format_ARGB32_Premultiplied);
        page.fill(Qt::white);
        QCPPainter painter(&page);
        FigurePainter::paint(figure, painter, QRectF(0, 0, 1280, 800));
        painter.end();
        QVERIFY(pixelsNear(page, Qt::white) < page.width() * page.height() * 0.98);
    }

    void exportsAreValidFiles() {
        const auto figure = figureOf(
            "figure(title=\"Loss\", xlabel=\"step\"); plot(1:100, exp(-(1:100) / 30), "
            "label=\"train\"); hline(0.2);");
        QVERIFY(figure);
        FigureView view(figure);
        view.resize(640, 400);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        const QString pdf = dir.filePath("line.pdf");
        QVERIFY(view.savePdf(pdf));
        const QString info = run("pdfinfo", {pdf});
        QVERIFY2(info.contains(QRegularExpression("Pages: +1\\n")), qPrintable(info));
        QVERIFY2(info.contains("480 x 300 pts"), qPrintable(info));  // 640×400 px at 96 dpi
        QCOMPARE(pdfImages(pdf), 0);                                 // vector: no raster image

        const QString svg = dir.filePath("line.svg");
        QVERIFY(view.saveSvg(svg));
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QVERIFY(!svgFile.readAll().contains("<image"));

        const QString png = dir.filePath("line.png");
        QVERIFY(view.savePng(png, 192));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1280, 800));
        QCOMPARE(image.dotsPerMeterX(), qRound(192 / 0.0254));

        // A heatmap may be an image inside the PDF, but the file is still valid.
        const auto heat = figureOf("heatmap([1 2; 3 4], values=true);");
        FigureView heatView(heat);
        heatView.resize(500, 400);
        const QString heatPdf = dir.filePath("heat.pdf");
        QVERIFY(heatView.savePdf(heatPdf));
        QVERIFY(run("pdfinfo", {heatPdf}).contains("375 x 300 pts"));
        QVERIFY(pdfImages(heatPdf) >= 1);
        QVERIFY(heatView.saveSvg(dir.filePath("heat.svg")));
        QVERIFY(QSvgRenderer(dir.filePath("heat.svg")).isValid());
    }

    void legendClickTogglesASeries() {
        const auto figure = figureOf("plot([1 2 3], label=\"a\"); plot([3 2 1], label=\"b\");");
        FigureView view(figure);
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto legends = view.plot()->findChildren<QCPLegend*>();
        QCOMPARE(legends.size(), 1);
        QCPLegend* legend = legends.front();
        QVERIFY(legend->visible());
        QCOMPARE(legend->itemCount(), 2);
        const QPoint second = legend->item(1)->rect().center();
        QVERIFY(view.scene()->isSeriesVisible(1));
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, second);
        QVERIFY(!view.scene()->isSeriesVisible(1));
        QVERIFY(view.scene()->isSeriesVisible(0));
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, second);
        QVERIFY(view.scene()->isSeriesVisible(1));
    }

    void hoverReadsTheNearestPoint() {
        const auto figure = figureOf("plot([1 2 3], [1 4 9], label=\"squares\");");
        FigureView view(figure);
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCPAxisRect* rect = firstRect(view);
        const QPointF point(rect->axis(QCPAxis::atBottom)->coordToPixel(2),
                            rect->axis(QCPAxis::atLeft)->coordToPixel(4));
        QCOMPARE(view.showReadout(point + QPointF(3, -2)), QString("squares: x = 2, y = 4"));
        QCOMPARE(view.showReadout(point + QPointF(0, 80)), QString());
        // A heatmap reads the cell under the mouse.
        FigureView heat(figureOf("heatmap([1 2; 3 4], xlabels={\"p\", \"q\"});"));
        heat.resize(500, 400);
        heat.show();
        QVERIFY(QTest::qWaitForWindowExposed(&heat));
        QCPAxisRect* hr = firstRect(heat);
        const QPointF cell(hr->axis(QCPAxis::atBottom)->coordToPixel(2.2),
                           hr->axis(QCPAxis::atLeft)->coordToPixel(0.9));
        QCOMPARE(heat.showReadout(cell), QString("row 1, column q: 2"));
    }

    void doubleClickResetsTheView() {
        FigureView view(figureOf("plot([0 10], [0 1]);"));
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCPAxis* x = firstRect(view)->axis(QCPAxis::atBottom);
        const QCPRange initial = x->range();
        x->setRange(3, 4);
        QTest::mouseDClick(view.plot(), Qt::LeftButton, {}, view.plot()->rect().center());
        QCOMPARE(x->range().lower, initial.lower);
        QCOMPARE(x->range().upper, initial.upper);
    }

    // One unit is as long on both axes, on screen and on an export of another shape.
    void equalAspectAtAnySize() {
        const auto figure = figureOf("eigplot([0 1 0; 0 0 1; 1 0 0]);");
        FigureView view(figure);
        auto ratio = [&] {
            QCPAxisRect* r = firstRect(view);
            return (r->axis(QCPAxis::atBottom)->range().size() / r->width()) /
                   (r->axis(QCPAxis::atLeft)->range().size() / r->height());
        };
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(std::abs(ratio() - 1.0) < 1e-9);
        // The unit circle is in view.
        QCPAxisRect* r = firstRect(view);
        QVERIFY(r->axis(QCPAxis::atLeft)->range().lower <= -1.0);
        QVERIFY(r->axis(QCPAxis::atLeft)->range().upper >= 1.0);
        FigurePainter::toImage(*view.plot(), QSize(300, 600), 96);
        QVERIFY(std::abs(ratio() - 1.0) < 1e-9);
    }

    // Forty long labels cannot stand side by side: they turn and thin out.
    void heatmapLabelsDoNotOverlap() {
        FigureView view(figureOf(
            "L = {}; for k = 1:40\n L{k} = sprintf(\"token_%d\", k); end\nheatmap(eye(40), "
            "labels=L);"));
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCPAxis* x = firstRect(view)->axis(QCPAxis::atBottom);
        QCPAxis* y = firstRect(view)->axis(QCPAxis::atLeft);
        QCOMPARE(x->tickLabelRotation(), 90.0);
        const auto ticks = y->ticker().dynamicCast<QCPAxisTickerText>()->ticks();
        QVERIFY(ticks.size() < 40);
        // Neighbouring row labels are at least a line apart.
        const double spacing = std::abs(y->coordToPixel(ticks.firstKey()) -
                                        y->coordToPixel(std::next(ticks.begin()).key()));
        QVERIFY(spacing >= QFontMetrics(y->tickLabelFont()).height());
    }

    void logAxesUsePowersOfTen() {
        FigureView view(figureOf("figure(logy=true); plot(1:5, [1 10 100 1000 10000]);"));
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCPAxis* y = firstRect(view)->axis(QCPAxis::atLeft);
        QCOMPARE(y->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(!y->ticker().dynamicCast<QCPAxisTickerLog>().isNull());
        QCOMPARE(y->numberFormat(), QString("eb"));
        // Within one decade there would be no power of ten: ordinary ticks.
        y->setRange(2, 5);
        QVERIFY(y->ticker().dynamicCast<QCPAxisTickerLog>().isNull());
    }

    // A rising line leaves the top-left and bottom-right corners free; the legend takes the
    // first free one in reading order.
    void legendAvoidsTheData() {
        FigureView view(figureOf("plot(0:0.01:1, 0:0.01:1, label=\"rising\");"));
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCPLegend* legend = view.plot()->findChildren<QCPLegend*>().front();
        const QRect area = firstRect(view)->rect();
        QVERIFY(legend->outerRect().left() < area.center().x());
        QVERIFY(legend->outerRect().top() < area.center().y());
    }

    // Every figure of the all-kinds notebook renders and exports.
    void allKindsNotebook() {
        const auto parsed = notebook::readNotebookFile(LEMMA_TEST_DATA "/figures/all-kinds.md");
        const builtins::Registry registry = builtins::Registry::standard();
        lang::Interpreter interpreter(registry);
        lang::Globals globals;
        std::vector<std::shared_ptr<const Figure>> figures;
        for (const auto& cell : parsed.notebook.cells()) {
            if (!cell.isCode())
                continue;
            const auto result = interpreter.run(lang::parseProgram(cell.source()), globals, {});
            QVERIFY(result.ok);
            const auto f = figuresOf(result);
            QCOMPARE(f.size(), std::size_t{1});
            figures.push_back(f.front());
        }
        QCOMPARE(figures.size(), std::size_t{6});
        QTemporaryDir temporary;
        const QByteArray keep = qgetenv("LEMMA_FIGURE_OUTPUT");
        const QDir out(keep.isEmpty() ? temporary.path() : QString::fromLocal8Bit(keep));
        for (std::size_t k = 0; k < figures.size(); ++k) {
            FigureView view(figures[k]);
            view.resize(view.sizeHint());
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            const QString base = out.filePath(QString("figure-%1").arg(k + 1));
            QVERIFY(view.grab().save(base + "-screen.png"));
            QVERIFY(view.savePng(base + ".png", 96));
            QVERIFY(view.saveSvg(base + ".svg"));
            QVERIFY(QSvgRenderer(base + ".svg").isValid());
            QVERIFY(view.savePdf(base + ".pdf"));
            QVERIFY(run("pdfinfo", {base + ".pdf"}).contains(QRegularExpression("Pages: +1\\n")));
        }
    }
};

QTEST_MAIN(TestFigureView)
#include "tst_FigureView.moc"
