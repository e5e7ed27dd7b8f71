// One training step of the tiny transformer with everything it computed, and a short training
// run on a toy corpus.
#pragma once

#include <armadillo>
#include <functional>
#include <string>

#include "engine/math/Transformer.h"
#include "engine/math/TransformerGradCheck.h"

namespace lemma::math {

enum class TransformerOptimizer { Sgd, Adam };

// "sgd" | "adam"; anything else throws lemma::Error naming the choices.
TransformerOptimizer parseTransformerOptimizer(const std::string& name);

// Adam's moment estimates for every parameter (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, MATH.md §6).
class TransformerAdam {
public:
    explicit TransformerAdam(const TransformerParams& like);
    // Applies step t (1-based, counted here) to params.
    void step(TransformerParams& params, const TransformerParams& grads, double lr);

private:
    TransformerParams m_m;
    TransformerParams m_v;
    double m_t = 0.0;
};

struct TransformerStepOptions {
    double lr = 0.1;
    TransformerOptimizer optimizer = TransformerOptimizer::Sgd;
    bool check = true;  // run the finite-difference check
    GradCheckOptions gradCheck;
};

struct TransformerStepResult {
    TransformerParams params;  // before the step
    TransformerForward forward;
    TransformerBackward backward;
    bool checked = false;
    TransformerGradCheck gradcheck;
    TransformerParams update;  // params_after − params
    TransformerParams paramsAfter;
    double lossBefore = 0.0;
    double lossAfter = 0.0;
    // "" when everything is finite, else the first non-finite value: "forward.…",
    // "backward.…", "grads.…", "update" or "loss_after".
    std::string nonfinite;
};

// Forward, backward, gradient check, one SGD or Adam update (Adam's first step, from zero
// moments: every parameter moves by about lr against the sign of its gradient), and the loss
// after it.
TransformerStepResult transformerStep(const TransformerConfig& config,
                                      const TransformerParams& params,
                                      const TransformerBatch& batch,
                                      const TransformerStepOptions& options);

// Every window of `length` + 1 consecutive tokens of the corpus (0-based ids), one per row:
// inputs are its first `length` tokens, targets the `length` tokens after each.
TransformerBatch windowBatch(const arma::urowvec& corpus, arma::uword length);

struct TransformerTrainOptions {
    arma::uword steps = 300;
    double lr = 0.01;
    TransformerOptimizer optimizer = TransformerOptimizer::Adam;
    // Called with the fraction done about fifty times per run; it may throw (to cancel).
    std::function<void(double)> progress;
    // Called before every step (a step of a long corpus takes long, and a fiftieth of 10^5
    // steps is two thousand of them); it may throw (to cancel).
    std::function<void()> poll;
};

struct TransformerTrainResult {
    arma::vec loss;     // loss(t) after t updates, t = 0 … steps
    arma::vec entropy;  // mean attention-row entropy after t updates
    // The attention weights of the first window before and after training (length × length).
    arma::mat weightsBefore;
    arma::mat weightsAfter;
    TransformerParams params;  // after training
    // The fraction of next tokens the trained model ranks first, over every window.
    double accuracy = 0.0;
    // The 1-based index of the first entry of `loss` that is not finite (0 when none): the run
    // stops at the first non-finite value, forward or backward, and the rest is NaN.
    arma::uword divergedAt = 0;
    // Where that step's first non-finite value appeared ("" when none).
    std::string nonfinite;
};

// Full-batch training on every window of the batch, from `params`.
TransformerTrainResult transformerTrain(const TransformerConfig& config,
                                        const TransformerParams& params,
                                        const TransformerBatch& batch,
                                        const TransformerTrainOptions& options);

}  // namespace lemma::math
