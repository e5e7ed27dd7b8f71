// Rendered Markdown with math spans kept whole (see MarkdownView.h).
#include "widgets/notebook/MarkdownView.h"

#include <QAbstractTextDocumentLayout>
#include <QClipboard>
#include <QGuiApplication>
#include <QHelpEvent>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolTip>
#include <memory>

#include "widgets/math/MathFormula.h"
#include "widgets/math/MathTextObject.h"
#include "widgets/notebook/EquationIndex.h"

namespace lemma::widgets {

namespace {

// Whether the text's rendering depends on the notebook's equation index (labels, references).
bool usesEquationIndex(const QString& markdown) {
    return markdown.contains(QLatin1String("ref{")) || markdown.contains(QLatin1String("\\label"));
}

const QChar kOpen(0xE000);
const QChar kClose(0xE001);

// The char format that carries an unknown label's name, for its tooltip.
constexpr int kUnknownLabel = QTextFormat::UserProperty + 130;

QString numberFor(const EquationIndex* index, const QString& label) {
    return index ? index->number(label) : QString();
}

// \eqref{x} → "(3)" and \ref{x} → "3" in the prose; "(??)" / "??" for unknown labels.
void replaceReferences(QTextDocument* document, const ThemeColors& colors,
                       const EquationIndex* index) {
    static const QRegularExpression ref(QStringLiteral("\\\\(eq)?ref\\{([^}]*)\\}"));
    QTextCursor cursor(document);
    while (true) {
        cursor = document->find(ref, cursor);
        if (cursor.isNull())
            break;
        const QRegularExpressionMatch m = ref.match(cursor.selectedText());
        const QString label = m.captured(2).trimmed();
        QString number = numberFor(index, label);
        QTextCharFormat f = cursor.charFormat();
        if (number.isEmpty()) {
            number = QStringLiteral("??");
            if (colors.errorText.isValid())
                f.setForeground(colors.errorText);
            f.setProperty(kUnknownLabel, label);
        }
        cursor.insertText(
            m.captured(1).isEmpty() ? number : QLatin1Char('(') + number + QLatin1Char(')'), f);
    }
}

}  // namespace

MarkdownView::MarkdownView(QWidget* parent) : QTextBrowser(parent) {
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
    if (colors == m_colors)
        return;
    m_colors = colors;
    if (!m_markdown.isEmpty())
        render();
}

void MarkdownView::setEquationIndex(const EquationIndex* index) {
    if (m_equations)
        disconnect(m_equations, nullptr, this, nullptr);
    m_equations = index;
    if (index) {
        connect(index, &EquationIndex::changed, this, [this] {
            if (usesEquationIndex(m_markdown))
                render();
        });
    }
    // Only labels and references read the index: other text renders the same (this skips a
    // third typesetting of every Markdown cell when a notebook opens).
    if (usesEquationIndex(m_markdown))
        render();
}

void MarkdownView::renderInto(QTextDocument* document, const QString& markdown,
                              const ThemeColors& colors, const EquationIndex* index) {
    // Without a notebook, the equations are numbered within this text.
    EquationIndex own;
    if (!index) {
        own.update({markdown});
        index = &own;
    }
    QStringList spans;
    QList<bool> display;
    const QString protectedText = protectMath(markdown, &spans, &display);
    document->setMarkdown(protectedText, QTextDocument::MarkdownDialectGitHub);
    math::MathTextObject::install(document);
    const auto resolve = [index](const QString& label) { return numberFor(index, label); };
    // Put each math span back where its placeholder is, typeset.
    static const QRegularExpression placeholder(QStringLiteral("\\x{E000}(\\d+)\\x{E001}"));
    // One edit: the document is laid out once at the end, not once per formula put back.
    QTextCursor edit(document);
    edit.beginEditBlock();
    QTextCursor cursor(document);
    while (true) {
        cursor = document->find(placeholder, cursor);
        if (cursor.isNull())
            break;
        const QString found = cursor.selectedText();
        const int i = found.mid(1, found.size() - 2).toInt();
        QTextCharFormat base = cursor.charFormat();
        cursor.removeSelectedText();
        if (i < 0 || i >= spans.size())
            continue;
        if (base.foreground().style() == Qt::NoBrush && colors.text.isValid())
            base.setForeground(colors.text);
        QString number;
        if (display[i]) {
            static const QRegularExpression label(QStringLiteral("\\\\label\\{([^}]*)\\}"));
            static const QRegularExpression tag(QStringLiteral("\\\\tag(\\*?)\\{([^}]*)\\}"));
            const QRegularExpressionMatch t = tag.match(spans[i]);
            const QRegularExpressionMatch l = label.match(spans[i]);
            if (t.hasMatch())
                number = t.captured(1).isEmpty()
                             ? QLatin1Char('(') + t.captured(2).trimmed() + QLatin1Char(')')
                             : t.captured(2).trimmed();
            else if (l.hasMatch()) {
                const QString n = numberFor(index, l.captured(1).trimmed());
                number =
                    QLatin1Char('(') + (n.isEmpty() ? QStringLiteral("??") : n) + QLatin1Char(')');
            }
        }
        // Punctuation right after inline math stays on its line: the formula draws it (see
        // MathTextObject::insert).
        QString trailing;
        if (!display[i]) {
            int end = cursor.position();
            while (true) {
                const QChar next = document->characterAt(end);
                if (!next.isPunct() || QStringLiteral("([{\u00BF\u00A1").contains(next))
                    break;
                trailing += next;
                ++end;
            }
            QTextCursor punctuation(cursor);
            punctuation.setPosition(end, QTextCursor::KeepAnchor);
            punctuation.removeSelectedText();
        }
        math::MathTextObject::insert(cursor, display[i] ? spans[i].trimmed() : spans[i], display[i],
                                     base, number, resolve, trailing);
    }
    if (markdown.contains(QLatin1String("ref{")))
        replaceReferences(document, colors, index);
    edit.endEditBlock();
}

void MarkdownView::render() {
    renderInto(document(), m_markdown, m_colors, m_equations);
    fitHeight();
}

QString MarkdownView::texAt(const QPoint& position) const {
    const QPoint p =
        position + QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
    const int at = document()->documentLayout()->hitTest(p, Qt::FuzzyHit);
    for (int candidate : {at, at - 1}) {
        if (candidate < 0)
            continue;
        QTextCursor c(document());
        c.setPosition(candidate);
        if (!c.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor))
            continue;
        const QString tex = math::MathTextObject::texOf(c.charFormat());
        if (tex.isEmpty())
            continue;
        // The hit must be on the formula itself, not beside it.
        const QTextBlock block = c.block();
        const QTextLayout* layout = block.layout();
        const int inBlock = candidate - block.position();
        const QTextLine line = layout->lineForTextPosition(inBlock);
        if (!line.isValid())
            continue;
        const QRectF blockRect = document()->documentLayout()->blockBoundingRect(block);
        const double left = blockRect.left() + line.cursorToX(inBlock);
        const double right = blockRect.left() + line.cursorToX(inBlock + 1);
        if (p.x() >= left - 1 && p.x() <= right + 1)
            return tex;
    }
    return QString();
}

bool MarkdownView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QPoint p = help->pos() - viewport()->pos();
        const QTextCursor c = cursorForPosition(p);
        QTextCursor next = c;
        next.movePosition(QTextCursor::NextCharacter);
        for (const QTextCursor& at : {c, next}) {
            const QString label = at.charFormat().stringProperty(kUnknownLabel);
            if (!label.isEmpty()) {
                QToolTip::showText(help->globalPos(), tr("No equation is labelled '%1'").arg(label),
                                   this);
                return true;
            }
        }
        const QString tex = texAt(p);
        if (!tex.isEmpty()) {
            const math::MathFormula f = math::MathFormula::layoutPixels(
                tex.mid(tex.startsWith(QLatin1String("$$")) ? 2 : 1)
                    .chopped(tex.startsWith(QLatin1String("$$")) ? 2 : 1),
                math::MathFormula::Style::Text, 10);
            if (!f.ok()) {
                QToolTip::showText(help->globalPos(),
                                   tr("%1 at column %2").arg(f.error()).arg(f.errorPosition() + 1),
                                   this);
                return true;
            }
        }
        QToolTip::hideText();
        return true;
    }
    return QTextBrowser::event(event);
}

void MarkdownView::contextMenuEvent(QContextMenuEvent* event) {
    std::unique_ptr<QMenu> menu(createStandardContextMenu(event->pos()));
    const QString tex = texAt(event->pos());
    if (!tex.isEmpty()) {
        QAction* copy = new QAction(tr("Copy TeX"), menu.get());
        connect(copy, &QAction::triggered, this,
                [tex] { QGuiApplication::clipboard()->setText(tex); });
        menu->insertAction(menu->actions().isEmpty() ? nullptr : menu->actions().first(), copy);
        menu->insertSeparator(menu->actions().size() > 1 ? menu->actions().at(1) : nullptr);
    }
    menu->exec(event->globalPos());
}

QMimeData* MarkdownView::createMimeDataFromSelection() const {
    // Formulas in the selection become their TeX; the rest is the plain text.
    const QTextCursor selection = textCursor();
    QString text;
    QTextCursor c(document());
    for (int i = selection.selectionStart(); i < selection.selectionEnd(); ++i) {
        c.setPosition(i);
        c.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
        if (math::MathTextObject::isLayoutOnly(c.charFormat()))
            continue;
        const QString tex = math::MathTextObject::textOf(c.charFormat());
        if (!tex.isEmpty()) {
            text += tex;
            continue;
        }
        QString piece = c.selectedText();
        piece.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
        piece.replace(QChar::LineSeparator, QLatin1Char('\n'));
        text += piece;
    }
    auto* data = new QMimeData;
    data->setText(text);
    return data;
}

void MarkdownView::fitHeight() {
    const int width = viewport()->width();
    document()->setTextWidth(width);
    if (width != m_width) {
        // Display formulas are as wide as the text: size them again.
        m_width = width;
        document()->markContentsDirty(0, document()->characterCount());
    }
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
