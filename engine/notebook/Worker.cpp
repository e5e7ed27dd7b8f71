// The session's worker thread (see Worker.h).
#include "engine/notebook/Worker.h"

#include <exception>

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
    : m_interpreter(registry), m_results(results), m_thread([this] { loop(); }) {}

Worker::~Worker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_queue.clear();
        m_cancel = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void Worker::post(Job job) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_all();
}

void Worker::cancel() {
    std::vector<CellId> dropped;
    {
        std::lock_guard lock(m_mutex);
        for (Job& job : m_queue) {
            for (const CellTask& task : job.tasks)
                dropped.push_back(task.cell);
            job.tasks.clear();
        }
        // Only a running job is cancelled: a flag set while idle would hit the next job.
        if (m_busy)
            m_cancel = true;
    }
    for (CellId cell : dropped)
        m_results.setState(cell, CellState::Stale);
}

void Worker::wait() {
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_queue.empty() && !m_busy; });
}

bool Worker::cancelRequested() {
    std::lock_guard lock(m_mutex);
    return m_cancel;
}

void Worker::loop() {
    while (true) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_stop)
                return;
            job = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
        }
        runJob(job);
        bool idle = false;
        {
            std::lock_guard lock(m_mutex);
            m_busy = false;
            m_cancel = false;
            idle = m_queue.empty();
        }
        if (idle) {
            m_results.idle();
            m_idle.notify_all();
        }
    }
}

void Worker::runJob(Job& job) {
    if (job.resetGlobals) {
        m_globals.clear();
        m_owner.clear();
        m_owned.clear();
    }
    for (CellId cell : job.forget)
        forget(cell);
    for (std::size_t i = 0; i < job.tasks.size(); ++i) {
        if (cancelRequested()) {
            for (std::size_t k = i; k < job.tasks.size(); ++k) {
                m_results.setState(job.tasks[k].cell, CellState::Stale);
            }
            return;
        }
        runTask(job.tasks[i], job);
    }
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

void Worker::runTask(const CellTask& task, const Job& job) {
    const CellId cell = task.cell;
    // No hidden state: whatever the cell defined last time is gone before it runs again, and
    // stays gone if it cannot run.
    forget(cell);
    if (!task.program) {
        m_results.finish(cell, CellState::Error, task.errors);
        return;
    }
    for (const Dependency& dep : task.dependencies) {
        const CellState parent = m_results.state(dep.cell);
        if (parent == CellState::Done)
            continue;
        if (parent == CellState::Error || parent == CellState::Cancelled) {
            const bool skipped = parent == CellState::Error && m_results.notRun(dep.cell);
            const std::string message = "not run: depends on '" + dep.name + "' from cell " +
                                        std::to_string(dep.number) + ", which " +
                                        (skipped ? "did not run" : "failed");
            m_results.finish(cell, CellState::Error, {output::Error{message, {}}}, true);
        } else {
            m_results.setState(cell, CellState::Stale);
        }
        return;
    }

    m_results.setState(cell, CellState::Running);
    std::set<std::string> before;
    for (const auto& [name, _] : m_globals)
        before.insert(name);

    lang::RunOptions options;
    options.seed = job.seed;
    options.cancel = &m_cancel;
    options.progress = [this, cell](double f) { m_results.progress(cell, f); };
    options.dataDir = job.dataDir;
    lang::RunResult result;
    try {
        result = m_interpreter.run(task.program, m_globals, options);
    } catch (const std::exception& e) {
        result.ok = false;
        result.outputs.push_back(output::Error{std::string("internal error: ") + e.what(), {}});
    }

    // The cell owns its static definitions and anything else it added to the globals.
    std::set<std::string>& owned = m_owned[cell];
    for (const std::string& name : task.program->defs)
        owned.insert(name);
    for (const auto& [name, _] : m_globals) {
        if (!before.count(name))
            owned.insert(name);
    }
    for (const std::string& name : owned)
        m_owner[name] = cell;

    if (result.cancelled) {
        if (!endsWithCancelled(result.outputs)) {
            result.outputs.push_back(output::Error{"cancelled", {}});
        }
        m_results.finish(cell, CellState::Cancelled, std::move(result.outputs));
    } else {
        m_results.finish(cell, result.ok ? CellState::Done : CellState::Error,
                         std::move(result.outputs));
    }
}

}  // namespace lemma::notebook
