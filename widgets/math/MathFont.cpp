// The typesetter's fonts and metrics (see MathFont.h).
#include "widgets/math/MathFont.h"

#include <QFont>
#include <QFontDatabase>
#include <cmath>

namespace lemma::widgets::math {

namespace {

QRawFont rawFor(const QString& family, bool italic) {
    QFont font(family);
    font.setItalic(italic);
    font.setHintingPreference(QFont::PreferNoHinting);
    font.setPixelSize(100);
    return QRawFont::fromFont(font);
}

// TeX's values for Computer Modern (cmsy10, cmex10), in em: the fallback when a font has no
// MATH table. ScriptPercentScaleDown and friends are percentages.
double texConstant(MathConstant c) {
    switch (c) {
        case MathConstant::ScriptPercentScaleDown:
            return 70;
        case MathConstant::ScriptScriptPercentScaleDown:
            return 50;
        case MathConstant::DelimitedSubFormulaMinHeight:
            return 1.3;
        case MathConstant::DisplayOperatorMinHeight:
            return 1.3;
        case MathConstant::AxisHeight:
            return 0.25;
        case MathConstant::AccentBaseHeight:
            return 0.430555;
        case MathConstant::SubscriptShiftDown:
            return 0.15;
        case MathConstant::SubscriptTopMax:
            return 0.344444;
        case MathConstant::SubscriptBaselineDropMin:
            return 0.05;
        case MathConstant::SuperscriptShiftUp:
            return 0.412892;
        case MathConstant::SuperscriptShiftUpCramped:
            return 0.288889;
        case MathConstant::SuperscriptBottomMin:
            return 0.107639;
        case MathConstant::SuperscriptBaselineDropMax:
            return 0.386108;
        case MathConstant::SubSuperscriptGapMin:
            return 0.16;
        case MathConstant::SuperscriptBottomMaxWithSubscript:
            return 0.344444;
        case MathConstant::SpaceAfterScript:
            return 0.05;
        case MathConstant::UpperLimitGapMin:
            return 0.111112;
        case MathConstant::UpperLimitBaselineRiseMin:
            return 0.166667;
        case MathConstant::LowerLimitGapMin:
            return 0.166667;
        case MathConstant::LowerLimitBaselineDropMin:
            return 0.6;
        case MathConstant::StackTopShiftUp:
            return 0.443731;
        case MathConstant::StackTopDisplayStyleShiftUp:
            return 0.676508;
        case MathConstant::StackBottomShiftDown:
            return 0.344841;
        case MathConstant::StackBottomDisplayStyleShiftDown:
            return 0.685951;
        case MathConstant::StackGapMin:
            return 0.12;
        case MathConstant::StackDisplayStyleGapMin:
            return 0.28;
        case MathConstant::FractionNumeratorShiftUp:
            return 0.393732;
        case MathConstant::FractionNumeratorDisplayStyleShiftUp:
            return 0.676508;
        case MathConstant::FractionDenominatorShiftDown:
            return 0.344841;
        case MathConstant::FractionDenominatorDisplayStyleShiftDown:
            return 0.685951;
        case MathConstant::FractionNumeratorGapMin:
            return 0.04;
        case MathConstant::FractionNumDisplayStyleGapMin:
            return 0.12;
        case MathConstant::FractionRuleThickness:
            return 0.04;
        case MathConstant::FractionDenominatorGapMin:
            return 0.04;
        case MathConstant::FractionDenomDisplayStyleGapMin:
            return 0.12;
        case MathConstant::OverbarVerticalGap:
            return 0.12;
        case MathConstant::OverbarRuleThickness:
            return 0.04;
        case MathConstant::OverbarExtraAscender:
            return 0.04;
        case MathConstant::UnderbarVerticalGap:
            return 0.12;
        case MathConstant::UnderbarRuleThickness:
            return 0.04;
        case MathConstant::UnderbarExtraDescender:
            return 0.04;
        case MathConstant::RadicalVerticalGap:
            return 0.05;
        case MathConstant::RadicalDisplayStyleVerticalGap:
            return 0.147639;
        case MathConstant::RadicalRuleThickness:
            return 0.04;
        case MathConstant::RadicalExtraAscender:
            return 0.04;
        case MathConstant::RadicalKernBeforeDegree:
            return 0.277778;
        case MathConstant::RadicalKernAfterDegree:
            return -0.555556;
        case MathConstant::RadicalDegreeBottomRaisePercent:
            return 60;
        case MathConstant::Count:
            break;
    }
    return 0;
}

bool isPercent(MathConstant c) {
    return c == MathConstant::ScriptPercentScaleDown ||
           c == MathConstant::ScriptScriptPercentScaleDown ||
           c == MathConstant::RadicalDegreeBottomRaisePercent;
}

}  // namespace

MathFont::MathFont() {
    const QStringList families = QFontDatabase::families();
    for (const char* name :
         {"Latin Modern Math", "STIX Two Math", "STIX Math", "DejaVu Math TeX Gyre"}) {
        if (families.contains(QLatin1String(name))) {
            m_family = QLatin1String(name);
            break;
        }
    }
    QString text = QStringLiteral("Latin Modern Roman");
    if (!families.contains(text))
        text = QStringLiteral("DejaVu Serif");
    if (m_family.isEmpty())
        m_family = text;
    m_fonts[Math] = rawFor(m_family, false);
    m_fonts[Text] = rawFor(text, false);
    m_fonts[TextItalic] = rawFor(text, true);
    m_upem = m_fonts[Math].unitsPerEm() > 0 ? m_fonts[Math].unitsPerEm() : 1000;
    for (QRawFont& f : m_fonts)
        f.setPixelSize(m_upem);
    m_table = MathTable(m_fonts[Math].fontTable("MATH"));
}

MathFont& MathFont::forThread() {
    thread_local MathFont font;
    return font;
}

FontGlyph MathFont::glyph(char32_t codePoint, bool italic) const {
    const quint64 key = (quint64(codePoint) << 1) | (italic ? 1 : 0);
    auto it = m_glyphs.constFind(key);
    if (it != m_glyphs.constEnd())
        return *it;
    QChar chars[2];
    int n = 1;
    if (QChar::requiresSurrogates(codePoint)) {
        chars[0] = QChar::highSurrogate(codePoint);
        chars[1] = QChar::lowSurrogate(codePoint);
        n = 2;
    } else {
        chars[0] = QChar(char16_t(codePoint));
    }
    FontGlyph result;
    for (int font : {italic ? int(TextItalic) : int(Math), int(Text)}) {
        if (!m_fonts[font].supportsCharacter(codePoint))
            continue;
        quint32 indexes[2] = {0, 0};
        int count = 2;
        if (m_fonts[font].glyphIndexesForChars(chars, n, indexes, &count) && indexes[0] != 0) {
            result = FontGlyph{font, indexes[0]};
            break;
        }
    }
    m_glyphs.insert(key, result);
    return result;
}

GlyphMetrics MathFont::metrics(FontGlyph glyph) const {
    const quint64 key = (quint64(glyph.font) << 32) | glyph.index;
    auto it = m_metrics.constFind(key);
    if (it != m_metrics.constEnd())
        return *it;
    const QRawFont& f = m_fonts[glyph.font];
    QPointF advance;
    const quint32 index = glyph.index;
    f.advancesForGlyphIndexes(&index, &advance, 1);
    const QRectF ink = f.boundingRect(index);
    GlyphMetrics m;
    m.advance = advance.x() / m_upem;
    m.ascent = -ink.top() / m_upem;
    m.descent = ink.bottom() / m_upem;
    m.left = ink.left() / m_upem;
    m.right = ink.right() / m_upem;
    if (glyph.font == Math) {
        m.italic = m_table.italicCorrection(index) / m_upem;
        m.topAccent = m_table.hasTopAccent(index) ? m_table.topAccent(index) / m_upem
                                                  : (m.left + m.right) / 2;
    } else {
        m.topAccent = (m.left + m.right) / 2;
    }
    m_metrics.insert(key, m);
    return m;
}

double MathFont::constant(MathConstant c) const {
    if (!m_table.isValid())
        return texConstant(c);
    const double v = m_table.constant(c);
    return isPercent(c) ? v : v / m_upem;
}

const QRawFont& MathFont::raw(int font, double pixelSize) const {
    const qint64 key = (qint64(std::llround(pixelSize * 64)) << 2) | font;
    auto it = m_sized.find(key);
    if (it == m_sized.end()) {
        QRawFont sized = m_fonts[std::size_t(font)];
        sized.setPixelSize(pixelSize);
        it = m_sized.insert(key, sized);
    }
    return *it;
}

}  // namespace lemma::widgets::math
