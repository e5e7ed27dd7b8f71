// A tiny decoder-only transformer, forward and backward by hand: token and position
// embeddings, one causal attention head, a feed-forward block, a final layer norm, the output
// projection, softmax and cross-entropy against the next token (MATH.md §0 and §3).
//
// Small enough to print every matrix (a vocabulary of ~10, d_model 4–8, a few tokens) and to
// check every gradient by finite differences. Several sequences of the same length form a
// batch by stacking their rows: every stage but attention is one matrix operation on the
// stack, and attention loops over the (query, earlier key) pairs of each sequence, a few
// dozen multiply-adds each. One stacked matrix beats a loop of tiny matrix calls per
// sequence, and scoring only each sequence's own keys beats one masked M×M matrix whose
// entries are almost all masked; together they let a few hundred training steps run while a
// slider moves.
#pragma once

#include <armadillo>
#include <array>
#include <cstdint>
#include <string>
#include <utility>

namespace lemma::math {

enum class Activation { Relu, Gelu };
// Naive: exp(z)/Σexp(z), which overflows for logits past ~709. Stable: subtract the row
// maximum first.
enum class SoftmaxKind { Naive, Stable };
// Naive: −log of the softmax probability, which is −log 0 = ∞ once the probability
// underflows. LogSumExp: log Σ exp(z) − z_y computed stably, finite for any finite logits.
enum class CrossEntropyKind { Naive, LogSumExp };

Activation parseActivation(const std::string& name);              // "relu" | "gelu"
SoftmaxKind parseSoftmaxKind(const std::string& name);            // "naive" | "stable"
CrossEntropyKind parseCrossEntropyKind(const std::string& name);  // "naive" | "logsumexp"
std::string activationName(Activation a);

struct TransformerConfig {
    arma::uword vocab = 10;
    arma::uword dModel = 6;
    arma::uword dFF = 12;
    // Positions 1 … context have a learned embedding; longer sequences are refused.
    arma::uword context = 8;
    Activation activation = Activation::Gelu;
    SoftmaxKind softmax = SoftmaxKind::Stable;
    CrossEntropyKind crossEntropy = CrossEntropyKind::LogSumExp;
    // Multiplies every initial weight matrix (not γ, β or the biases): large values make the
    // large logits of "Why is my loss NaN?".
    double scale = 1.0;
    double layerNormEpsilon = 1e-5;
};

// The weights, one matrix per parameter; vectors (biases, γ, β) are rows.
struct TransformerParams {
    arma::mat E;      // vocab × d      token embedding
    arma::mat P;      // context × d    position embedding
    arma::mat Wq;     // d × d
    arma::mat Wk;     // d × d
    arma::mat Wv;     // d × d
    arma::mat Wo;     // d × d          attention output projection
    arma::mat W1;     // d × d_ff
    arma::mat b1;     // 1 × d_ff
    arma::mat W2;     // d_ff × d
    arma::mat b2;     // 1 × d
    arma::mat gamma;  // 1 × d          layer-norm gain
    arma::mat beta;   // 1 × d          layer-norm shift
    arma::mat Wout;   // d × vocab      output projection
    arma::mat bout;   // 1 × vocab

    static constexpr std::size_t kCount = 14;
    using Member = arma::mat TransformerParams::*;
    // Every parameter with its name, in the order above: the one list that updates, gradient
    // checks and the language's struct fields loop over.
    static const std::array<std::pair<const char*, Member>, kCount>& fields();

    // Same shapes, all zero.
    TransformerParams zerosLike() const;
    arma::uword count() const;  // number of scalar parameters
    bool isFinite() const;
};

// Seeded initial weights: E and P with N(0, 1) entries, each weight matrix with N(0, 1/fan_in)
// entries (times config.scale), biases and β zero, γ one. The same seed gives the same weights
// on every platform (math::Random).
TransformerParams initTransformer(const TransformerConfig& config, std::uint64_t seed);

// Every intermediate of the forward pass, by stage. Rows are positions (stacked over the
// sequences of a batch); the comments give the shapes for M positions.
struct TransformerForward {
    // embedding: X = E[x] + P[position]
    arma::mat tokenRows;     // M × d
    arma::mat positionRows;  // M × d
    arma::mat X;             // M × d
    // attention: scores = QKᵀ/√d, weights = softmax with the causal mask, out = weights·V·Wo.
    // Row r = (sequence s, position t) of scores and weights holds that query's entries for
    // the keys 1 … length of sequence s: for one sequence, the length × length matrices.
    arma::mat Q, K, V;       // M × d
    arma::mat scores;        // M × length (masked entries hold the unmasked score)
    arma::mat weights;       // M × length, exactly zero where masked (key after query)
    arma::mat mixed;         // M × d, weights · V
    arma::mat attnOut;       // M × d, mixed · Wo
    arma::mat attnResidual;  // M × d, X + attnOut
    // feed-forward: hidden = act(pre), pre = R W1 + b1, out = hidden W2 + b2
    arma::mat pre;          // M × d_ff
    arma::mat hidden;       // M × d_ff
    arma::mat slope;        // M × d_ff, act'(pre), kept for the backward pass
    arma::mat ffnOut;       // M × d
    arma::mat ffnResidual;  // M × d
    // layer norm, row by row: xhat = (x − mean)/√(var + ε), normed = γ ⊙ xhat + β
    arma::vec mean;    // M
    arma::vec invStd;  // M, 1/√(var + ε)
    arma::mat xhat;    // M × d
    arma::mat normed;  // M × d
    // output
    arma::mat logits;  // M × vocab
    arma::mat probs;   // M × vocab
    // cross-entropy against the targets
    arma::vec targetProbs;  // M
    arma::vec nll;          // M, −log p(target)
    double loss = 0.0;      // mean of nll
    // "" when every value above is finite, else the first non-finite one in forward order,
    // as "forward.<stage>.<field>".
    std::string nonfinite;
};

// ∂loss/∂(each intermediate): the same names as TransformerForward where they exist.
struct TransformerBackward {
    arma::mat logits;
    arma::mat probs;  // only with the naive cross-entropy (−y/(M·p)); empty otherwise
    arma::mat normed, xhat;
    arma::mat ffnResidual, ffnOut, hidden, pre;
    arma::mat attnResidual, attnOut, mixed, weights, scores, Q, K, V;
    arma::mat X;
    TransformerParams grads;
    // "" or the first non-finite gradient, as "backward.<stage>.<field>" or "grads.<name>".
    std::string nonfinite;
};

// A batch of equal-length sequences (one per row of `inputs`, 0-based token ids) and their
// next tokens (`targets`, same shape).
struct TransformerBatch {
    arma::umat inputs;
    arma::umat targets;
};

// The batch of one sequence: inputs are tokens 1…n−1, targets tokens 2…n (0-based ids).
TransformerBatch nextTokenBatch(const arma::urowvec& tokens);

// Throws lemma::Error (prefixed with `who`) when the batch does not fit the configuration.
void checkBatch(const TransformerConfig& config, const TransformerBatch& batch,
                const std::string& who);

TransformerForward transformerForward(const TransformerConfig& config,
                                      const TransformerParams& params,
                                      const TransformerBatch& batch);

// The loss alone (for finite differences); the same arithmetic as transformerForward.
double transformerLoss(const TransformerConfig& config, const TransformerParams& params,
                       const TransformerBatch& batch);

// The backward pass, stage by stage by the chain rule, from a forward pass of the same
// parameters and batch.
TransformerBackward transformerBackward(const TransformerConfig& config,
                                        const TransformerParams& params,
                                        const TransformerBatch& batch,
                                        const TransformerForward& forward);

// Row `row` of `out` = the softmax of the first `count` entries of that row of `logits`; the
// rest of the row gets exactly 0 (the causal mask: a query never sees later keys).
void softmaxPrefix(const arma::mat& logits, arma::mat& out, arma::uword row, arma::uword count,
                   SoftmaxKind kind);

// The mean entropy (natural log) of the attention rows of a batch (weights as in
// TransformerForward), over the positions after the first (which attend to one key only): 0
// when every row attends to one key, the mean of log(t) when row t is uniform.
double attentionEntropy(const arma::mat& weights);

}  // namespace lemma::math
