// Typeset axis labels (see FigureMathLabels.h).
#include "widgets/output/FigureMathLabels.h"

#include <cmath>

#include "widgets/math/MathText.h"

namespace lemma::widgets {

FigureMathLabels::FigureMathLabels(QCustomPlot* plot)
    : QCPLayerable(plot, QStringLiteral("axes")) {}

void FigureMathLabels::setLabel(QCPAxis* axis, const QString& text) {
    const math::MathText t = math::MathText::layout(text, axis->labelFont());
    const QFontMetricsF fm(axis->labelFont());
    const int lines = std::max(1, int(std::ceil(t.height() / fm.lineSpacing() - 0.05)));
    QStringList blank;
    for (int i = 0; i < lines; ++i)
        blank.append(QStringLiteral(" "));
    axis->setLabel(blank.join(QLatin1Char('\n')));
    for (Label& l : m_labels) {
        if (l.axis == axis) {
            l.text = text;
            return;
        }
    }
    m_labels.push_back({axis, text});
}

void FigureMathLabels::applyDefaultAntialiasingHint(QCPPainter* painter) const {
    painter->setAntialiasing(true);
}

QCPRange FigureMathLabels::labelBand(QCPAxis* axis) {
    const QRect rect = axis->axisRect()->rect();
    const QRect outer = axis->axisRect()->outerRect();
    const bool vertical = axis->orientation() == Qt::Vertical;
    const QPoint centre = rect.center();
    // Walk outwards from the axis across the margin, one pixel at a time.
    int from = 0, to = 0;
    bool found = false;
    const int start = axis->axisType() == QCPAxis::atBottom ? rect.bottom()
                      : axis->axisType() == QCPAxis::atTop  ? rect.top()
                      : axis->axisType() == QCPAxis::atLeft ? rect.left()
                                                            : rect.right();
    const int end = axis->axisType() == QCPAxis::atBottom ? outer.bottom()
                    : axis->axisType() == QCPAxis::atTop  ? outer.top()
                    : axis->axisType() == QCPAxis::atLeft ? outer.left()
                                                          : outer.right();
    const int step = end >= start ? 1 : -1;
    for (int v = start; v != end + step; v += step) {
        const QPointF p = vertical ? QPointF(v, centre.y()) : QPointF(centre.x(), v);
        if (axis->getPartAt(p) == QCPAxis::spAxisLabel) {
            if (!found)
                from = v;
            to = v;
            found = true;
        } else if (found) {
            break;
        }
    }
    if (!found)
        return QCPRange(0, 0);
    return QCPRange(std::min(from, to), std::max(from, to) + 1);
}

void FigureMathLabels::draw(QCPPainter* painter) {
    for (const Label& l : m_labels) {
        QCPAxis* axis = l.axis;
        if (!axis || !axis->visible() || !axis->axisRect() || !axis->axisRect()->visible())
            continue;
        const QCPRange band = labelBand(axis);
        if (band.size() <= 0)
            continue;
        const math::MathText t = math::MathText::layout(l.text, axis->labelFont());
        const QRect rect = axis->axisRect()->rect();
        painter->save();
        if (axis->orientation() == Qt::Horizontal) {
            const double y = band.center() - t.height() / 2 + t.ascent();
            t.paint(painter, QPointF(rect.center().x() - t.width() / 2.0, y), axis->labelColor());
        } else {
            // Read bottom to top, as QCustomPlot turns vertical labels (right axes the other
            // way round).
            const bool left = axis->axisType() == QCPAxis::atLeft;
            painter->translate(band.center(), rect.center().y());
            painter->rotate(left ? -90 : 90);
            t.paint(painter, QPointF(-t.width() / 2, -t.height() / 2 + t.ascent()),
                    axis->labelColor());
        }
        painter->restore();
    }
}

}  // namespace lemma::widgets
