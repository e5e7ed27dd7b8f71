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
// - tell the listener about each change, one call at a time and in the order of the changes.
class CellResults {
public:
    explicit CellResults(SessionListener* listener) : m_listener(listener) {}

    void setState(CellId cell, CellState state);
    // Replaces the outputs. `notRun`: the cell was skipped because a parent failed.
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
    };

    mutable std::mutex m_mutex;  // guards m_cells
    std::mutex m_notifyMutex;    // keeps listener calls in the order of the changes
    std::map<CellId, Entry> m_cells;
    SessionListener* m_listener;
};

}  // namespace lemma::notebook
