// A cell's editor (see CodeEditor.h).
#include "widgets/notebook/CodeEditor.h"
#include "widgets/notebook/Theme.h"

#include <QAbstractItemView>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextLayout>

#include "engine/lang/CodeScan.h"
#include "widgets/notebook/CodeCompleter.h"

namespace lemma::widgets {

namespace {

constexpr int kIndent = 4;

class LineNumberArea : public QWidget {
public:
    explicit LineNumberArea(CodeEditor* editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { m_editor->paintLineNumbers(event); }

private:
    CodeEditor* m_editor;
};

bool isIdentChar(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

QString indentationOf(const QString& line) {
    int i = 0;
    while (i < line.size() && (line[i] == QLatin1Char(' ') || line[i] == QLatin1Char('\t')))
        ++i;
    return line.left(i);
}

QString firstWord(const QString& line) {
    const QString t = line.trimmed();
    int i = 0;
    while (i < t.size() && isIdentChar(t[i]))
        ++i;
    return t.left(i);
}

bool opensBlock(const QString& word) {
    return word == QLatin1String("for") || word == QLatin1String("if") ||
           word == QLatin1String("while") || word == QLatin1String("function");
}

bool closesBlock(const QString& word) {
    return word == QLatin1String("end") || word == QLatin1String("endif") ||
           word == QLatin1String("endfor") || word == QLatin1String("endwhile") ||
           word == QLatin1String("endfunction");
}

bool continuesBlock(const QString& word) {
    return word == QLatin1String("else") || word == QLatin1String("elseif");
}

// True when the line opens a block it does not also close (`if x, y = 1; end`).
bool lineOpensBlock(const QString& line) {
    const QString word = firstWord(line);
    if (!opensBlock(word) && !continuesBlock(word))
        return false;
    static const QRegularExpression closing(QStringLiteral("\\bend\\b\\s*;?\\s*$"));
    return !closing.match(line).hasMatch();
}

}  // namespace

CodeEditor::CodeEditor(Language language, QWidget* parent)
    : QPlainTextEdit(parent),
      m_language(language),
      m_highlighter(new SyntaxHighlighter(language, this)) {
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTabChangesFocus(false);
    setCenterOnScroll(false);
    if (language == Language::Lemma) {
        setLineWrapMode(QPlainTextEdit::NoWrap);
        setFont(codeFont());
        m_lineNumbers = new LineNumberArea(this);
        connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateLineNumberArea);
    } else {
        setLineWrapMode(QPlainTextEdit::WidgetWidth);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setFont(codeFont());
    }
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::updateExtraSelections);
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] {
        if (m_lineNumbers)
            setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
        updateGeometryToContent();
    });
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

CodeEditor::~CodeEditor() {
    // The document outlives the editor (the model owns it). Detach from it while this object
    // is whole: the highlighter clears its formats on the way out, which the document reports
    // as a change.
    disconnect(document(), nullptr, this, nullptr);
    m_highlighter->setDocument(nullptr);
}

void CodeEditor::setCellDocument(QTextDocument* doc) {
    setDocument(doc);
    doc->setDefaultFont(font());
    m_highlighter->setDocument(doc);
    connect(doc, &QTextDocument::contentsChanged, this, &CodeEditor::updateGeometryToContent);
    if (m_lineNumbers)
        setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
    updateGeometryToContent();
}

void CodeEditor::setBuiltins(const QSet<QString>& names) {
    m_highlighter->setBuiltins(names);
    m_highlighter->rehighlight();
}

void CodeEditor::setColors(const ThemeColors& colors) {
    m_colors = colors;
    QPalette p = palette();
    p.setColor(QPalette::Base, colors.codeBackground);
    setPalette(p);
    m_highlighter->setColors(colors);
    updateExtraSelections();
    if (m_lineNumbers)
        m_lineNumbers->update();
}

void CodeEditor::setErrorLine(int line) {
    if (m_errorLine == line)
        return;
    m_errorLine = line;
    updateExtraSelections();
}

void CodeEditor::goTo(int line, int column) {
    const QTextBlock block = document()->findBlockByNumber(std::max(line, 1) - 1);
    if (!block.isValid())
        return;
    QTextCursor c(block);
    c.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                   std::clamp(column - 1, 0, int(block.length()) - 1));
    setTextCursor(c);
    setFocus(Qt::OtherFocusReason);
}

int CodeEditor::contentHeight() const {
    const QMargins m = contentsMargins();
    const qreal docMargin = document()->documentMargin();
    int lines = 0;
    if (lineWrapMode() == NoWrap) {
        lines = document()->blockCount();
    } else {
        lines = int(document()->documentLayout()->documentSize().height());
    }
    int h = int(std::max(lines, 1) * fontMetrics().lineSpacing() + 2 * docMargin) + m.top() +
            m.bottom() + 2;
    if (horizontalScrollBar()->isVisible())
        h += horizontalScrollBar()->sizeHint().height();
    return h;
}

QSize CodeEditor::sizeHint() const {
    return {QPlainTextEdit::sizeHint().width(), contentHeight()};
}

QSize CodeEditor::minimumSizeHint() const {
    return {100, contentHeight()};
}

void CodeEditor::updateGeometryToContent() {
    const int h = contentHeight();
    if (h == m_lastHeight)
        return;
    m_lastHeight = h;
    setFixedHeight(h);
    Q_EMIT heightChanged();
}

int CodeEditor::lineNumberAreaWidth() const {
    if (!m_lineNumbers)
        return 0;
    int digits = 2;
    for (int max = std::max(1, blockCount()); max >= 100; max /= 10)
        ++digits;
    return 10 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void CodeEditor::updateLineNumberArea(const QRect& rect, int dy) {
    if (!m_lineNumbers)
        return;
    if (dy)
        m_lineNumbers->scroll(0, dy);
    else
        m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
}

void CodeEditor::resizeEvent(QResizeEvent* event) {
    QPlainTextEdit::resizeEvent(event);
    if (m_lineNumbers) {
        const QRect cr = contentsRect();
        m_lineNumbers->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
    }
    updateGeometryToContent();
}

void CodeEditor::paintLineNumbers(QPaintEvent* event) {
    QPainter painter(m_lineNumbers);
    painter.fillRect(event->rect(), m_colors.codeBackground);
    painter.setFont(font());
    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int current = textCursor().blockNumber();
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            QColor color = m_colors.gutterText;
            if (number + 1 == m_errorLine)
                color = m_colors.errorText;
            else if (number == current && hasFocus())
                color = m_colors.text;
            painter.setPen(color);
            painter.drawText(0, top, m_lineNumbers->width() - 6, fontMetrics().height(),
                             Qt::AlignRight | Qt::AlignVCenter, QString::number(number + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
        ++number;
    }
}

void CodeEditor::updateExtraSelections() {
    QList<QTextEdit::ExtraSelection> selections;
    if (m_errorLine > 0) {
        const QTextBlock block = document()->findBlockByNumber(m_errorLine - 1);
        if (block.isValid()) {
            QTextEdit::ExtraSelection s;
            s.format.setBackground(m_colors.errorLine);
            s.format.setProperty(QTextFormat::FullWidthSelection, true);
            s.cursor = QTextCursor(block);
            selections.append(s);
        }
    }
    // The bracket at or before the cursor and its partner.
    const QString text = document()->toPlainText();
    const int pos = textCursor().position();
    static const QString open = QStringLiteral("([{");
    static const QString close = QStringLiteral(")]}");
    for (const int at : {pos - 1, pos}) {
        if (at < 0 || at >= text.size())
            continue;
        const QChar c = text[at];
        int kind = int(open.indexOf(c));
        const bool forward = kind >= 0;
        if (!forward)
            kind = int(close.indexOf(c));
        if (kind < 0)
            continue;
        int depth = 0;
        int match = -1;
        for (int i = at; i >= 0 && i < text.size(); i += forward ? 1 : -1) {
            if (text[i] == open[kind])
                depth += forward ? 1 : -1;
            else if (text[i] == close[kind])
                depth += forward ? -1 : 1;
            if (depth == 0) {
                match = i;
                break;
            }
        }
        const QColor color = match >= 0 ? m_colors.bracketMatch : m_colors.errorLine;
        for (const int p : {at, match}) {
            if (p < 0)
                continue;
            QTextEdit::ExtraSelection s;
            s.format.setBackground(color);
            s.cursor = QTextCursor(document());
            s.cursor.setPosition(p);
            s.cursor.setPosition(p + 1, QTextCursor::KeepAnchor);
            selections.append(s);
        }
        break;
    }
    setExtraSelections(selections);
    if (m_lineNumbers)
        m_lineNumbers->update();
}

QString CodeEditor::wordBeforeCursor() const {
    const QTextCursor c = textCursor();
    const QString line = c.block().text();
    int end = c.positionInBlock();
    int start = end;
    while (start > 0 && isIdentChar(line[start - 1]))
        --start;
    if (start < end && line[start].isDigit())
        return {};
    return line.mid(start, end - start);
}

QString CodeEditor::wordUnderCursor() const {
    const QTextCursor c = textCursor();
    const QString line = c.block().text();
    int start = c.positionInBlock();
    int end = start;
    while (start > 0 && isIdentChar(line[start - 1]))
        --start;
    while (end < line.size() && isIdentChar(line[end]))
        ++end;
    return line.mid(start, end - start);
}

void CodeEditor::focusInEvent(QFocusEvent* event) {
    if (m_completer && m_language == Language::Lemma) {
        m_completer->setWidget(this);
        disconnect(m_completer, qOverload<const QString&>(&QCompleter::activated), nullptr,
                   nullptr);
        connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this,
                &CodeEditor::insertCompletion);
    }
    QPlainTextEdit::focusInEvent(event);
    Q_EMIT focusReceived();
    if (m_lineNumbers)
        m_lineNumbers->update();
}

void CodeEditor::focusOutEvent(QFocusEvent* event) {
    QPlainTextEdit::focusOutEvent(event);
    if (m_lineNumbers)
        m_lineNumbers->update();
}

void CodeEditor::wheelEvent(QWheelEvent* event) {
    // The editor shows all its lines: vertical scrolling belongs to the notebook.
    if (event->angleDelta().y() != 0 && event->angleDelta().x() == 0) {
        event->ignore();
        return;
    }
    QPlainTextEdit::wheelEvent(event);
}

bool CodeEditor::canInsertFromMimeData(const QMimeData* source) const {
    // Files dropped on an editor open as notebooks (the window takes them), not as text.
    if (source->hasUrls())
        return false;
    return QPlainTextEdit::canInsertFromMimeData(source);
}

bool CodeEditor::handleNotebookKey(QKeyEvent* event) {
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    const int key = event->key();
    const bool enter = key == Qt::Key_Return || key == Qt::Key_Enter;
    if (enter && mods == Qt::ShiftModifier) {
        Q_EMIT runRequested(RunMode::RunAndAdvance);
        return true;
    }
    if (enter && mods == Qt::ControlModifier) {
        Q_EMIT runRequested(RunMode::Run);
        return true;
    }
    if (enter && mods == Qt::AltModifier) {
        Q_EMIT runRequested(RunMode::RunAndInsert);
        return true;
    }
    if (key == Qt::Key_Escape && mods == Qt::NoModifier) {
        Q_EMIT escapePressed();
        return true;
    }
    if (event->matches(QKeySequence::Undo)) {
        Q_EMIT undoRequested();
        return true;
    }
    if (event->matches(QKeySequence::Redo)) {
        Q_EMIT redoRequested();
        return true;
    }
    if (key == Qt::Key_Minus && mods == (Qt::ControlModifier | Qt::ShiftModifier)) {
        Q_EMIT splitRequested();
        return true;
    }
    if (key == Qt::Key_F1 && mods == Qt::NoModifier) {
        Q_EMIT helpRequested(wordUnderCursor());
        return true;
    }
    if (mods == Qt::NoModifier && key == Qt::Key_Up &&
        textCursor().block() == document()->firstBlock() && !textCursor().hasSelection()) {
        const QTextLine line =
            textCursor().block().layout()->lineForTextPosition(textCursor().positionInBlock());
        if (!line.isValid() || line.lineNumber() == 0) {
            Q_EMIT leaveRequested(-1);
            return true;
        }
    }
    if (mods == Qt::NoModifier && key == Qt::Key_Down &&
        textCursor().block() == document()->lastBlock() && !textCursor().hasSelection()) {
        const QTextLayout* layout = textCursor().block().layout();
        const QTextLine line = layout->lineForTextPosition(textCursor().positionInBlock());
        if (!line.isValid() || line.lineNumber() == layout->lineCount() - 1) {
            Q_EMIT leaveRequested(1);
            return true;
        }
    }
    return false;
}

void CodeEditor::keyPressEvent(QKeyEvent* event) {
    const bool popup = m_completer && m_completer->popup()->isVisible();
    if (popup) {
        switch (event->key()) {
            case Qt::Key_Tab:
                // Not the first match: the common prefix, and the list stays for the rest.
                if ((event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier &&
                    completeCommonPrefix())
                    return;
                event->ignore();
                return;
            case Qt::Key_Enter:
            case Qt::Key_Return:
            case Qt::Key_Escape:
            case Qt::Key_Backtab:
                event->ignore();  // the completer takes these
                return;
            default:
                break;
        }
    }
    if (!popup && handleNotebookKey(event))
        return;

    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    const bool code = m_language == Language::Lemma;
    if (code && event->key() == Qt::Key_Space && mods == Qt::ControlModifier) {
        complete(true);
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        mods == Qt::NoModifier) {
        insertNewline();
        return;
    }
    if (code && event->key() == Qt::Key_Tab && mods == Qt::NoModifier) {
        if (!textCursor().hasSelection() && completeCommonPrefix())
            return;
        indentSelection(true);
        return;
    }
    if (code && event->key() == Qt::Key_Backtab) {
        indentSelection(false);
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
    if (!code)
        return;
    const QString typed = event->text();
    if (!typed.isEmpty() && typed[0].isLetter())
        dedentClosingWord();
    if (!typed.isEmpty() && isIdentChar(typed[0]))
        complete(false);
    else if (popup)
        m_completer->popup()->hide();
}

void CodeEditor::insertNewline() {
    QTextCursor c = textCursor();
    const QString line = c.block().text();
    QString indent = indentationOf(line);
    if (m_language == Language::Lemma && lineOpensBlock(line.left(c.positionInBlock())))
        indent += QString(kIndent, QLatin1Char(' '));
    c.insertText(QLatin1Char('\n') + indent);
    setTextCursor(c);
}

// Typing the last letter of `end` or `else` on a line of its own moves it to the indentation
// of the block it closes.
void CodeEditor::dedentClosingWord() {
    QTextCursor c = textCursor();
    const QString line = c.block().text();
    const QString word = line.trimmed();
    if (!closesBlock(word) && !continuesBlock(word))
        return;
    if (c.positionInBlock() != line.size())
        return;
    int depth = 0;
    QString target;
    bool found = false;
    for (QTextBlock b = c.block().previous(); b.isValid(); b = b.previous()) {
        const QString w = firstWord(b.text());
        if (closesBlock(w)) {
            ++depth;
        } else if (opensBlock(w) && lineOpensBlock(b.text())) {
            if (depth == 0) {
                target = indentationOf(b.text());
                found = true;
                break;
            }
            --depth;
        }
    }
    const QString current = indentationOf(line);
    if (!found || target == current)
        return;
    QTextCursor edit(c.block());
    edit.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, int(current.size()));
    edit.insertText(target);
}

void CodeEditor::indentSelection(bool indent) {
    QTextCursor c = textCursor();
    if (!c.hasSelection() && indent) {
        const int column = c.positionInBlock();
        c.insertText(QString(kIndent - column % kIndent, QLatin1Char(' ')));
        return;
    }
    const QTextBlock first = document()->findBlock(c.selectionStart());
    QTextBlock last = document()->findBlock(c.selectionEnd());
    if (c.hasSelection() && last.position() == c.selectionEnd() && last != first)
        last = last.previous();
    c.beginEditBlock();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        QTextCursor line(b);
        if (indent) {
            line.insertText(QString(kIndent, QLatin1Char(' ')));
        } else {
            const int spaces = int(indentationOf(b.text()).size());
            line.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor,
                              std::min(spaces, kIndent));
            line.removeSelectedText();
        }
        if (b == last)
            break;
    }
    c.endEditBlock();
}

void CodeEditor::complete(bool forced) {
    if (!m_completer)
        return;
    const QString prefix = wordBeforeCursor();
    const QTextCursor cursor = textCursor();
    const QByteArray before = cursor.block().text().left(cursor.positionInBlock()).toUtf8();
    const bool inString =
        lang::insideString(std::string_view(before.constData(), std::size_t(before.size())),
                           std::size_t(before.size()));
    if ((!forced && prefix.size() < 2) || inString) {
        m_completer->popup()->hide();
        return;
    }
    if (m_completer->widget() != this)
        m_completer->setWidget(this);
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0 || (!forced && m_completer->completionCount() == 1 &&
                                                m_completer->currentCompletion() == prefix)) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    QRect r = cursorRect();
    r.translate(viewportMargins().left(), 0);
    r.setWidth(m_completer->popup()->sizeHintForColumn(0) +
               m_completer->popup()->verticalScrollBar()->sizeHint().width());
    r.setWidth(std::max(r.width(), 520));
    m_completer->complete(r);
}

bool CodeEditor::completeCommonPrefix() {
    if (!m_completer)
        return false;
    const QString prefix = wordBeforeCursor();
    if (prefix.isEmpty())
        return false;
    if (m_completer->widget() != this)
        m_completer->setWidget(this);
    m_completer->setCompletionPrefix(prefix);
    const int count = m_completer->completionCount();
    if (count == 0)
        return false;
    QString common;
    for (int i = 0; i < count; ++i) {
        m_completer->setCurrentRow(i);
        const QString name = m_completer->currentCompletion();
        if (i == 0) {
            common = name;
            continue;
        }
        int n = 0;
        while (n < common.size() && n < name.size() && common[n] == name[n])
            ++n;
        common.truncate(n);
    }
    if (common.size() > prefix.size())
        insertCompletion(common);
    if (count == 1) {
        m_completer->popup()->hide();
    } else {
        complete(true);
    }
    return true;
}

void CodeEditor::insertCompletion(const QString& completion) {
    if (m_completer->widget() != this)
        return;
    QTextCursor c = textCursor();
    const int typed = int(wordBeforeCursor().size());
    c.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, typed);
    c.insertText(completion);
    setTextCursor(c);
}

}  // namespace lemma::widgets
