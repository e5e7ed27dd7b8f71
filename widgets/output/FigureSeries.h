// The part of the figure painter that knows each series kind: turns one output::Series into
// QCustomPlot plottables and items in one axis rect, and the engine's styles into pens.
#pragma once

#include <QColor>
#include <QFont>
#include <QList>
#include <QString>

class QCPAbstractItem;
class QCPAbstractPlottable;
class QCPAxisRect;
class QCPColorGradient;
class QCPColorScale;
class QCPItemText;
class QCPLegend;

namespace lemma::output {
struct Color;
struct Series;
enum class ColorMap;
}  // namespace lemma::output

namespace lemma::widgets {

// What one series became: everything that draws it (hidden and shown together), the plottable
// that stands for it in the legend, and a heatmap's cell texts (sized to the cells at layout).
struct FigureSeriesParts {
    const output::Series* series = nullptr;
    QList<QCPAbstractPlottable*> plottables;
    QList<QCPAbstractItem*> items;
    QCPAbstractPlottable* legendEntry = nullptr;  // null when the series has no label
    QList<QCPItemText*> cellTexts;
    bool visible = true;
};

// Adds `series` to the rect's bottom and left axes. A labelled series gets an entry in
// `legend`; heatmaps and contours coloured by level use `colorScale` (may be null otherwise).
FigureSeriesParts addFigureSeries(QCPAxisRect* rect, QCPLegend* legend, QCPColorScale* colorScale,
                                  const output::Series& series);

QColor toQColor(const output::Color& c, int alpha = 255);
// Figure text is sized in pixels of the figure's layout, not in points, so that it scales with
// the figure onto any page whatever the device's resolution.
QFont figureFont(double pixelSize, bool bold = false);
QCPColorGradient colorGradient(output::ColorMap map);
// Pen widths and marker sizes are in points; the layout's pixels are 1/96 inch.
double pointsToPixels(double points);

}  // namespace lemma::widgets
