// Titles with typeset formulas (see FigureMathTitle.h).
#include "widgets/output/FigureMathTitle.h"

#include "widgets/math/MathText.h"

namespace lemma::widgets {

FigureMathTitle::FigureMathTitle(QCustomPlot* plot, const QString& text, const QFont& font)
    : QCPTextElement(plot, text, font) {}

QSizeF FigureMathTitle::textSize() const {
    double width = 0, height = 0;
    for (const QString& line : mText.split(QLatin1Char('\n'))) {
        const math::MathText t = math::MathText::layout(line, mFont);
        width = std::max(width, t.width());
        height += t.height();
    }
    return {width, height};
}

QSize FigureMathTitle::minimumOuterSizeHint() const {
    const QSizeF size = textSize();
    return {int(std::ceil(size.width())) + mMargins.left() + mMargins.right(),
            int(std::ceil(size.height())) + mMargins.top() + mMargins.bottom()};
}

QSize FigureMathTitle::maximumOuterSizeHint() const {
    return {QWIDGETSIZE_MAX, minimumOuterSizeHint().height()};
}

void FigureMathTitle::draw(QCPPainter* painter) {
    const QSizeF size = textSize();
    double y = mRect.top() + (mRect.height() - size.height()) / 2;
    for (const QString& line : mText.split(QLatin1Char('\n'))) {
        const math::MathText t = math::MathText::layout(line, mFont);
        const double x = mRect.left() + (mRect.width() - t.width()) / 2;
        t.paint(painter, QPointF(x, y + t.ascent()), mTextColor);
        y += t.height();
    }
}

}  // namespace lemma::widgets
