// The math text object (see MathTextObject.h).
//
// Qt places an inline object with its bottom on the baseline (AlignNormal) or, with
// AlignMiddle, with ascent (h + x/2)/2 where x is the x-height of the object's font. A formula
// whose depth fits in the text's own descent (give or take 15% of the line, the empty top of
// the next line's ascent) uses AlignNormal and is painted with its baseline on the object's
// bottom, its depth hanging into the descent the line has anyway: subscripts do not open up
// the lines. A deeper one (a fraction) uses AlignMiddle with a height chosen so that both its
// ascent and its depth fit; the paint recomputes the same ascent, so its baseline still lands
// on the text's.
#include "widgets/math/MathTextObject.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QPainter>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextList>

namespace lemma::widgets::math {

namespace {

constexpr int kResolved = QTextFormat::UserProperty + 120;  // the TeX with \eqref resolved

const QPaintDevice* deviceOf(QTextDocument* doc) {
    return doc && doc->documentLayout() ? doc->documentLayout()->paintDevice() : nullptr;
}

double pixelSize(const QFont& font, const QPaintDevice* device) {
    if (font.pixelSize() > 0)
        return font.pixelSize();
    const double dpi = device ? device->logicalDpiY() : 96.0;
    return (font.pointSizeF() > 0 ? font.pointSizeF() : 10.0) * dpi / 72.0;
}

// Math drawn beside a text font with a larger x-height (a sans serif) is scaled so that its
// x-height matches, as KaTeX and MathJax do; never shrunk, at most by 21% (KaTeX's factor).
double mathScale(const QFont& font) {
    const double px = pixelSize(font, nullptr);
    MathFont& math = MathFont::forThread();
    const double mathX = math.metrics(math.glyph(0x1D465)).ascent;
    if (px <= 0 || mathX <= 0)
        return 1;
    return std::clamp(QFontMetricsF(font).xHeight() / px / mathX, 1.0, 1.21);
}

// The formula's size in device pixels per em for text in `font`.
double mathPixels(const QFont& font, const QPaintDevice* device) {
    return pixelSize(font, device) * mathScale(font);
}

// Space above and below a display formula, in em.
constexpr double kDisplayPad = 0.45;

double halfXHeight(const QTextCharFormat& f) {
    return QFontMetrics(f.font()).xHeight() / 2.0;
}

}  // namespace

void MathTextObject::install(QTextDocument* document) {
    QAbstractTextDocumentLayout* layout = document->documentLayout();
    if (!layout->handlerForObject(Type))
        layout->registerHandler(Type, new MathTextObject(document));
}

void MathTextObject::insert(QTextCursor& cursor, const QString& tex, bool display,
                            const QTextCharFormat& base, const QString& number,
                            const MathFormula::Resolver& resolve) {
    install(cursor.document());
    QTextCharFormat f = base;
    f.setObjectType(Type);
    f.setProperty(Tex, tex);
    f.setProperty(Display, display);
    f.setProperty(Number, number);
    // \eqref inside the formula: resolved now, so that painting needs no notebook.
    f.setProperty(kResolved, QVariant());
    if (resolve && tex.contains(QLatin1String("ref{"))) {
        // Replace each \eqref{x} / \ref{x} by its number as text the parser reads back.
        QString resolved = tex;
        static const QRegularExpression ref(QStringLiteral("\\\\(eq)?ref\\{([^}]*)\\}"));
        QRegularExpressionMatchIterator it = ref.globalMatch(tex);
        qsizetype shift = 0;
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            QString n = resolve(m.captured(2).trimmed());
            if (n.isEmpty())
                n = QStringLiteral("??");
            const QString text = m.captured(1).isEmpty() ? QStringLiteral("\\text{%1}").arg(n)
                                                         : QStringLiteral("\\text{(%1)}").arg(n);
            resolved.replace(m.capturedStart() + shift, m.capturedLength(), text);
            shift += text.size() - m.capturedLength();
        }
        f.setProperty(kResolved, resolved);
    }
    if (!display) {
        // Deep formulas need AlignMiddle (see the top of this file); the test is scale-free.
        const QFont font = base.font().resolve(cursor.document()->defaultFont());
        const QFontMetricsF text(font);
        const MathFormula m = MathFormula::layoutPixels(
            f.property(kResolved).isValid() ? f.stringProperty(kResolved) : tex,
            MathFormula::Style::Text, mathPixels(font, nullptr));
        f.setVerticalAlignment(m.descent() > text.descent() + 0.15 * text.height()
                                   ? QTextCharFormat::AlignMiddle
                                   : QTextCharFormat::AlignNormal);
    } else {
        f.setVerticalAlignment(QTextCharFormat::AlignNormal);
    }
    cursor.insertText(QString(QChar::ObjectReplacementCharacter), f);
}

QString MathTextObject::texOf(const QTextFormat& format) {
    if (format.objectType() != Type)
        return QString();
    const QString dollars =
        format.boolProperty(Display) ? QStringLiteral("$$") : QStringLiteral("$");
    return dollars + format.stringProperty(Tex) + dollars;
}

const MathFormula& MathTextObject::formula(QTextDocument* doc, const QTextFormat& format) {
    const QTextCharFormat f = format.toCharFormat();
    const bool display = f.boolProperty(Display);
    const QString tex =
        f.property(kResolved).isValid() ? f.stringProperty(kResolved) : f.stringProperty(Tex);
    const double px = mathPixels(f.font().resolve(doc->defaultFont()), deviceOf(doc));
    const QString key = QStringLiteral("%1|%2|%3").arg(display).arg(px).arg(tex);
    auto it = m_cache.find(key);
    if (it == m_cache.end()) {
        if (m_cache.size() > 2000)
            m_cache.clear();
        it = m_cache.insert(
            key, MathFormula::layoutPixels(
                     tex, display ? MathFormula::Style::Display : MathFormula::Style::Text, px));
    }
    return *it;
}

double MathTextObject::displayWidth(QTextDocument* doc, int posInDocument,
                                    double formulaWidth) const {
    if (doc->textWidth() <= 0)
        return formulaWidth;
    const QTextBlock block = doc->findBlock(posInDocument);
    const QTextBlockFormat bf = block.blockFormat();
    double width = doc->textWidth() - 2 * doc->documentMargin() - bf.leftMargin() -
                   bf.rightMargin() - bf.textIndent() - bf.indent() * doc->indentWidth();
    if (QTextList* list = block.textList())
        width -= list->format().indent() * doc->indentWidth();
    return std::max(formulaWidth, width - 2);
}

QSizeF MathTextObject::intrinsicSize(QTextDocument* doc, int posInDocument,
                                     const QTextFormat& format) {
    const MathFormula& m = formula(doc, format);
    const QTextCharFormat f = format.toCharFormat();
    if (f.boolProperty(Display)) {
        const double pad = kDisplayPad * m.pixelsPerEm();
        QFontMetricsF fm(f.font().resolve(doc->defaultFont()),
                         const_cast<QPaintDevice*>(deviceOf(doc)));
        double numberWidth = 0;
        if (!f.stringProperty(Number).isEmpty())
            numberWidth = 2 * (fm.horizontalAdvance(f.stringProperty(Number)) + m.pixelsPerEm());
        return QSizeF(displayWidth(doc, posInDocument, m.width() + numberWidth),
                      m.height() + 2 * pad);
    }
    if (f.verticalAlignment() == QTextCharFormat::AlignMiddle) {
        const double hx = halfXHeight(f);
        return QSizeF(m.width(), std::max(2 * m.ascent() - hx, 2 * m.descent() + hx));
    }
    return QSizeF(m.width(), m.ascent());
}

void MathTextObject::drawObject(QPainter* painter, const QRectF& rect, QTextDocument* doc, int,
                                const QTextFormat& format) {
    const MathFormula& m = formula(doc, format);
    const QTextCharFormat f = format.toCharFormat();
    const QColor color =
        f.foreground().style() != Qt::NoBrush ? f.foreground().color() : painter->pen().color();
    if (f.boolProperty(Display)) {
        const double pad = kDisplayPad * m.pixelsPerEm();
        const double baseline = rect.top() + pad + m.ascent();
        const QString number = f.stringProperty(Number);
        double x = rect.left() + (rect.width() - m.width()) / 2;
        if (!number.isEmpty()) {
            painter->save();
            painter->setFont(QFont(f.font().resolve(doc->defaultFont()), painter->device()));
            painter->setPen(color);
            const double w = painter->fontMetrics().horizontalAdvance(number);
            painter->drawText(QPointF(rect.right() - w, baseline), number);
            painter->restore();
            x = std::min(x, rect.right() - w - m.pixelsPerEm() - m.width());
        }
        m.paint(painter, QPointF(std::max(rect.left(), x), baseline), color);
        return;
    }
    double baseline = rect.bottom();
    if (f.verticalAlignment() == QTextCharFormat::AlignMiddle)
        baseline = rect.top() + (rect.height() + halfXHeight(f)) / 2;
    m.paint(painter, QPointF(rect.left(), baseline), color);
}

}  // namespace lemma::widgets::math
