// The session's worker thread (see Worker.h).
#include "engine/notebook/Worker.h"

#include <algorithm>
#include <exception>

#include "engine/notebook/Pins.h"
#include "engine/output/Display.h"

namespace lemma::notebook {

namespace {

bool endsWithCancelled(const output::Outputs& outputs) {
    if (outputs.empty())
        return false;
    const auto* error = std::get_if<output::Error>(&outputs.back());
    return error && error->message == "cancelled";
}

}  // namespace

Worker::Worker(const builtins::Registry& registry, CellResults& results)
    : m_interpreter(registry),
      m_results(results),
      m_thread([this] { loop(); }),
      m_watchdog([this] { watch(); }) {}

Worker::~Worker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_queue.clear();
        m_current.tasks.resize(m_next);
        m_cancel = true;
    }
    m_wake.notify_all();
    m_deadlineChanged.notify_all();
    m_thread.join();
    m_watchdog.join();
}

void Worker::watch() {
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        const auto deadline = m_deadline;
        if (deadline == std::chrono::steady_clock::time_point::max()) {
            m_deadlineChanged.wait(lock);
            continue;
        }
        if (m_deadlineChanged.wait_until(lock, deadline) == std::cv_status::timeout &&
            m_deadline == deadline && !m_stop) {
            m_timedOut = true;
            m_cancel = true;
            m_deadline = std::chrono::steady_clock::time_point::max();
        }
    }
}

void Worker::post(Job job) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_all();
}

std::vector<CellId> Worker::drop(const std::function<bool(CellId)>& stop) {
    std::vector<CellId> dropped;
    {
        std::lock_guard lock(m_mutex);
        for (std::size_t i = m_next; i < m_current.tasks.size(); ++i) {
            dropped.push_back(m_current.tasks[i].cell);
        }
        m_current.tasks.resize(m_next);
        for (Job& job : m_queue) {
            for (const CellTask& task : job.tasks)
                dropped.push_back(task.cell);
            job.tasks.clear();
        }
        // Only a running cell is stopped: a flag set while idle would hit the next job.
        if (m_running != 0 && stop(m_running))
            m_cancel = true;
    }
    for (CellId cell : dropped)
        m_results.take(cell);
    std::vector<CellId> unique;
    for (CellId cell : dropped) {
        if (std::find(unique.begin(), unique.end(), cell) == unique.end())
            unique.push_back(cell);
    }
    return unique;
}

void Worker::wait() {
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_queue.empty() && !m_busy; });
}

bool Worker::waitFor(double seconds) {
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, std::chrono::duration<double>(seconds),
                           [this] { return m_queue.empty() && !m_busy; });
}

std::optional<CellTask> Worker::nextTask() {
    std::lock_guard lock(m_mutex);
    m_running = 0;
    if (m_cancel || m_next >= m_current.tasks.size())
        return std::nullopt;
    m_running = m_current.tasks[m_next].cell;
    return std::move(m_current.tasks[m_next++]);
}

void Worker::loop() {
    while (true) {
        bool reset = false;
        std::vector<CellId> forgotten;
        lang::RunOptions settings;
        RunLimits limits;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_stop)
                return;
            m_current = std::move(m_queue.front());
            m_queue.pop_front();
            m_next = 0;
            m_busy = true;
            reset = m_current.resetGlobals;
            forgotten = m_current.forget;
            settings.seed = m_current.seed;
            settings.dataDir = m_current.dataDir;
            settings.numberStyle = m_current.numberStyle;
            limits = m_current.limits;
        }
        if (reset) {
            m_pinCache.clear();
            m_globals.clear();
            m_owner.clear();
            m_owned.clear();
        }
        for (CellId cell : forgotten)
            forget(cell);
        while (std::optional<CellTask> task = nextTask())
            runTask(*task, settings, limits);

        bool idle = false;
        {
            std::lock_guard lock(m_mutex);
            m_current = Job();
            m_next = 0;
            m_busy = false;
            m_cancel = false;
            idle = m_queue.empty();
        }
        if (idle) {
            auto snapshot = std::make_shared<const lang::Globals>(m_globals);
            {
                std::lock_guard lock(m_snapshotMutex);
                m_snapshot = std::move(snapshot);
            }
            m_results.idle();
            m_idle.notify_all();
        }
    }
}

std::shared_ptr<const lang::Globals> Worker::globals() const {
    std::lock_guard lock(m_snapshotMutex);
    return m_snapshot;
}

void Worker::forget(CellId cell) {
    const auto it = m_owned.find(cell);
    if (it == m_owned.end())
        return;
    for (const std::string& name : it->second) {
        const auto owner = m_owner.find(name);
        if (owner == m_owner.end() || owner->second != cell)
            continue;
        m_owner.erase(owner);
        m_globals.erase(name);
    }
    m_owned.erase(it);
}

output::Outputs Worker::overlayPins(const CellTask& task, output::Outputs outputs,
                                    const lang::RunOptions& options) {
    constexpr std::size_t kCacheSize = 64;
    lang::RunOptions quiet = options;
    quiet.progress = nullptr;
    quiet.partial = nullptr;
    for (const PinRun& pin : task.pins) {
        std::string key = pin.key + "\n#seed:" + std::to_string(options.seed);
        for (CellId input : pin.inputs)
            key += "\n#" + std::to_string(input) + ":" + std::to_string(m_runs[input]);
        auto cached = m_pinCache.find(key);
        if (cached == m_pinCache.end()) {
            if (m_cancel)
                break;
            lang::Globals scratch = m_globals;  // shares every value's storage
            lang::RunResult run;
            for (const auto& program : pin.chain) {
                try {
                    run = m_interpreter.run(program, scratch, quiet);
                } catch (const std::exception&) {
                    run.ok = false;
                }
                if (!run.ok || run.cancelled)
                    break;
            }
            if (run.cancelled)
                break;
            if (!run.ok)
                run.outputs.clear();
            if (m_pinCache.size() >= kCacheSize)
                m_pinCache.clear();
            cached = m_pinCache.emplace(std::move(key), std::move(run.outputs)).first;
        }
        if (!cached->second.empty())
            outputs = overlayPinned(outputs, cached->second, pin.label);
    }
    return outputs;
}

void Worker::runTask(const CellTask& task, const lang::RunOptions& settings,
                     const RunLimits& limits) {
    const CellId cell = task.cell;
    const int pending = m_results.take(cell);
    if (!task.program) {
        // No hidden state: a cell that cannot run defines nothing, unless it merely does not
        // parse: then nothing runs and nothing changes until it does.
        if (!task.keepNames)
            forget(cell);
        m_results.hold(cell, CellState::Error, task.errors);
        return;
    }
    for (const Dependency& dep : task.dependencies) {
        const CellState parent = m_results.state(dep.cell);
        if (parent == CellState::Done)
            continue;
        const bool parentHeld = m_results.notRun(dep.cell);
        if (parent == CellState::Error || parent == CellState::Cancelled || parentHeld) {
            // The cell keeps its last outputs (shown stale) and its names until it can run.
            const std::string message = "not run: depends on '" + dep.name + "' from cell " +
                                        std::to_string(dep.number) + ", which " +
                                        (parentHeld ? "did not run" : "failed");
            m_results.hold(cell, CellState::Stale, {output::Error{message, {}}});
        } else if (pending == 0) {
            // The parent has not run (lazy, or dropped); this cell waits with it.
            m_results.setState(cell, CellState::Stale);
        }
        return;
    }

    // Whatever the cell defined last time is gone before it runs again.
    forget(cell);
    m_results.setState(cell, CellState::Running);
    // A run changes only the names it assigns, so these are all a failed run must put back.
    // (No copy of every global name: with a million cells that made each run cost O(n).)
    const std::size_t sizeBefore = m_globals.size();
    lang::Globals saved;
    std::vector<std::string> absent;  // static definitions the globals do not hold yet
    for (const std::string& name : task.program->defs) {
        if (const auto it = m_globals.find(name); it != m_globals.end())
            saved.insert(*it);
        else
            absent.push_back(name);
    }
    // The names the run added: its new static definitions, and only when the count says there
    // are more, whatever else no cell owns (every other global has an owner).
    const auto added = [&] {
        std::vector<std::string> out;
        for (const std::string& name : absent) {
            if (m_globals.count(name))
                out.push_back(name);
        }
        if (m_globals.size() != sizeBefore + out.size()) {
            out.clear();
            for (const auto& [name, _] : m_globals) {
                if (!m_owner.count(name))
                    out.push_back(name);
            }
        }
        return out;
    };

    lang::RunOptions options = settings;
    options.cancel = &m_cancel;
    options.progress = [this, cell](double f) { m_results.progress(cell, f); };
    options.partial = [this, cell](output::Outputs o) { m_results.partial(cell, std::move(o)); };
    options.memoryBudget = limits.memoryBudget;
    if (limits.timeoutSeconds > 0) {
        std::lock_guard lock(m_mutex);
        m_timedOut = false;
        m_deadline = std::chrono::steady_clock::now() +
                     std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double>(limits.timeoutSeconds));
    }
    if (limits.timeoutSeconds > 0)
        m_deadlineChanged.notify_all();
    lang::RunResult result;
    try {
        result = m_interpreter.run(task.program, m_globals, options);
    } catch (const std::exception& e) {
        result.ok = false;
        result.outputs.push_back(output::Error{std::string("internal error: ") + e.what(), {}});
    }
    if (limits.timeoutSeconds > 0) {
        std::lock_guard lock(m_mutex);
        m_deadline = std::chrono::steady_clock::time_point::max();
        if (m_timedOut) {
            // The watchdog stopped this cell, not the user: it fails as timed out, and the
            // cells after it run (those that need it are held as its dependents).
            m_timedOut = false;
            m_cancel = false;
            if (result.cancelled) {
                result.cancelled = false;
                result.ok = false;
                if (endsWithCancelled(result.outputs))
                    result.outputs.pop_back();
                result.outputs.push_back(output::Error{
                    "timed out after " + output::shortestNumber(limits.timeoutSeconds) +
                        " s (the time limit of a cell)",
                    result.stoppedAt});
            }
        }
    }

    if (result.cancelled || !result.ok) {
        // A stopped or failed run leaves the globals as they were before it.
        for (const std::string& name : added())
            m_globals.erase(name);
        for (auto& [name, value] : saved)
            m_globals.insert_or_assign(name, std::move(value));
    } else {
        // The cell owns its static definitions and anything else it added to the globals.
        std::set<std::string>& owned = m_owned[cell];
        for (const std::string& name : task.program->defs)
            owned.insert(name);
        for (const std::string& name : added())
            owned.insert(name);
        for (const std::string& name : owned)
            m_owner[name] = cell;
    }

    if (result.ok && !result.cancelled) {
        ++m_runs[cell];
        if (!task.pins.empty())
            result.outputs = overlayPins(task, std::move(result.outputs), options);
    }

    if (result.cancelled) {
        if (!endsWithCancelled(result.outputs)) {
            result.outputs.push_back(output::Error{"cancelled", {}});
        }
        m_results.finish(cell, CellState::Cancelled, std::move(result.outputs), result.numberStyle);
    } else {
        m_results.finish(cell, result.ok ? CellState::Done : CellState::Error,
                         std::move(result.outputs), result.numberStyle);
    }
}

}  // namespace lemma::notebook
