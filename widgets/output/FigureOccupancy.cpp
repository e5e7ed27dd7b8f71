// A coarse occupancy grid over an axis rect.
#include "widgets/output/FigureOccupancy.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "engine/output/Figure.h"

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

void FigureOccupancy::markSeries(const output::Series& series, const QCPAxis* xa,
                                 const QCPAxis* ya) {
    auto pixel = [&](double x, double y) {
        return QPointF(xa->coordToPixel(x), ya->coordToPixel(y));
    };
    // At most a few thousand points per series: enough to see where the data is.
    auto strideOf = [](std::size_t n) { return std::max<std::size_t>(1, n / 3000); };
    auto polyline = [&](const std::vector<double>& x, const std::vector<double>& y, bool join) {
        const std::size_t stride = strideOf(x.size());
        QPointF last;
        for (std::size_t k = 0; k < x.size(); k += stride) {
            const QPointF q = pixel(x[k], y[k]);
            if (join && k > 0) {
                markSegment(last, q);
            } else {
                markPoint(q);
            }
            last = q;
        }
    };
    const output::SeriesData& d = series.data;
    const bool joined = series.style.line != output::LineStyle::None;
    if (const auto* line = std::get_if<output::Line>(&d)) {
        polyline(line->x, line->y, joined);
    } else if (const auto* scatter = std::get_if<output::Scatter>(&d)) {
        polyline(scatter->x, scatter->y, false);
    } else if (const auto* curve = std::get_if<output::Curve>(&d)) {
        polyline(curve->x, curve->y, joined);
    } else if (const auto* band = std::get_if<output::Band>(&d)) {
        const std::size_t stride = strideOf(band->x.size());
        for (std::size_t k = 0; k < band->x.size(); k += stride)
            markSpan(xa->coordToPixel(band->x[k]), ya->coordToPixel(band->lo[k]),
                     ya->coordToPixel(band->hi[k]));
    } else if (const auto* bar = std::get_if<output::Bar>(&d)) {
        // Spans every few pixels across each bar, from zero to its top.
        const double cellW = static_cast<double>(m_area.width()) / m_columns;
        for (std::size_t k = 0; k < bar->x.size(); ++k) {
            const double centre = bar->x[k] + bar->offset;
            const double left = xa->coordToPixel(centre - bar->width / 2);
            const double right = xa->coordToPixel(centre + bar->width / 2);
            const double step = std::max(1.0, cellW / 2);
            for (double px = std::min(left, right); px <= std::max(left, right); px += step)
                markSpan(px, ya->coordToPixel(0.0), ya->coordToPixel(bar->y[k]));
        }
    } else if (const auto* contour = std::get_if<output::Contour>(&d)) {
        for (const output::ContourPath& path : contour->paths)
            polyline(path.x, path.y, true);
    } else if (std::holds_alternative<output::Heatmap>(d)) {
        markAll();
    } else if (const auto* arrows = std::get_if<output::Arrows>(&d)) {
        for (std::size_t k = 0; k < arrows->x0.size(); ++k)
            markSegment(pixel(arrows->x0[k], arrows->y0[k]), pixel(arrows->x1[k], arrows->y1[k]));
    } else if (const auto* c = std::get_if<output::Circle>(&d)) {
        for (int k = 0; k < 64; ++k) {
            const double t = 2 * M_PI * k / 64, u = 2 * M_PI * (k + 1) / 64;
            markSegment(pixel(c->cx + c->r * std::cos(t), c->cy + c->r * std::sin(t)),
                        pixel(c->cx + c->r * std::cos(u), c->cy + c->r * std::sin(u)));
        }
    }
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
