// The notebook on screen: its cells in a vertical list, one selected, in command or edit mode
// with the keys Jupyter users know.
#pragma once

#include <QHash>
#include <QList>
#include <QScrollArea>
#include <QTimer>

#include "widgets/notebook/CellView.h"
#include "widgets/notebook/NotebookController.h"

class QMenu;
class QVBoxLayout;

namespace lemma::widgets {

class EquationIndex;

class CodeCompleter;

// Responsibilities:
// - keep one CellView per model cell, in the model's order;
// - own the selection (the current cell) and the mode: command mode (the view has focus;
//   single keys act on cells) or edit mode (the current cell's editor has focus);
// - offer every cell operation on the current cell (the window's actions call these);
// - move cells by drag and drop; show the context menu it is given;
// - keep the completer's notebook names (what each cell defines) current;
// - keep the selected cell in view after every command, moving the view as little as
//   possible (once the layout has settled);
// - a press anywhere in a cell selects it; a press on something that takes no click focus
//   (a slider, rendered Markdown, an output) gives the keys back to the notebook, as Escape
//   does from any control: a control takes keys only while it visibly has focus.
//
// Command-mode keys: Enter edit; Up/K and Down/J select; A and B insert above and below;
// D,D delete; Z undo; Y code; M Markdown; X, C, V, Shift+V cut, copy, paste below and above;
// O outputs shown or hidden; Shift+H code shown or hidden; Shift+M merge with the next cell;
// I,I stop; Shift+Enter, Ctrl+Enter, Alt+Enter run (and advance, and insert). In edit mode:
// Escape command mode; Shift+/Ctrl+/Alt+Enter run; Ctrl+Shift+- split; Up on the first line
// and Down on the last go to the previous and next cell.
class NotebookView : public QScrollArea {
    Q_OBJECT
public:
    using Key = NotebookModel::Key;
    enum class Mode { Command, Edit };

    NotebookView(NotebookController* controller, CodeCompleter* completer,
                 QWidget* parent = nullptr);

    NotebookController* controller() const { return m_controller; }
    NotebookModel* model() const { return m_controller->model(); }
    Key currentKey() const { return m_current; }
    int currentIndex() const;
    Mode mode() const { return m_mode; }
    CellView* cellView(Key key) const { return m_views.value(key); }
    CellView* cellViewAt(int index) const;

    void setContextMenu(QMenu* menu) { m_contextMenu = menu; }
    QMenu* contextMenu() const { return m_contextMenu; }
    void setColors(const ThemeColors& colors);
    void setBuiltins(const QSet<QString>& names);

    void selectCell(Key key, bool scroll = true);
    void enterEditMode();
    void enterCommandMode();
    void scrollToCell(Key key);

    // Operations on the current cell.
    void runCurrent(CodeEditor::RunMode mode);
    void runAll();
    void stop();
    void insertAbove(notebook::CellKind kind = notebook::CellKind::Code);
    void insertBelow(notebook::CellKind kind = notebook::CellKind::Code);
    void deleteCurrent();
    void moveCurrent(int delta);
    void splitCurrent();
    void mergeCurrent();
    void setCurrentKind(notebook::CellKind kind);
    void toggleCodeHidden();
    void toggleOutputs();
    void toggleLazy();
    void copyCurrent();
    void cutCurrent();
    void paste(bool above);

    // For drag and drop (and tests): moves the cell so it lands before the cell now at `slot`
    // (0 … count; count means at the end).
    void dropCell(Key key, int slot);

Q_SIGNALS:
    void currentChanged(int key);
    void modeChanged(lemma::widgets::NotebookView::Mode mode);
    void helpRequested(const QString& word);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void rebuild();
    CellView* addView(int index);
    void removeView(int index, Key key);
    void moveView(int from, int to);
    void setMode(Mode mode);
    void updateSelectionMarks();
    void startDrag(Key key);
    int slotAt(int y) const;
    void showCursor(Key key);
    void revealNow();
    void cellPressed(QWidget* target);
    bool handleCommandKey(QKeyEvent* event);
    void updateCompletions();

    NotebookController* m_controller;
    CodeCompleter* m_completer;
    QWidget* m_page;
    QVBoxLayout* m_cells;
    QWidget* m_dropMarker;
    QMenu* m_contextMenu = nullptr;
    QList<CellView*> m_order;
    QHash<Key, CellView*> m_views;
    Key m_current = 0;
    Mode m_mode = Mode::Command;
    ThemeColors m_colors;
    QSet<QString> m_builtins;
    EquationIndex* m_equations;
    Key m_reveal = 0;  // the cell to bring into view once the layout has settled
    QTimer m_revealTimer;
    int m_pendingKey = 0;  // the first key of D,D or I,I
    QTimer m_pendingTimer;
};

}  // namespace lemma::widgets
