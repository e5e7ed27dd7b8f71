// One cell on screen: a gutter with its number and state, its editor (and, for Markdown, the
// rendered text), a progress bar and stop button while it runs, and its outputs.
#pragma once

#include <QFrame>
#include <QPoint>
#include <QTimer>

#include "widgets/notebook/CodeEditor.h"
#include "widgets/notebook/NotebookModel.h"
#include "widgets/notebook/Theme.h"

class QLabel;
class QProgressBar;
class QStackedWidget;
class QToolButton;

namespace lemma::widgets {

class CellGutter;
class CodeCompleter;
class EquationIndex;
class MarkdownView;
class NotebookController;
class OutputArea;

// Responsibilities:
// - lay out one cell and keep it in step with the model: text (through the shared document),
//   state, progress, outputs, hidden code, collapsed outputs;
// - show a Markdown cell rendered, or its editor while it is being edited;
// - mark the error line in the editor and jump to it from the error;
// - turn control edits into source rewrites (through the controller);
// - report clicks, editor focus, the editor's notebook keys and drags to the NotebookView,
//   which owns selection and modes.
class CellView : public QFrame {
    Q_OBJECT
public:
    using Key = NotebookModel::Key;

    // The colours and the equation index come in at once, so the prose is typeset only once.
    CellView(NotebookController* controller, Key key, CodeCompleter* completer,
             const ThemeColors& colors, const EquationIndex* equations, QWidget* parent = nullptr);

    Key key() const { return m_key; }
    bool isCode() const { return m_code; }
    CodeEditor* editor() const { return m_editor; }
    MarkdownView* markdownView() const { return m_markdown; }
    OutputArea* outputArea() const { return m_outputs; }
    QToolButton* stopButton() const { return m_stop; }
    CellGutter* gutter() const { return m_gutter; }
    QProgressBar* progressBar() const { return m_progress; }
    // The cell's own line for a notice that cannot go over its outputs (no outputs, or links
    // to follow: "'x' is already defined in cell 1 — rename it here or go to cell 1").
    QLabel* statusLabel() const { return m_status; }
    // The one-line notice the cell shows (over its faded outputs or on its own line): why its
    // outputs are not current, or "" when they are.
    QString notice() const;
    // True while the outputs are shown faded (the cell is stale).
    bool outputsFaded() const;

    void setSelected(bool selected, bool editing);
    // Edit mode: shows the editor (Markdown: instead of the rendered text) and focuses it.
    void startEditing();
    // Command mode: a Markdown cell shows its rendered text again.
    void stopEditing();
    bool isEditing() const;

    void setColors(const ThemeColors& colors);
    void setBuiltins(const QSet<QString>& names);

    // From the model.
    void refreshState();
    void refreshOutputs();
    void refreshProgress();
    void refreshInfo();
    void refreshNumber();
    void refreshText();

Q_SIGNALS:
    void pressed(int key);
    void editorFocused(int key);
    void runRequested(int key, lemma::widgets::CodeEditor::RunMode mode);
    void escapePressed(int key);
    void leaveRequested(int key, int direction);
    void splitRequested(int key);
    void undoRequested();
    void redoRequested();
    void helpRequested(const QString& word);
    void contextMenuRequested(int key, const QPoint& globalPos);
    void dragRequested(int key);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void connectEditor();
    void refreshNotice();
    void refreshErrorLine();
    void followLink(const QString& link);
    void jumpToError(int line, int column);

    NotebookController* m_controller;
    NotebookModel* m_model;
    Key m_key;
    bool m_code;
    bool m_selected = false;
    bool m_editing = false;
    ThemeColors m_colors;

    CellGutter* m_gutter;
    QToolButton* m_hiddenCode = nullptr;
    CodeEditor* m_editor;
    QStackedWidget* m_markdownStack = nullptr;
    MarkdownView* m_markdown = nullptr;
    QWidget* m_runBar;
    // A run shows its progress bar only once it has lasted a moment: a short run (a slider
    // step) neither moves the page down and back nor repaints everything below twice.
    QTimer m_runBarDelay;
    QProgressBar* m_progress;
    QToolButton* m_stop;
    QLabel* m_status;
    QToolButton* m_collapsedOutputs;
    OutputArea* m_outputs;
    QWidget* m_veil;
    output::Outputs m_lastGood;  // the last outputs of a run that did not fail
    QString m_typingError;       // a run-time error shown as a notice while typing
};

}  // namespace lemma::widgets
