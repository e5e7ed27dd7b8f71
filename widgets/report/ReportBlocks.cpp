// The kinds of report blocks (see ReportBlocks.h).
#include "widgets/report/ReportBlocks.h"

#include <qcustomplot.h>

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextObjectInterface>
#include <algorithm>

#include "engine/output/Figure.h"
#include "widgets/math/MathTextObject.h"
#include "widgets/notebook/MarkdownView.h"
#include "widgets/output/FigurePainter.h"

namespace lemma::widgets {

namespace {

// The widest line of a plain-text document in its default font, in device pixels.
double widestLine(const QTextDocument& doc, QPaintDevice* device) {
    const QFontMetricsF metrics(doc.defaultFont(), device);
    double widest = 0;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
        widest = std::max(widest, metrics.horizontalAdvance(b.text()));
    return widest;
}

// Whether the character at `offset` in `block` is a display formula.
bool startsWithDisplay(const QTextBlock& block, int offset) {
    if (offset >= block.text().size() ||
        block.text().at(offset) != QChar::ObjectReplacementCharacter)
        return false;
    const int at = block.position() + offset;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment f = it.fragment();
        if (at >= f.position() && at < f.position() + f.length())
            return f.charFormat().objectType() == math::MathTextObject::Type &&
                   f.charFormat().boolProperty(math::MathTextObject::Display);
    }
    return false;
}

}  // namespace

// ---- TextBlock ----------------------------------------------------------------------------

TextBlock::TextBlock(Kind kind, const ReportStyle& style) : ReportBlock(kind), m_style(style) {
    m_doc.documentLayout()->setPaintDevice(style.device);
    m_doc.setDefaultFont(style.body);
    m_doc.setDocumentMargin(0);
    m_doc.setUndoRedoEnabled(false);
}

double TextBlock::doLayout(double width) {
    if (m_shrinkTo > 0) {
        QFont font = m_doc.defaultFont();
        const double margin = m_doc.documentMargin() * m_style.device->logicalDpiX() / 96.0;
        const double inner = width - 2 * margin;
        const double widest = widestLine(m_doc, m_style.device);
        if (widest > inner && font.pointSizeF() > m_shrinkTo) {
            font.setPointSizeF(std::max(m_shrinkTo, font.pointSizeF() * inner / widest * 0.98));
            m_doc.setDefaultFont(font);
        }
        QTextOption option = m_doc.defaultTextOption();
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        m_doc.setDefaultTextOption(option);
    }
    m_doc.setTextWidth(width);
    return m_doc.size().height();
}

double TextBlock::trailingSpace() const {
    const QTextBlock last = m_doc.lastBlock();
    const QTextLayout* layout = last.layout();
    if (!layout || layout->lineCount() == 0)
        return 0;
    const QTextLine line = layout->lineAt(layout->lineCount() - 1);
    const double bottom =
        m_doc.documentLayout()->blockBoundingRect(last).top() + line.y() + line.height();
    return std::max(0.0, height() - bottom);
}

std::vector<double> TextBlock::breaks() const {
    const double total = height();
    if (m_atomic)
        return {total};
    struct Line {
        double bottom;
        QString text;  // the paragraph's text, on its last line; empty on the others
        bool last;     // the paragraph's last line
        bool display;  // the line holds a display formula
    };
    std::vector<Line> lines;
    auto* layout = m_doc.documentLayout();
    for (QTextBlock b = m_doc.begin(); b.isValid(); b = b.next()) {
        const QRectF rect = layout->blockBoundingRect(b);
        const QTextLayout* textLayout = b.layout();
        const int count = textLayout ? textLayout->lineCount() : 0;
        for (int i = 0; i < count; ++i) {
            const QTextLine line = textLayout->lineAt(i);
            lines.push_back({rect.top() + line.y() + line.height(), b.text().trimmed(),
                             i == count - 1, startsWithDisplay(b, line.textStart())});
        }
    }
    // Printed values: a page never ends after "A =" or "with fields:" (or the blank line under
    // it); it ends between values, at a blank line, unless a value runs on for many lines.
    auto introduces = [](const QString& t) {
        return t.endsWith(QLatin1Char('=')) || t.endsWith(QLatin1Char(':'));
    };
    std::vector<bool> allowed(lines.size(), true);
    if (m_breakBetweenValues) {
        constexpr std::size_t kLongRun = 20;
        std::size_t runStart = 0;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const bool blank = lines[i].last && lines[i].text.isEmpty();
            const bool afterIntro = i > 0 && introduces(lines[i - 1].text);
            allowed[i] = blank && !afterIntro;
            if (allowed[i] || i + 1 == lines.size()) {
                if (i - runStart > kLongRun) {
                    for (std::size_t j = runStart; j < i; ++j)
                        allowed[j] = lines[j].last && !introduces(lines[j].text);
                }
                runStart = i + 1;
            }
        }
    }
    // The text that introduces a display formula stays on its page (TeX's \predisplaypenalty):
    // a derivation's step with its formula, "…, so that" with what it leads to.
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        if (lines[i + 1].display)
            allowed[i] = false;
    }
    if (m_breakAfterFormulas) {
        std::size_t lastDisplay = 0;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (lines[i].display)
                lastDisplay = i;
        }
        for (std::size_t i = 0; i < lastDisplay; ++i)
            allowed[i] = allowed[i] && lines[i].display;
    }
    std::vector<double> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (allowed[i] && lines[i].bottom > 0 && lines[i].bottom < total - 0.5)
            out.push_back(lines[i].bottom);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    out.push_back(total);
    return out;
}

double TextBlock::repeatedHeader() const {
    if (!m_repeatsHeader || m_atomic)
        return 0;
    const std::vector<double> all = breaks();
    return all.size() > 1 ? all.front() : 0;
}

void TextBlock::paint(QCPPainter& painter, QPointF topLeft, double from, double to, double scale) {
    painter.save();
    painter.translate(topLeft);
    painter.scale(scale, scale);
    painter.translate(0, -from);
    const QRectF slice(0, from, width(), to - from);
    if (m_fill.isValid())
        painter.fillRect(slice, m_fill);
    if (m_accent.isValid())
        painter.fillRect(QRectF(0, from, m_style.px(1.5), to - from), m_accent);
    // Lines that only touch the slice's edges belong to the neighbouring slices: a hair less
    // than the slice keeps them out of this page's text, not just out of sight.
    constexpr double kHair = 1.0;
    QAbstractTextDocumentLayout::PaintContext context;
    context.clip = slice.adjusted(0, kHair, 0, -kHair);
    // The ink may go a little past the lines it belongs to: a superscript above the text's
    // ascent, a subscript into the next line's (see MathTextObject). The clip leaves it room,
    // except above a slice that starts below a page break: there Qt would show the line above
    // too (QTextLayout::draw draws the last line above its clip), so the formulas of the
    // slice's first line have their tops drawn on their own.
    const double room = 0.5 * QFontMetricsF(m_doc.defaultFont(), m_style.device).height();
    painter.save();
    painter.setClipRect(slice.adjusted(-room, from > 0 ? 0 : -room, room, room), Qt::IntersectClip);
    m_doc.documentLayout()->draw(&painter, context);
    painter.restore();
    if (from > 0) {
        painter.setClipRect(QRectF(-room, from - room, width() + 2 * room, room),
                            Qt::IntersectClip);
        paintFormulasOfLineAt(painter, from);
    }
    painter.restore();
}

void TextBlock::paintFormulasOfLineAt(QPainter& painter, double top) {
    auto* layout = m_doc.documentLayout();
    QTextObjectInterface* handler = layout->handlerForObject(math::MathTextObject::Type);
    if (!handler)
        return;
    for (QTextBlock b = m_doc.begin(); b.isValid(); b = b.next()) {
        const QRectF rect = layout->blockBoundingRect(b);
        const QTextLayout* lines = b.layout();
        for (int i = 0; lines && i < lines->lineCount(); ++i) {
            const QTextLine line = lines->lineAt(i);
            if (rect.top() + line.y() < top - 1)
                continue;
            const double baseline = rect.top() + line.y() + line.ascent();
            for (auto it = b.begin(); !it.atEnd(); ++it) {
                const QTextFragment f = it.fragment();
                const QTextCharFormat format = f.charFormat();
                if (format.objectType() != math::MathTextObject::Type ||
                    format.boolProperty(math::MathTextObject::Display))
                    continue;
                for (int pos = f.position(); pos < f.position() + f.length(); ++pos) {
                    const int offset = pos - b.position();
                    if (offset < line.textStart() || offset >= line.textStart() + line.textLength())
                        continue;
                    const QSizeF size = handler->intrinsicSize(&m_doc, pos, format);
                    const QRectF box(rect.left() + line.cursorToX(offset), baseline - size.height(),
                                     size.width(), size.height());
                    handler->drawObject(&painter, box, &m_doc, pos, format);
                }
            }
            return;
        }
    }
}

// ---- FigureBlock --------------------------------------------------------------------------

FigureBlock::FigureBlock(std::shared_ptr<const output::Figure> figure, const ReportStyle& style)
    : ReportBlock(Kind::Figure), m_figure(std::move(figure)), m_style(style) {}

double FigureBlock::doLayout(double width) {
    // The screen's canvas at its physical size (96 px to the inch), at most nine tenths of the
    // column, centred.
    const QSize canvas = FigurePainter::naturalSize(*m_figure);
    const double natural = canvas.width() * m_style.device->logicalDpiX() / 96.0;
    m_drawWidth = std::min(width * 0.9, natural);
    return m_drawWidth * canvas.height() / canvas.width();
}

void FigureBlock::paint(QCPPainter& painter, QPointF topLeft, double, double, double scale) {
    const double w = m_drawWidth * scale;
    const double h = height() * scale;
    // Centred in the column.
    const QRectF target(topLeft.x() + (width() - w) / 2, topLeft.y(), w, h);
    FigurePainter::paint(m_figure, painter, target, FigurePainter::naturalSize(*m_figure));
}

// ---- SweepGridBlock -----------------------------------------------------------------------

SweepGridBlock::SweepGridBlock(SweptFigure figures, const ReportStyle& style)
    : ReportBlock(Kind::Figure), m_figures(std::move(figures)), m_style(style) {}

int SweepGridBlock::columns() const {
    const int n = int(m_figures.figures.size());
    return n <= 3 ? n : n == 4 ? 2 : 3;
}

double SweepGridBlock::captionHeight() const {
    return QFontMetricsF(m_style.body, m_style.device).lineSpacing() * 1.3;
}

double SweepGridBlock::doLayout(double width) {
    const int cols = std::max(1, columns());
    const int rows = (int(m_figures.figures.size()) + cols - 1) / cols;
    const double gap = m_style.px(8);
    const QSize canvas = FigurePainter::naturalSize(*m_figures.figures.front());
    m_panelWidth = (width - gap * (cols - 1)) / cols;
    m_panelHeight = m_panelWidth * canvas.height() / canvas.width();
    return rows * (captionHeight() + m_panelHeight) + (rows - 1) * gap;
}

void SweepGridBlock::paint(QCPPainter& painter, QPointF topLeft, double, double, double scale) {
    const int cols = std::max(1, columns());
    const double gap = m_style.px(8);
    painter.save();
    painter.translate(topLeft);
    painter.scale(scale, scale);
    QFont font = m_style.body;
    font.setBold(true);
    for (std::size_t i = 0; i < m_figures.figures.size(); ++i) {
        const int row = int(i) / cols;
        const int col = int(i) % cols;
        const double x = col * (m_panelWidth + gap);
        const double y = row * (captionHeight() + m_panelHeight + gap);
        painter.setFont(font);
        painter.setPen(m_style.colors.text);
        painter.drawText(QRectF(x, y, m_panelWidth, captionHeight()),
                         Qt::AlignHCenter | Qt::AlignVCenter, m_figures.captions.value(int(i)));
        const auto& figure = m_figures.figures[i];
        FigurePainter::paint(figure, painter,
                             QRectF(x, y + captionHeight(), m_panelWidth, m_panelHeight),
                             FigurePainter::naturalSize(*figure));
    }
    painter.restore();
}

// ---- ContentsBlock ------------------------------------------------------------------------

ContentsBlock::ContentsBlock(std::vector<ContentsEntry> entries, const ReportStyle& style)
    : ReportBlock(Kind::Contents), m_entries(std::move(entries)), m_style(style) {}

double ContentsBlock::lineHeight() const {
    return QFontMetricsF(m_style.body, m_style.device).lineSpacing() * 1.25;
}

double ContentsBlock::titleHeight() const {
    QFont title = m_style.body;
    title.setPointSizeF(m_style.bodyPoints * 1.4);
    title.setBold(true);
    return QFontMetricsF(title, m_style.device).lineSpacing() * 1.6;
}

double ContentsBlock::doLayout(double) {
    return titleHeight() + lineHeight() * double(m_entries.size());
}

std::vector<double> ContentsBlock::breaks() const {
    std::vector<double> out;
    for (std::size_t i = 1; i < m_entries.size(); ++i)
        out.push_back(titleHeight() + lineHeight() * double(i));
    out.push_back(height());
    return out;
}

void ContentsBlock::paint(QCPPainter& painter, QPointF topLeft, double from, double to,
                          double scale) {
    painter.save();
    painter.translate(topLeft);
    painter.scale(scale, scale);
    painter.translate(0, -from);
    painter.setClipRect(QRectF(0, from, width(), to - from));
    painter.setPen(m_style.colors.text);
    if (from < titleHeight()) {
        QFont title = m_style.body;
        title.setPointSizeF(m_style.bodyPoints * 1.4);
        title.setBold(true);
        painter.setFont(title);
        painter.drawText(QRectF(0, 0, width(), titleHeight()), Qt::AlignLeft | Qt::AlignTop,
                         QStringLiteral("Contents"));
    }
    const QFontMetricsF metrics(m_style.body, m_style.device);
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const double y = titleHeight() + lineHeight() * double(i);
        if (y + lineHeight() <= from || y >= to)
            continue;
        const ContentsEntry& e = m_entries[i];
        QFont font = m_style.body;
        font.setBold(e.level == 1);
        painter.setFont(font);
        const QFontMetricsF fm(font, m_style.device);
        const double indent = m_style.px(14) * (e.level - 1);
        const QString page = i < m_pages.size() ? QString::number(m_pages[i]) : QString();
        const double pageWidth = fm.horizontalAdvance(QStringLiteral("0000"));
        const double textRoom = width() - indent - pageWidth - m_style.px(12);
        const double baseline = y + fm.ascent();
        QString text = fm.elidedText(e.text, Qt::ElideRight, textRoom);
        double textWidth = fm.horizontalAdvance(text);
        if (e.text.contains(QChar::ObjectReplacementCharacter) && !e.markdown.isEmpty()) {
            // A heading with formulas: typeset them as in the heading itself, never the
            // placeholder character.
            QTextDocument doc;
            doc.documentLayout()->setPaintDevice(m_style.device);
            doc.setDefaultFont(font);
            doc.setDocumentMargin(0);
            MarkdownView::renderInto(&doc, e.markdown, m_style.colors, m_style.equations);
            doc.setTextWidth(textRoom);
            painter.save();
            painter.translate(indent, y);
            doc.drawContents(&painter, QRectF(0, 0, textRoom, lineHeight()));
            painter.restore();
            textWidth = std::min(doc.idealWidth(), textRoom);
            text.clear();
        }
        if (!text.isEmpty())
            painter.drawText(QPointF(indent, baseline), text);
        painter.drawText(QRectF(width() - pageWidth, y, pageWidth, fm.height()),
                         Qt::AlignRight | Qt::AlignTop, page);
        // Dotted leaders between the heading and its page.
        const double dotsFrom = indent + textWidth + m_style.px(4);
        const double dotsTo = width() - fm.horizontalAdvance(page) - m_style.px(4);
        const double step = metrics.horizontalAdvance(QStringLiteral(". "));
        painter.setPen(m_style.colors.gutterText);
        for (double x = dotsTo - step; x > dotsFrom; x -= step)
            painter.drawText(QPointF(x, baseline), QStringLiteral("."));
        painter.setPen(m_style.colors.text);
    }
    painter.restore();
}

}  // namespace lemma::widgets
