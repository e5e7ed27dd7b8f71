// Lays out parsed formulas TeX's way (The TeXbook, appendix G, with OpenType MATH constants):
// styles, inter-atom spacing, scripts, fractions, radicals, operators, delimiters, arrays.
#pragma once

#include "widgets/math/MathAtom.h"
#include "widgets/math/MathBox.h"
#include "widgets/math/MathFont.h"

namespace lemma::widgets::math {

// TeX's styles: display, text, script, scriptscript, each possibly cramped.
struct MathStyle {
    int level = 1;  // 0 display, 1 text, 2 script, 3 scriptscript
    bool cramped = false;

    MathStyle superscript() const { return {level < 2 ? 2 : 3, cramped}; }
    MathStyle subscript() const { return {level < 2 ? 2 : 3, true}; }
    MathStyle numerator() const { return {level == 0 ? 1 : level == 1 ? 2 : 3, cramped}; }
    MathStyle denominator() const { return {numerator().level, true}; }
    MathStyle crampedStyle() const { return {level, true}; }
};

// Responsibilities:
// - turn an atom list into a box: classes with TeX's bin→ord rules, the spacing table, each
//   atom's nucleus, scripts or limits;
// - size and build stretchy glyphs: the font's size variants, then its assemblies (pieces),
//   and past those the largest variant stretched vertically.
// All lengths are in em of the formula's font size.
class MathLayout {
public:
    explicit MathLayout(const MathFont& font) : m_font(font) {}

    MathBox layout(const MathList& list, MathStyle style) { return layoutList(list, style); }
    // Text drawn in the text font (upright or italic) at a style's size, for \text and for
    // the source of a formula that does not parse.
    MathBox text(const QString& text, MathStyle style, bool italic);
    double scale(MathStyle style) const;
    double constant(MathConstant c, MathStyle style) const;

private:
    MathBox layoutList(const MathList& list, MathStyle style);
    MathBox atom(const MathAtom& a, MathStyle style);
    MathBox nucleus(const MathAtom& a, MathStyle style);
    MathBox symbol(char32_t code, MathStyle style);
    MathBox glyphBox(FontGlyph glyph, double size);
    MathBox scripts(MathBox base, const MathAtom& a, MathStyle style);
    MathBox limits(MathBox base, const MathAtom& a, MathStyle style);
    MathBox fraction(const MathAtom& a, MathStyle style);
    MathBox radical(const MathAtom& a, MathStyle style);
    MathBox delimited(const MathAtom& a, MathStyle style);
    MathBox accent(const MathAtom& a, MathStyle style);
    MathBox bar(const MathAtom& a, MathStyle style, bool over);
    MathBox brace(const MathAtom& a, MathStyle style);
    MathBox array(const MathAtom& a, MathStyle style);
    // A delimiter at least `size` tall (height plus depth), centred on the axis.
    MathBox delimiter(char32_t code, double size, MathStyle style);
    // A glyph stretched to at least `size` (vertical) or about `size` wide (horizontal).
    MathBox stretchy(char32_t code, double size, double scale, bool vertical, bool widest);
    MathBox assemble(const QList<GlyphPart>& parts, double size, double scale, bool vertical);

    const MathFont& m_font;
};

}  // namespace lemma::widgets::math
