// The tiny transformer's update step (SGD or Adam) and its training loop.
#include "engine/math/TransformerTraining.h"

#include <algorithm>
#include <cmath>

#include "engine/core/Error.h"

namespace lemma::math {

namespace {

// The first window's attention matrix.
arma::mat firstBlock(const arma::mat& weights, arma::uword length) {
    return weights.rows(0, length - 1);
}

void sgd(TransformerParams& params, const TransformerParams& grads, double lr) {
    for (const auto& [name, member] : TransformerParams::fields())
        params.*member -= lr * (grads.*member);
}

double accuracyOf(const TransformerForward& f, const TransformerBatch& b) {
    const arma::uword length = b.inputs.n_cols;
    double right = 0.0;
    for (arma::uword r = 0; r < f.logits.n_rows; ++r) {
        if (f.logits.row(r).index_max() == b.targets(r / length, r % length))
            right += 1.0;
    }
    return right / static_cast<double>(f.logits.n_rows);
}

}  // namespace

TransformerOptimizer parseTransformerOptimizer(const std::string& name) {
    if (name == "sgd")
        return TransformerOptimizer::Sgd;
    if (name == "adam")
        return TransformerOptimizer::Adam;
    throw Error("unknown optimizer '" + name + "' (use \"sgd\" or \"adam\")");
}

TransformerAdam::TransformerAdam(const TransformerParams& like)
    : m_m(like.zerosLike()), m_v(like.zerosLike()) {}

void TransformerAdam::step(TransformerParams& params, const TransformerParams& grads, double lr) {
    constexpr double beta1 = 0.9;
    constexpr double beta2 = 0.999;
    constexpr double epsilon = 1e-8;
    m_t += 1.0;
    const double c1 = 1.0 - std::pow(beta1, m_t);
    const double c2 = 1.0 - std::pow(beta2, m_t);
    for (const auto& [name, member] : TransformerParams::fields()) {
        const arma::mat& g = grads.*member;
        arma::mat& m = m_m.*member;
        arma::mat& v = m_v.*member;
        m = beta1 * m + (1.0 - beta1) * g;
        v = beta2 * v + (1.0 - beta2) * arma::square(g);
        params.*member -= lr * (m / c1) / (arma::sqrt(v / c2) + epsilon);
    }
}

TransformerStepResult transformerStep(const TransformerConfig& config,
                                      const TransformerParams& params,
                                      const TransformerBatch& batch,
                                      const TransformerStepOptions& options) {
    checkBatch(config, batch, "transformer_step");
    TransformerStepResult r;
    r.params = params;
    r.forward = transformerForward(config, params, batch);
    r.backward = transformerBackward(config, params, batch, r.forward);
    r.lossBefore = r.forward.loss;
    if (options.check) {
        r.checked = true;
        r.gradcheck =
            checkTransformerGradients(config, params, batch, r.backward.grads, options.gradCheck);
    }
    r.paramsAfter = params;
    if (options.optimizer == TransformerOptimizer::Adam) {
        TransformerAdam adam(params);
        adam.step(r.paramsAfter, r.backward.grads, options.lr);
    } else {
        sgd(r.paramsAfter, r.backward.grads, options.lr);
    }
    r.update = r.paramsAfter.zerosLike();
    for (const auto& [name, member] : TransformerParams::fields())
        r.update.*member = r.paramsAfter.*member - params.*member;
    r.lossAfter = transformerLoss(config, r.paramsAfter, batch);
    r.nonfinite = !r.forward.nonfinite.empty()    ? r.forward.nonfinite
                  : !r.backward.nonfinite.empty() ? r.backward.nonfinite
                  : !r.update.isFinite()          ? "update"
                  : !std::isfinite(r.lossAfter)   ? "loss_after"
                                                  : "";
    return r;
}

TransformerBatch windowBatch(const arma::urowvec& corpus, arma::uword length) {
    TransformerBatch b;
    if (length == 0 || corpus.n_elem < length + 1)
        return b;
    const arma::uword windows = corpus.n_elem - length;
    b.inputs.set_size(windows, length);
    b.targets.set_size(windows, length);
    for (arma::uword w = 0; w < windows; ++w) {
        b.inputs.row(w) = corpus.cols(w, w + length - 1);
        b.targets.row(w) = corpus.cols(w + 1, w + length);
    }
    return b;
}

TransformerTrainResult transformerTrain(const TransformerConfig& config,
                                        const TransformerParams& params,
                                        const TransformerBatch& batch,
                                        const TransformerTrainOptions& options) {
    checkBatch(config, batch, "transformer_train");
    const arma::uword length = batch.inputs.n_cols;
    TransformerTrainResult r;
    r.params = params;
    r.loss.set_size(options.steps + 1);
    r.loss.fill(arma::datum::nan);
    r.entropy.set_size(options.steps + 1);
    r.entropy.fill(arma::datum::nan);
    TransformerAdam adam(params);
    const arma::uword every = std::max<arma::uword>(1, options.steps / 50);
    TransformerForward f = transformerForward(config, r.params, batch);
    r.weightsBefore = firstBlock(f.weights, length);
    for (arma::uword t = 0;; ++t) {
        r.loss(t) = f.loss;
        r.entropy(t) = attentionEntropy(f.weights);
        if (!f.nonfinite.empty()) {
            r.divergedAt = t + 1;
            r.nonfinite = f.nonfinite;
            break;
        }
        if (t == options.steps)
            break;
        if (options.poll)
            options.poll();
        const TransformerBackward g = transformerBackward(config, r.params, batch, f);
        if (!g.nonfinite.empty()) {
            r.divergedAt = t + 2;
            r.nonfinite = g.nonfinite;
            break;
        }
        if (options.optimizer == TransformerOptimizer::Adam) {
            adam.step(r.params, g.grads, options.lr);
        } else {
            sgd(r.params, g.grads, options.lr);
        }
        f = transformerForward(config, r.params, batch);
        if (options.progress && (t + 1) % every == 0)
            options.progress(static_cast<double>(t + 1) / static_cast<double>(options.steps));
    }
    r.weightsAfter = firstBlock(f.weights, length);
    r.accuracy = accuracyOf(f, batch);
    return r;
}

}  // namespace lemma::math
