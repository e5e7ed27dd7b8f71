// The one painter of figures: builds an output::Figure into a QCustomPlot and draws it onto
// any QCPPainter (a screen, a PDF or SVG page, an image), so every copy of a figure looks the
// same and PDF and SVG stay vector.
#pragma once

#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>
#include <memory>

class QCPPainter;
class QCustomPlot;

namespace lemma::output {
class Figure;
}

namespace lemma::widgets {

class FigureScene;

// A figure is laid out on a canvas of `layoutSize` pixels (1/96 inch, text sized in these
// pixels) and then scaled to its target: the same figure on a 300-dpi page is the screen
// figure, only sharper.
class FigurePainter {
public:
    // The canvas figures are laid out on unless a caller says otherwise (in pixels).
    static QSize defaultSize();
    // The canvas a figure is laid out on, on screen and in reports: the default, taller for a
    // grid of several rows of panels.
    static QSize naturalSize(const output::Figure& figure);

    // Builds the figure into an empty plot, in the light theme of paper (a view sets its own);
    // the returned scene is a child of the plot.
    static FigureScene* build(QCustomPlot& plot, std::shared_ptr<const output::Figure> figure);

    // Draws the plot, laid out at layoutSize, into `target` (in the painter's coordinates).
    // The painter must be a QCPPainter and active.
    static void paint(QCustomPlot& plot, QCPPainter& painter, const QRectF& target,
                      QSize layoutSize);
    // Builds the figure into a temporary plot and draws it (for reports). Requires a
    // QApplication, on the GUI thread.
    static void paint(std::shared_ptr<const output::Figure> figure, QCPPainter& painter,
                      const QRectF& target, QSize layoutSize = defaultSize());

    // Exports. PDF and SVG are vector (a heatmap's cells are the one image); the PNG is
    // layoutSize × dpi/96 pixels and records its resolution. False when the file cannot be
    // written.
    static bool savePdf(QCustomPlot& plot, const QString& path, QSize layoutSize);
    static bool saveSvg(QCustomPlot& plot, const QString& path, QSize layoutSize);
    static bool savePng(QCustomPlot& plot, const QString& path, QSize layoutSize, double dpi);
    static QImage toImage(QCustomPlot& plot, QSize layoutSize, double dpi);
};

}  // namespace lemma::widgets
