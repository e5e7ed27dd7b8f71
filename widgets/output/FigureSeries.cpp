// One output::Series as QCustomPlot objects. Lines with sorted x are QCPGraphs, which sample
// adaptively (a million points draw as a few thousand); anything drawn in its own order
// (unsorted lines, paths, iso-lines) is a QCPCurve. Reference shapes and arrows are items,
// which follow zoom and pan; items have no legend entry, so a labelled one gets an empty
// proxy graph in its style that stands for it in the legend.
#include "widgets/output/FigureSeries.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/output/Figure.h"

namespace lemma::widgets {

namespace {

using output::Series;

QVector<double> toVector(const std::vector<double>& v) {
    return QVector<double>(v.begin(), v.end());
}

Qt::PenStyle penStyle(output::LineStyle s) {
    switch (s) {
        case output::LineStyle::Solid:
            return Qt::SolidLine;
        case output::LineStyle::Dashed:
            return Qt::DashLine;
        case output::LineStyle::Dotted:
            return Qt::DotLine;
        case output::LineStyle::DashDot:
            return Qt::DashDotLine;
        case output::LineStyle::None:
            return Qt::NoPen;
    }
    return Qt::SolidLine;
}

QPen linePen(const output::Style& s) {
    QPen pen(toQColor(s.color), pointsToPixels(s.width), penStyle(s.line), Qt::FlatCap,
             Qt::RoundJoin);
    if (s.line == output::LineStyle::Dotted)
        pen.setCapStyle(Qt::RoundCap);
    return pen;
}

QCPScatterStyle scatterStyle(const output::Style& s) {
    const QColor c = toQColor(s.color);
    const double size = pointsToPixels(s.markerSize);
    const QPen pen(c, pointsToPixels(std::max(1.0, s.width * 0.75)));
    const QBrush fill(toQColor(s.color, 170));
    switch (s.marker) {
        case output::Marker::None:
            return QCPScatterStyle(QCPScatterStyle::ssNone);
        case output::Marker::Circle:
            return QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(c, 1.0), fill, size);
        case output::Marker::Dot:
            return QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(c, 1.0), QBrush(c), size / 2);
        case output::Marker::Cross:
            return QCPScatterStyle(QCPScatterStyle::ssCross, pen, Qt::NoBrush, size);
        case output::Marker::Plus:
            return QCPScatterStyle(QCPScatterStyle::ssPlus, pen, Qt::NoBrush, size);
        case output::Marker::Star:
            return QCPScatterStyle(QCPScatterStyle::ssStar, pen, Qt::NoBrush, size);
        case output::Marker::Square:
            return QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(c, 1.0), fill, size);
        case output::Marker::Diamond:
            return QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(c, 1.0), fill, size);
        case output::Marker::Triangle:
            return QCPScatterStyle(QCPScatterStyle::ssTriangle, QPen(c, 1.0), fill, size);
    }
    return QCPScatterStyle(QCPScatterStyle::ssNone);
}

bool sorted(const std::vector<double>& x) {
    return std::is_sorted(x.begin(), x.end());
}

class Builder {
public:
    Builder(QCPAxisRect* rect, QCPLegend* legend, QCPColorScale* scale, const Series& s)
        : m_rect(rect),
          m_x(rect->axis(QCPAxis::atBottom)),
          m_y(rect->axis(QCPAxis::atLeft)),
          m_legend(legend),
          m_scale(scale),
          m_series(s) {
        m_parts.series = &s;
    }

    FigureSeriesParts build() {
        std::visit([this](const auto& d) { add(d); }, m_series.data);
        // A colour scale, not the legend, explains a heatmap and iso-lines coloured by level.
        const auto* contour = std::get_if<output::Contour>(&m_series.data);
        const bool scaled = std::holds_alternative<output::Heatmap>(m_series.data) ||
                            (contour && contour->byLevel && m_scale);
        if (!m_series.label.empty() && m_legend && !scaled) {
            if (!m_parts.legendEntry)
                m_parts.legendEntry = proxy();
            m_parts.legendEntry->setName(QString::fromStdString(m_series.label));
            m_parts.legendEntry->addToLegend(m_legend);
        }
        return m_parts;
    }

private:
    template <class P>
    P* keep(P* p) {
        p->setSelectable(QCP::stNone);
        m_parts.plottables.append(p);
        return p;
    }
    template <class I>
    I* keepItem(I* item) {
        item->setSelectable(false);
        item->setClipAxisRect(m_rect);
        item->setClipToAxisRect(true);
        m_parts.items.append(item);
        return item;
    }
    void place(QCPItemPosition* p, double x, double y) {
        p->setAxes(m_x, m_y);
        p->setType(QCPItemPosition::ptPlotCoords);
        p->setCoords(x, y);
    }

    // Points joined (or marked) in their own order.
    QCPCurve* curve(const std::vector<double>& x, const std::vector<double>& y,
                    const output::Style& style) {
        auto* c = keep(new QCPCurve(m_x, m_y));
        c->setData(toVector(x), toVector(y));
        c->setPen(linePen(style));
        c->setLineStyle(style.line == output::LineStyle::None ? QCPCurve::lsNone
                                                              : QCPCurve::lsLine);
        c->setScatterStyle(scatterStyle(style));
        return c;
    }

    QCPGraph* graph(const std::vector<double>& x, const std::vector<double>& y,
                    const output::Style& style) {
        auto* g = keep(new QCPGraph(m_x, m_y));
        g->setData(toVector(x), toVector(y), sorted(x));
        g->setPen(linePen(style));
        g->setLineStyle(style.line == output::LineStyle::None ? QCPGraph::lsNone
                                                              : QCPGraph::lsLine);
        g->setScatterStyle(scatterStyle(style));
        g->setAdaptiveSampling(true);
        return g;
    }

    // An empty graph in the series' style: the legend entry of items.
    QCPGraph* proxy() {
        auto* g = keep(new QCPGraph(m_x, m_y));
        g->setPen(linePen(m_series.style));
        g->setScatterStyle(scatterStyle(m_series.style));
        return g;
    }

    void add(const output::Line& d) {
        if (sorted(d.x)) {
            m_parts.legendEntry = graph(d.x, d.y, m_series.style);
        } else {
            m_parts.legendEntry = curve(d.x, d.y, m_series.style);
        }
    }

    // A point with a NaN or infinite coordinate has no place to be marked: it is left out (a
    // line shows such a point as a gap).
    void add(const output::Scatter& d) {
        std::vector<double> x, y;
        for (std::size_t i = 0; i < std::min(d.x.size(), d.y.size()); ++i) {
            if (std::isfinite(d.x[i]) && std::isfinite(d.y[i])) {
                x.push_back(d.x[i]);
                y.push_back(d.y[i]);
            }
        }
        m_parts.legendEntry = graph(x, y, m_series.style);
    }

    void add(const output::Band& d) {
        // Channel fill needs both edges sorted by x.
        std::vector<std::size_t> order(d.x.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return d.x[a] < d.x[b]; });
        QVector<double> x, lo, hi;
        for (const std::size_t k : order) {
            x.append(d.x[k]);
            lo.append(d.lo[k]);
            hi.append(d.hi[k]);
        }
        const QPen edge = m_series.style.line == output::LineStyle::None ? QPen(Qt::NoPen)
                                                                         : linePen(m_series.style);
        auto* low = keep(new QCPGraph(m_x, m_y));
        low->setData(x, lo, true);
        low->setPen(edge);
        auto* high = keep(new QCPGraph(m_x, m_y));
        high->setData(x, hi, true);
        high->setPen(edge);
        high->setBrush(toQColor(m_series.style.color, 64));
        high->setChannelFillGraph(low);
        m_parts.legendEntry = high;
    }

    void add(const output::Bar& d) {
        auto* bars = keep(new QCPBars(m_x, m_y));
        QVector<double> x = toVector(d.x);
        for (double& v : x)
            v += d.offset;
        bars->setData(x, toVector(d.y), sorted(d.x));
        bars->setWidthType(QCPBars::wtPlotCoords);
        bars->setWidth(d.width);
        const QColor c = toQColor(m_series.style.color);
        bars->setBrush(c);
        bars->setPen(QPen(c.darker(125), 1.0));
        m_parts.legendEntry = bars;
    }

    void add(const output::Heatmap& d) {
        auto* map = keep(new QCPColorMap(m_x, m_y));
        map->data()->setSize(static_cast<int>(d.cols), static_cast<int>(d.rows));
        map->data()->setRange(QCPRange(1, static_cast<double>(d.cols)),
                              QCPRange(1, static_cast<double>(d.rows)));
        for (std::size_t i = 0; i < d.rows; ++i) {
            for (std::size_t j = 0; j < d.cols; ++j)
                map->data()->setCell(static_cast<int>(j), static_cast<int>(i), d.at(i, j));
        }
        map->setInterpolate(false);
        map->setTightBoundary(false);
        // A colour map joined to a scale takes the scale's gradient and range: set them there.
        if (m_scale) {
            map->setColorScale(m_scale);
            m_scale->setGradient(colorGradient(d.colorMap));
            m_scale->setDataRange(QCPRange(d.lo, d.hi));
        }
        map->setGradient(colorGradient(d.colorMap));
        map->setDataRange(QCPRange(d.lo, d.hi));
        if (d.showValues)
            addCellTexts(d);
        if (!m_series.label.empty() && m_scale)
            m_scale->axis()->setLabel(QString::fromStdString(m_series.label));
    }

    void addCellTexts(const output::Heatmap& d) {
        constexpr std::size_t kMaxTexts = 900;  // beyond 30×30 the numbers cannot be read
        if (d.rows * d.cols > kMaxTexts)
            return;
        for (std::size_t i = 0; i < d.rows; ++i) {
            for (std::size_t j = 0; j < d.cols; ++j) {
                const double v = d.at(i, j);
                auto* text = keepItem(new QCPItemText(m_rect->parentPlot()));
                place(text->position, static_cast<double>(j + 1), static_cast<double>(i + 1));
                text->setPositionAlignment(Qt::AlignCenter);
                QString shown = std::isnan(v) ? QStringLiteral("NaN") : QString::number(v, 'g', 3);
                if (shown.startsWith(QLatin1Char('-')))
                    shown[0] = QChar(0x2212);  // a minus sign, as on the axes
                text->setText(shown);
                const double t = (v - d.lo) / (d.hi - d.lo);
                const QColor cell = toQColor(output::colorAt(d.colorMap, t));
                // Perceived brightness (ITU-R 601 weights): yellow is bright, blue is not.
                const double brightness =
                    0.299 * cell.redF() + 0.587 * cell.greenF() + 0.114 * cell.blueF();
                text->setColor(brightness < 0.55 ? Qt::white : Qt::black);
                text->setFont(figureFont(11));
                m_parts.cellTexts.append(text);
            }
        }
    }

    void add(const output::Contour& d) {
        const double lo = d.levels.empty() ? 0.0 : d.levels.front();
        const double hi = d.levels.empty() ? 1.0 : d.levels.back();
        for (const output::ContourPath& p : d.paths) {
            output::Style style = m_series.style;
            QColor color = toQColor(style.color);
            if (d.byLevel) {
                const double t = hi > lo ? (p.level - lo) / (hi - lo) : 0.5;
                color = toQColor(output::colorAt(d.colorMap, t));
                // Light colours of a map vanish on white: darken them for lines.
                if (color.lightness() > 170)
                    color = color.darker(100 + (color.lightness() - 120));
            }
            std::vector<double> x = p.x, y = p.y;
            if (p.closed && !x.empty()) {
                x.push_back(x.front());
                y.push_back(y.front());
            }
            QCPCurve* c = curve(x, y, style);
            QPen pen = c->pen();
            pen.setColor(color);
            c->setPen(pen);
            if (!m_parts.legendEntry)
                m_parts.legendEntry = c;
        }
        if (d.byLevel && m_scale) {
            m_scale->setGradient(colorGradient(d.colorMap));
            m_scale->setDataRange(QCPRange(lo, hi > lo ? hi : lo + 1.0));
            if (!m_series.label.empty())
                m_scale->axis()->setLabel(QString::fromStdString(m_series.label));
        }
    }

    void add(const output::Curve& d) {
        m_parts.legendEntry = curve(d.x, d.y, m_series.style);
        if (!d.markEnds || d.x.empty())
            return;
        const QColor c = toQColor(m_series.style.color);
        const double size = pointsToPixels(7.0);
        auto* start = keep(new QCPCurve(m_x, m_y));
        start->addData(d.x.front(), d.y.front());
        start->setLineStyle(QCPCurve::lsNone);
        start->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(c, 2.0), QBrush(Qt::white), size));
        auto* end = keep(new QCPCurve(m_x, m_y));
        end->addData(d.x.back(), d.y.back());
        end->setLineStyle(QCPCurve::lsNone);
        end->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(c, 1.0), QBrush(c), size + 1));
    }

    void add(const output::Arrows& d) {
        const QPen pen = linePen(m_series.style);
        const double head = pointsToPixels(4.0 + 2.0 * m_series.style.width);
        for (std::size_t k = 0; k < d.x0.size(); ++k) {
            auto* line = keepItem(new QCPItemLine(m_rect->parentPlot()));
            place(line->start, d.x0[k], d.y0[k]);
            place(line->end, d.x1[k], d.y1[k]);
            line->setPen(pen);
            line->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, head, head * 1.3));
        }
    }

    void add(const output::HLine& d) {
        auto* line = keepItem(new QCPItemStraightLine(m_rect->parentPlot()));
        // Two points that are valid on a log axis too.
        place(line->point1, 1.0, d.y);
        place(line->point2, 2.0, d.y);
        line->setPen(linePen(m_series.style));
    }

    void add(const output::VLine& d) {
        auto* line = keepItem(new QCPItemStraightLine(m_rect->parentPlot()));
        place(line->point1, d.x, 1.0);
        place(line->point2, d.x, 2.0);
        line->setPen(linePen(m_series.style));
    }

    void add(const output::Circle& d) {
        auto* ellipse = keepItem(new QCPItemEllipse(m_rect->parentPlot()));
        place(ellipse->topLeft, d.cx - d.r, d.cy + d.r);
        place(ellipse->bottomRight, d.cx + d.r, d.cy - d.r);
        ellipse->setPen(linePen(m_series.style));
    }

    QCPAxisRect* m_rect;
    QCPAxis* m_x;
    QCPAxis* m_y;
    QCPLegend* m_legend;
    QCPColorScale* m_scale;
    const Series& m_series;
    FigureSeriesParts m_parts;
};

}  // namespace

FigureSeriesParts addFigureSeries(QCPAxisRect* rect, QCPLegend* legend, QCPColorScale* colorScale,
                                  const output::Series& series) {
    return Builder(rect, legend, colorScale, series).build();
}

QColor toQColor(const output::Color& c, int alpha) {
    return QColor(c.r, c.g, c.b, alpha);
}

QFont figureFont(double pixelSize, bool bold) {
    QFont font;
    font.setPixelSize(std::max(1, static_cast<int>(std::lround(pixelSize))));
    font.setBold(bold);
    return font;
}

QCPColorGradient colorGradient(output::ColorMap map) {
    QCPColorGradient g;
    g.clearColorStops();
    constexpr int kStops = 16;
    for (int k = 0; k <= kStops; ++k) {
        const double t = static_cast<double>(k) / kStops;
        g.setColorStopAt(t, toQColor(output::colorAt(map, t)));
    }
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

double pointsToPixels(double points) {
    return points * 96.0 / 72.0;
}

}  // namespace lemma::widgets
