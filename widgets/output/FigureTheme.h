// The colours a figure is drawn in around its data (page, text, axes, grid, legend box), light
// for paper and exports or taken from a widget palette on screen.
#pragma once

#include <QColor>

class QPalette;

namespace lemma::widgets {

// A theme leaves the data's colours alone (colour maps, series colours) except where a series
// colour would vanish into the page: a dark grey reference line on a dark page is lightened.
struct FigureTheme {
    QColor page;          // the background of the whole figure
    QColor text;          // titles, axis and tick labels, legend text
    QColor axis;          // axis lines and ticks, the panel's frame
    QColor grid;          // grid lines: faint
    QColor legendFill;    // the box of a legend inside the plot
    QColor legendBorder;  // its frame
    QColor faded;         // the legend text of a hidden series

    // Dark text on white paper: what every export and report is drawn in.
    static FigureTheme light();
    // Page from the palette's Base, text from its Text, the rest mixed from the two.
    static FigureTheme fromPalette(const QPalette& palette);

    bool isDark() const;
    // A series colour as drawn on this page. Figures' colours are chosen for white paper, so
    // on a light page it is unchanged; on a dark page one that does not stand out from the
    // page (a dark grey, black) is lightened until it does.
    QColor readable(const QColor& color) const;
};

}  // namespace lemma::widgets
