// Many optimizer runs on one problem, in parallel on all cores, cancellable within a step.
//
// Design: the runs advance in lockstep rounds of eval_every steps. Within a round the runs are
// jobs that one worker per core takes in turn (OpenBLAS single-threaded inside); between rounds
// the calling thread evaluates the full loss of every run at once, so a data problem reads its
// examples once per round for all runs (one GEMM) instead of once per run. Each run's numbers
// depend only on its own spec, so the results are the same whatever the number of threads.
#pragma once

#include <armadillo>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/math/OptimizeRun.h"

namespace lemma::math::optim {

struct SweepOptions {
    arma::uword steps = 1000;
    arma::uword evalEvery = 50;
    std::optional<arma::vec> x0;  // the problem's start when empty
    bool recordPath = false;
    unsigned threads = 0;  // 0: one per core (always 1 for a problem that is not concurrent)
    // Called on the calling thread about every 10 ms (every step for a serial problem) with
    // the fraction of steps done; it may throw (lemma::Cancelled) to stop the sweep: every
    // run then stops within one step and the exception propagates.
    std::function<void(double)> poll;
    // When given, another way to cancel: once it is set, every run stops within one step and
    // runAll throws lemma::Cancelled.
    const std::atomic<bool>* cancel = nullptr;
    // Called on the calling thread after each evaluation of the full loss (slot k of
    // evalSteps, k = 0 at the start) with every run's full loss, in spec order; it may throw to
    // stop the sweep, like poll.
    std::function<void(arma::uword k, const arma::vec& fullLosses)> evaluated;
    // Counts every step taken (for tests and progress), when given.
    std::atomic<std::uint64_t>* stepCounter = nullptr;
};

// Runs every spec for options.steps steps; one record per spec, in order. Throws
// lemma::Error for a bad x0 or steps = 0.
std::vector<RunRecord> runAll(const Problem& problem, const std::vector<RunSpec>& specs,
                              const SweepOptions& options);

}  // namespace lemma::math::optim
