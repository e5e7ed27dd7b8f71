// A figure or panel title with `$…$` formulas typeset in it.
#pragma once

#include <qcustomplot.h>

namespace lemma::widgets {

// Responsibilities: size and draw a title whose lines hold text and typeset formulas (through
// math::MathText), centred like a QCPTextElement; the figure's wrapping ('\n') still applies.
class FigureMathTitle : public QCPTextElement {
    Q_OBJECT
public:
    FigureMathTitle(QCustomPlot* plot, const QString& text, const QFont& font);

protected:
    void draw(QCPPainter* painter) override;
    QSize minimumOuterSizeHint() const override;
    QSize maximumOuterSizeHint() const override;

private:
    QSizeF textSize() const;
};

}  // namespace lemma::widgets
