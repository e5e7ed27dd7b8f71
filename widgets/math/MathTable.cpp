// OpenType MATH table reader (see MathTable.h); the layout follows the OpenType specification.
#include "widgets/math/MathTable.h"

namespace lemma::widgets::math {

namespace {

// Byte offsets of the constants in the MathConstants subtable. The first four are plain
// 16-bit numbers, the last one too; the others are MathValueRecords (value, device offset).
struct ConstantOffset {
    MathConstant constant;
    int offset;
    bool plain;
};

constexpr ConstantOffset kOffsets[] = {
    {MathConstant::ScriptPercentScaleDown, 0, true},
    {MathConstant::ScriptScriptPercentScaleDown, 2, true},
    {MathConstant::DelimitedSubFormulaMinHeight, 4, true},
    {MathConstant::DisplayOperatorMinHeight, 6, true},
    {MathConstant::AxisHeight, 12, false},
    {MathConstant::AccentBaseHeight, 16, false},
    {MathConstant::SubscriptShiftDown, 24, false},
    {MathConstant::SubscriptTopMax, 28, false},
    {MathConstant::SubscriptBaselineDropMin, 32, false},
    {MathConstant::SuperscriptShiftUp, 36, false},
    {MathConstant::SuperscriptShiftUpCramped, 40, false},
    {MathConstant::SuperscriptBottomMin, 44, false},
    {MathConstant::SuperscriptBaselineDropMax, 48, false},
    {MathConstant::SubSuperscriptGapMin, 52, false},
    {MathConstant::SuperscriptBottomMaxWithSubscript, 56, false},
    {MathConstant::SpaceAfterScript, 60, false},
    {MathConstant::UpperLimitGapMin, 64, false},
    {MathConstant::UpperLimitBaselineRiseMin, 68, false},
    {MathConstant::LowerLimitGapMin, 72, false},
    {MathConstant::LowerLimitBaselineDropMin, 76, false},
    {MathConstant::StackTopShiftUp, 80, false},
    {MathConstant::StackTopDisplayStyleShiftUp, 84, false},
    {MathConstant::StackBottomShiftDown, 88, false},
    {MathConstant::StackBottomDisplayStyleShiftDown, 92, false},
    {MathConstant::StackGapMin, 96, false},
    {MathConstant::StackDisplayStyleGapMin, 100, false},
    {MathConstant::FractionNumeratorShiftUp, 120, false},
    {MathConstant::FractionNumeratorDisplayStyleShiftUp, 124, false},
    {MathConstant::FractionDenominatorShiftDown, 128, false},
    {MathConstant::FractionDenominatorDisplayStyleShiftDown, 132, false},
    {MathConstant::FractionNumeratorGapMin, 136, false},
    {MathConstant::FractionNumDisplayStyleGapMin, 140, false},
    {MathConstant::FractionRuleThickness, 144, false},
    {MathConstant::FractionDenominatorGapMin, 148, false},
    {MathConstant::FractionDenomDisplayStyleGapMin, 152, false},
    {MathConstant::OverbarVerticalGap, 164, false},
    {MathConstant::OverbarRuleThickness, 168, false},
    {MathConstant::OverbarExtraAscender, 172, false},
    {MathConstant::UnderbarVerticalGap, 176, false},
    {MathConstant::UnderbarRuleThickness, 180, false},
    {MathConstant::UnderbarExtraDescender, 184, false},
    {MathConstant::RadicalVerticalGap, 188, false},
    {MathConstant::RadicalDisplayStyleVerticalGap, 192, false},
    {MathConstant::RadicalRuleThickness, 196, false},
    {MathConstant::RadicalExtraAscender, 200, false},
    {MathConstant::RadicalKernBeforeDegree, 204, false},
    {MathConstant::RadicalKernAfterDegree, 208, false},
    {MathConstant::RadicalDegreeBottomRaisePercent, 212, true},
};

}  // namespace

MathTable::MathTable(const QByteArray& table) : m_data(table) {
    if (m_data.size() < 10 || u16(0) != 1)
        return;
    const int constants = u16(4);
    const int glyphInfo = u16(6);
    const int variants = u16(8);
    if (constants == 0 || constants + 214 > m_data.size())
        return;
    readConstants(constants);
    if (glyphInfo != 0) {
        if (const int italic = u16(glyphInfo); italic != 0)
            readGlyphValues(glyphInfo + italic, &m_italic);
        if (const int accent = u16(glyphInfo + 2); accent != 0)
            readGlyphValues(glyphInfo + accent, &m_topAccent);
    }
    if (variants != 0)
        readVariants(variants);
    m_valid = true;
}

quint16 MathTable::u16(int offset) const {
    if (offset < 0 || offset + 2 > m_data.size())
        return 0;
    const auto* p = reinterpret_cast<const uchar*>(m_data.constData()) + offset;
    return quint16((p[0] << 8) | p[1]);
}

qint16 MathTable::s16(int offset) const {
    return qint16(u16(offset));
}

QList<quint32> MathTable::coverage(int offset) const {
    QList<quint32> glyphs;
    const int format = u16(offset);
    const int count = u16(offset + 2);
    if (format == 1) {
        for (int i = 0; i < count; ++i)
            glyphs.append(u16(offset + 4 + 2 * i));
    } else if (format == 2) {
        for (int r = 0; r < count; ++r) {
            const int rec = offset + 4 + 6 * r;
            const quint32 start = u16(rec), end = u16(rec + 2);
            const int index = u16(rec + 4);
            if (end < start || end - start > 65535)
                continue;
            if (glyphs.size() < index + int(end - start + 1))
                glyphs.resize(index + int(end - start + 1));
            for (quint32 g = start; g <= end; ++g)
                glyphs[index + int(g - start)] = g;
        }
    }
    return glyphs;
}

void MathTable::readConstants(int base) {
    for (const ConstantOffset& c : kOffsets)
        m_constants[int(c.constant)] = c.plain ? s16(base + c.offset) : s16(base + c.offset);
}

void MathTable::readGlyphValues(int base, QHash<quint32, double>* into) {
    const QList<quint32> glyphs = coverage(base + u16(base));
    const int count = u16(base + 2);
    for (int i = 0; i < count && i < glyphs.size(); ++i)
        into->insert(glyphs[i], s16(base + 4 + 4 * i));
}

GlyphConstruction MathTable::readConstruction(int offset, quint32 glyph) const {
    GlyphConstruction c;
    const int assembly = u16(offset);
    const int count = u16(offset + 2);
    for (int i = 0; i < count; ++i) {
        c.variants.append(u16(offset + 4 + 4 * i));
        c.advances.append(u16(offset + 6 + 4 * i));
    }
    if (c.variants.isEmpty() || c.variants.front() != glyph) {
        c.variants.prepend(glyph);
        c.advances.prepend(0);
    }
    if (assembly != 0) {
        const int a = offset + assembly;
        const int parts = u16(a + 4);
        for (int i = 0; i < parts; ++i) {
            const int p = a + 6 + 10 * i;
            c.parts.append(GlyphPart{u16(p), double(u16(p + 2)), double(u16(p + 4)),
                                     double(u16(p + 6)), (u16(p + 8) & 1) != 0});
        }
    }
    return c;
}

void MathTable::readVariants(int base) {
    m_minOverlap = u16(base);
    const QList<quint32> vertical = coverage(base + u16(base + 2));
    const QList<quint32> horizontal = coverage(base + u16(base + 4));
    const int vcount = u16(base + 6);
    const int hcount = u16(base + 8);
    for (int i = 0; i < vcount && i < vertical.size(); ++i)
        m_vertical.insert(vertical[i],
                          readConstruction(base + u16(base + 10 + 2 * i), vertical[i]));
    for (int i = 0; i < hcount && i < horizontal.size(); ++i)
        m_horizontal.insert(
            horizontal[i],
            readConstruction(base + u16(base + 10 + 2 * vcount + 2 * i), horizontal[i]));
}

const GlyphConstruction* MathTable::vertical(quint32 glyph) const {
    auto it = m_vertical.constFind(glyph);
    return it == m_vertical.constEnd() ? nullptr : &*it;
}

const GlyphConstruction* MathTable::horizontal(quint32 glyph) const {
    auto it = m_horizontal.constFind(glyph);
    return it == m_horizontal.constEnd() ? nullptr : &*it;
}

}  // namespace lemma::widgets::math
