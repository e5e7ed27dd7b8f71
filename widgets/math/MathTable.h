// Reads the OpenType MATH table of a font (Qt hands out its bytes, but does not parse it):
// layout constants, italic corrections, accent attachments, size variants and assemblies.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>

namespace lemma::widgets::math {

// The MATH constants this typesetter uses, in font design units (percentages as numbers).
enum class MathConstant {
    ScriptPercentScaleDown,
    ScriptScriptPercentScaleDown,
    DelimitedSubFormulaMinHeight,
    DisplayOperatorMinHeight,
    AxisHeight,
    AccentBaseHeight,
    SubscriptShiftDown,
    SubscriptTopMax,
    SubscriptBaselineDropMin,
    SuperscriptShiftUp,
    SuperscriptShiftUpCramped,
    SuperscriptBottomMin,
    SuperscriptBaselineDropMax,
    SubSuperscriptGapMin,
    SuperscriptBottomMaxWithSubscript,
    SpaceAfterScript,
    UpperLimitGapMin,
    UpperLimitBaselineRiseMin,
    LowerLimitGapMin,
    LowerLimitBaselineDropMin,
    StackTopShiftUp,
    StackTopDisplayStyleShiftUp,
    StackBottomShiftDown,
    StackBottomDisplayStyleShiftDown,
    StackGapMin,
    StackDisplayStyleGapMin,
    FractionNumeratorShiftUp,
    FractionNumeratorDisplayStyleShiftUp,
    FractionDenominatorShiftDown,
    FractionDenominatorDisplayStyleShiftDown,
    FractionNumeratorGapMin,
    FractionNumDisplayStyleGapMin,
    FractionRuleThickness,
    FractionDenominatorGapMin,
    FractionDenomDisplayStyleGapMin,
    OverbarVerticalGap,
    OverbarRuleThickness,
    OverbarExtraAscender,
    UnderbarVerticalGap,
    UnderbarRuleThickness,
    UnderbarExtraDescender,
    RadicalVerticalGap,
    RadicalDisplayStyleVerticalGap,
    RadicalRuleThickness,
    RadicalExtraAscender,
    RadicalKernBeforeDegree,
    RadicalKernAfterDegree,
    RadicalDegreeBottomRaisePercent,
    Count
};

// One piece of a glyph assembly (a tall brace is top, extender, middle, extender, bottom).
struct GlyphPart {
    quint32 glyph = 0;
    double startConnector = 0;
    double endConnector = 0;
    double fullAdvance = 0;
    bool extender = false;
};

// The ways a glyph can grow in one direction: ready-made larger glyphs, and pieces.
struct GlyphConstruction {
    QList<quint32> variants;  // in increasing size, the glyph itself first
    QList<double> advances;   // each variant's size in the direction of growth
    QList<GlyphPart> parts;   // bottom-to-top or left-to-right; empty when there is none
};

// Responsibilities:
// - parse the MATH table's constants, italic corrections, top-accent attachments and the
//   vertical and horizontal variants and assemblies, keyed by glyph index;
// - say when a font has none (then the typesetter uses TeX's own proportions).
// Malformed tables are read as far as they are sound; nothing is read out of bounds.
class MathTable {
public:
    MathTable() = default;
    explicit MathTable(const QByteArray& table);

    bool isValid() const { return m_valid; }
    double constant(MathConstant c) const { return m_constants[int(c)]; }
    // 0 when the glyph has none.
    double italicCorrection(quint32 glyph) const { return m_italic.value(glyph, 0); }
    // NaN-free: has() first.
    bool hasTopAccent(quint32 glyph) const { return m_topAccent.contains(glyph); }
    double topAccent(quint32 glyph) const { return m_topAccent.value(glyph, 0); }
    const GlyphConstruction* vertical(quint32 glyph) const;
    const GlyphConstruction* horizontal(quint32 glyph) const;
    double minConnectorOverlap() const { return m_minOverlap; }

private:
    quint16 u16(int offset) const;
    qint16 s16(int offset) const;
    QList<quint32> coverage(int offset) const;
    void readConstants(int base);
    void readGlyphValues(int base, QHash<quint32, double>* into);
    void readVariants(int base);
    GlyphConstruction readConstruction(int offset, quint32 glyph) const;

    QByteArray m_data;
    bool m_valid = false;
    double m_constants[int(MathConstant::Count)] = {};
    QHash<quint32, double> m_italic;
    QHash<quint32, double> m_topAccent;
    QHash<quint32, GlyphConstruction> m_vertical;
    QHash<quint32, GlyphConstruction> m_horizontal;
    double m_minOverlap = 0;
};

}  // namespace lemma::widgets::math
