// The math text object (see MathTextObject.h).
//
// How Qt 6.4 places an inline object (QTextDocumentLayout::resizeInlineObject and
// QTextLine::layout_helper / draw in qtextdocumentlayout.cpp and qtextlayout.cpp): the object
// is an item whose ascent and descent the line takes the maximum of with its text's. With
// AlignNormal the item's ascent is the intrinsic height and its descent 0, and it is drawn with
// its bottom on the baseline. With AlignMiddle its ascent is (h + x/2)/2 and its descent
// (h - x/2)/2, where x is the x-height of QFontMetrics(format.font()) — the screen's metrics
// whatever the paint device — but it is then drawn centred in the whole line, not on those
// metrics. No alignment gives an object an ascent and a descent of its own choosing.
//
// So an inline formula is two objects. The formula itself is AlignNormal with the height of its
// ascent: it is drawn with its baseline on the text's at any resolution, and the line's ascent
// is max(text ascent, formula ascent); its depth is painted below the object, into the line's
// descent. A formula deeper than the text's descent (a fraction, a root, limits) is followed by
// a strut: a zero-width AlignMiddle object that draws nothing and is sized, at layout time for
// the document's device, so that its descent is exactly the formula's depth and its ascent that
// depth plus half the x-height of its own one-pixel font. The line then grows by
// max(0, ascent - text ascent) + max(0, depth - text descent), as in TeX. Shallow formulas
// (subscripts) get no strut and hang into the descent the line has anyway, and a formula
// hardly taller than the text (a superscript) declares the text's ascent: neither opens a line.
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

// Half the x-height Qt uses for an AlignMiddle object in `f` (see the top of this file).
double halfXHeight(const QTextCharFormat& f) {
    return QFontMetrics(f.font()).xHeight() / 2.0;
}

// A formula deeper than this (in units of the text's line height) below the text's descent gets
// a strut; shallower ones (subscripts) hang into the descent's empty bottom.
constexpr double kDepthTolerance = 0.15;
// A formula taller than the text's ascent by at most this (in the same unit; a superscript in
// math scaled to a large x-height) leaves the line as it is, poking into the ascent's empty top.
constexpr double kAscentTolerance = 0.08;

bool isStrutFormat(const QTextFormat& format) {
    return format.objectType() == MathTextObject::StrutType;
}

// The character format at `position` in `doc`.
QTextCharFormat formatAt(QTextDocument* doc, int position) {
    const QTextBlock block = doc->findBlock(position);
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment f = it.fragment();
        if (position >= f.position() && position < f.position() + f.length())
            return f.charFormat();
    }
    return QTextCharFormat();
}

}  // namespace

void MathTextObject::install(QTextDocument* document) {
    QAbstractTextDocumentLayout* layout = document->documentLayout();
    if (!layout->handlerForObject(Type)) {
        auto* handler = new MathTextObject(document);
        layout->registerHandler(Type, handler);
        layout->registerHandler(StrutType, handler);
    }
}

void MathTextObject::insert(QTextCursor& cursor, const QString& tex, bool display,
                            const QTextCharFormat& base, const QString& number,
                            const MathFormula::Resolver& resolve, const QString& trailing) {
    install(cursor.document());
    QTextCharFormat f = base;
    f.setObjectType(Type);
    f.setProperty(Tex, tex);
    f.setProperty(Display, display);
    f.setProperty(Number, number);
    if (!display && !trailing.isEmpty())
        f.setProperty(Trailing, trailing);
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
    f.setVerticalAlignment(QTextCharFormat::AlignNormal);
    if (display && !cursor.atBlockStart() &&
        cursor.document()->characterAt(cursor.position() - 1) != QChar::LineSeparator) {
        // A display formula after text in the same paragraph starts its own line. Left to
        // wrap there, it would make the line before it as tall as itself: Qt 6.4 counts an
        // object that does not fit a line in that line's height (maxInlineObjectHeight in
        // QTextLine::layout_helper).
        QTextCharFormat lineBreak = base;
        lineBreak.setProperty(LayoutOnly, true);
        cursor.insertText(QString(QChar::LineSeparator), lineBreak);
    }
    cursor.insertText(QString(QChar::ObjectReplacementCharacter), f);
    if (display)
        return;
    // A deep formula is followed by its strut (see the top of this file); the test is
    // scale-free, the strut's size is computed for the device when the line is laid out.
    const QFont font = base.font().resolve(cursor.document()->defaultFont());
    const QFontMetricsF text(font);
    const MathFormula m = MathFormula::layoutPixels(
        f.property(kResolved).isValid() ? f.stringProperty(kResolved) : tex,
        MathFormula::Style::Text, mathPixels(font, nullptr));
    if (m.descent() <= text.descent() + kDepthTolerance * text.height())
        return;
    QTextCharFormat strut;
    strut.setObjectType(StrutType);
    strut.setVerticalAlignment(QTextCharFormat::AlignMiddle);
    strut.setProperty(QTextFormat::FontPixelSize, 1);  // an x-height of at most a pixel
    cursor.insertText(QString(QChar::ObjectReplacementCharacter), strut);
}

QString MathTextObject::textOf(const QTextFormat& format) {
    const QString tex = texOf(format);
    return tex.isEmpty() ? tex : tex + format.stringProperty(Trailing);
}

bool MathTextObject::isLayoutOnly(const QTextFormat& format) {
    return format.objectType() == StrutType || format.boolProperty(LayoutOnly);
}

std::pair<double, double> MathTextObject::extent(QTextDocument* doc, const QTextFormat& format) {
    install(doc);
    auto* handler = dynamic_cast<MathTextObject*>(doc->documentLayout()->handlerForObject(Type));
    if (!handler || format.objectType() != Type)
        return {0, 0};
    const MathFormula& m = handler->formula(doc, format);
    return {m.ascent(), m.descent()};
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
    const QTextCharFormat f = format.toCharFormat();
    if (isStrutFormat(format)) {
        // Qt gives an AlignMiddle object of height h the descent (h - x/2)/2: make it the
        // depth of the formula just before.
        const QTextCharFormat before = formatAt(doc, posInDocument - 1);
        if (before.objectType() != Type || before.boolProperty(Display))
            return QSizeF(0, 0);
        return QSizeF(0, 2 * inlineBox(doc, before, true).strutDescent + halfXHeight(f));
    }
    const MathFormula& m = formula(doc, format);
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
    double width = m.width();
    if (f.hasProperty(Trailing))
        width += QFontMetricsF(f.font().resolve(doc->defaultFont()),
                               const_cast<QPaintDevice*>(deviceOf(doc)))
                     .horizontalAdvance(f.stringProperty(Trailing));
    return QSizeF(width, inlineBox(doc, f, isStrutFormat(formatAt(doc, posInDocument + 1))).height);
}

MathTextObject::InlineBox MathTextObject::inlineBox(QTextDocument* doc,
                                                    const QTextCharFormat& format, bool deep) {
    const MathFormula& m = formula(doc, format);
    const QFontMetricsF text(format.font().resolve(doc->defaultFont()),
                             const_cast<QPaintDevice*>(deviceOf(doc)));
    InlineBox box;
    // A deep formula's line is opened exactly; a shallow one that is hardly taller than the
    // text leaves it alone.
    box.height = !deep && m.ascent() <= text.ascent() + kAscentTolerance * text.height()
                     ? std::min(m.ascent(), text.ascent())
                     : m.ascent();
    // Qt leaves an object item's leading at -1 (QScriptItem's unset value), and a line's
    // leading is max(leading + ascent) - max(ascent) over its items: a line whose tallest item
    // is the formula loses up to a pixel of its advance. The strut gives it back below.
    box.strutDescent = m.descent() + std::clamp(box.height - text.ascent(), 0.0, 1.0);
    return box;
}

void MathTextObject::drawObject(QPainter* painter, const QRectF& rect, QTextDocument* doc, int,
                                const QTextFormat& format) {
    if (isStrutFormat(format))
        return;
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
    // AlignNormal: the object's bottom is the baseline; the depth is painted below it.
    m.paint(painter, QPointF(rect.left(), rect.bottom()), color);
    if (f.hasProperty(Trailing)) {
        painter->save();
        painter->setFont(QFont(f.font().resolve(doc->defaultFont()), painter->device()));
        painter->setPen(color);
        painter->drawText(QPointF(rect.left() + m.width(), rect.bottom()),
                          f.stringProperty(Trailing));
        painter->restore();
    }
}

}  // namespace lemma::widgets::math
