// The undo commands of the notebook window: every change a person makes to a notebook is one
// of these on the window's one QUndoStack.
#pragma once

#include <QString>
#include <QUndoCommand>

#include "widgets/notebook/NotebookModel.h"

namespace lemma::widgets {

class NotebookController;

// A change of one cell's text, kept as the text before and after. Typing arrives already
// applied (the editor made it); undo commands and controls apply theirs in redo().
//
// Consecutive typing in a cell merges into one step until a line break; consecutive moves of
// the same control merge into one step.
class TextEditCommand : public QUndoCommand {
public:
    enum class Merge { None, Typing, Deleting, Control };

    TextEditCommand(NotebookController* controller, NotebookModel::Key key, QString before,
                    QString after, bool applied, QUndoCommand* parent = nullptr);
    // Moves of one control merge: `control` is its index among the cell's controls.
    void setControlMerge(int control);

    void undo() override;
    void redo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    NotebookController* m_controller;
    NotebookModel::Key m_key;
    QString m_before;
    QString m_after;
    bool m_applied;
    // A control's move: its first application does not move the cursor or the view (the
    // hand on the slider must not see the page scroll); undo and redo do.
    bool m_quiet = false;
    Merge m_merge = Merge::None;
    int m_control = -1;
    // The span the edit touched in `after`, for merging and for placing the cursor.
    int m_start = 0;
    int m_end = 0;
};

class InsertCellCommand : public QUndoCommand {
public:
    InsertCellCommand(NotebookController* controller, int index, CellSnapshot cell,
                      QUndoCommand* parent = nullptr);
    void undo() override;
    void redo() override;
    NotebookModel::Key key() const { return m_key; }

private:
    NotebookController* m_controller;
    int m_index;
    CellSnapshot m_cell;
    NotebookModel::Key m_key = 0;
};

// Removing a cell keeps its text, info string and outputs, so undo brings all of them back.
class RemoveCellCommand : public QUndoCommand {
public:
    RemoveCellCommand(NotebookController* controller, NotebookModel::Key key,
                      QUndoCommand* parent = nullptr);
    void undo() override;
    void redo() override;

private:
    NotebookController* m_controller;
    NotebookModel::Key m_key;
    int m_index = 0;
    CellSnapshot m_cell;
};

class MoveCellCommand : public QUndoCommand {
public:
    MoveCellCommand(NotebookController* controller, NotebookModel::Key key, int to);
    void undo() override;
    void redo() override;

private:
    NotebookController* m_controller;
    NotebookModel::Key m_key;
    int m_from = 0;
    int m_to;
};

// Markdown ↔ code: the cell is replaced by one of the other kind with the same text and key.
class ChangeKindCommand : public QUndoCommand {
public:
    ChangeKindCommand(NotebookController* controller, NotebookModel::Key key,
                      notebook::CellKind kind);
    void undo() override;
    void redo() override;

private:
    NotebookController* m_controller;
    NotebookModel::Key m_key;
    notebook::CellKind m_kind;
    int m_index = 0;
    CellSnapshot m_old;
};

// A code cell's info string ("lemma hide-code lazy").
class SetInfoCommand : public QUndoCommand {
public:
    SetInfoCommand(NotebookController* controller, NotebookModel::Key key, QString before,
                   QString after);
    void undo() override;
    void redo() override;

private:
    NotebookController* m_controller;
    NotebookModel::Key m_key;
    QString m_before;
    QString m_after;
    bool m_pushed = false;  // the first redo is the change itself, made where the person is
};

}  // namespace lemma::widgets
