// The session's one worker thread: runs queued cells against the notebook's globals so that
// the caller (the GUI thread) never waits for mathematics.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/notebook/CellResults.h"

namespace lemma::notebook {

// A name a cell reads from another cell, with that cell's number for messages.
struct Dependency {
    CellId cell = 0;
    std::string name;
    int number = 0;
};

// One pinned setting of a cell to recompute after the cell ran: the chain of cells from the
// changed controls down to the cell itself, with the pinned values in their sources, run on a
// copy of the globals (so the session's globals never see them).
struct PinRun {
    std::string label;  // the values that differ from the cell's current ones
    std::vector<std::shared_ptr<const lang::ast::Program>> chain;  // in topological order
    std::vector<CellId> inputs;  // the cells outside the chain that it reads
    std::string key;             // the chain's sources: with the inputs' runs, the cache key
};

// One cell to run: its parsed program, or the errors that keep it from running.
struct CellTask {
    CellId cell = 0;
    std::shared_ptr<const lang::ast::Program> program;  // null: fails with `errors`
    output::Outputs errors;
    // With `errors`: the cell does not parse, so its names (from its last good parse) and
    // values stay as they were; it runs nothing and changes nothing.
    bool keepNames = false;
    std::vector<Dependency> dependencies;
    std::vector<PinRun> pins;
};

// Bounds on each cell of a job.
struct RunLimits {
    double timeoutSeconds = 0;       // a cell running longer is stopped; 0: no limit
    std::uint64_t memoryBudget = 0;  // bytes a cell may hold; 0: half of physical memory
};

// One unit of queued work. `resetGlobals` and `forget` happen first, even if the job is
// cancelled, so that the globals never keep names of deleted cells.
struct Job {
    bool resetGlobals = false;
    std::vector<CellId> forget;   // deleted cells: drop the names they defined
    std::vector<CellTask> tasks;  // in topological order
    std::uint64_t seed = 42;
    std::filesystem::path dataDir;
    RunLimits limits;
    output::NumberStyle numberStyle = output::NumberStyle::Short;  // the notebook's format
};

// Responsibilities:
// - own the worker thread, the job queue, the globals and the interpreter;
// - run each task from the notebook's seed, after removing the names the cell defined in its
//   previous run, and hold tasks whose parents failed or are stale (they keep their outputs);
// - leave the globals as they were before a run that fails or is cancelled;
// - drop queued tasks and stop the running cell (through RunOptions::cancel) on request;
// - stop a cell that runs past the job's time limit (a watchdog thread sets the same flag), and
//   report it as failed: "timed out after 2 s (at line 3)"; the cells after it still run;
// - report through CellResults.
class Worker {
public:
    // `registry` and `results` must outlive the worker.
    Worker(const builtins::Registry& registry, CellResults& results);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void post(Job job);
    // Drops every task not yet started (the resets and forgets of their jobs still happen)
    // and returns their cells, each once. Stops the running cell when `stop(cell)` is true
    // for it; it then ends Cancelled. Returns at once; `stop` runs under the worker's lock.
    std::vector<CellId> drop(const std::function<bool(CellId)>& stop);
    // Blocks until the queue is empty and no cell runs.
    void wait();
    // The same, for at most `seconds`; false when work remains.
    bool waitFor(double seconds);
    // The globals as they were when the worker last ran out of work (before the listener's
    // idle()); empty before the first run. Safe from any thread. The snapshot shares every
    // value's storage with the worker's globals (a reference count per name, no matrix is
    // copied); a later write in the worker copies only what the snapshot still holds.
    std::shared_ptr<const lang::Globals> globals() const;

private:
    void loop();
    std::optional<CellTask> nextTask();
    void runTask(const CellTask& task, const lang::RunOptions& settings, const RunLimits& limits);
    // The watchdog thread: sets m_cancel and m_timedOut when the running cell passes
    // m_deadline.
    void watch();
    // Removes the names `cell` defined from the globals, unless another cell defined them since.
    void forget(CellId cell);
    // The outputs with each pin's figures laid under theirs; a pin whose chain fails is left
    // out. Results are kept while the chain's inputs have not run again.
    output::Outputs overlayPins(const CellTask& task, output::Outputs outputs,
                                const lang::RunOptions& options);

    lang::Interpreter m_interpreter;
    CellResults& m_results;

    // Worker thread only.
    lang::Globals m_globals;
    std::map<std::string, CellId, std::less<>> m_owner;  // which cell last defined a name
    std::map<CellId, std::set<std::string>> m_owned;
    std::map<CellId, std::uint64_t> m_runs;             // successful runs of each cell
    std::map<std::string, output::Outputs> m_pinCache;  // a pin's key and inputs' runs → outputs

    std::mutex m_mutex;  // guards everything below
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<Job> m_queue;
    Job m_current;  // the job being run; tasks before m_next are taken
    std::size_t m_next = 0;
    CellId m_running = 0;  // the cell running now, or 0
    bool m_busy = false;
    bool m_stop = false;
    std::atomic<bool> m_cancel{false};  // read by the interpreter without the lock
    // The running cell's time limit (guarded by m_mutex; none when max()), and whether the
    // watchdog stopped it.
    std::chrono::steady_clock::time_point m_deadline = std::chrono::steady_clock::time_point::max();
    bool m_timedOut = false;
    std::condition_variable m_deadlineChanged;
    mutable std::mutex m_snapshotMutex;  // guards m_snapshot
    std::shared_ptr<const lang::Globals> m_snapshot = std::make_shared<const lang::Globals>();
    std::thread m_thread;    // starts after everything above exists
    std::thread m_watchdog;  // last
};

}  // namespace lemma::notebook
