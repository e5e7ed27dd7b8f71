// LoRA parameter counts and the fit of a low-rank update by Adam or gradient descent.
#include "engine/math/Lora.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/Error.h"
#include "engine/math/Format.h"
#include "engine/math/Random.h"

namespace lemma::math {

namespace {

// Adam's moment estimates for one parameter matrix (MATH.md §6 defaults).
class AdamState {
public:
    explicit AdamState(const arma::mat& like)
        : m_m(arma::size(like), arma::fill::zeros), m_v(arma::size(like), arma::fill::zeros) {}

    // The step to subtract at iteration t (1-based).
    arma::mat step(const arma::mat& g, double lr, arma::uword t) {
        constexpr double beta1 = 0.9;
        constexpr double beta2 = 0.999;
        constexpr double epsilon = 1e-8;
        m_m = beta1 * m_m + (1.0 - beta1) * g;
        m_v = beta2 * m_v + (1.0 - beta2) * arma::square(g);
        const double c1 = 1.0 - std::pow(beta1, static_cast<double>(t));
        const double c2 = 1.0 - std::pow(beta2, static_cast<double>(t));
        return lr * (m_m / c1) / (arma::sqrt(m_v / c2) + epsilon);
    }

private:
    arma::mat m_m;
    arma::mat m_v;
};

}  // namespace

LoraParams loraParams(arma::uword d, arma::uword k, arma::uword r) {
    constexpr arma::uword limit = arma::uword(1) << 31;
    if (d < 1 || k < 1 || r < 1 || d > limit || k > limit || r > limit) {
        throw Error("lora_params: d, k and r must be whole numbers between 1 and 2^31");
    }
    LoraParams p;
    p.full = d * k;
    p.lora = r * (d + k);
    p.ratio = static_cast<double>(p.full) / static_cast<double>(p.lora);
    return p;
}

Optimizer parseOptimizer(const std::string& name) {
    if (name == "adam") {
        return Optimizer::Adam;
    }
    if (name == "sgd") {
        return Optimizer::Sgd;
    }
    throw Error("lora_fit: unknown optimizer '" + name + "' (use \"adam\" or \"sgd\")");
}

double loraLoss(const arma::mat& W0, const arma::mat& target, const arma::mat& B,
                const arma::mat& A, double scale) {
    const arma::mat E = W0 + scale * (B * A) - target;
    return 0.5 * arma::accu(arma::square(E));
}

LoraGradient loraGradient(const arma::mat& W0, const arma::mat& target, const arma::mat& B,
                          const arma::mat& A, double scale) {
    const arma::mat E = W0 + scale * (B * A) - target;
    LoraGradient g;
    g.B = scale * (E * A.t());
    g.A = scale * (B.t() * E);
    return g;
}

LoraFitResult loraFit(const arma::mat& W0, const arma::mat& target, const LoraFitOptions& options) {
    if (W0.is_empty()) {
        throw Error("lora_fit: W0 is empty");
    }
    if (arma::size(W0) != arma::size(target)) {
        throw Error("lora_fit: W0 is " + shapeOf(W0) + " but Wtarget is " + shapeOf(target) +
                    " (their shapes must match)");
    }
    if (!W0.is_finite() || !target.is_finite()) {
        throw Error("lora_fit: W0 and Wtarget must not contain NaN or Inf");
    }
    const arma::uword d = W0.n_rows;
    const arma::uword k = W0.n_cols;
    const arma::uword r = options.rank;
    if (r < 1 || r > std::min(d, k)) {
        throw Error("lora_fit: rank " + std::to_string(r) + " is out of range for a " +
                    shapeOf(W0) + " matrix (it must be between 1 and " +
                    std::to_string(std::min(d, k)) + ")");
    }
    const double alpha = options.alpha ? *options.alpha : static_cast<double>(r);
    if (!std::isfinite(alpha) || alpha == 0.0) {
        throw Error("lora_fit: alpha must be finite and non-zero, got " + formatNumber(alpha));
    }
    if (!(options.lr > 0.0) || !std::isfinite(options.lr)) {
        throw Error("lora_fit: lr must be positive, got " + formatNumber(options.lr));
    }
    if (options.steps > 1000000) {
        throw Error("lora_fit: steps must be between 0 and 1000000, got " +
                    std::to_string(options.steps));
    }

    LoraFitResult result;
    result.scale = alpha / static_cast<double>(r);
    const arma::vec sigma = arma::svd(target - W0);
    result.floor = 0.5 * arma::accu(arma::square(sigma.tail(sigma.n_elem - r)));

    Random random(options.seed);
    result.B.zeros(d, r);
    result.A = random.gaussian(r, k, 1.0 / std::sqrt(static_cast<double>(k)));
    result.loss.set_size(options.steps + 1);
    // One residual per step serves both the recorded loss and the next gradient.
    arma::mat E = W0 - target;
    result.loss(0) = 0.5 * arma::accu(arma::square(E));

    AdamState adamB(result.B);
    AdamState adamA(result.A);
    const arma::uword every = std::max<arma::uword>(1, options.steps / 100);
    for (arma::uword t = 1; t <= options.steps; ++t) {
        const arma::mat gB = result.scale * (E * result.A.t());
        const arma::mat gA = result.scale * (result.B.t() * E);
        if (options.optimizer == Optimizer::Adam) {
            result.B -= adamB.step(gB, options.lr, t);
            result.A -= adamA.step(gA, options.lr, t);
        } else {
            result.B -= options.lr * gB;
            result.A -= options.lr * gA;
        }
        E = W0 + result.scale * (result.B * result.A) - target;
        result.loss(t) = 0.5 * arma::accu(arma::square(E));
        if (!std::isfinite(result.loss(t))) {
            throw Error("lora_fit: the loss diverged at step " + std::to_string(t) +
                        " (try a smaller lr)");
        }
        if (options.poll) {
            options.poll();
        }
        if (options.progress && t % every == 0) {
            options.progress(static_cast<double>(t) / static_cast<double>(options.steps));
        }
    }
    return result;
}

}  // namespace lemma::math
