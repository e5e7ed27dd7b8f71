// The hover readout's search: the data point of a panel nearest to the mouse.
#pragma once

#include <QPointF>
#include <QString>
#include <vector>

#include "widgets/output/FigureSeries.h"

class QCPAxisRect;

namespace lemma::widgets {

// A data point found near the mouse, described for a person ("train: x = 2, y = 0.5").
struct FigureHit {
    bool found = false;
    QString text;
    double x = 0.0, y = 0.0;  // in plot coordinates
    QCPAxisRect* rect = nullptr;
};

// The point of the visible series `parts`, drawn in `rect`, nearest to `pixel` within
// `maxDistance` pixels; for a heatmap, the cell under the pixel. Lines with sorted x look only
// at the points within reach along x, so a million-point line stays cheap.
FigureHit nearestPoint(QCPAxisRect* rect, const std::vector<FigureSeriesParts>& parts,
                       const QPointF& pixel, double maxDistance);

}  // namespace lemma::widgets
