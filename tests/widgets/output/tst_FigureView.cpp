// The figure view and painter: every series kind renders offscreen without Qt warnings and in
// its colours; exports are valid files (PDF read by pdfinfo and free of images for a line plot,
// SVG parsed by QSvgRenderer, PNG of the requested size); the view's interactions (legend
// toggles, hover readout, reset) and layout rules (equal aspect showing all data at any size,
// tick labels that never touch, whole-number ticks, heatmap labels and colour maps, legends
// beside or below the data, shared colour scales, wrapped titles, log ticks); and every figure
// of tests/data/figures/all-kinds.md.
//
// Set LEMMA_FIGURE_OUTPUT to a folder to keep the rendered notebook figures for a person to
// look at.
#include <qcustomplot.h>

#include <QGestureEvent>
#include <QNativeGestureEvent>
#include <QPointingDevice>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtTest>
#include <cmath>

#include "engine/lang/Builtin.h"
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

// A dark palette like the window's dark theme: light text on a dark base.
QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x29));
    return p;
}

QCPAxisRect* firstRect(FigureView& view) {
    return view.plot()->axisRects().value(0);
}

// Skips the test when a poppler tool is missing (poppler-utils is in the dependency script).
#define REQUIRE_TOOL(name)                              \
    if (QStandardPaths::findExecutable(name).isEmpty()) \
        QSKIP(name " is not installed (poppler-utils)");

// The first pair of neighbouring tick labels of `axis` (as last drawn) that are closer than
// `gap` pixels, described; empty when none are.
QString touchingLabels(QCPAxis* axis, double gap) {
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    const QFontMetrics fm(axis->tickLabelFont());
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    for (qsizetype k = 1; k < ticks.size(); ++k) {
        if (!axis->range().contains(ticks[k]) || !axis->range().contains(ticks[k - 1]))
            continue;
        const double distance =
            std::abs(axis->coordToPixel(ticks[k]) - axis->coordToPixel(ticks[k - 1]));
        const double needed =
            horizontal
                ? (fm.horizontalAdvance(labels[k]) + fm.horizontalAdvance(labels[k - 1])) / 2.0
                : fm.height();
        if (distance < needed + gap)
            return labels[k - 1] + " and " + labels[k] + QString(" %1 px apart").arg(distance);
    }
    return QString();
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
        // NaN and ±Inf never crash a figure: they leave gaps, and the axes fit what is finite.
        QTest::newRow("line with Inf") << "plot([1 Inf 3 -Inf 5 6]);" << blue;
        QTest::newRow("only NaN") << "plot([NaN NaN NaN]);" << QColor();
        QTest::newRow("scatter with NaN and Inf")
            << "scatter([1 NaN 3 Inf 5 6 7 8], [1 2 NaN 4 5 6 7 8]);" << blue;
        QTest::newRow("bars with NaN and Inf") << "bar([1 NaN 2 Inf 3]);" << blue;
        QTest::newRow("heatmap with NaN and Inf")
            << "heatmap([1 NaN 2; Inf -Inf 3], values=true);" << QColor();
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
        QTest::newRow("bar") << "bar([0.3 0.5 0.2], color=\"orange\");" << QColor(0xff, 0x7f, 0x0e);
        QTest::newRow("grouped bars")
            << "bar(1:3, [1 2; 3 4; 5 6], label={\"a\", \"b\"});" << QColor(0xff, 0x7f, 0x0e);
        QTest::newRow("signed bars on a grid") << "bar([-1 2 -3]); hline(0, \"k-\");" << blue;
        QTest::newRow("bars on a log axis") << "figure(logy=true); bar([1 10 100]);" << blue;
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
        REQUIRE_TOOL("pdfinfo");
        REQUIRE_TOOL("pdfimages");
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

    void darkPaletteDarkensTheView() {
        const auto figure = figureOf(
            "figure(title=\"Loss\", xlabel=\"step\"); plot(1:10, label=\"train\"); hline(4);");
        QVERIFY(figure);
        FigureView view(figure);
        view.setPalette(darkPalette());
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage screen = view.grab().toImage();
        QVERIFY2(screen.pixelColor(3, 3).lightness() < 60,
                 qPrintable(screen.pixelColor(3, 3).name()));
        QCPAxis* x = firstRect(view)->axis(QCPAxis::atBottom);
        QVERIFY(x->tickLabelColor().lightness() > 180);
        QVERIFY(x->labelColor().lightness() > 180);
        QVERIFY(x->basePen().color().lightness() > 150);
        QVERIFY(x->grid()->pen().color().alpha() < 80);              // the grid stays faint
        QVERIFY(pixelsNear(screen, QColor(0xdf, 0xe1, 0xe5)) > 50);  // light text drawn
        // The reference line's dark grey would vanish on the dark page: it is lightened.
        const auto lines = view.plot()->findChildren<QCPItemStraightLine*>();
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.front()->pen().color().lightness() >= 0x80,
                 qPrintable(lines.front()->pen().color().name()));
        QCOMPARE(lines.front()->pen().style(), Qt::DashLine);
    }

    void exportsStayLightFromADarkView() {
        const auto figure =
            figureOf("figure(title=\"Loss\"); plot(1:10, label=\"train\"); hline(4);");
        FigureView view(figure);
        view.setPalette(darkPalette());
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTemporaryDir dir;
        const QString png = dir.filePath("dark.png");
        QVERIFY(view.savePng(png, 96));
        const QImage image(png);
        QCOMPARE(image.pixelColor(3, 3), QColor(Qt::white));
        QVERIFY(pixelsNear(image, QColor(0x22, 0x22, 0x22)) > 50);  // dark text on paper
        QCOMPARE(firstRect(view)->axis(QCPAxis::atBottom)->tickLabelColor(),
                 QColor(0xdf, 0xe1, 0xe5));
        const auto lines = view.plot()->findChildren<QCPItemStraightLine*>();
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines.front()->pen().color().lightness() >= 0x80);  // the screen's colours again
        // and the screen shows them at once, light text on the dark page.
        const QImage screen = view.grab().toImage();
        QVERIFY(screen.pixelColor(3, 3).lightness() < 60);
        QVERIFY(pixelsNear(screen, QColor(0xdf, 0xe1, 0xe5)) > 50);
    }

    void paletteChangeRethemes() {
        const auto figure = figureOf("plot([1 2 3], label=\"a\"); plot([3 2 1], label=\"b\");");
        FigureView view(figure);
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.grab().toImage().pixelColor(3, 3).lightness() > 200);
        // A hidden series keeps its faded legend entry through a theme change.
        QCPLegend* legend = view.plot()->findChildren<QCPLegend*>().front();
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, legend->item(1)->rect().center());
        QVERIFY(!view.scene()->isSeriesVisible(1));
        view.setPalette(darkPalette());
        const QImage dark = view.grab().toImage();
        QVERIFY(dark.pixelColor(3, 3).lightness() < 60);
        QVERIFY(pixelsNear(dark, QColor(0xdf, 0xe1, 0xe5)) > 10);  // the text redrawn light
        QCOMPARE(legend->item(0)->textColor(), QColor(0xdf, 0xe1, 0xe5));
        QVERIFY(legend->item(1)->textColor() != QColor(0xdf, 0xe1, 0xe5));
        QVERIFY(legend->brush().color().lightness() < 60);
        view.setPalette(QPalette(Qt::black, Qt::white, Qt::white, Qt::gray, Qt::gray, Qt::black,
                                 Qt::black, Qt::white, Qt::white));
        const QImage light = view.grab().toImage();
        QVERIFY(light.pixelColor(3, 3).lightness() > 200);
        QVERIFY(pixelsNear(light, QColor(Qt::black)) > 10);  // and the text dark again
        QCOMPARE(legend->item(0)->textColor(), QColor(Qt::black));
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

    // The wheel over a figure scrolls the page; it zooms the plot with Ctrl, or once a click
    // has given the plot focus (shown by a frame).
    void wheelScrollsThePageUnlessAskedToZoom() {
        QScrollArea area;
        auto* page = new QWidget;
        auto* layout = new QVBoxLayout(page);
        layout->addSpacing(300);
        auto* view = new FigureView(figureOf("plot([0 10], [0 1]);"));
        view->setFixedSize(600, 400);
        layout->addWidget(view);
        layout->addSpacing(900);
        area.setWidget(page);
        area.resize(640, 500);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        area.verticalScrollBar()->setValue(200);
        QCPAxis* x = firstRect(*view)->axis(QCPAxis::atBottom);
        const QCPRange initial = x->range();
        auto wheel = [&](Qt::KeyboardModifiers mods) {
            const QPointF at = QPointF(view->plot()->rect().center());
            QWheelEvent event(at, view->plot()->mapToGlobal(at), QPoint(), QPoint(0, -120),
                              Qt::NoButton, mods, Qt::NoScrollPhase, false);
            QApplication::sendEvent(view->plot(), &event);
        };
        wheel(Qt::NoModifier);
        QVERIFY2(area.verticalScrollBar()->value() > 200,
                 qPrintable(QString::number(area.verticalScrollBar()->value())));
        QCOMPARE(x->range().lower, initial.lower);
        QCOMPARE(x->range().upper, initial.upper);
        QVERIFY(!view->zoomsOnWheel(Qt::NoModifier));

        // Ctrl+wheel zooms at any time; the page stays.
        const int scrolled = area.verticalScrollBar()->value();
        wheel(Qt::ControlModifier);
        QVERIFY(x->range().size() != initial.size());
        QCOMPARE(area.verticalScrollBar()->value(), scrolled);

        // A click gives the plot the wheel, with a visible frame; then the wheel zooms.
        view->resetView();
        const QImage before = view->grab().toImage();
        QTest::mouseClick(view->plot(), Qt::LeftButton, {}, view->plot()->rect().center());
        QVERIFY(view->plot()->hasFocus());
        QVERIFY(view->zoomsOnWheel(Qt::NoModifier));
        QVERIFY(view->grab().toImage() != before);  // the focus frame
        wheel(Qt::NoModifier);
        QVERIFY(x->range().size() != initial.size());
        QCOMPARE(area.verticalScrollBar()->value(), scrolled);
    }

    // A pinch zooms the plot like Ctrl+wheel, without a click first, about the point between
    // the fingers (it stays under them), and never scrolls the page: a touchpad's pinch (a
    // native zoom gesture) and a touchscreen's (QPinchGesture) alike.
    void pinchZoomsAboutThePointUnderTheFingers() {
        QScrollArea area;
        auto* page = new QWidget;
        auto* layout = new QVBoxLayout(page);
        layout->addSpacing(300);
        auto* view = new FigureView(figureOf("plot([0 10], [0 1]);"));
        view->setFixedSize(600, 400);
        layout->addWidget(view);
        layout->addSpacing(900);
        area.setWidget(page);
        area.resize(640, 500);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        area.verticalScrollBar()->setValue(200);
        QVERIFY(!view->plot()->hasFocus());
        QCPAxis* x = firstRect(*view)->axis(QCPAxis::atBottom);
        QCPAxis* y = firstRect(*view)->axis(QCPAxis::atLeft);
        const QCPRange initial = x->range();
        const QCPRange initialY = y->range();
        const QPointF at = QPointF(firstRect(*view)->rect().center()) + QPointF(60, -40);
        const double xAt = x->pixelToCoord(at.x());
        const double yAt = y->pixelToCoord(at.y());

        // A touchpad: begin, two zoom steps of +0.5 (1.5 × 1.5 = 2.25 times closer), end.
        const QPointingDevice* device = QPointingDevice::primaryPointingDevice();
        const QPointF global = view->plot()->mapToGlobal(at);
        for (const auto& [type, value] :
             std::vector<std::pair<Qt::NativeGestureType, double>>{{Qt::BeginNativeGesture, 0.0},
                                                                   {Qt::ZoomNativeGesture, 0.5},
                                                                   {Qt::ZoomNativeGesture, 0.5},
                                                                   {Qt::EndNativeGesture, 0.0}}) {
            QNativeGestureEvent event(type, device, 2, at, at, global, value, QPointF());
            QApplication::sendEvent(view->plot(), &event);
            QVERIFY(event.isAccepted());
        }
        QVERIFY(std::abs(x->range().size() - initial.size() / 2.25) < 1e-9 * initial.size());
        QVERIFY(std::abs(y->range().size() - initialY.size() / 2.25) < 1e-9 * initialY.size());
        QVERIFY(std::abs(x->pixelToCoord(at.x()) - xAt) < 1e-9 * initial.size());
        QVERIFY(std::abs(y->pixelToCoord(at.y()) - yAt) < 1e-9 * initialY.size());
        QCOMPARE(area.verticalScrollBar()->value(), 200);

        // A touchscreen: a pinch to half as close (zooms out) about the same point.
        view->resetView();
        QPinchGesture pinch;
        pinch.setCenterPoint(global);
        pinch.setScaleFactor(0.5);
        pinch.setChangeFlags(QPinchGesture::ScaleFactorChanged);
        QGestureEvent gestures({&pinch});
        QApplication::sendEvent(view->plot(), &gestures);
        QVERIFY(gestures.isAccepted(&pinch));
        QVERIFY(std::abs(x->range().size() - initial.size() * 2.0) < 1e-9 * initial.size());
        QVERIFY(std::abs(x->pixelToCoord(at.x()) - xAt) < 1e-9 * initial.size());
        QCOMPARE(area.verticalScrollBar()->value(), 200);
    }

    // A grid of panels never shrinks them to strips: it keeps a readable minimum, and at that
    // size every panel's plot is still a usable rectangle.
    void subplotsKeepAReadableSize() {
        FigureView view(
            figureOf("for k = 1:3\n subplot(1, 3, k, title=\"head\");\n"
                     " heatmap(rand(4, 4));\nend"));
        const QSize minimum = view.minimumSizeHint();
        QVERIFY(minimum.width() >= 3 * FigureView::kPanelMinWidth);
        view.resize(minimum.width(), view.sizeHint().height());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto rects = view.plot()->axisRects();
        QCOMPARE(rects.size(), 3);
        for (const QCPAxisRect* r : rects)
            QVERIFY2(r->width() >= 90 && r->height() >= 90,
                     qPrintable(QString("%1×%2").arg(r->width()).arg(r->height())));
        // A single plot keeps its old small minimum.
        FigureView single(figureOf("plot([1 2]);"));
        QCOMPARE(single.minimumSizeHint(), QSize(240, 160));
    }

    // Save dialogs suggest a name from the figure's title.
    void suggestedFileNamesFollowTheTitle() {
        FigureView titled(figureOf("figure(title=\"Attention weights A\"); plot([1 2]);"));
        QCOMPARE(titled.suggestedFileName("png"), QString("attention-weights-a.png"));
        FigureView panel(figureOf("subplot(1, 2, 1, title=\"Singular values σᵢ\"); plot([1 2]);"));
        QCOMPARE(panel.suggestedFileName("svg"), QString("singular-values-σᵢ.svg"));
        FigureView untitled(figureOf("plot([1 2]);"));
        QCOMPARE(untitled.suggestedFileName("pdf"), QString("figure.pdf"));
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
        QCOMPARE(x->tickLabelRotation(), -90.0);
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

        // Under two and a half decades, 1, 2 and 5 times the powers of ten, as plain numbers.
        FigureView loss(figureOf("figure(logy=true); plot(1:200, 2 * exp(-(1:200) / 40) + 0.05);"));
        loss.resize(640, 400);
        loss.show();
        QVERIFY(QTest::qWaitForWindowExposed(&loss));
        const QStringList labels = firstRect(loss)->axis(QCPAxis::atLeft)->tickVectorLabels();
        for (const char* label : {"0.1", "0.2", "0.5", "1", "2"})
            QVERIFY2(labels.contains(label), qPrintable(labels.join(", ")));
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

    // Equal aspect widens a range rather than cropping: at every size (and in a grid) the unit
    // circle and every eigenvalue are in view with room for their markers, and circles stay
    // round.
    void equalAspectShowsAllData_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("columns");
        QTest::newRow("wide") << QSize(640, 400) << 1;
        QTest::newRow("very wide") << QSize(900, 220) << 1;
        QTest::newRow("tall") << QSize(300, 600) << 1;
        QTest::newRow("small") << QSize(240, 160) << 1;
        QTest::newRow("in a row of three") << QSize(640, 300) << 3;
        QTest::newRow("in a row of three, tall") << QSize(400, 500) << 3;
    }

    void equalAspectShowsAllData() {
        QFETCH(QSize, size);
        QFETCH(int, columns);
        std::string source = "M = [0 0 1.3; 1 0 0; 0 1 0];";
        for (int c = 1; c <= columns; ++c)
            source += "subplot(1, " + std::to_string(columns) + ", " + std::to_string(c) +
                      ", title=\"spectrum\"); eigplot(M);";
        const auto figure = figureOf(source);
        QVERIFY(figure);
        FigureView view(figure);
        view.resize(size);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // λ = 1.3^{1/3} e^{2πik/3}: the largest reaches beyond the unit circle.
        const double r = std::cbrt(1.3);
        for (QCPAxisRect* rect : view.plot()->axisRects()) {
            QCPAxis* x = rect->axis(QCPAxis::atBottom);
            QCPAxis* y = rect->axis(QCPAxis::atLeft);
            const double unitX = rect->width() / x->range().size();
            const double unitY = rect->height() / y->range().size();
            QVERIFY2(std::abs(unitX / unitY - 1.0) < 1e-9,
                     qPrintable(QString::number(unitX / unitY)));
            // The star marking λ₁ (12 pt, so 8 px to its tips) stays whole.
            const double reach = 8.0 / unitX;
            QVERIFY(x->range().lower <= -1.0 - reach / 2 && x->range().upper >= r + reach);
            QVERIFY(y->range().lower <= -1.0 - reach / 2 && y->range().upper >= 1.0 + reach / 2);
        }
    }

    // Tick labels never run into each other, whatever the figure and its size (heatmap panels
    // thin their own labels and are checked elsewhere).
    void tickLabelsKeepApart_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QSize>("size");
        const QString eig = "eigplot([0 1 0; 0 0 1; 1 0 0]);";
        const QString wide = "plot(linspace(-12345.5, 98765.25, 20), linspace(-1, 1, 20));";
        const QString log =
            "figure(logx=true, logy=true); plot(logspace(-8, 8, 9), logspace(0, 9, 9));";
        const QString grid =
            "subplot(1, 3, 1); plot(1:100); subplot(1, 3, 2); plot(-1:0.1:1); "
            "subplot(1, 3, 3); " +
            eig;
        const QString logGrid =
            "subplot(1, 3, 1); heatmap([0 1; -1 0], values=true); subplot(1, 3, 2, equal=true); "
            "circle(); subplot(1, 3, 3, logx=true, logy=true, ylabel=\"error\"); "
            "n = logspace(1, 5, 30); scatter(n, 3 ./ sqrt(n), label=\"measured\");";
        for (const QSize size :
             {QSize(640, 400), QSize(420, 280), QSize(300, 200), QSize(1200, 300)}) {
            const QByteArray suffix =
                QString(" %1x%2").arg(size.width()).arg(size.height()).toUtf8();
            QTest::newRow("equal aspect" + suffix) << eig << size;
            QTest::newRow("long numbers" + suffix) << wide << size;
            QTest::newRow("log-log" + suffix) << log << size;
            QTest::newRow("grid" + suffix) << grid << size;
            QTest::newRow("narrow log panel" + suffix) << logGrid << size;
        }
    }

    void tickLabelsKeepApart() {
        QFETCH(QString, source);
        QFETCH(QSize, size);
        FigureView view(figureOf(source.toStdString()));
        view.resize(size);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (QCPAxisRect* rect : view.plot()->axisRects()) {
            for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
                // A very short axis may hold a single label rather than two that touch.
                QVERIFY2(!axis->tickVector().isEmpty(),
                         qPrintable(QString("%1 ticks from %2 to %3")
                                        .arg(axis->tickVector().size())
                                        .arg(axis->range().lower)
                                        .arg(axis->range().upper)));
                const QString touching = touchingLabels(axis, 4.0);
                QVERIFY2(touching.isEmpty(), qPrintable(touching));
            }
        }
    }

    // Steps and token indices are whole numbers: no tick falls between two of them.
    void wholeNumberTicks_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("width");
        for (const int width : {300, 640, 1000}) {
            const QByteArray suffix = " " + QByteArray::number(width);
            QTest::newRow("steps 1 to 10" + suffix) << "plot(1:10, 1 ./ (1:10));" << width;
            QTest::newRow("bars" + suffix) << "bar([0.2 0.5 0.3]);" << width;
            QTest::newRow("layers 0 to 12" + suffix) << "plot(0:12, exp(-(0:12)));" << width;
        }
    }

    void wholeNumberTicks() {
        QFETCH(QString, source);
        QFETCH(int, width);
        FigureView view(figureOf(source.toStdString()));
        view.resize(width, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCPAxis* x = firstRect(view)->axis(QCPAxis::atBottom);
        QVERIFY(x->tickVector().size() >= 2);
        for (const double tick : x->tickVector())
            QVERIFY2(tick == std::round(tick), qPrintable(QString::number(tick)));
    }

    // A heatmap takes its colour map: diverging shows red and blue, viridis its purple.
    void heatmapColorMaps() {
        FigureView diverging(figureOf("heatmap([1 2; 3 4], colormap=\"diverging\");"));
        diverging.resize(400, 300);
        diverging.show();
        QVERIFY(QTest::qWaitForWindowExposed(&diverging));
        const QImage d = diverging.grab().toImage();
        QVERIFY(pixelsNear(d, QColor(0xb2, 0x18, 0x2b)) > 500);  // the top of the scale: 4
        QVERIFY(pixelsNear(d, QColor(0x21, 0x66, 0xac)) > 50);   // the colour bar's bottom
        FigureView viridis(figureOf("heatmap([-1 2; 3 -4], colormap=\"viridis\");"));
        viridis.resize(400, 300);
        viridis.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viridis));
        const QImage v = viridis.grab().toImage();
        QVERIFY(pixelsNear(v, QColor(0x44, 0x01, 0x54)) > 500);  // -4
        QVERIFY(pixelsNear(v, QColor(0xfd, 0xe7, 0x25)) > 500);  // 3
        QCOMPARE(pixelsNear(v, QColor(0xb2, 0x18, 0x2b)), 0);
    }

    // When every spot inside the plot would cover data, the legend goes below the plot, and
    // the plots of its row stay level.
    void legendGoesBelowCrowdedData() {
        FigureView view(
            figureOf("subplot(1, 2, 1); plot(1:3, label=\"line\");\n"
                     "subplot(1, 2, 2); rng(1); scatter(rand(1, 400), rand(1, 400), "
                     "label=\"everywhere\");"));
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto rects = view.plot()->axisRects();
        QCOMPARE(rects.size(), 2);
        std::sort(rects.begin(), rects.end(),
                  [](QCPAxisRect* a, QCPAxisRect* b) { return a->left() < b->left(); });
        QCOMPARE(rects[0]->bottom(), rects[1]->bottom());
        int below = 0, inside = 0;
        for (QCPLegend* l : view.plot()->findChildren<QCPLegend*>()) {
            const QRect r = l->outerRect();
            if (r.top() >= rects[1]->bottom() && r.left() >= rects[1]->left() &&
                r.bottom() <= view.plot()->height())
                ++below;
            if (rects[0]->rect().contains(r))
                ++inside;
        }
        QCOMPARE(below, 1);
        QCOMPARE(inside, 1);
    }

    // Panels with the same colour scale share one; different ones keep their own.
    void sharedColorScale() {
        const QString three =
            "subplot(1, 3, 1); heatmap(eye(4), range=[-1 1]); subplot(1, 3, 2); "
            "heatmap(-eye(4), range=[-1 1]); subplot(1, 3, 3); heatmap(ones(4), "
            "range=[%1 1]);";
        FigureView same(figureOf(three.arg(-1).toStdString()));
        same.resize(640, 300);
        same.show();
        QVERIFY(QTest::qWaitForWindowExposed(&same));
        const auto scales = same.plot()->findChildren<QCPColorScale*>();
        QCOMPARE(scales.size(), 1);
        // Level with the plots it explains.
        QCPAxisRect* rect = firstRect(same);
        QCOMPARE(scales.front()->axis()->axisRect()->top(), rect->top());
        QCOMPARE(scales.front()->axis()->axisRect()->bottom(), rect->bottom());
        FigureView different(figureOf(three.arg(0).toStdString()));
        QCOMPARE(different.plot()->findChildren<QCPColorScale*>().size(), 3);
    }

    // A title longer than the figure is wide wraps instead of widening the figure.
    void longTitlesWrap() {
        FigureView view(figureOf(
            "figure(title=\"A title about the attention matrix of layer twelve, head seven, "
            "averaged over every sequence of the evaluation batch\"); "
            "plot(1:3);"));
        view.resize(480, 320);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.plot()->plotLayout()->minimumOuterSizeHint().width() <= 480);
        const auto titles = view.plot()->findChildren<QCPTextElement*>();
        QCOMPARE(titles.size(), 1);
        QVERIFY(titles.front()->text().contains('\n'));
        QVERIFY(titles.front()->outerRect().right() <= view.plot()->width());
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
        QCOMPARE(figures.size(), std::size_t{7});
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
            view.setPalette(darkPalette());
            QVERIFY(view.grab().save(base + "-screen-dark.png"));
            QVERIFY(view.savePng(base + ".png", 96));  // on white paper, from the dark view
            QVERIFY(view.saveSvg(base + ".svg"));
            QVERIFY(QSvgRenderer(base + ".svg").isValid());
            QVERIFY(view.savePdf(base + ".pdf"));
            QVERIFY(run("pdfinfo", {base + ".pdf"}).contains(QRegularExpression("Pages: +1\\n")));
        }
    }
};

QTEST_MAIN(TestFigureView)
#include "tst_FigureView.moc"
