// What a Session tells its owner: cell states, outputs, progress. The engine stays Qt-free;
// the GUI adapter implements this and turns each call into a queued Qt signal.
#pragma once

#include "engine/notebook/Cell.h"
#include "engine/notebook/CellState.h"
#include "engine/output/Output.h"

namespace lemma::notebook {

// Calls come from the session's worker thread, or from the thread calling into the Session
// for changes it makes directly (a cell becoming Queued or Stale). They are made one at a
// time, in the order the changes happened. A listener must return quickly; it may read the
// session's states and outputs but must not call the Session's other methods.
class SessionListener {
public:
    virtual ~SessionListener() = default;

    // Every change of a cell's state.
    virtual void cellStateChanged(CellId, CellState) {}
    // A cell's outputs were replaced: after it ran (Done, Error, Cancelled) or when it was
    // found unable to run. Follows the matching cellStateChanged.
    virtual void cellFinished(CellId, CellState, const output::Outputs&) {}
    // A long builtin's progress in the running cell, 0…1.
    virtual void cellProgress(CellId, double) {}
    // The running cell shows these outputs until it finishes (a sweep's curves so far); they
    // are its outputs() meanwhile.
    virtual void cellPartial(CellId, const output::Outputs&) {}
    // The worker ran out of work.
    virtual void idle() {}
};

}  // namespace lemma::notebook
