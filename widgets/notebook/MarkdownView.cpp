// Rendered Markdown with math spans kept whole (see MarkdownView.h).
#include "widgets/notebook/MarkdownView.h"

#include <QFontDatabase>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

namespace lemma::widgets {

namespace {

const QChar kOpen(0xE000);
const QChar kClose(0xE001);

void insertMathAsText(QTextCursor& cursor, const QString& tex, bool display,
                      const ThemeColors& colors) {
    QTextCharFormat f = cursor.charFormat();
    f.setForeground(colors.math);
    f.setFontItalic(true);
    const QStringList families{QStringLiteral("Latin Modern Math"), QStringLiteral("STIX Math"),
                               QStringLiteral("DejaVu Math TeX Gyre")};
    f.setFontFamilies(families);
    cursor.insertText(display ? tex.trimmed() : tex, f);
}

}  // namespace

MarkdownView::MarkdownView(QWidget* parent) : QTextBrowser(parent), m_insertMath(insertMathAsText) {
    setFrameShape(QFrame::NoFrame);
    setOpenExternalLinks(true);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFocusPolicy(Qt::NoFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    document()->setDocumentMargin(6);
}

QString MarkdownView::protectMath(const QString& markdown, QStringList* spans,
                                  QList<bool>* display) {
    QString out;
    out.reserve(markdown.size());
    const int n = int(markdown.size());
    bool inFence = false;
    int i = 0;
    while (i < n) {
        // Fenced code blocks pass through whole, line by line.
        const bool lineStart = i == 0 || markdown[i - 1] == QLatin1Char('\n');
        if (lineStart) {
            const int end = int(markdown.indexOf(QLatin1Char('\n'), i));
            const QString line = markdown.mid(i, end < 0 ? -1 : end - i + 1);
            const QString trimmed = line.trimmed();
            if (trimmed.startsWith(QLatin1String("```")) ||
                trimmed.startsWith(QLatin1String("~~~")))
                inFence = !inFence;
            if (inFence || trimmed.startsWith(QLatin1String("```")) ||
                trimmed.startsWith(QLatin1String("~~~"))) {
                out += line;
                i += int(line.size());
                continue;
            }
        }
        const QChar c = markdown[i];
        if (c == QLatin1Char('\\') && i + 1 < n) {
            out += markdown.mid(i, 2);
            i += 2;
            continue;
        }
        if (c == QLatin1Char('`')) {
            const int end = int(markdown.indexOf(QLatin1Char('`'), i + 1));
            if (end > 0) {
                out += markdown.mid(i, end - i + 1);
                i = end + 1;
                continue;
            }
        }
        if (c == QLatin1Char('$')) {
            const bool block = i + 1 < n && markdown[i + 1] == QLatin1Char('$');
            const int from = i + (block ? 2 : 1);
            int end =
                int(markdown.indexOf(block ? QStringLiteral("$$") : QStringLiteral("$"), from));
            const QString tex = end > from ? markdown.mid(from, end - from) : QString();
            const bool ok =
                !tex.isEmpty() && (block || (!tex.contains(QLatin1Char('\n')) &&
                                             !tex.front().isSpace() && !tex.back().isSpace()));
            if (ok) {
                out += kOpen + QString::number(spans->size()) + kClose;
                spans->append(tex);
                display->append(block);
                i = end + (block ? 2 : 1);
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

void MarkdownView::setMarkdown(const QString& markdown) {
    if (markdown == m_markdown && !document()->isEmpty())
        return;
    m_markdown = markdown;
    render();
}

void MarkdownView::setColors(const ThemeColors& colors) {
    m_colors = colors;
    render();
}

void MarkdownView::render() {
    QStringList spans;
    QList<bool> display;
    const QString protectedText = protectMath(m_markdown, &spans, &display);
    document()->setMarkdown(protectedText, QTextDocument::MarkdownDialectGitHub);
    // Put each math span back where its placeholder is.
    static const QRegularExpression placeholder(QStringLiteral("\\x{E000}(\\d+)\\x{E001}"));
    QTextCursor cursor(document());
    while (true) {
        cursor = document()->find(placeholder, cursor);
        if (cursor.isNull())
            break;
        const QString found = cursor.selectedText();
        const int index = found.mid(1, found.size() - 2).toInt();
        cursor.removeSelectedText();
        if (index >= 0 && index < spans.size())
            m_insertMath(cursor, spans[index], display[index], m_colors);
    }
    fitHeight();
}

void MarkdownView::fitHeight() {
    document()->setTextWidth(viewport()->width());
    const int h = int(document()->size().height()) + 2;
    if (h != height())
        setFixedHeight(std::max(h, fontMetrics().height() + 12));
}

void MarkdownView::resizeEvent(QResizeEvent* event) {
    QTextBrowser::resizeEvent(event);
    fitHeight();
}

void MarkdownView::wheelEvent(QWheelEvent* event) {
    event->ignore();
}

void MarkdownView::mouseDoubleClickEvent(QMouseEvent* event) {
    Q_EMIT editRequested();
    event->accept();
}

}  // namespace lemma::widgets
