// A coarse occupancy grid over an axis rect.
#include "widgets/output/FigureOccupancy.h"

#include <algorithm>
#include <cmath>

namespace lemma::widgets {

FigureOccupancy::FigureOccupancy(const QRect& area, int columns, int rows)
    : m_area(area),
      m_columns(std::max(1, columns)),
      m_rows(std::max(1, rows)),
      m_marked(static_cast<std::size_t>(m_columns * m_rows), 0) {}

int FigureOccupancy::column(double x) const {
    return static_cast<int>(std::floor((x - m_area.left()) * m_columns / m_area.width()));
}

int FigureOccupancy::row(double y) const {
    return static_cast<int>(std::floor((y - m_area.top()) * m_rows / m_area.height()));
}

void FigureOccupancy::markPoint(QPointF p) {
    if (!std::isfinite(p.x()) || !std::isfinite(p.y()) || m_area.isEmpty())
        return;
    const int c = column(p.x()), r = row(p.y());
    if (c < 0 || c >= m_columns || r < 0 || r >= m_rows)
        return;
    m_marked[static_cast<std::size_t>(r * m_columns + c)] = 1;
}

void FigureOccupancy::markSegment(QPointF a, QPointF b) {
    if (!std::isfinite(a.x()) || !std::isfinite(a.y()) || !std::isfinite(b.x()) ||
        !std::isfinite(b.y()) || m_area.isEmpty())
        return;
    // Steps of half a cell along the segment, clipped to a generous box around the area so that
    // a segment that leaves the plot far away costs no time.
    const double cellW = static_cast<double>(m_area.width()) / m_columns;
    const double cellH = static_cast<double>(m_area.height()) / m_rows;
    const double length = std::hypot((b.x() - a.x()) / cellW, (b.y() - a.y()) / cellH);
    const int steps = std::min(4 * (m_columns + m_rows), static_cast<int>(length * 2) + 1);
    for (int k = 0; k <= steps; ++k) {
        const double t = static_cast<double>(k) / steps;
        markPoint(a + t * (b - a));
    }
}

void FigureOccupancy::markSpan(double x, double y0, double y1) {
    if (!std::isfinite(x) || !std::isfinite(y0) || !std::isfinite(y1) || m_area.isEmpty())
        return;
    const int c = column(x);
    if (c < 0 || c >= m_columns)
        return;
    const int r0 = std::clamp(row(std::min(y0, y1)), 0, m_rows - 1);
    const int r1 = std::clamp(row(std::max(y0, y1)), 0, m_rows - 1);
    for (int r = r0; r <= r1; ++r)
        m_marked[static_cast<std::size_t>(r * m_columns + c)] = 1;
}

void FigureOccupancy::markAll() {
    std::fill(m_marked.begin(), m_marked.end(), 1);
}

int FigureOccupancy::cost(const QRect& r) const {
    if (m_area.isEmpty())
        return 0;
    const int c0 = std::clamp(column(r.left()), 0, m_columns - 1);
    const int c1 = std::clamp(column(r.right()), 0, m_columns - 1);
    const int r0 = std::clamp(row(r.top()), 0, m_rows - 1);
    const int r1 = std::clamp(row(r.bottom()), 0, m_rows - 1);
    int n = 0;
    for (int i = r0; i <= r1; ++i) {
        for (int j = c0; j <= c1; ++j)
            n += m_marked[static_cast<std::size_t>(i * m_columns + j)];
    }
    return n;
}

}  // namespace lemma::widgets
