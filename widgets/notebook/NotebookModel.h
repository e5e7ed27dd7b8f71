// The window's model of a notebook: the cells in order under stable keys, each with a
// QTextDocument the editors share, kept in step with the engine's Session.
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <filesystem>
#include <vector>

#include "engine/notebook/Cell.h"
#include "engine/notebook/CellState.h"
#include "engine/notebook/Notebook.h"
#include "engine/output/Output.h"

class QTextDocument;

namespace lemma::widgets {

class SessionBridge;

// A cell as undo keeps it when it is removed: enough to put it back with its outputs.
struct CellSnapshot {
    notebook::CellKind kind = notebook::CellKind::Code;
    QString text;
    QString info = QStringLiteral("lemma");
    output::Outputs outputs;
    notebook::CellState state = notebook::CellState::Idle;
};

// Responsibilities:
// - give every cell a key that survives edits, moves, and removal followed by undo (the
//   session's CellIds do not: a re-inserted cell gets a new one);
// - own one QTextDocument per cell and send its text to the session, debounced, when it
//   changes (immediately, at most one run in flight, for changes made by controls);
// - apply structural changes to the session and announce them; undo commands call these;
// - keep each cell's last state and outputs for the views, from the session's signals.
class NotebookModel : public QObject {
    Q_OBJECT
public:
    using Key = int;

    explicit NotebookModel(SessionBridge* bridge, QObject* parent = nullptr);
    ~NotebookModel() override;

    SessionBridge* bridge() const { return m_bridge; }

    // Replaces everything with `notebook`; nothing runs. Emits reset().
    void load(notebook::Notebook notebook, const std::filesystem::path& dataDir);
    // The notebook's bytes as they would be saved (pending edits included; they are sent to
    // the session first).
    std::string serialize();
    // The same bytes without touching the session (nothing runs): for autosave.
    std::string snapshot() const;
    // Where data files are read from (the notebook's folder), after Save As.
    void setDataDir(const std::filesystem::path& dir);
    // A title for the window: the front matter's title, or "".
    QString title() const;

    int count() const { return int(m_cells.size()); }
    Key keyAt(int index) const { return m_cells.at(std::size_t(index)).key; }
    int indexOf(Key key) const;
    bool contains(Key key) const { return indexOf(key) >= 0; }
    notebook::CellKind kind(Key key) const;
    bool isCode(Key key) const { return kind(key) == notebook::CellKind::Code; }
    QTextDocument* document(Key key) const;
    QString text(Key key) const;
    // The info string of a code cell ("lemma hide-code").
    QString info(Key key) const;
    bool hasOption(Key key, const QString& option) const;
    // Pins (engine/notebook/Pins.h): the info string with one more pin of the current control
    // values, or empty with `error` saying why not; the info string without pins.
    QString pinnedInfo(Key key, QString* error) const;
    QString unpinnedInfo(Key key) const;
    // The global names a code cell defines (as its last successful parse says).
    QStringList definitions(Key key) const;
    notebook::CellState state(Key key) const;
    const output::Outputs& outputs(Key key) const;
    // Why the cell did not run (see Session::notes); its outputs are then from an older run.
    const output::Outputs& notes(Key key) const;
    // The names a code cell defines again that another cell already defines, with that cell's
    // key (0 when it is not in the model).
    QList<QPair<QString, Key>> redefinitions(Key key) const;
    // 1-based among code cells, 0 for Markdown.
    int number(Key key) const;
    double progress(Key key) const;
    bool outputsCollapsed(Key key) const;
    void setOutputsCollapsed(Key key, bool collapsed);

    // Structural changes, applied at once (the undo commands call these). `key` 0 makes a new
    // key; undo passes the key the cell had.
    Key insertCell(int index, const CellSnapshot& cell, Key key = 0);
    CellSnapshot removeCell(Key key);
    void moveCell(Key key, int index);
    void setInfo(Key key, const QString& info);

    // Running.
    void run(Key key);
    void runAll();
    void cancel();
    void setLazy(bool lazy);
    bool lazy() const;
    // True while some code cell is queued or running.
    bool busy() const;
    // Sends every pending text change to the session now.
    void flush();
    // True while typed changes wait for the debounce (or a control's value for the run in
    // flight) before they go to the session.
    bool hasPendingEdits() const { return !m_dirty.isEmpty() || m_syncWhenIdle; }
    // The next text changes come from a control: send them at once, unless a run is in flight;
    // then only the latest is sent when it ends (intermediate values are dropped).
    void beginControlEdit() { m_controlEdit = true; }
    void endControlEdit();

    // Debounce of typing, 300 ms by default.
    void setDebounceInterval(int ms) { m_debounce.setInterval(ms); }

Q_SIGNALS:
    void reset();
    void cellInserted(int index);
    void cellRemoved(int index, int key);
    void cellMoved(int from, int to);
    void infoChanged(int key);
    void stateChanged(int key);
    void outputsChanged(int key);
    void progressed(int key, double fraction);
    void outputsCollapsedChanged(int key);
    // A cell's text changed (typing, undo, a control).
    void textChanged(int key);
    // Cell numbers may have changed (a code cell was inserted, removed or moved).
    void numbersChanged();
    // The session ran out of work.
    void idle();

private:
    struct Entry {
        Key key = 0;
        notebook::CellId id = 0;
        notebook::CellKind kind = notebook::CellKind::Code;
        QTextDocument* document = nullptr;
        // The document's text as last seen: highlighters announce format changes as content
        // changes, which must not count as edits.
        QString text;
        output::Outputs outputs;
        output::Outputs notes;
        notebook::CellState state = notebook::CellState::Idle;
        double progress = -1;
        bool outputsCollapsed = false;
    };

    Entry* entry(Key key);
    const Entry* entry(Key key) const;
    Entry* entryForId(quint64 id);
    QTextDocument* makeDocument(Key key, const QString& text);
    void documentChanged(Key key);
    void onState(quint64 id, int state);
    void onOutputs(quint64 id);
    void onProgress(quint64 id, double fraction);
    void onIdle();
    void clear();

    SessionBridge* m_bridge;
    std::vector<Entry> m_cells;
    Key m_nextKey = 1;
    QSet<Key> m_dirty;
    QTimer m_debounce;
    bool m_controlEdit = false;
    bool m_syncWhenIdle = false;
};

}  // namespace lemma::widgets
