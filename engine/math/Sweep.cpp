// Lockstep rounds of optimizer runs on a pool of worker threads.
#include "engine/math/Sweep.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/core/Error.h"
#include "engine/math/BlasThreads.h"

namespace lemma::math::optim {

namespace {

// Shared state of one sweep's workers.
class Lockstep {
public:
    Lockstep(std::vector<std::unique_ptr<Run>>& runs, const SweepOptions& options)
        : m_runs(runs), m_options(options) {}

    // Advances every run to step `target`; polls while the workers run. Rethrows what the poll
    // throws after stopping the workers.
    void round(arma::uword target, unsigned threads) {
        m_target = target;
        m_nextJob = 0;
        m_finishedJobs = 0;
        if (threads == 0) {
            for (auto& run : m_runs)
                advance(*run, true);
            if (cancelled())
                throw Cancelled();
            return;
        }
        std::vector<std::thread> workers;
        workers.reserve(threads);
        for (unsigned i = 0; i < threads; ++i)
            workers.emplace_back([this] { work(); });
        std::exception_ptr failure;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            while (m_finishedJobs < m_runs.size()) {
                m_done.wait_for(lock, std::chrono::milliseconds(10));
                if (m_finishedJobs >= m_runs.size())
                    break;
                lock.unlock();
                try {
                    poll();
                } catch (...) {
                    failure = std::current_exception();
                    m_cancel = true;
                }
                lock.lock();
                if (failure)
                    break;
            }
        }
        for (std::thread& w : workers)
            w.join();
        if (failure)
            std::rethrow_exception(failure);
        if (m_workerFailure)
            std::rethrow_exception(m_workerFailure);
        if (cancelled())
            throw Cancelled();
    }

    bool cancelled() const {
        return m_cancel.load(std::memory_order_relaxed) ||
               (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed));
    }

    void poll() {
        if (m_options.poll) {
            const double total = static_cast<double>(m_options.steps) *
                                 static_cast<double>(std::max<std::size_t>(m_runs.size(), 1));
            m_options.poll(static_cast<double>(m_steps.load()) / total);
        }
    }

private:
    void work() {
        for (;;) {
            const std::size_t job = m_nextJob.fetch_add(1);
            if (job >= m_runs.size())
                return;
            try {
                advance(*m_runs[job], false);
            } catch (...) {
                std::lock_guard<std::mutex> lock(m_mutex);
                if (!m_workerFailure)
                    m_workerFailure = std::current_exception();
                m_cancel = true;
            }
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                ++m_finishedJobs;
            }
            m_done.notify_one();
        }
    }

    void advance(Run& run, bool pollEachStep) {
        while (run.t() < m_target && !run.finished()) {
            if (cancelled())
                return;
            run.step();
            ++m_steps;
            if (m_options.stepCounter)
                ++*m_options.stepCounter;
            if (pollEachStep)
                poll();
        }
    }

    std::vector<std::unique_ptr<Run>>& m_runs;
    const SweepOptions& m_options;
    arma::uword m_target = 0;
    std::atomic<std::size_t> m_nextJob{0};
    std::size_t m_finishedJobs = 0;
    std::atomic<bool> m_cancel{false};
    std::atomic<std::uint64_t> m_steps{0};
    std::exception_ptr m_workerFailure;
    std::mutex m_mutex;
    std::condition_variable m_done;
};

// The full loss of every run into evaluation slot k (runs that diverged ignore it). The columns
// are split into one block per thread; each block's values do not depend on the split for a
// data problem (one GEMM column per run), and the problem is evaluated on the calling thread
// when it is not concurrent.
void evaluateFull(const Problem& problem, std::vector<std::unique_ptr<Run>>& runs, arma::uword k,
                  unsigned threads, const SweepOptions& options) {
    if (runs.empty())
        return;
    arma::mat X(problem.dim(), runs.size());
    for (std::size_t j = 0; j < runs.size(); ++j)
        X.col(j) = runs[j]->x();
    arma::vec values(runs.size());
    const unsigned blocks = std::max(1u, std::min<unsigned>(threads, runs.size()));
    if (blocks == 1) {
        values = problem.losses(X);
    } else {
        std::vector<std::thread> workers;
        for (unsigned b = 0; b < blocks; ++b) {
            const arma::uword first = runs.size() * b / blocks;
            const arma::uword last = runs.size() * (b + 1) / blocks;
            workers.emplace_back([&, first, last] {
                values.subvec(first, last - 1) = problem.losses(X.cols(first, last - 1));
            });
        }
        for (std::thread& w : workers)
            w.join();
    }
    for (std::size_t j = 0; j < runs.size(); ++j)
        runs[j]->setFullLoss(k, values(j));
    if (options.evaluated)
        options.evaluated(k, values);
}

}  // namespace

std::vector<RunRecord> runAll(const Problem& problem, const std::vector<RunSpec>& specs,
                              const SweepOptions& options) {
    if (options.steps < 1 || options.steps > 10000000)
        throw Error("steps must be between 1 and 10,000,000");
    const arma::vec x0 = options.x0 ? *options.x0 : problem.start();
    if (x0.n_elem != problem.dim())
        throw Error("x0 must have " + std::to_string(problem.dim()) + " entries, got " +
                    std::to_string(x0.n_elem));
    const arma::uvec evals = evalSteps(options.steps, options.evalEvery);
    std::vector<std::unique_ptr<Run>> runs;
    runs.reserve(specs.size());
    for (const RunSpec& spec : specs)
        runs.push_back(std::make_unique<Run>(problem, spec, options.steps, x0, options.recordPath,
                                             evals.n_elem));
    unsigned threads = 0;  // 0: on the calling thread
    if (problem.concurrent()) {
        threads = options.threads ? options.threads : std::thread::hardware_concurrency();
        threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(specs.size())));
    }
    const SingleThreadedBlas singleThreaded;
    Lockstep lockstep(runs, options);
    evaluateFull(problem, runs, 0, threads, options);
    for (arma::uword k = 1; k < evals.n_elem; ++k) {
        lockstep.round(evals(k), threads);
        evaluateFull(problem, runs, k, threads, options);
        lockstep.poll();
    }
    std::vector<RunRecord> records;
    records.reserve(runs.size());
    for (auto& run : runs)
        records.push_back(run->take());
    return records;
}

}  // namespace lemma::math::optim
