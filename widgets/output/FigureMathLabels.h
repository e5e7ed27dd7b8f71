// Axis labels with `$…$` formulas, typeset over the room QCustomPlot keeps for the label.
#pragma once

#include <qcustomplot.h>

#include <vector>

namespace lemma::widgets {

// QCustomPlot draws axis labels as plain text. An axis whose label has a formula gets a blank
// label of the formula's height instead, so that the layout keeps the right room for it, and
// this layerable draws the typeset label there. It finds the room after the axes are drawn
// (QCPAxis::getPartAt reports the label's box), so it is exact whatever the tick labels are,
// on screen and in exports alike.
//
// Responsibilities: remember the math labels of axes; give each axis its placeholder; draw
// the labels (rotated for vertical axes) in the axis's label font and colour.
class FigureMathLabels : public QCPLayerable {
    Q_OBJECT
public:
    explicit FigureMathLabels(QCustomPlot* plot);

    // Gives `axis` the label `text` (with `$…$` formulas).
    void setLabel(QCPAxis* axis, const QString& text);

protected:
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
    void draw(QCPPainter* painter) override;

private:
    struct Label {
        QPointer<QCPAxis> axis;
        QString text;
    };
    // The label's box across the axis (from, to), or an empty range when it is not drawn.
    static QCPRange labelBand(QCPAxis* axis);

    std::vector<Label> m_labels;
};

}  // namespace lemma::widgets
