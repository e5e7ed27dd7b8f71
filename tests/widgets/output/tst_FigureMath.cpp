// Figure titles and axis labels with `$…$`: the formulas are typeset (drawn in the label's
// room, rotated on vertical axes), on screen and in PDF exports, which stay vector and embed
// the math font.
#include <qcustomplot.h>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"
#include "engine/output/Figure.h"
#include "widgets/output/FigureMathTitle.h"
#include "widgets/output/FigurePainter.h"
#include "widgets/output/FigureView.h"

using namespace lemma;

namespace {

std::shared_ptr<const output::Figure> figureOf(const std::string& source) {
    const builtins::Registry registry = builtins::Registry::standard();
    lang::Interpreter interpreter(registry);
    lang::Globals globals;
    for (const auto& o : interpreter.run(lang::parseProgram(source), globals, {}).outputs)
        if (const auto* rich = std::get_if<output::Rich>(&o))
            if (auto f = std::dynamic_pointer_cast<const output::Figure>(rich->object))
                return f;
    return nullptr;
}

// Dark pixels in a rectangle of a white image.
int inked(const QImage& image, const QRect& r) {
    int n = 0;
    for (int y = std::max(0, r.top()); y <= std::min(image.height() - 1, r.bottom()); ++y)
        for (int x = std::max(0, r.left()); x <= std::min(image.width() - 1, r.right()); ++x)
            n += qGray(image.pixel(x, y)) < 160 ? 1 : 0;
    return n;
}

QString run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30000))
        return QString();
    return QString::fromUtf8(p.readAllStandardOutput());
}

}  // namespace

class tst_FigureMath : public QObject {
    Q_OBJECT

private slots:
    void labelsAreTypeset() {
        const auto figure = figureOf(
            "figure(title=\"Spectrum $\\\\sigma_i$ of $W$\", xlabel=\"$i$\", "
            "ylabel=\"$\\\\sigma_i / \\\\sigma_1$\"); plot(1:10, 1 ./ (1:10));");
        QVERIFY(figure);
        QCOMPARE(QString::fromStdString(figure->title), QString("Spectrum $\\sigma_i$ of $W$"));
        widgets::FigureView view(figure);
        view.resize(640, 400);
        view.show();
        QCustomPlot* plot = view.findChild<QCustomPlot*>();
        QVERIFY(plot);
        plot->replot();
        // The title is a typesetting element; the axes keep blank labels for the room.
        QVERIFY(plot->findChild<widgets::FigureMathTitle*>() != nullptr ||
                !plot->plotLayout()->elements(true).isEmpty());
        bool typesetTitle = false;
        for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
            typesetTitle |= dynamic_cast<widgets::FigureMathTitle*>(e) != nullptr;
        QVERIFY(typesetTitle);
        QCPAxisRect* rect = plot->axisRect();
        QCOMPARE(rect->axis(QCPAxis::atBottom)->label().trimmed(), QString());
        QCOMPARE(rect->axis(QCPAxis::atLeft)->label().trimmed(), QString());
        QVERIFY(!rect->axis(QCPAxis::atLeft)->label().isEmpty());

        // Ink where the labels go: below the tick labels, left of the y tick labels.
        QImage image(640, 400, QImage::Format_ARGB32);
        image.fill(Qt::white);
        {
            QCPPainter painter(&image);
            widgets::FigurePainter::paint(*plot, painter, QRectF(0, 0, 640, 400), QSize(640, 400));
        }
        if (!qEnvironmentVariable("LEMMA_MATH_OUT").isEmpty())
            image.save(qEnvironmentVariable("LEMMA_MATH_OUT") + "/figure-labels.png");
        const QRect r = rect->rect();
        const QRect outer = rect->outerRect();
        QVERIFY(inked(image, QRect(r.center().x() - 20, outer.bottom() - 18, 40, 18)) > 10);
        QVERIFY(inked(image, QRect(outer.left(), r.center().y() - 30, 34, 60)) > 10);
    }

    void pdfExportIsVectorWithTheMathFont() {
        if (QStandardPaths::findExecutable("pdffonts").isEmpty())
            QSKIP("poppler-utils is not installed");
        const auto figure = figureOf(
            "figure(title=\"$\\\\lambda_k$\", ylabel=\"$\\\\|A^k - "
            "\\\\mathbf{1}\\\\pi^\\\\top\\\\|$\");"
            " plot(1:10, 0.5 .^ (1:10));");
        QVERIFY(figure);
        widgets::FigureView view(figure);
        view.resize(640, 400);
        QTemporaryDir dir;
        const QString pdf = dir.filePath("math.pdf");
        QVERIFY(view.savePdf(pdf));
        const QString images = run("pdfimages", {"-list", pdf});
        QCOMPARE(images.split('\n', Qt::SkipEmptyParts).size(), 2);
        const QString fonts = run("pdffonts", {pdf});
        QVERIFY2(fonts.contains("LatinModernMath"), qPrintable(fonts));
    }
};

QTEST_MAIN(tst_FigureMath)
#include "tst_FigureMath.moc"
