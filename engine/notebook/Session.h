// The reactive session: the one place the GUI and the command line talk to for running a
// notebook. It keeps the notebook, works out what each edit makes stale, and hands the runs
// to a worker thread.
//
// Design. marimo's split: Definitions (names), DependencyGraph (topology), Cycles, and this
// coordinator. The graph lives on the caller's thread and is rebuilt from Definitions after
// each change (notebooks have hundreds of cells at most, so a rebuild costs microseconds and
// cannot drift out of step). Each change compares the static errors before and after, so a
// cell whose double definition or cycle went away runs again too. The worker receives
// self-contained jobs (programs, dependencies, messages), so it never touches the notebook.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/lang/Ast.h"
#include "engine/lang/Builtin.h"
#include "engine/notebook/CellResults.h"
#include "engine/notebook/CellState.h"
#include "engine/notebook/Definitions.h"
#include "engine/notebook/DependencyGraph.h"
#include "engine/notebook/Notebook.h"
#include "engine/notebook/Pins.h"
#include "engine/notebook/SessionListener.h"
#include "engine/notebook/Worker.h"

namespace lemma::notebook {

// Responsibilities:
// - own the notebook and apply edits, inserts, removals and moves to it;
// - parse each code cell into defs/uses and keep Definitions and the DependencyGraph current;
// - find the static errors: syntax errors, a name defined again by a later cell (the error is
//   on that cell only), cycles;
// - on each change, work out the stale cells (the changed ones, those whose static errors
//   changed, and everything downstream) and queue them in topological order; lazy cells (and
//   what depends on them) only become Stale;
// - expose cell states and outputs, and cancel / wait.
//
// Cell numbers in messages count code cells from 1 in notebook order. All methods except
// state() and outputs() must be called from one thread (the owner's); results arrive through
// the listener, on the worker thread. The listener must outlive the session.
class Session {
public:
    explicit Session(SessionListener* listener = nullptr);
    Session(SessionListener* listener, builtins::Registry registry);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Replaces the notebook: cancels any run (waiting for the running cell to stop), forgets
    // all globals, parses every code cell. Nothing runs; every code cell is Idle.
    void load(Notebook notebook);
    const Notebook& notebook() const { return m_notebook; }

    // The folder data files are read from (the notebook's folder).
    void setDataDir(std::filesystem::path dir) { m_dataDir = std::move(dir); }
    const std::filesystem::path& dataDir() const { return m_dataDir; }
    // Per-cell bounds for the runs queued from now on: a time limit (a cell past it is stopped
    // and fails as timed out) and a memory budget.
    void setLimits(const RunLimits& limits) { m_limits = limits; }
    const RunLimits& limits() const { return m_limits; }
    // Notebook-level laziness, on top of the front matter's `lazy: true`.
    void setLazy(bool lazy) { m_lazy = lazy; }
    bool lazy() const { return m_lazy || m_notebook.lazy(); }

    // Runs every code cell from fresh globals, lazy ones included.
    void runAll();
    // Runs the cell, whatever it needs that is not up to date, and its dependents.
    void run(CellId cell);
    // Replaces a cell's source; a code cell then runs with its dependents (unless lazy).
    void edit(CellId cell, std::string_view source);
    // Replaces a code cell's info string ("lemma lazy"); runs it if it became non-lazy while
    // stale.
    void setInfoString(CellId cell, std::string_view info);
    // Inserts a cell at `index` in the notebook; a code cell runs. Returns the new id.
    CellId insertCell(std::size_t index, CellKind kind, std::string_view source,
                      std::string_view info = "lemma");
    // Deletes a cell: its names leave the globals and its dependents run again.
    void removeCell(CellId cell);
    void moveCell(CellId cell, std::size_t index);

    // Pinning (see Pins.h). The info string the cell would have with one more pin: the
    // current values of the named controls of the cell and of the cells it reads. Refused
    // (empty info, `error` says why) past kMaxPins pins, for a cell without named controls, and
    // for settings already pinned. Apply it with setInfoString, which runs the cell again.
    struct PinResult {
        std::string info;
        std::string error;
    };
    PinResult pinnedInfo(CellId cell) const;
    // The cell's info string without its pins.
    std::string unpinnedInfo(CellId cell) const;
    // The values of the named controls of the cell and the cells it reads, as their sources
    // have them now (a control without `value=` as its last run showed it).
    Pin currentSettings(CellId cell) const;

    // Stops the running cell within the interpreter's check interval and drops the queued
    // ones (they become Stale). Returns at once.
    void cancel();
    // Blocks until nothing is queued or running.
    void wait();
    // The same, for at most `seconds`; false when a cell still runs (one stuck in a computation
    // that cannot be interrupted, such as a LAPACK call, past its time limit).
    bool waitFor(double seconds) { return m_worker.waitFor(seconds); }
    void runAllBlocking() {
        runAll();
        wait();
    }

    // Safe from any thread.
    CellState state(CellId cell) const { return m_results.state(cell); }
    // The outputs of the cell's last run. They stay when the cell cannot run (a syntax error,
    // a cell it needs failed), so an edit in progress never wipes the page.
    output::Outputs outputs(CellId cell) const { return m_results.outputs(cell); }
    // Why the cell did not run, as errors: its static errors (syntax, a name already defined,
    // a cycle) in the Error state, or the cell it waits for in the Stale state. Empty after
    // a run.
    output::Outputs notes(CellId cell) const { return m_results.notes(cell); }
    // True when the cell is Stale because a cell it needs failed or did not run.
    bool notRun(CellId cell) const { return m_results.notRun(cell); }

    // The globals as they were when the worker last ran out of work (for a variables panel).
    // Safe from any thread.
    std::shared_ptr<const lang::Globals> globals() const { return m_worker.globals(); }

    // The format a global name shows in: the one its defining cell's last run ended in, else
    // the notebook's (front matter `format:`).
    output::NumberStyle numberStyle(std::string_view name) const;

    // 1-based among code cells; 0 for a Markdown cell or an unknown id.
    int cellNumber(CellId cell) const;
    // The names a code cell defines, as its last successful parse says.
    const std::vector<std::string>& definitions(CellId cell) const {
        return m_definitions.defs(cell);
    }
    // The names the cell defines that an established cell already defines, with that cell:
    // the cell's double-definition errors.
    std::vector<std::pair<std::string, CellId>> redefinitions(CellId cell) const;

private:
    struct Analysis {
        std::shared_ptr<const lang::ast::Program> program;  // null after a syntax error
        std::vector<output::Error> syntaxErrors;
    };

    void analyze(const Cell& cell);
    void rebuild();
    std::vector<output::Error> staticErrors(CellId cell) const;
    // Re-analyzes `changed` (cells edited, inserted or removed) and queues what became stale.
    void update(const std::set<CellId>& changed, std::vector<CellId> forget = {});
    // Queues the `stale` cells in topological order, together with whatever was still queued
    // (one order for all pending work); stops the running cell if it is stale. `forced` cells
    // run even when lazy.
    void schedule(std::set<CellId> stale, std::set<CellId> forced, Job job);
    bool isLazy(CellId cell) const;
    bool upToDate(CellId cell) const;
    std::set<CellId> outdatedAncestors(const std::set<CellId>& cells) const;
    std::vector<CellId> codeCells() const;
    // The cell and the cells it reads, parents first.
    std::vector<CellId> chainTo(CellId cell) const;
    std::vector<PinRun> pinRuns(CellId cell) const;

    builtins::Registry m_registry;
    CellResults m_results;
    Notebook m_notebook;
    std::map<CellId, Analysis> m_analysis;
    Definitions m_definitions;
    DependencyGraph m_graph;
    std::map<CellId, std::vector<output::Error>> m_staticErrors;
    std::map<CellId, int> m_numbers;
    std::filesystem::path m_dataDir;
    RunLimits m_limits;
    bool m_lazy = false;
    Worker m_worker;  // last: destroyed (joined) first
};

}  // namespace lemma::notebook
