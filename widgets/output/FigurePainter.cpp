// Drawing figures onto pages and images through QCustomPlot::toPainter.
//
// Text is sized in layout pixels and the painter is scaled from the layout canvas to the
// target, so a device's resolution never changes the proportions of a figure. QCustomPlot's
// own savePdf/saveSvg paths are not used: going through one paint() keeps the screen, the
// reports and the exports on the same code.
#include "widgets/output/FigurePainter.h"

#include <qcustomplot.h>

#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>

#include "engine/output/Figure.h"
#include "widgets/output/FigureScene.h"

namespace lemma::widgets {

QSize FigurePainter::defaultSize() {
    return QSize(640, 400);
}

QSize FigurePainter::naturalSize(const output::Figure& f) {
    const int titleHeight = f.title.empty() ? 0 : 30;
    return QSize(defaultSize().width(),
                 std::max(defaultSize().height(), 300 * f.rows + titleHeight));
}

FigureScene* FigurePainter::build(QCustomPlot& plot, std::shared_ptr<const output::Figure> figure) {
    return new FigureScene(&plot, std::move(figure));
}

void FigurePainter::paint(QCustomPlot& plot, QCPPainter& painter, const QRectF& target,
                          QSize layoutSize) {
    if (layoutSize.isEmpty())
        layoutSize = defaultSize();
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(target.width() / layoutSize.width(), target.height() / layoutSize.height());
    plot.toPainter(&painter, layoutSize.width(), layoutSize.height());
    painter.restore();
    // Drawing at another size left the plot laid out (and an equal-aspect panel ranged) for
    // that size: lay a visible plot out for the screen again before the mouse reads it.
    if (plot.isVisible())
        plot.replot();
}

void FigurePainter::paint(std::shared_ptr<const output::Figure> figure, QCPPainter& painter,
                          const QRectF& target, QSize layoutSize) {
    QCustomPlot plot;
    plot.resize(layoutSize);
    build(plot, std::move(figure));
    paint(plot, painter, target, layoutSize);
}

bool FigurePainter::savePdf(QCustomPlot& plot, const QString& path, QSize layoutSize) {
    if (layoutSize.isEmpty())
        layoutSize = defaultSize();
    QPdfWriter writer(path);
    writer.setCreator(QStringLiteral("Lemma"));
    // One layout pixel is 1/96 inch: the page is the figure's size in points.
    const QSizeF points(layoutSize.width() * 72.0 / 96.0, layoutSize.height() * 72.0 / 96.0);
    writer.setPageLayout(
        QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                    QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    QCPPainter painter;
    if (!painter.begin(&writer))
        return false;
    painter.setMode(QCPPainter::pmVectorized);
    paint(plot, painter, QRectF(0, 0, writer.width(), writer.height()), layoutSize);
    return painter.end();
}

bool FigurePainter::saveSvg(QCustomPlot& plot, const QString& path, QSize layoutSize) {
    if (layoutSize.isEmpty())
        layoutSize = defaultSize();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(layoutSize);
    generator.setViewBox(QRect(QPoint(0, 0), layoutSize));
    generator.setResolution(96);
    generator.setTitle(QStringLiteral("Lemma figure"));
    QCPPainter painter;
    if (!painter.begin(&generator))
        return false;
    painter.setMode(QCPPainter::pmVectorized);
    paint(plot, painter, QRectF(QPointF(0, 0), QSizeF(layoutSize)), layoutSize);
    return painter.end() && QFileInfo(path).size() > 0;
}

QImage FigurePainter::toImage(QCustomPlot& plot, QSize layoutSize, double dpi) {
    if (layoutSize.isEmpty())
        layoutSize = defaultSize();
    const double scale = dpi / 96.0;
    QImage image(static_cast<int>(std::lround(layoutSize.width() * scale)),
                 static_cast<int>(std::lround(layoutSize.height() * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const int dotsPerMeter = static_cast<int>(std::lround(dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    QCPPainter painter(&image);
    paint(plot, painter, QRectF(0, 0, image.width(), image.height()), layoutSize);
    painter.end();
    return image;
}

bool FigurePainter::savePng(QCustomPlot& plot, const QString& path, QSize layoutSize, double dpi) {
    return toImage(plot, layoutSize, dpi).save(path, "PNG");
}

}  // namespace lemma::widgets
