// A panel's legend and where it goes: inside the axis rect where it hides no data, otherwise
// below the axis rect.
#pragma once

#include <QMargins>
#include <Qt>
#include <vector>

#include "widgets/output/FigureSeries.h"
#include "widgets/output/FigureTheme.h"

class QCPAxisRect;
class QCPLayoutGrid;
class QCPLegend;

namespace lemma::widgets {

// Responsibilities:
//  - create the panel's QCPLegend in the figure's style and theme;
//  - choose its place for a layout: the first of eight spots inside the axis rect (the four
//    corners, then the middles of the sides) that covers no drawn data, or a row of entries
//    below the axis rect when every spot would;
//  - keep an inside legend at its spot as the axis rect changes size.
// A choice holds until the next one (a new figure size or a reset view), so the legend never
// jumps while the user pans or hides series.
class FigureLegend {
public:
    // `cell` is the panel's layout grid and `row` its free row below the axis rect.
    FigureLegend(QCPAxisRect* rect, QCPLayoutGrid* cell, int row);

    QCPLegend* legend() const { return m_legend; }

    // Draws the legend's text and box in `theme` (every entry's text in the theme's text
    // colour: the scene fades the entries of hidden series again).
    void setTheme(const FigureTheme& theme);
    bool isOutside() const { return m_outside; }

    // Puts an outside legend back inside the rect (and drops a reserved row), for a fresh
    // choice. True when the layout changed.
    bool moveInside();
    // Chooses an inside spot for the drawn parts, or moves the legend out. True when it moved
    // out (the layout changed).
    bool choose(const std::vector<FigureSeriesParts>& parts);
    // Positions an inside legend at its spot.
    void place();

    // The height of the row an outside legend takes below the axis rect (0 when inside).
    int heightBelow() const;
    // Keeps an empty row of `height` pixels below the axis rect when the legend is not there,
    // so that the plots of panels side by side stay aligned with a neighbour's outside legend.
    void reserveBelow(int height);

private:
    void moveOutside();
    QCPLayoutGrid* addBelow();

    QCPAxisRect* m_rect;
    QCPLayoutGrid* m_cell;
    int m_row;
    QCPLegend* m_legend;
    QCPLayoutGrid* m_below = nullptr;  // the row below the rect, while there is one
    bool m_outside = false;
    Qt::Alignment m_spot = Qt::AlignTop | Qt::AlignRight;
    QMargins m_insideMargins;
    FigureTheme m_theme = FigureTheme::light();
};

}  // namespace lemma::widgets
