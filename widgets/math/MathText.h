// One line of text with `$…$` formulas in it (a figure title, an axis label), laid out in a
// text font with the formulas typeset on the same baseline.
#pragma once

#include <QFont>
#include <QString>
#include <vector>

#include "widgets/math/MathFormula.h"

class QPainter;

namespace lemma::widgets::math {

// Responsibilities:
// - split a string into text and `$…$` formulas (`\$` is a dollar; an unclosed `$` is text);
// - measure the line in a font at a pixel size (formulas sized to the text's x-height);
// - paint it with its baseline's left end at a point.
// Lines break only where the caller splits the string ('\n' makes separate lines).
class MathText {
public:
    // `font` should have a pixel size (as figure fonts do); its pixels are the painter's units.
    static MathText layout(const QString& text, const QFont& font);
    // True when `text` has a formula in it.
    static bool hasMath(const QString& text);

    double width() const { return m_width; }
    double ascent() const { return m_ascent; }
    double descent() const { return m_descent; }
    double height() const { return m_ascent + m_descent; }
    // Paints with the left end of the baseline at `baseline`.
    void paint(QPainter* painter, QPointF baseline, const QColor& color) const;

private:
    struct Piece {
        QString text;
        bool math = false;
        MathFormula formula;
        double x = 0;
    };
    QFont m_font;
    std::vector<Piece> m_pieces;
    double m_width = 0;
    double m_ascent = 0;
    double m_descent = 0;
};

}  // namespace lemma::widgets::math
