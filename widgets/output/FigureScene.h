// A Figure built into a QCustomPlot, and the rules it follows at every layout: equal aspect,
// readable heatmap labels, the legend's corner.
#pragma once

#include <QObject>
#include <QPointF>
#include <QString>
#include <memory>
#include <vector>

#include "widgets/output/FigureSeries.h"

class QCustomPlot;
class QCPAbstractLegendItem;
class QCPAxis;
class QCPAxisRect;
class QCPColorScale;
class QCPLegend;

namespace lemma::output {
class Figure;
struct Axes;
struct Heatmap;
}  // namespace lemma::output

namespace lemma::widgets {

// Responsibilities:
//  - build the figure's title, panels (axis rects), legends, colour scales and series into an
//    empty QCustomPlot, and keep the figure alive while the plot shows it;
//  - after each layout (QCustomPlot::afterLayout, so on screen and in every export alike): keep
//    one unit as long on both axes of an equal-aspect panel, thin or turn heatmap labels that
//    would overlap, size heatmap cell values to the cells, place legends;
//  - reset the view, hide and show series, find the data point nearest to a mouse position.
// It is a child of the plot and lives as long as it.
class FigureScene : public QObject {
    Q_OBJECT
public:
    FigureScene(QCustomPlot* plot, std::shared_ptr<const output::Figure> figure);
    ~FigureScene() override;

    const output::Figure& figure() const { return *m_figure; }
    QCustomPlot* plot() const { return m_plot; }

    // The ranges the figure was built with, equal aspect and legend corners fitted anew at the
    // next layout.
    void resetView();

    // Hides or shows the series a legend item stands for; false when it stands for none.
    bool toggleSeries(QCPAbstractLegendItem* item);
    // Every series that can be toggled, in order (for tests and menus).
    int seriesCount() const;
    bool isSeriesVisible(int index) const;

    // The data point nearest to `pixel` within `maxDistance` pixels, described for a person.
    struct Hit {
        bool found = false;
        QString text;
        double x = 0.0, y = 0.0;  // in plot coordinates
        QCPAxisRect* rect = nullptr;
    };
    Hit nearest(const QPointF& pixel, double maxDistance) const;

private:
    struct Panel;

    void build();
    void buildPanel(Panel& p, const output::Axes& axes);
    void setupAxis(QCPAxis* axis, bool log, const QString& label);
    void fitRanges(Panel& p);
    void arrange();
    bool arrangeHeatmapLabels(Panel& p);
    bool applyEqualAspect(Panel& p);
    bool adaptTickCounts(Panel& p);
    void chooseLegendCorner(Panel& p);
    void placeLegend(Panel& p);
    void sizeCellTexts(Panel& p);
    void relayout();
    void setVisible(FigureSeriesParts& parts, bool visible);

    QCustomPlot* m_plot;
    std::shared_ptr<const output::Figure> m_figure;
    std::vector<std::unique_ptr<Panel>> m_panels;
    bool m_fitPending = true;
    bool m_arranging = false;
};

}  // namespace lemma::widgets
