// A small picture of a matrix: each (block of) entries a colour from low to high.
#pragma once

#include <QWidget>

#include "engine/output/ValueSummary.h"

namespace lemma::widgets {

// Responsibilities: paint a output::Heatmap (already scaled to 0…1 by the engine) with a
// perceptual colour ramp, keeping cells square, with the range in the tooltip.
class HeatmapWidget : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapWidget(QWidget* parent = nullptr);

    void setHeatmap(output::Heatmap heatmap);
    const output::Heatmap& heatmap() const { return m_heatmap; }
    // The ramp's colour at t in 0…1 (viridis-like).
    static QColor color(float t);

    QSize sizeHint() const override { return {160, 160}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    output::Heatmap m_heatmap;
};

}  // namespace lemma::widgets
