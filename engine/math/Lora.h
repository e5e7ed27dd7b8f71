// LoRA (Hu et al., 2021): parameter counts of a rank-r update ΔW = B·A and fitting B, A by
// gradient descent to a target update, against the Eckart–Young floor.
#pragma once

#include <armadillo>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace lemma::math {

// Field names follow the language's struct fields.
struct LoraParams {
    arma::uword full = 0;  // d·k
    arma::uword lora = 0;  // r(d + k)
    double ratio = 0.0;    // full / lora
};

// d, k, r ≥ 1 (throws lemma::Error otherwise); r may exceed min(d, k), then ratio < 1.
LoraParams loraParams(arma::uword d, arma::uword k, arma::uword r);

enum class Optimizer { Adam, Sgd };

// "adam" or "sgd"; anything else throws lemma::Error naming the choices.
Optimizer parseOptimizer(const std::string& name);

struct LoraFitOptions {
    arma::uword rank = 8;         // r, 1 … min(d, k)
    std::optional<double> alpha;  // default r, so that the scale α/r is 1
    double lr = 1e-3;
    arma::uword steps = 500;  // 0 … 1,000,000
    Optimizer optimizer = Optimizer::Adam;
    std::uint64_t seed = 0;
    // Called with the fraction done about a hundred times per fit; it may throw (to cancel).
    std::function<void(double)> progress;
    // Called before every step (a step of a large W takes long, and a hundredth of a million
    // steps is ten thousand of them); it may throw (to cancel).
    std::function<void()> poll;
};

struct LoraFitResult {
    // loss(t) after t updates, t = 0 … steps (loss(0) is ½‖W0 − Wtarget‖_F², since B = 0).
    arma::vec loss;
    // The least loss any rank-r update can reach: ½ Σ_{i>r} σᵢ(Wtarget − W0)².
    double floor = 0.0;
    arma::mat B;         // d×r
    arma::mat A;         // r×k
    double scale = 1.0;  // α/r
};

// The loss is half the squared Frobenius norm, L = ½‖W0 + (α/r)·B·A − Wtarget‖_F² (a sum, not
// a mean, so the floor is exactly half the Eckart–Young error squared). B starts at 0, A with
// N(0, 1/k) entries from the seed; Adam uses β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (MATH.md §6),
// "sgd" is plain full-batch gradient descent. W0 and Wtarget must have the same shape.
// Throws lemma::Error when the loss stops being finite (lr too large).
LoraFitResult loraFit(const arma::mat& W0, const arma::mat& target,
                      const LoraFitOptions& options = {});

// The loss above and its gradient, by hand: with E = W0 + sBA − Wtarget,
// ∂L/∂B = s·E·Aᵀ and ∂L/∂A = s·Bᵀ·E.
double loraLoss(const arma::mat& W0, const arma::mat& target, const arma::mat& B,
                const arma::mat& A, double scale);
struct LoraGradient {
    arma::mat B;
    arma::mat A;
};
LoraGradient loraGradient(const arma::mat& W0, const arma::mat& target, const arma::mat& B,
                          const arma::mat& A, double scale);

}  // namespace lemma::math
