// The fonts the typesetter draws with: Latin Modern Math (or a fallback), its glyph metrics in
// em, its MATH constants (or TeX's own), its size variants, and raw fonts at any pixel size.
#pragma once

#include <QHash>
#include <QRawFont>
#include <QString>
#include <array>

#include "widgets/math/MathTable.h"

namespace lemma::widgets::math {

// A glyph of one of the typesetter's fonts.
struct FontGlyph {
    int font = 0;  // MathFont::Math, Text or TextItalic
    quint32 index = 0;
    bool valid() const { return index != 0; }
};

// A glyph's metrics in em: advance, ink extent above and below the baseline, ink left and right.
struct GlyphMetrics {
    double advance = 0;
    double ascent = 0;
    double descent = 0;
    double left = 0;
    double right = 0;
    double italic = 0;
    double topAccent = 0;  // horizontal attachment of accents (centre of the ink by default)
};

// Responsibilities:
// - find the math font ("Latin Modern Math", then "STIX Two Math", "STIX Math", "DejaVu Math
//   TeX Gyre") and, for characters it lacks, a serif text font;
// - answer glyph look-ups and metrics in em, caching them;
// - answer the layout constants in em: the font's MATH table when it has one, otherwise the
//   TeXbook's appendix G values for Computer Modern;
// - hand out raw fonts at a pixel size for painting.
// Not thread-safe: each thread uses its own (see MathFont::forThread).
class MathFont {
public:
    enum Font { Math = 0, Text = 1, TextItalic = 2 };

    MathFont();
    // The fonts of the calling thread, loaded on first use. Fonts are immutable resources,
    // like Qt's own font database, so one set per thread is shared by every formula.
    static MathFont& forThread();

    QString family() const { return m_family; }
    bool hasMathTable() const { return m_table.isValid(); }
    const MathTable& table() const { return m_table; }

    // The glyph for a Unicode code point: from the math font, else the text font (italic when
    // `italic`), else an invalid glyph.
    FontGlyph glyph(char32_t codePoint, bool italic = false) const;
    GlyphMetrics metrics(FontGlyph glyph) const;
    double constant(MathConstant c) const;
    double unitsPerEm() const { return m_upem; }
    // A raw font of `font` at `pixelSize`, for painting and outlines.
    const QRawFont& raw(int font, double pixelSize) const;

private:
    QString m_family;
    std::array<QRawFont, 3> m_fonts;  // at a pixel size of one design unit per pixel
    double m_upem = 1000;
    MathTable m_table;
    mutable QHash<quint64, GlyphMetrics> m_metrics;
    mutable QHash<quint64, FontGlyph> m_glyphs;
    mutable QHash<qint64, QRawFont> m_sized;
};

}  // namespace lemma::widgets::math
