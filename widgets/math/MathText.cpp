// Text with inline formulas on one line (see MathText.h).
#include "widgets/math/MathText.h"

#include <QFontMetricsF>
#include <QPainter>

namespace lemma::widgets::math {

namespace {

// The text and formula pieces of `text`, in order.
std::vector<std::pair<QString, bool>> split(const QString& text) {
    std::vector<std::pair<QString, bool>> pieces;
    QString plain;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('\\') && i + 1 < text.size() && text[i + 1] == QLatin1Char('$')) {
            plain += QLatin1Char('$');
            ++i;
            continue;
        }
        if (c == QLatin1Char('$')) {
            qsizetype end = i + 1;
            while (end < text.size() &&
                   (text[end] != QLatin1Char('$') || text[end - 1] == QLatin1Char('\\')))
                ++end;
            if (end < text.size() && end > i + 1) {
                if (!plain.isEmpty())
                    pieces.emplace_back(plain, false);
                plain.clear();
                pieces.emplace_back(text.mid(i + 1, end - i - 1), true);
                i = end;
                continue;
            }
        }
        plain += c;
    }
    if (!plain.isEmpty())
        pieces.emplace_back(plain, false);
    return pieces;
}

}  // namespace

bool MathText::hasMath(const QString& text) {
    for (const auto& piece : split(text))
        if (piece.second)
            return true;
    return false;
}

MathText MathText::layout(const QString& text, const QFont& font) {
    MathText t;
    t.m_font = font;
    const QFontMetricsF fm(font);
    const double px = font.pixelSize() > 0 ? font.pixelSize() : font.pointSizeF() * 96.0 / 72.0;
    // Formulas at the text's x-height (never smaller than the text's size), as in prose.
    MathFont& mathFont = MathFont::forThread();
    const double mathX = mathFont.metrics(mathFont.glyph(0x1D465)).ascent;
    const double scale = mathX > 0 ? std::clamp(fm.xHeight() / px / mathX, 1.0, 1.21) : 1.0;
    t.m_ascent = fm.ascent();
    t.m_descent = fm.descent();
    double x = 0;
    for (const auto& [text, math] : split(text)) {
        Piece p;
        p.text = text;
        p.math = math;
        p.x = x;
        if (math) {
            p.formula = MathFormula::layoutPixels(text, MathFormula::Style::Text, px * scale);
            x += p.formula.width();
            t.m_ascent = std::max(t.m_ascent, p.formula.ascent());
            t.m_descent = std::max(t.m_descent, p.formula.descent());
        } else {
            x += fm.horizontalAdvance(text);
        }
        t.m_pieces.push_back(std::move(p));
    }
    t.m_width = x;
    return t;
}

void MathText::paint(QPainter* painter, QPointF baseline, const QColor& color) const {
    painter->save();
    painter->setFont(m_font);
    painter->setPen(color);
    for (const Piece& p : m_pieces) {
        const QPointF at = baseline + QPointF(p.x, 0);
        if (p.math)
            p.formula.paint(painter, at, color);
        else
            painter->drawText(at, p.text);
    }
    painter->restore();
}

}  // namespace lemma::widgets::math
