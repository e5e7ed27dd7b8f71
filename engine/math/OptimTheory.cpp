// Optimal step sizes and rates, the gradient noise scale and the batch-size trade-off.
#include "engine/math/OptimTheory.h"

#include <cmath>
#include <random>
#include <string>

#include "engine/core/Error.h"

namespace lemma::math::optim {

namespace {

void checkCurvature(double mu, double L, const char* who) {
    if (!(mu > 0) || !(L >= mu) || !std::isfinite(L))
        throw Error(std::string(who) + ": needs 0 < mu ≤ L, both finite");
}

void checkTheta(const Problem& problem, const arma::vec& theta, const char* who) {
    if (problem.examples() == 0)
        throw Error(std::string(who) + ": the problem has no examples (" + problem.kind() +
                    "), so its gradient has no noise");
    if (theta.n_elem != problem.dim())
        throw Error(std::string(who) + ": theta must have " + std::to_string(problem.dim()) +
                    " entries, got " + std::to_string(theta.n_elem));
}

}  // namespace

GdOptimal gdOptimal(double mu, double L) {
    checkCurvature(mu, L, "gd_optimal");
    GdOptimal g;
    g.kappa = L / mu;
    g.lr = 2.0 / (mu + L);
    g.rate = (g.kappa - 1.0) / (g.kappa + 1.0);
    return g;
}

HeavyBall heavyBall(double mu, double L) {
    checkCurvature(mu, L, "heavy_ball");
    HeavyBall h;
    h.kappa = L / mu;
    const double s = std::sqrt(h.kappa);
    h.rate = (s - 1.0) / (s + 1.0);
    h.momentum = h.rate * h.rate;
    const double root = std::sqrt(L) + std::sqrt(mu);
    h.lr = 4.0 / (root * root);
    return h;
}

NoiseScale noiseScale(const Problem& problem, const arma::vec& theta) {
    checkTheta(problem, theta, "noise_scale");
    const arma::uword n = problem.examples();
    if (n < 2)
        throw Error("noise_scale: needs at least 2 examples");
    Scratch scratch;
    arma::vec g;
    NoiseScale r;
    r.G.zeros(problem.dim());
    double sumSquares = 0.0;
    for (arma::uword i = 0; i < n; ++i) {
        problem.batchGradient(theta, &i, 1, g, scratch);
        r.G += g;
        sumSquares += arma::dot(g, g);
    }
    r.G /= static_cast<double>(n);
    r.grad_norm2 = arma::dot(r.G, r.G);
    const double nd = static_cast<double>(n);
    r.trace_sigma = std::max(0.0, (sumSquares - nd * r.grad_norm2) / (nd - 1.0));
    r.B_noise = r.grad_norm2 > 0 ? r.trace_sigma / r.grad_norm2 : arma::datum::inf;
    return r;
}

MinibatchVariance minibatchVariance(const Problem& problem, const arma::vec& theta,
                                    const arma::vec& batches, arma::uword draws,
                                    std::uint64_t seed) {
    checkTheta(problem, theta, "minibatch_variance");
    const arma::uword n = problem.examples();
    if (draws < 1 || draws > 1000000)
        throw Error("minibatch_variance: draws must be between 1 and 1,000,000");
    const NoiseScale ns = noiseScale(problem, theta);
    MinibatchVariance r;
    r.batch = batches;
    r.measured.set_size(batches.n_elem);
    r.predicted.set_size(batches.n_elem);
    r.predicted_fpc.set_size(batches.n_elem);
    std::mt19937_64 engine(seed);
    arma::uvec order = arma::regspace<arma::uvec>(0, n - 1);
    Scratch scratch;
    arma::vec g;
    for (arma::uword k = 0; k < batches.n_elem; ++k) {
        const double b = batches(k);
        if (!(b >= 1) || b > static_cast<double>(n) || b != std::floor(b))
            throw Error("minibatch_variance: batch sizes must be whole numbers from 1 to " +
                        std::to_string(n));
        const arma::uword size = static_cast<arma::uword>(b);
        double sum = 0.0;
        for (arma::uword d = 0; d < draws; ++d) {
            for (arma::uword i = 0; i < size; ++i) {
                const arma::uword j = i + static_cast<arma::uword>(engine() % (n - i));
                std::swap(order(i), order(j));
            }
            problem.batchGradient(theta, order.memptr(), size, g, scratch);
            sum += arma::accu(arma::square(g - ns.G));
        }
        r.measured(k) = sum / static_cast<double>(draws);
        r.predicted(k) = ns.trace_sigma / b;
        r.predicted_fpc(k) =
            r.predicted(k) * (static_cast<double>(n) - b) / (static_cast<double>(n) - 1.0);
    }
    return r;
}

BatchTradeoff batchTradeoff(const arma::vec& batches, const arma::vec& steps) {
    if (batches.n_elem != steps.n_elem)
        throw Error("batch_tradeoff: batches and steps must have the same length");
    const arma::uvec ok = arma::find_finite(steps);
    const arma::vec inv = 1.0 / batches(ok);
    if (arma::vec(arma::unique(inv)).n_elem < 2)
        throw Error("batch_tradeoff: needs finite steps at two or more batch sizes");
    arma::mat A(ok.n_elem, 2);
    A.col(0).ones();
    A.col(1) = inv;
    const arma::vec coef = arma::solve(A, arma::vec(steps(ok)));
    BatchTradeoff t;
    t.S_min = coef(0);
    t.E_min = coef(1);
    t.B_crit = t.E_min / t.S_min;
    return t;
}

}  // namespace lemma::math::optim
