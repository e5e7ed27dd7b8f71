// Each code cell's state and last outputs, shared between the session's caller and its worker
// thread, with every change passed on to the listener.
#pragma once

#include <map>
#include <mutex>

#include "engine/notebook/Cell.h"
#include "engine/notebook/CellState.h"
#include "engine/notebook/SessionListener.h"
#include "engine/output/Output.h"

namespace lemma::notebook {

// Responsibilities:
// - hold state and outputs per cell, readable from any thread;
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
    // Replaces the outputs. `notRun`: the cell was skipped because a parent failed. When more
    // runs of the cell are queued, its state goes back to Queued after the outputs.
    void finish(CellId cell, CellState state, output::Outputs outputs, bool notRun = false);
    void progress(CellId cell, double fraction);
    void idle();
    void remove(CellId cell);
    void clear();

    CellState state(CellId cell) const;
    output::Outputs outputs(CellId cell) const;
    bool notRun(CellId cell) const;

private:
    struct Entry {
        CellState state = CellState::Idle;
        output::Outputs outputs;
        bool notRun = false;
        int pending = 0;
    };

    mutable std::mutex m_mutex;  // guards m_cells
    std::mutex m_notifyMutex;    // keeps listener calls in the order of the changes
    std::map<CellId, Entry> m_cells;
    SessionListener* m_listener;
};

}  // namespace lemma::notebook
