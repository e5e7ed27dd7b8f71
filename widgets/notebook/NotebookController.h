// Every change a person makes to the notebook, as undoable commands on one QUndoStack.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <optional>

#include "widgets/notebook/NotebookModel.h"

class QUndoStack;

namespace lemma::widgets {

// Responsibilities:
// - own the window's one QUndoStack and put every edit on it: typing (recorded from the
//   documents as it happens), inserting, removing, moving, splitting, merging, changing kind,
//   cell options, control moves;
// - keep a copy of each cell's text so typing can be recorded as before/after;
// - keep a cell clipboard for cut, copy and paste of whole cells;
// - after undo or redo, say which cell and position to show.
class NotebookController : public QObject {
    Q_OBJECT
public:
    using Key = NotebookModel::Key;

    explicit NotebookController(NotebookModel* model, QObject* parent = nullptr);

    NotebookModel* model() const { return m_model; }
    QUndoStack* undoStack() const { return m_stack; }

    Key insertCell(int index, notebook::CellKind kind, const QString& text = {});
    void removeCell(Key key);
    void moveCell(Key key, int index);
    void changeKind(Key key, notebook::CellKind kind);
    // Splits at `position`: the text before stays, the rest becomes a new cell below.
    // Returns the new cell's key (0 when nothing was split).
    Key splitCell(Key key, int position);
    // Appends the next cell (of the same kind) to this one. Returns false when there is none.
    bool mergeWithNext(Key key);
    // Sets or clears a flag of a code cell's info string (`hide-code`, `lazy`).
    void setOption(Key key, const QString& option, bool on);
    // Writes `literal` into the `value=` of the cell's control number `control` (0-based,
    // counted in the cell's outputs) and runs what depends on it, at most one run at a time.
    bool setControlValue(Key key, int control, const QString& literal);

    // Pins the values of the controls the cell's figures were made with (one undo step);
    // returns why it cannot, or "".
    QString pinSettings(Key key);
    // Removes every pin of the cell (one undo step).
    void clearPins(Key key);

    void copyCell(Key key);
    void cutCell(Key key);
    bool canPaste() const { return m_clipboard.has_value(); }
    // Inserts the copied cell at `index`; returns its key, or 0.
    Key paste(int index);

    // For the commands: replaces a cell's text without recording it, then (when `reveal`)
    // asks the views to show `cursor`.
    void applyText(Key key, const QString& text, int cursor, bool reveal = true);
    // For the commands: asks the views to show and select this cell.
    void showCell(Key key) { Q_EMIT cellRequested(key); }

    // `info` with the flag `option` added or removed.
    static QString withOption(const QString& info, const QString& option, bool on);

Q_SIGNALS:
    void cursorRequested(int key, int position);
    void cellRequested(int key);

private:
    void recordTyping(Key key);
    void remember(Key key);

    NotebookModel* m_model;
    QUndoStack* m_stack;
    QHash<Key, QString> m_shadow;  // each cell's text as last recorded
    bool m_applying = false;
    std::optional<CellSnapshot> m_clipboard;
};

}  // namespace lemma::widgets
