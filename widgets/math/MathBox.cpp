// Placing, painting and outlining laid-out boxes (see MathBox.h).
#include "widgets/math/MathBox.h"

#include <QGlyphRun>
#include <QPainter>
#include <cmath>

namespace lemma::widgets::math {

void MathBox::place(const MathBox& box, double dx, double dy) {
    for (MathItem item : box.items) {
        item.x += dx;
        item.y += dy;
        if (item.kind == MathItem::Kind::Rule)
            item.rect.translate(dx, dy);
        else if (item.kind == MathItem::Kind::Path)
            item.path.translate(dx, dy);
        items.push_back(std::move(item));
    }
}

void MathBox::append(const MathBox& box) {
    place(box, width, 0);
    width += box.width;
    ascent = std::max(ascent, box.ascent);
    descent = std::max(descent, box.descent);
    italic = box.italic;
}

void MathBox::addRule(double x, double top, double w, double h, const QColor& color) {
    MathItem item;
    item.kind = MathItem::Kind::Rule;
    item.rect = QRectF(x, top, w, h);
    item.color = color;
    items.push_back(item);
}

void MathBox::colorize(const QColor& color) {
    for (MathItem& item : items)
        if (!item.color.isValid())
            item.color = color;
}

void MathBox::paint(QPainter& painter, QPointF origin, double pixelsPerEm, const QColor& color,
                    const MathFont& font) const {
    painter.save();
    painter.setPen(Qt::NoPen);
    // Consecutive glyphs of one font, size and colour go out as one glyph run.
    QList<quint32> indexes;
    QList<QPointF> positions;
    const MathItem* runStart = nullptr;
    auto flush = [&] {
        if (!runStart || indexes.isEmpty())
            return;
        QGlyphRun run;
        run.setRawFont(font.raw(runStart->glyph.font, runStart->size * pixelsPerEm));
        run.setGlyphIndexes(indexes);
        run.setPositions(positions);
        painter.setPen(runStart->color.isValid() ? runStart->color : color);
        painter.drawGlyphRun(origin, run);
        indexes.clear();
        positions.clear();
        runStart = nullptr;
    };
    for (const MathItem& item : items) {
        const QColor c = item.color.isValid() ? item.color : color;
        if (c.alpha() == 0)
            continue;
        if (item.kind == MathItem::Kind::Glyph && item.stretch == 1) {
            if (runStart && (runStart->glyph.font != item.glyph.font ||
                             runStart->size != item.size || runStart->color != item.color))
                flush();
            if (!runStart)
                runStart = &item;
            indexes.append(item.glyph.index);
            positions.append(QPointF(item.x * pixelsPerEm, item.y * pixelsPerEm));
            continue;
        }
        flush();
        if (item.kind == MathItem::Kind::Glyph) {
            // A delimiter taller than the font's largest: the largest, stretched.
            painter.save();
            painter.translate(origin + QPointF(item.x, item.y) * pixelsPerEm);
            painter.scale(1, item.stretch);
            QGlyphRun run;
            run.setRawFont(font.raw(item.glyph.font, item.size * pixelsPerEm));
            run.setGlyphIndexes({item.glyph.index});
            run.setPositions({QPointF(0, 0)});
            painter.setPen(c);
            painter.drawGlyphRun(QPointF(0, 0), run);
            painter.restore();
        } else if (item.kind == MathItem::Kind::Rule) {
            QRectF r(origin + item.rect.topLeft() * pixelsPerEm, item.rect.size() * pixelsPerEm);
            // A rule thinner than a device pixel (a root's bar, a fraction's at text sizes on
            // screen) could fall between pixel rows when painted without antialiasing: at
            // least one pixel thick, about the same middle.
            const double scale = std::abs(painter.transform().m22());
            if (scale > 0 && r.height() * scale < 1) {
                const double thick = 1 / scale;
                r.adjust(0, -(thick - r.height()) / 2, 0, (thick - r.height()) / 2);
            }
            painter.fillRect(r, c);
        } else {
            painter.save();
            painter.translate(origin);
            painter.scale(pixelsPerEm, pixelsPerEm);
            painter.fillPath(item.path, c);
            painter.restore();
        }
    }
    flush();
    painter.restore();
}

QPainterPath MathBox::toPath(QPointF origin, double pixelsPerEm, const MathFont& font) const {
    QPainterPath path;
    for (const MathItem& item : items) {
        if (item.color.isValid() && item.color.alpha() == 0)
            continue;
        const QPointF at = origin + QPointF(item.x, item.y) * pixelsPerEm;
        if (item.kind == MathItem::Kind::Glyph) {
            QPainterPath glyph =
                font.raw(item.glyph.font, item.size * pixelsPerEm).pathForGlyph(item.glyph.index);
            QTransform t;
            t.translate(at.x(), at.y());
            t.scale(1, item.stretch);
            path.addPath(t.map(glyph));
        } else if (item.kind == MathItem::Kind::Rule) {
            path.addRect(
                QRectF(origin + item.rect.topLeft() * pixelsPerEm, item.rect.size() * pixelsPerEm));
        } else {
            QTransform t;
            t.translate(origin.x(), origin.y());
            t.scale(pixelsPerEm, pixelsPerEm);
            path.addPath(t.map(item.path));
        }
    }
    return path;
}

}  // namespace lemma::widgets::math
