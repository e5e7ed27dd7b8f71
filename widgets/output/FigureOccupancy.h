// Where a panel's data is drawn, on a coarse grid over its axis rect: used to put a legend in the
// corner where it hides the least.
#pragma once

#include <QPointF>
#include <QRect>
#include <vector>

class QCPAxis;

namespace lemma::output {
struct Series;
}

namespace lemma::widgets {

// Responsibilities: mark the grid cells that points, segments, filled spans and whole series
// pass through (in pixels), and count the marked cells a rectangle overlaps.
class FigureOccupancy {
public:
    FigureOccupancy(const QRect& area, int columns, int rows);

    void markPoint(QPointF p);
    // Marks the cells along the segment.
    void markSegment(QPointF a, QPointF b);
    // Marks the cells of column x between the pixel heights y0 and y1.
    void markSpan(double x, double y0, double y1);
    void markAll();
    // Marks where the series is drawn against the axes (reference lines excepted: a legend may
    // cover them).
    void markSeries(const output::Series& series, const QCPAxis* x, const QCPAxis* y);

    // Marked cells that `r` overlaps.
    int cost(const QRect& r) const;

private:
    int column(double x) const;
    int row(double y) const;

    QRect m_area;
    int m_columns, m_rows;
    std::vector<char> m_marked;
};

}  // namespace lemma::widgets
