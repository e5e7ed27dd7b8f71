// The typesetter's public face: a TeX formula laid out for a paint device, painted onto any
// QPainter or turned into outlines. Knows nothing of notebooks; reports and figures use it.
#pragma once

#include <QColor>
#include <QPainterPath>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <functional>

#include "widgets/math/MathBox.h"

class QPainter;
class QPaintDevice;

namespace lemma::widgets::math {

// Responsibilities:
// - parse and lay out a formula at a font size for a device (sizes follow the device's
//   logical DPI, so a 300-dpi PDF page and a 96-dpi screen get the same physical size);
// - report its extent (width, ascent above the baseline, descent below), its \label and
//   \tag, and a parse error with its position;
// - paint it at a baseline point in a colour (explicit \color wins), or give its outline.
// A formula that does not parse lays out its source in red followed by the problem and its
// column ("unknown command \foo at column 4", 1-based), so no text is ever dropped.
class MathFormula {
public:
    enum class Style { Display, Text };
    // The number a \ref / \eqref label resolves to ("" when unknown: shown as "??").
    using Resolver = std::function<QString(const QString& label)>;

    MathFormula() = default;

    // Lays out `tex` at `pointSize` points for `device` (nullptr: a 96-dpi screen).
    static MathFormula layout(const QString& tex, Style style, double pointSize,
                              const QPaintDevice* device, const Resolver& resolve = {});
    // The same at a size given in device pixels per em.
    static MathFormula layoutPixels(const QString& tex, Style style, double pixelsPerEm,
                                    const Resolver& resolve = {});

    QString source() const { return m_source; }
    bool ok() const { return m_errorPosition < 0; }
    QString error() const { return m_error; }
    // 0-based index into the source, or -1.
    int errorPosition() const { return m_errorPosition; }
    QStringList labels() const { return m_labels; }
    bool hasTag() const { return m_hasTag; }
    QString tag() const { return m_tag; }

    // In device pixels.
    double width() const { return m_box.width * m_pixelsPerEm; }
    double ascent() const { return m_box.ascent * m_pixelsPerEm; }
    double descent() const { return m_box.descent * m_pixelsPerEm; }
    double height() const { return ascent() + descent(); }
    double pixelsPerEm() const { return m_pixelsPerEm; }
    // The math axis (where fraction bars and operators centre) above the baseline.
    double axisHeight() const;
    // The laid-out box in em (for tests and for writers that place items themselves).
    const MathBox& box() const { return m_box; }

    // Paints with the left end of the baseline at `baseline`.
    void paint(QPainter* painter, QPointF baseline, const QColor& color) const;
    // The glyph outlines and rules, with the left end of the baseline at `baseline`.
    QPainterPath toPath(QPointF baseline = QPointF()) const;

private:
    QString m_source;
    QString m_error;
    int m_errorPosition = -1;
    QStringList m_labels;
    QString m_tag;
    bool m_hasTag = false;
    double m_pixelsPerEm = 16;
    MathBox m_box;
};

}  // namespace lemma::widgets::math
