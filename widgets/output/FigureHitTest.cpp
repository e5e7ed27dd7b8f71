// Finding the data point under the mouse, for the hover readout.
#include "widgets/output/FigureHitTest.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "engine/output/Figure.h"

namespace lemma::widgets {

namespace {

QString number(double v) {
    return QString::number(v, 'g', 5);
}

}  // namespace

FigureHit nearestPoint(QCPAxisRect* rect, const std::vector<FigureSeriesParts>& panelParts,
                       const QPointF& pixel, double maxDistance) {
    FigureHit best;
    double bestDistance = maxDistance;
    QCPAxis* xa = rect->axis(QCPAxis::atBottom);
    QCPAxis* ya = rect->axis(QCPAxis::atLeft);
    auto consider = [&](double x, double y, const auto& describe) {
        const double d =
            std::hypot(xa->coordToPixel(x) - pixel.x(), ya->coordToPixel(y) - pixel.y());
        if (d > bestDistance)
            return;
        bestDistance = d;
        best = FigureHit{true, describe(), x, y, rect};
    };
    for (const FigureSeriesParts& parts : panelParts) {
        if (!parts.visible)
            continue;
        const output::Series& s = *parts.series;
        const QString name = s.label.empty() ? QString::fromStdString(s.kindName())
                                             : QString::fromStdString(s.label);
        auto points = [&](const std::vector<double>& x, const std::vector<double>& y,
                          std::size_t from, std::size_t to, bool steps) {
            for (std::size_t k = from; k < to; ++k) {
                consider(x[k], y[k], [&] {
                    QString t = name + ": x = " + number(x[k]) + ", y = " + number(y[k]);
                    if (steps)
                        t += QStringLiteral(" (step %1)").arg(k + 1);
                    return t;
                });
            }
        };
        const output::SeriesData& d = s.data;
        if (const auto* line = std::get_if<output::Line>(&d)) {
            std::size_t from = 0, to = line->x.size();
            if (std::is_sorted(line->x.begin(), line->x.end())) {
                // Only the points within reach along x: a million-point line stays cheap.
                const double a = xa->pixelToCoord(pixel.x() - maxDistance);
                const double b = xa->pixelToCoord(pixel.x() + maxDistance);
                from = static_cast<std::size_t>(
                    std::lower_bound(line->x.begin(), line->x.end(), std::min(a, b)) -
                    line->x.begin());
                to = static_cast<std::size_t>(
                    std::upper_bound(line->x.begin(), line->x.end(), std::max(a, b)) -
                    line->x.begin());
            }
            points(line->x, line->y, from, to, false);
        } else if (const auto* scatter = std::get_if<output::Scatter>(&d)) {
            points(scatter->x, scatter->y, 0, scatter->x.size(), false);
        } else if (const auto* bar = std::get_if<output::Bar>(&d)) {
            for (std::size_t k = 0; k < bar->x.size(); ++k)
                consider(bar->x[k] + bar->offset, bar->y[k], [&] {
                    return name + ": x = " + number(bar->x[k]) + ", y = " + number(bar->y[k]);
                });
        } else if (const auto* curve = std::get_if<output::Curve>(&d)) {
            points(curve->x, curve->y, 0, curve->x.size(), true);
        } else if (const auto* band = std::get_if<output::Band>(&d)) {
            for (std::size_t k = 0; k < band->x.size(); ++k) {
                auto text = [&] {
                    return name + ": x = " + number(band->x[k]) + ", " + number(band->lo[k]) +
                           " … " + number(band->hi[k]);
                };
                consider(band->x[k], band->lo[k], text);
                consider(band->x[k], band->hi[k], text);
            }
        } else if (const auto* contour = std::get_if<output::Contour>(&d)) {
            for (const output::ContourPath& path : contour->paths) {
                for (std::size_t k = 0; k < path.x.size(); ++k)
                    consider(path.x[k], path.y[k],
                             [&] { return name + ": level " + number(path.level); });
            }
        } else if (const auto* heat = std::get_if<output::Heatmap>(&d)) {
            const double cx = std::round(xa->pixelToCoord(pixel.x()));
            const double cy = std::round(ya->pixelToCoord(pixel.y()));
            if (cx < 1 || cy < 1 || cx > static_cast<double>(heat->cols) ||
                cy > static_cast<double>(heat->rows) || best.found)
                continue;
            const auto i = static_cast<std::size_t>(cy) - 1;
            const auto j = static_cast<std::size_t>(cx) - 1;
            auto label = [](const std::vector<std::string>& labels, std::size_t k) {
                return k < labels.size() ? QString::fromStdString(labels[k])
                                         : QString::number(k + 1);
            };
            best = FigureHit{true,
                             "row " + label(heat->rowLabels, i) + ", column " +
                                 label(heat->colLabels, j) + ": " + number(heat->at(i, j)),
                             cx, cy, rect};
        }
    }
    return best;
}

}  // namespace lemma::widgets
