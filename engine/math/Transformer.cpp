// The tiny transformer's forward pass and its hand-written backward pass.
#include "engine/math/Transformer.h"

#include <cmath>
#include <limits>

#include "engine/core/Error.h"
#include "engine/math/Format.h"
#include "engine/math/Random.h"

namespace lemma::math {

namespace {

// Φ(x), the standard normal CDF, and φ(x), its density.
double normalCdf(double x) {
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}
double normalPdf(double x) {
    return std::exp(-0.5 * x * x) / std::sqrt(2.0 * arma::datum::pi);
}

// act(x) into `value` and act'(x) into `slope`, in one pass (GELU's Φ serves both).
// ReLU: max(x, 0), slope 1 for x > 0 and 0 otherwise. GELU: x·Φ(x), slope Φ(x) + x·φ(x).
void activate(const arma::mat& x, Activation a, arma::mat& value, arma::mat& slope) {
    value.set_size(arma::size(x));
    slope.set_size(arma::size(x));
    for (arma::uword i = 0; i < x.n_elem; ++i) {
        const double v = x[i];
        if (a == Activation::Relu) {
            value[i] = v > 0.0 ? v : 0.0;
            slope[i] = v > 0.0 ? 1.0 : 0.0;
        } else {
            const double cdf = normalCdf(v);
            value[i] = v * cdf;
            slope[i] = cdf + v * normalPdf(v);
        }
    }
}

// Records `where` as the first non-finite value when none was found before.
void note(std::string& first, const arma::mat& m, const char* where) {
    if (first.empty() && !m.is_finite())
        first = where;
}

// Softmax's backward pass, row by row: ∂L/∂z = p ⊙ (g − ⟨g, p⟩) for g = ∂L/∂p, i.e. the
// Jacobian diag(p) − ppᵀ applied to g. Masked entries have p = 0 and get 0.
arma::mat softmaxBackward(const arma::mat& p, const arma::mat& g) {
    const arma::vec inner = arma::sum(p % g, 1);
    arma::mat dz = g;
    dz.each_col() -= inner;
    return p % dz;
}

}  // namespace

Activation parseActivation(const std::string& name) {
    if (name == "relu")
        return Activation::Relu;
    if (name == "gelu")
        return Activation::Gelu;
    throw Error("unknown activation '" + name + "' (use \"relu\" or \"gelu\")");
}

SoftmaxKind parseSoftmaxKind(const std::string& name) {
    if (name == "naive")
        return SoftmaxKind::Naive;
    if (name == "stable")
        return SoftmaxKind::Stable;
    throw Error("unknown softmax '" + name + "' (use \"stable\" or \"naive\")");
}

CrossEntropyKind parseCrossEntropyKind(const std::string& name) {
    if (name == "naive")
        return CrossEntropyKind::Naive;
    if (name == "logsumexp")
        return CrossEntropyKind::LogSumExp;
    throw Error("unknown ce '" + name + "' (use \"logsumexp\" or \"naive\")");
}

std::string activationName(Activation a) {
    return a == Activation::Relu ? "relu" : "gelu";
}

const std::array<std::pair<const char*, TransformerParams::Member>, TransformerParams::kCount>&
TransformerParams::fields() {
    using T = TransformerParams;
    static const std::array<std::pair<const char*, Member>, kCount> list = {{
        {"E", &T::E},
        {"P", &T::P},
        {"Wq", &T::Wq},
        {"Wk", &T::Wk},
        {"Wv", &T::Wv},
        {"Wo", &T::Wo},
        {"W1", &T::W1},
        {"b1", &T::b1},
        {"W2", &T::W2},
        {"b2", &T::b2},
        {"gamma", &T::gamma},
        {"beta", &T::beta},
        {"Wout", &T::Wout},
        {"bout", &T::bout},
    }};
    return list;
}

TransformerParams TransformerParams::zerosLike() const {
    TransformerParams z;
    for (const auto& [name, member] : fields())
        (z.*member).zeros(arma::size(this->*member));
    return z;
}

arma::uword TransformerParams::count() const {
    arma::uword n = 0;
    for (const auto& [name, member] : fields())
        n += (this->*member).n_elem;
    return n;
}

bool TransformerParams::isFinite() const {
    for (const auto& [name, member] : fields()) {
        if (!(this->*member).is_finite())
            return false;
    }
    return true;
}

TransformerParams initTransformer(const TransformerConfig& c, std::uint64_t seed) {
    Random random(seed);
    const double s = c.scale;
    const auto fanIn = [](arma::uword n) { return 1.0 / std::sqrt(static_cast<double>(n)); };
    TransformerParams p;
    p.E = random.gaussian(c.vocab, c.dModel, s);
    p.P = random.gaussian(c.context, c.dModel, s);
    p.Wq = random.gaussian(c.dModel, c.dModel, s * fanIn(c.dModel));
    p.Wk = random.gaussian(c.dModel, c.dModel, s * fanIn(c.dModel));
    p.Wv = random.gaussian(c.dModel, c.dModel, s * fanIn(c.dModel));
    p.Wo = random.gaussian(c.dModel, c.dModel, s * fanIn(c.dModel));
    p.W1 = random.gaussian(c.dModel, c.dFF, s * fanIn(c.dModel));
    p.b1.zeros(1, c.dFF);
    p.W2 = random.gaussian(c.dFF, c.dModel, s * fanIn(c.dFF));
    p.b2.zeros(1, c.dModel);
    p.gamma.ones(1, c.dModel);
    p.beta.zeros(1, c.dModel);
    p.Wout = random.gaussian(c.dModel, c.vocab, s * fanIn(c.dModel));
    p.bout.zeros(1, c.vocab);
    return p;
}

TransformerBatch nextTokenBatch(const arma::urowvec& tokens) {
    TransformerBatch b;
    if (tokens.n_elem < 2)
        return b;
    b.inputs = tokens.head(tokens.n_elem - 1);
    b.targets = tokens.tail(tokens.n_elem - 1);
    return b;
}

void checkBatch(const TransformerConfig& c, const TransformerBatch& b, const std::string& who) {
    if (b.inputs.n_rows == 0 || b.inputs.n_cols == 0)
        throw Error(who + ": give at least two tokens (inputs and the next token to predict)");
    if (arma::size(b.inputs) != arma::size(b.targets))
        throw Error(who + ": inputs are " + shapeOf(b.inputs.n_rows, b.inputs.n_cols) +
                    " but targets are " + shapeOf(b.targets.n_rows, b.targets.n_cols));
    if (b.inputs.n_cols > c.context)
        throw Error(who + ": " + std::to_string(b.inputs.n_cols) +
                    " input positions do not fit the context of " + std::to_string(c.context));
    if (b.inputs.max() >= c.vocab || b.targets.max() >= c.vocab)
        throw Error(who + ": token ids must be between 1 and vocab = " + std::to_string(c.vocab) +
                    ", got " + std::to_string(std::max(b.inputs.max(), b.targets.max()) + 1));
}

void softmaxPrefix(const arma::mat& logits, arma::mat& out, arma::uword row, arma::uword count,
                   SoftmaxKind kind) {
    double shift = 0.0;
    if (kind == SoftmaxKind::Stable) {
        shift = logits.at(row, 0);
        for (arma::uword j = 1; j < count; ++j)
            shift = std::max(shift, logits.at(row, j));
    }
    double total = 0.0;
    for (arma::uword j = 0; j < count; ++j) {
        out.at(row, j) = std::exp(logits.at(row, j) - shift);
        total += out.at(row, j);
    }
    for (arma::uword j = 0; j < count; ++j)
        out.at(row, j) /= total;
    for (arma::uword j = count; j < out.n_cols; ++j)
        out.at(row, j) = 0.0;
}

double attentionEntropy(const arma::mat& weights) {
    double total = 0.0;
    arma::uword rows = 0;
    const arma::uword length = weights.n_cols;
    for (arma::uword r = 0; r < weights.n_rows; ++r) {
        if (r % length == 0)
            continue;
        double h = 0.0;
        for (arma::uword j = 0; j <= r % length; ++j) {
            const double w = weights.at(r, j);
            if (w > 0.0)
                h -= w * std::log(w);
        }
        total += h;
        ++rows;
    }
    return rows > 0 ? total / static_cast<double>(rows) : 0.0;
}

TransformerForward transformerForward(const TransformerConfig& c, const TransformerParams& p,
                                      const TransformerBatch& b) {
    const arma::uword sequences = b.inputs.n_rows;
    const arma::uword length = b.inputs.n_cols;
    const arma::uword m = sequences * length;
    TransformerForward f;

    // Stage 1, embedding: row r = (sequence s, position t) looks up its token and position.
    f.tokenRows.set_size(m, c.dModel);
    f.positionRows.set_size(m, c.dModel);
    for (arma::uword s = 0; s < sequences; ++s) {
        for (arma::uword t = 0; t < length; ++t) {
            f.tokenRows.row(s * length + t) = p.E.row(b.inputs(s, t));
            f.positionRows.row(s * length + t) = p.P.row(t);
        }
    }
    f.X = f.tokenRows + f.positionRows;
    note(f.nonfinite, f.X, "forward.embedding.X");

    // Stage 2, self-attention with a residual connection, one sequence at a time: row r =
    // (s, t) scores the keys of its own sequence only (M×length, not M×M), so a batch costs
    // what its sequences cost.
    f.Q = f.X * p.Wq;
    f.K = f.X * p.Wk;
    f.V = f.X * p.Wv;
    const double invSqrtD = 1.0 / std::sqrt(static_cast<double>(c.dModel));
    f.scores.set_size(m, length);
    f.weights.zeros(m, length);
    f.mixed.zeros(m, c.dModel);
    for (arma::uword s = 0; s < sequences; ++s) {
        const arma::uword o = s * length;
        for (arma::uword t = 0; t < length; ++t) {
            const arma::uword r = o + t;
            for (arma::uword j = 0; j < length; ++j) {
                double dot = 0.0;
                for (arma::uword k = 0; k < c.dModel; ++k)
                    dot += f.Q.at(r, k) * f.K.at(o + j, k);
                f.scores.at(r, j) = dot * invSqrtD;
            }
            softmaxPrefix(f.scores, f.weights, r, t + 1, c.softmax);
            for (arma::uword j = 0; j <= t; ++j) {
                const double w = f.weights.at(r, j);
                for (arma::uword k = 0; k < c.dModel; ++k)
                    f.mixed.at(r, k) += w * f.V.at(o + j, k);
            }
        }
    }
    f.attnOut = f.mixed * p.Wo;
    f.attnResidual = f.X + f.attnOut;
    note(f.nonfinite, f.Q, "forward.attention.Q");
    note(f.nonfinite, f.K, "forward.attention.K");
    note(f.nonfinite, f.V, "forward.attention.V");
    note(f.nonfinite, f.scores, "forward.attention.scores");
    note(f.nonfinite, f.weights, "forward.attention.weights");
    note(f.nonfinite, f.attnResidual, "forward.attention.residual");

    // Stage 3, the feed-forward block with a residual connection.
    f.pre = f.attnResidual * p.W1;
    f.pre.each_row() += p.b1;
    activate(f.pre, c.activation, f.hidden, f.slope);
    f.ffnOut = f.hidden * p.W2;
    f.ffnOut.each_row() += p.b2;
    f.ffnResidual = f.attnResidual + f.ffnOut;
    note(f.nonfinite, f.pre, "forward.feedforward.pre");
    note(f.nonfinite, f.hidden, "forward.feedforward.hidden");
    note(f.nonfinite, f.ffnResidual, "forward.feedforward.residual");

    // Layer norm over the features of each row.
    f.mean = arma::mean(f.ffnResidual, 1);
    f.xhat = f.ffnResidual;
    f.xhat.each_col() -= f.mean;
    const arma::vec variance = arma::mean(arma::square(f.xhat), 1);
    f.invStd = 1.0 / arma::sqrt(variance + c.layerNormEpsilon);
    f.xhat.each_col() %= f.invStd;
    f.normed = f.xhat;
    f.normed.each_row() %= p.gamma;
    f.normed.each_row() += p.beta;
    note(f.nonfinite, f.normed, "forward.layernorm.output");

    // Stage 4, output projection and softmax over the vocabulary.
    f.logits = f.normed * p.Wout;
    f.logits.each_row() += p.bout;
    f.probs.set_size(arma::size(f.logits));
    for (arma::uword r = 0; r < m; ++r)
        softmaxPrefix(f.logits, f.probs, r, c.vocab, c.softmax);
    note(f.nonfinite, f.logits, "forward.output.logits");
    note(f.nonfinite, f.probs, "forward.output.probs");

    // Stage 5, cross-entropy against the next token, averaged over the positions.
    f.targetProbs.set_size(m);
    f.nll.set_size(m);
    for (arma::uword s = 0; s < sequences; ++s) {
        for (arma::uword t = 0; t < length; ++t) {
            const arma::uword r = s * length + t;
            const arma::uword y = b.targets(s, t);
            f.targetProbs(r) = f.probs(r, y);
            if (c.crossEntropy == CrossEntropyKind::Naive) {
                f.nll(r) = -std::log(f.targetProbs(r));
            } else {
                const double top = f.logits.row(r).max();
                f.nll(r) =
                    top + std::log(arma::accu(arma::exp(f.logits.row(r) - top))) - f.logits(r, y);
            }
        }
    }
    // A plain sum: Armadillo's mean falls back to a running mean when the sum is not finite,
    // which turns one infinite term into NaN and would hide the ∞ that −log 0 gives.
    f.loss = arma::accu(f.nll) / static_cast<double>(m);
    note(f.nonfinite, f.nll, "forward.cross_entropy.nll");
    return f;
}

double transformerLoss(const TransformerConfig& c, const TransformerParams& p,
                       const TransformerBatch& b) {
    return transformerForward(c, p, b).loss;
}

TransformerBackward transformerBackward(const TransformerConfig& c, const TransformerParams& p,
                                        const TransformerBatch& b, const TransformerForward& f) {
    const arma::uword sequences = b.inputs.n_rows;
    const arma::uword length = b.inputs.n_cols;
    const double m = static_cast<double>(sequences * length);
    TransformerBackward g;
    TransformerParams& d = g.grads;

    // Stages 5 and 4: L = mean −log p_y. Through log-sum-exp, ∂L/∂z = (p − y)/M directly;
    // the naive path goes through the probabilities, ∂L/∂p = −y/(M p), then softmax's
    // Jacobian, and meets 0·∞ = NaN when a probability underflowed to 0.
    arma::mat onehot(arma::size(f.probs), arma::fill::zeros);
    for (arma::uword s = 0; s < sequences; ++s) {
        for (arma::uword t = 0; t < length; ++t)
            onehot(s * length + t, b.targets(s, t)) = 1.0;
    }
    if (c.crossEntropy == CrossEntropyKind::Naive) {
        g.probs = -(onehot / f.probs) / m;
        g.probs.elem(arma::find(onehot == 0.0)).zeros();
        g.logits = softmaxBackward(f.probs, g.probs);
    } else {
        g.logits = (f.probs - onehot) / m;
    }
    d.Wout = f.normed.t() * g.logits;
    d.bout = arma::sum(g.logits, 0);
    g.normed = g.logits * p.Wout.t();

    // Layer norm: ∂L/∂x = (1/σ)·[ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)] with ĝ = γ ⊙ ∂L/∂y.
    d.gamma = arma::sum(g.normed % f.xhat, 0);
    d.beta = arma::sum(g.normed, 0);
    g.xhat = g.normed;
    g.xhat.each_row() %= p.gamma;
    const arma::vec meanG = arma::mean(g.xhat, 1);
    const arma::vec meanGX = arma::mean(g.xhat % f.xhat, 1);
    g.ffnResidual = f.xhat;
    g.ffnResidual.each_col() %= -meanGX;
    g.ffnResidual += g.xhat;
    g.ffnResidual.each_col() -= meanG;
    g.ffnResidual.each_col() %= f.invStd;

    // Stage 3, feed-forward: the residual passes the gradient through unchanged and adds the
    // block's own.
    g.ffnOut = g.ffnResidual;
    d.W2 = f.hidden.t() * g.ffnOut;
    d.b2 = arma::sum(g.ffnOut, 0);
    g.hidden = g.ffnOut * p.W2.t();
    g.pre = g.hidden % f.slope;
    d.W1 = f.attnResidual.t() * g.pre;
    d.b1 = arma::sum(g.pre, 0);
    g.attnResidual = g.ffnResidual + g.pre * p.W1.t();

    // Stage 2, attention: out = A V Wo, A = softmax(QKᵀ/√d) under the mask.
    g.attnOut = g.attnResidual;
    d.Wo = f.mixed.t() * g.attnOut;
    g.mixed = g.attnOut * p.Wo.t();
    g.weights.zeros(arma::size(f.weights));
    g.scores.zeros(arma::size(f.scores));
    g.Q.zeros(arma::size(f.Q));
    g.K.zeros(arma::size(f.K));
    g.V.zeros(arma::size(f.V));
    const double invSqrtD = 1.0 / std::sqrt(static_cast<double>(c.dModel));
    for (arma::uword s = 0; s < sequences; ++s) {
        const arma::uword o = s * length;
        for (arma::uword t = 0; t < length; ++t) {
            const arma::uword r = o + t;
            // mixed_r = Σ_j w_rj V_j: ∂L/∂w_rj = ⟨∂L/∂mixed_r, V_j⟩, ∂L/∂V_j += w_rj ∂L/∂mixed_r.
            double inner = 0.0;
            for (arma::uword j = 0; j <= t; ++j) {
                const double w = f.weights.at(r, j);
                double dot = 0.0;
                for (arma::uword k = 0; k < c.dModel; ++k) {
                    dot += g.mixed.at(r, k) * f.V.at(o + j, k);
                    g.V.at(o + j, k) += w * g.mixed.at(r, k);
                }
                g.weights.at(r, j) = dot;
                inner += w * dot;
            }
            // Softmax's Jacobian, then the scores s_rj = ⟨Q_r, K_j⟩/√d.
            for (arma::uword j = 0; j <= t; ++j) {
                const double ds = f.weights.at(r, j) * (g.weights.at(r, j) - inner);
                g.scores.at(r, j) = ds;
                for (arma::uword k = 0; k < c.dModel; ++k) {
                    g.Q.at(r, k) += ds * invSqrtD * f.K.at(o + j, k);
                    g.K.at(o + j, k) += ds * invSqrtD * f.Q.at(r, k);
                }
            }
        }
    }
    d.Wq = f.X.t() * g.Q;
    d.Wk = f.X.t() * g.K;
    d.Wv = f.X.t() * g.V;
    g.X = g.attnResidual + g.Q * p.Wq.t() + g.K * p.Wk.t() + g.V * p.Wv.t();

    // Stage 1, embedding: each row's gradient goes back to the token and the position it
    // came from (summed when a token repeats).
    d.E.zeros(arma::size(p.E));
    d.P.zeros(arma::size(p.P));
    for (arma::uword s = 0; s < sequences; ++s) {
        for (arma::uword t = 0; t < length; ++t) {
            d.E.row(b.inputs(s, t)) += g.X.row(s * length + t);
            d.P.row(t) += g.X.row(s * length + t);
        }
    }

    note(g.nonfinite, g.probs, "backward.output.probs");
    note(g.nonfinite, g.logits, "backward.output.logits");
    note(g.nonfinite, g.normed, "backward.layernorm.output");
    note(g.nonfinite, g.ffnResidual, "backward.feedforward.residual");
    note(g.nonfinite, g.pre, "backward.feedforward.pre");
    note(g.nonfinite, g.attnResidual, "backward.attention.residual");
    note(g.nonfinite, g.weights, "backward.attention.weights");
    note(g.nonfinite, g.scores, "backward.attention.scores");
    note(g.nonfinite, g.X, "backward.embedding.X");
    for (const auto& [name, member] : TransformerParams::fields()) {
        if (g.nonfinite.empty() && !(d.*member).is_finite())
            g.nonfinite = std::string("grads.") + name;
    }
    return g;
}

}  // namespace lemma::math
