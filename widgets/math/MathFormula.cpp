// Laying out, painting and outlining whole formulas (see MathFormula.h).
#include "widgets/math/MathFormula.h"

#include <QPaintDevice>
#include <QPainter>

#include "widgets/math/MathLayout.h"
#include "widgets/math/MathParser.h"

namespace lemma::widgets::math {

namespace {

const QColor kErrorColor(0xC6, 0x28, 0x28);

}  // namespace

MathFormula MathFormula::layout(const QString& tex, Style style, double pointSize,
                                const QPaintDevice* device, const Resolver& resolve) {
    const double dpi = device ? device->logicalDpiY() : 96.0;
    return layoutPixels(tex, style, pointSize * dpi / 72.0, resolve);
}

MathFormula MathFormula::layoutPixels(const QString& tex, Style style, double pixelsPerEm,
                                      const Resolver& resolve) {
    MathFormula f;
    f.m_source = tex;
    f.m_pixelsPerEm = pixelsPerEm;
    MathFont& font = MathFont::forThread();
    MathLayout layout(font);
    const ParsedFormula parsed = MathParser::parse(tex, resolve);
    const MathStyle mathStyle{style == Style::Display ? 0 : 1, false};
    if (parsed.ok()) {
        f.m_box = layout.layout(parsed.list, mathStyle);
        f.m_labels = parsed.labels;
        f.m_tag = parsed.tag;
        f.m_hasTag = parsed.hasTag;
        return f;
    }
    f.m_error = parsed.error;
    f.m_errorPosition = parsed.errorPosition;
    MathBox box = layout.text(tex, MathStyle{1, false}, false);
    box.appendSpace(0.5);
    box.append(layout.text(
        QStringLiteral("(%1 at column %2)").arg(parsed.error).arg(parsed.errorPosition + 1),
        MathStyle{2, false}, true));
    box.colorize(kErrorColor);
    f.m_box = std::move(box);
    return f;
}

double MathFormula::axisHeight() const {
    return MathFont::forThread().constant(MathConstant::AxisHeight) * m_pixelsPerEm;
}

void MathFormula::paint(QPainter* painter, QPointF baseline, const QColor& color) const {
    m_box.paint(*painter, baseline, m_pixelsPerEm, color, MathFont::forThread());
}

QPainterPath MathFormula::toPath(QPointF baseline) const {
    return m_box.toPath(baseline, m_pixelsPerEm, MathFont::forThread());
}

}  // namespace lemma::widgets::math
