// A laid-out piece of a formula: its size and what to draw (glyphs, rules, paths), in em of
// the formula's font size, with y growing downwards from the baseline.
#pragma once

#include <QColor>
#include <QPainterPath>
#include <QRectF>
#include <vector>

#include "widgets/math/MathFont.h"

class QPainter;

namespace lemma::widgets::math {

struct MathItem {
    enum class Kind { Glyph, Rule, Path };
    Kind kind = Kind::Glyph;
    FontGlyph glyph;
    double x = 0;
    double y = 0;
    double size = 1;     // the glyph's em in the formula's em
    double stretch = 1;  // a vertical stretch (only for delimiters beyond the font's sizes)
    QRectF rect;         // a rule
    QPainterPath path;   // a path, in em
    QColor color;        // invalid: the formula's colour
};

// Responsibilities: hold a box's metrics and items; place boxes inside boxes; paint them and
// turn them into outlines at a given pixel size.
class MathBox {
public:
    double width = 0;
    double ascent = 0;
    double descent = 0;
    double italic = 0;       // italic correction of the last glyph
    double topAccent = -1;   // where accents attach (-1: the middle)
    bool character = false;  // a single character (scripts sit closer to it)
    std::vector<MathItem> items;

    // Adds `box`'s items with its origin at (dx, dy) (dy down); grows nothing.
    void place(const MathBox& box, double dx, double dy);
    // Appends `box` to the right on the same baseline and grows to hold it.
    void append(const MathBox& box);
    void appendSpace(double em) { width += em; }
    void addRule(double x, double top, double w, double h, const QColor& color);
    // Sets the colour of every item that has none yet.
    void colorize(const QColor& color);
    double height() const { return ascent + descent; }

    // Paints with the baseline's left end at `origin` (painter coordinates), one em being
    // `pixelsPerEm` painter units, in `color` where items have none.
    void paint(QPainter& painter, QPointF origin, double pixelsPerEm, const QColor& color,
               const MathFont& font) const;
    QPainterPath toPath(QPointF origin, double pixelsPerEm, const MathFont& font) const;
};

}  // namespace lemma::widgets::math
