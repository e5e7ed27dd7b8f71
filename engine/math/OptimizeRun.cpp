// One optimizer run: example order, steps, divergence and records.
#include "engine/math/OptimizeRun.h"

#include <cmath>
#include <utility>

#include "engine/core/Error.h"

namespace lemma::math::optim {

arma::uvec evalSteps(arma::uword steps, arma::uword every) {
    every = std::max<arma::uword>(every, 1);
    arma::uvec out = arma::regspace<arma::uvec>(0, every, steps);
    if (out(out.n_elem - 1) != steps)
        out = arma::join_cols(out, arma::uvec{steps});
    return out;
}

Run::Run(const Problem& problem, const RunSpec& spec, arma::uword steps, const arma::vec& x0,
         bool recordPath, arma::uword evals)
    : m_problem(problem),
      m_spec(spec),
      m_steps(steps),
      m_x(x0),
      m_g(x0.n_elem, arma::fill::zeros),
      m_stepper(spec.optimizer, x0.n_elem),
      m_engine(spec.seed),
      m_recordPath(recordPath) {
    const arma::uword n = problem.examples();
    if (n > 0) {
        m_spec.batch = std::min(std::max<arma::uword>(m_spec.batch, 1), n);
        m_order = arma::regspace<arma::uvec>(0, n - 1);
        m_next = n;  // shuffle before the first batch
    }
    m_record.loss.set_size(steps);
    m_record.loss.fill(arma::datum::nan);
    m_record.grad_norm.set_size(steps);
    m_record.grad_norm.fill(arma::datum::nan);
    m_record.full_loss.set_size(evals);
    m_record.full_loss.fill(arma::datum::nan);
    if (recordPath) {
        m_record.path.set_size(steps + 1, x0.n_elem);
        m_record.path.fill(arma::datum::nan);
        m_record.path.row(0) = x0.t();
    }
}

void Run::nextBatch() {
    const arma::uword n = m_order.n_elem;
    if (m_next + m_spec.batch <= n)
        return;
    // Fisher–Yates with the run's own engine (std::shuffle's draws are implementation-defined).
    arma::uword* o = m_order.memptr();
    for (arma::uword i = n - 1; i > 0; --i) {
        const arma::uword j = static_cast<arma::uword>(m_engine() % (i + 1));
        std::swap(o[i], o[j]);
    }
    m_next = 0;
}

bool Run::step() {
    if (finished())
        return false;
    double loss = 0.0;
    if (m_order.n_elem > 0) {
        nextBatch();
        loss =
            m_problem.batchGradient(m_x, m_order.memptr() + m_next, m_spec.batch, m_g, m_scratch);
        m_next += m_spec.batch;
    } else {
        loss = m_problem.gradient(m_x, m_g);
    }
    ++m_t;
    const double gnorm = arma::norm(m_g);
    if (m_t == 1)
        m_blowup = 1e8 * std::max(1.0, std::abs(loss));
    if (!std::isfinite(loss) || !std::isfinite(gnorm) || std::abs(loss) > m_blowup) {
        m_record.diverged = m_t;
        return false;
    }
    m_record.loss(m_t - 1) = loss;
    m_record.grad_norm(m_t - 1) = gnorm;
    m_stepper.step(m_x, m_g, m_spec.optimizer.lr * scheduleFactor(m_spec.schedule, m_t, m_steps),
                   m_t);
    m_record.stepsDone = m_t;
    if (!m_x.is_finite()) {
        m_record.diverged = m_t;
        return false;
    }
    if (m_recordPath)
        m_record.path.row(m_t) = m_x.t();
    return !finished();
}

void Run::setFullLoss(arma::uword k, double value) {
    if (m_record.diverged != 0)
        return;
    if (!std::isfinite(value) || (m_blowup > 0 && std::abs(value) > m_blowup)) {
        m_record.diverged = std::max<arma::uword>(m_t, 1);
        return;
    }
    m_record.full_loss(k) = value;
}

RunRecord Run::take() {
    m_record.x = m_x;
    return std::move(m_record);
}

}  // namespace lemma::math::optim
