// One optimizer run on a problem: its settings, its state between steps, and what it records.
#pragma once

#include <armadillo>
#include <cstdint>
#include <random>

#include "engine/math/Optimizers.h"
#include "engine/math/Problems.h"
#include "engine/math/Schedules.h"

namespace lemma::math::optim {

// One configuration and seed.
struct RunSpec {
    OptimizerSettings optimizer;  // after withDefaults
    Schedule schedule = Schedule::Constant;
    arma::uword batch = 1;   // examples per step (ignored by problems without data)
    std::uint64_t seed = 0;  // orders the examples
};

// What one run records. Entries after a divergence (or a cancel) are NaN.
struct RunRecord {
    arma::vec loss;             // the minibatch loss at step t = 1 … steps (before its update)
    arma::vec grad_norm;        // ‖g‖ of that minibatch gradient
    arma::vec full_loss;        // the full loss after the steps listed by evalSteps()
    arma::vec x;                // final parameters
    arma::mat path;             // (steps + 1)×p iterates, x₀ first, when recorded
    arma::uword diverged = 0;   // step at which the loss became NaN/Inf or blew up, else 0
    arma::uword stepsDone = 0;  // updates applied
};

// 0, every, 2·every, … and steps itself (every ≥ 1).
arma::uvec evalSteps(arma::uword steps, arma::uword every);

// The state of a run between steps. Responsibilities: order the examples (a seeded shuffle of
// an index permutation once per epoch, batches as consecutive stretches of it, the remainder
// of an epoch dropped), take one step, detect divergence, record. Not thread-safe; each run
// belongs to one thread at a time. The problem must outlive it.
class Run {
public:
    Run(const Problem& problem, const RunSpec& spec, arma::uword steps, const arma::vec& x0,
        bool recordPath, arma::uword evals);

    // Takes one step; false once the run is finished or diverged.
    bool step();
    bool finished() const { return m_t >= m_steps || m_record.diverged != 0; }
    arma::uword t() const { return m_t; }
    const arma::vec& x() const { return m_x; }
    // Records the full loss for evaluation slot k (NaN after a divergence).
    void setFullLoss(arma::uword k, double value);
    // Finishes and hands over the record (the run is spent afterwards).
    RunRecord take();

private:
    void nextBatch();

    const Problem& m_problem;
    RunSpec m_spec;
    arma::uword m_steps;
    arma::uword m_t = 0;
    arma::vec m_x;
    arma::vec m_g;
    Stepper m_stepper;
    Scratch m_scratch;
    arma::uvec m_order;
    arma::uword m_next = 0;
    std::mt19937_64 m_engine;  // orders the examples
    double m_blowup = 0.0;
    bool m_recordPath;
    RunRecord m_record;
};

}  // namespace lemma::math::optim
