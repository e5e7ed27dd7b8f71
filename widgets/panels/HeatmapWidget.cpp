// A matrix as coloured cells (see HeatmapWidget.h).
#include "widgets/panels/HeatmapWidget.h"

#include <QPainter>
#include <array>

namespace lemma::widgets {

HeatmapWidget::HeatmapWidget(QWidget* parent) : QWidget(parent) {
    setMinimumSize(80, 80);
}

void HeatmapWidget::setHeatmap(output::Heatmap heatmap) {
    m_heatmap = std::move(heatmap);
    setToolTip(m_heatmap.rows > 0 ? tr("from %1 (dark) to %2 (light)")
                                        .arg(m_heatmap.min, 0, 'g', 4)
                                        .arg(m_heatmap.max, 0, 'g', 4)
                                  : QString());
    update();
}

QColor HeatmapWidget::color(float t) {
    // Stops of matplotlib's viridis, linearly interpolated.
    static const std::array<QColor, 5> stops = {QColor(68, 1, 84), QColor(59, 82, 139),
                                                QColor(33, 145, 140), QColor(94, 201, 98),
                                                QColor(253, 231, 37)};
    t = std::clamp(t, 0.0f, 1.0f) * float(stops.size() - 1);
    const int i = std::min(int(t), int(stops.size()) - 2);
    const float f = t - float(i);
    const QColor& a = stops[std::size_t(i)];
    const QColor& b = stops[std::size_t(i) + 1];
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * f,
                            a.greenF() + (b.greenF() - a.greenF()) * f,
                            a.blueF() + (b.blueF() - a.blueF()) * f);
}

void HeatmapWidget::paintEvent(QPaintEvent*) {
    if (m_heatmap.rows == 0)
        return;
    QImage image(m_heatmap.cols, m_heatmap.rows, QImage::Format_RGB32);
    for (int i = 0; i < m_heatmap.rows; ++i) {
        for (int j = 0; j < m_heatmap.cols; ++j)
            image.setPixelColor(j, i, color(m_heatmap.cells[std::size_t(i * m_heatmap.cols + j)]));
    }
    // Square cells, centred, as large as fits.
    const double cell =
        std::min(double(width()) / m_heatmap.cols, double(height()) / m_heatmap.rows);
    const QSizeF size(cell * m_heatmap.cols, cell * m_heatmap.rows);
    const QRectF target(QPointF((width() - size.width()) / 2, 0), size);
    QPainter p(this);
    p.drawImage(target, image);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(target.adjusted(0, 0, -1, -1));
}

}  // namespace lemma::widgets
