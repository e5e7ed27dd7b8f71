// The editor of one cell: monospace with line numbers, highlighting, bracket matching,
// auto-indent and completion; it grows with its text so the notebook scrolls as a whole.
#pragma once

#include <QPlainTextEdit>
#include <QSet>

#include "widgets/notebook/SyntaxHighlighter.h"
#include "widgets/notebook/Theme.h"

namespace lemma::widgets {

class CodeCompleter;

// Responsibilities:
// - show a cell's QTextDocument (owned by the model) with its highlighter, line numbers
//   (code only), the matching bracket and the line of an error;
// - indent after `for`/`if`/`while`/`function`/`else`, dedent `end` and `else` as they are
//   typed, indent and dedent with Tab and Shift+Tab;
// - offer completion (Ctrl+Space, or after two letters of a name);
// - pass the notebook's keys on as signals: run, leave to command mode, move to the next or
//   previous cell at the first or last line, split, undo and redo (the window's one stack),
//   help for the word under the cursor.
class CodeEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    using Language = SyntaxHighlighter::Language;
    enum class RunMode { Run, RunAndAdvance, RunAndInsert };

    explicit CodeEditor(Language language, QWidget* parent = nullptr);
    ~CodeEditor() override;

    Language language() const { return m_language; }
    // Shows `doc` (not owned).
    void setCellDocument(QTextDocument* doc);
    void setCompleter(CodeCompleter* completer) { m_completer = completer; }
    void setBuiltins(const QSet<QString>& names);
    void setColors(const ThemeColors& colors);
    // Highlights a 1-based line as the place of an error; 0 clears it.
    void setErrorLine(int line);
    int errorLine() const { return m_errorLine; }
    // Puts the cursor at a 1-based line and column.
    void goTo(int line, int column);

    // The height that shows every line without an inner scroll bar.
    int contentHeight() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent* event);
    // The identifier ending at the cursor (for completion) or around it (for help).
    QString wordBeforeCursor() const;
    QString wordUnderCursor() const;

Q_SIGNALS:
    void runRequested(lemma::widgets::CodeEditor::RunMode mode);
    void escapePressed();
    void leaveRequested(int direction);  // -1: up from the first line, +1: down from the last
    void splitRequested();
    void undoRequested();
    void redoRequested();
    void helpRequested(const QString& word);
    void focusReceived();
    void heightChanged();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    bool canInsertFromMimeData(const QMimeData* source) const override;

private:
    bool handleNotebookKey(QKeyEvent* event);
    void insertNewline();
    void dedentClosingWord();
    void indentSelection(bool indent);
    void complete(bool forced);
    // Tab after a name: completes the matches' common prefix; shows the list when several
    // remain. False when there is no name before the cursor or nothing matches.
    bool completeCommonPrefix();
    void insertCompletion(const QString& completion);
    void updateExtraSelections();
    void updateGeometryToContent();
    void updateLineNumberArea(const QRect& rect, int dy);

    Language m_language;
    SyntaxHighlighter* m_highlighter;
    CodeCompleter* m_completer = nullptr;
    QWidget* m_lineNumbers = nullptr;
    ThemeColors m_colors;
    int m_errorLine = 0;
    int m_lastHeight = 0;
};

}  // namespace lemma::widgets
