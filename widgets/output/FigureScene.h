// A Figure built into a QCustomPlot, and the rules it follows at every layout: the view fitted
// to the data, equal aspect, readable ticks and heatmap labels, the legends' places.
#pragma once

#include <QObject>
#include <QPointF>
#include <QSize>
#include <QString>
#include <memory>
#include <string>
#include <vector>

#include "widgets/output/FigureHitTest.h"
#include "widgets/output/FigureSeries.h"
#include "widgets/output/FigureTheme.h"

class QCustomPlot;
class QCPAbstractLegendItem;
class QCPAxis;
class QCPColorScale;
class QCPLayoutGrid;
class QCPMarginGroup;
class QCPTextElement;
class QFont;

namespace lemma::output {
class Figure;
struct Axes;
}  // namespace lemma::output

namespace lemma::widgets {

class FigureInks;
class FigureMathLabels;

// Responsibilities:
//  - build the figure's title, panels (axis rects), legends, colour scales and series into an
//    empty QCustomPlot, and keep the figure alive while the plot shows it;
//  - after each layout (QCustomPlot::afterLayout, so on screen and in every export alike): fit
//    the view to the data with room for markers (unless the user moved it), keep one unit as
//    long on both axes of an equal-aspect panel, choose tick counts whose labels keep apart,
//    thin or turn heatmap labels that would overlap, size heatmap cell values to the cells,
//    have the legends placed;
//  - draw everything around the data in a theme (light by default, as on paper), and change
//    the theme without rebuilding (the view's ranges and hidden series stay);
//  - reset the view, hide and show series, find the data point nearest to a mouse position.
// It is a child of the plot and lives as long as it.
class FigureScene : public QObject {
    Q_OBJECT
public:
    FigureScene(QCustomPlot* plot, std::shared_ptr<const output::Figure> figure,
                const FigureTheme& theme = FigureTheme::light());
    ~FigureScene() override;

    const output::Figure& figure() const { return *m_figure; }
    QCustomPlot* plot() const { return m_plot; }

    const FigureTheme& theme() const { return m_theme; }
    // Re-colours the figure; takes effect at the next replot.
    void setTheme(const FigureTheme& theme);

    // The view fitted to the data again, and the legends placed afresh, at the next layout.
    void resetView();

    // Hides or shows the series a legend item stands for; false when it stands for none.
    bool toggleSeries(QCPAbstractLegendItem* item);
    // Every series that can be toggled, in order (for tests and menus).
    int seriesCount() const;
    bool isSeriesVisible(int index) const;

    // The data point nearest to `pixel` within `maxDistance` pixels, described for a person.
    using Hit = FigureHit;
    Hit nearest(const QPointF& pixel, double maxDistance) const;

private:
    struct Panel;

    void build();
    QCPTextElement* panelTitle(const std::string& text);
    QCPColorScale* newScale();
    QCPColorScale* addSharedScale(QCPLayoutGrid& body);
    void buildPanel(Panel& p, const output::Axes& axes);
    void setupAxis(QCPAxis* axis, bool log, bool integral, const QString& label);
    QCPTextElement* makeTitle(const QString& text, const QFont& font);
    void arrange();
    void settle();
    bool wrapTitles();
    bool fitView(Panel& p);
    bool arrangeHeatmapLabels(Panel& p);
    void sizeCellTexts(Panel& p);
    void relayout();
    void setVisible(FigureSeriesParts& parts, bool visible);
    void fadeEntry(const FigureSeriesParts& parts);

    QCustomPlot* m_plot;
    std::shared_ptr<const output::Figure> m_figure;
    std::vector<std::unique_ptr<Panel>> m_panels;
    FigureTheme m_theme = FigureTheme::light();
    std::unique_ptr<FigureInks> m_inks;
    // Titles and their whole text, wrapped to 1/share of the figure's width at each layout.
    struct Title {
        QCPTextElement* element;
        QString text;
        int share;
    };
    std::vector<Title> m_titles;
    FigureMathLabels* m_mathLabels = nullptr;  // typeset axis labels, made when one has math
    QCPMarginGroup* m_sharedGroup = nullptr;   // lines a shared colour scale up with the plots
    QSize m_viewport;                          // the plot size the legends were placed for
    bool m_fitPending = true;
    bool m_arranging = false;
};

}  // namespace lemma::widgets
