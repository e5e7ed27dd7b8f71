// Where a code cell stands in the reactive session.
#pragma once

namespace lemma::notebook {

enum class CellState {
    Idle,       // not run since the notebook was loaded
    Stale,      // its inputs changed and it has not run since (lazy, or waiting for a parent)
    Queued,     // waiting for the worker
    Running,    // on the worker now
    Done,       // ran to the end; its outputs are current
    Error,      // failed, could not run (syntax, double definition, cycle) or a parent failed
    Cancelled,  // stopped by the user while running
};

inline const char* toString(CellState state) {
    switch (state) {
        case CellState::Idle:
            return "idle";
        case CellState::Stale:
            return "stale";
        case CellState::Queued:
            return "queued";
        case CellState::Running:
            return "running";
        case CellState::Done:
            return "done";
        case CellState::Error:
            return "error";
        case CellState::Cancelled:
            return "cancelled";
    }
    return "?";
}

}  // namespace lemma::notebook
