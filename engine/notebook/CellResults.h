// Each code cell's state and last outputs, shared between the session's caller and its worker
// thread, with every change passed on to the listener.
#pragma once

#include <map>
#include <mutex>
#include <optional>

#include "engine/notebook/Cell.h"
#include "engine/notebook/CellState.h"
#include "engine/notebook/SessionListener.h"
#include "engine/output/Output.h"

namespace lemma::notebook {

// Responsibilities:
// - hold state, outputs and notes per cell, readable from any thread: the outputs are those of
//   the cell's last run and stay when it cannot run; the notes say why it did not run;
// - count the queued runs of each cell, so that a cell queued again while an older run of it
//   is dropped or finishing still shows Queued;
// - tell the listener about each change, one call at a time and in the order of the changes.
class CellResults {
public:
    explicit CellResults(SessionListener* listener) : m_listener(listener) {}

    void setState(CellId cell, CellState state);
    // A run of the cell was queued: one more pending run, state Queued.
    void queue(CellId cell);
    // A queued run was taken off the queue (to run, or dropped); returns the runs still pending.
    int take(CellId cell);
    // Replaces the outputs and clears the notes; `style` is the cell's format at the end of
    // the run. When more runs of the cell are queued, its state goes back to Queued after the
    // outputs.
    void finish(CellId cell, CellState state, output::Outputs outputs,
                output::NumberStyle style = output::NumberStyle::Short);
    // The cell did not run: `notes` (errors) say why; its last outputs stay. Error for the
    // cell's own static errors, Stale when a cell it depends on failed or did not run.
    void hold(CellId cell, CellState state, output::Outputs notes);
    void progress(CellId cell, double fraction);
    // The running cell's outputs so far (they replace its outputs until it finishes).
    void partial(CellId cell, output::Outputs outputs);
    void idle();
    void remove(CellId cell);
    void clear();

    CellState state(CellId cell) const;
    output::Outputs outputs(CellId cell) const;
    output::Outputs notes(CellId cell) const;
    // The format the cell's last run ended in; nullopt when it never finished a run.
    std::optional<output::NumberStyle> numberStyle(CellId cell) const;
    // True when the cell was held (Stale with notes) because a cell it needs failed.
    bool notRun(CellId cell) const;

private:
    struct Entry {
        CellState state = CellState::Idle;
        output::Outputs outputs;
        output::Outputs notes;
        int pending = 0;
        std::optional<output::NumberStyle> style;
    };

    mutable std::mutex m_mutex;  // guards m_cells
    std::mutex m_notifyMutex;    // keeps listener calls in the order of the changes
    std::map<CellId, Entry> m_cells;
    SessionListener* m_listener;
};

}  // namespace lemma::notebook
