// The tiny transformer as builtins: transformer_step (one training step with every
// intermediate, gradient, finite-difference check and update) and transformer_train (a short
// run on a toy corpus). The mathematics lives in engine/math/Transformer*.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"
#include "engine/math/Transformer.h"
#include "engine/math/TransformerGradCheck.h"
#include "engine/math/TransformerTraining.h"

namespace lemma::builtins {

namespace {

using lang::StructData;

// Limits that keep a step (with its gradient check, four forward passes per parameter) well
// under a second.
constexpr long long kMaxVocab = 64;
constexpr long long kMaxDModel = 16;
constexpr long long kMaxDFF = 64;
constexpr arma::uword kMaxLength = 16;
constexpr long long kMaxSteps = 100000;

Value structOf(std::initializer_list<std::pair<const char*, Value>> fields) {
    StructData s;
    for (const auto& [name, value] : fields)
        s.set(name, value);
    return Value(std::move(s));
}

Value row(const arma::vec& v) {
    return Value(arma::mat(v.t()));
}

long long boundedKeyword(Call& c, const char* name, long long fallback, long long lo,
                         long long hi) {
    const long long n = c.keywordInteger(name, fallback);
    if (n < lo || n > hi)
        c.fail(std::string(name) + " must be between " + std::to_string(lo) + " and " +
               std::to_string(hi) + ", got " + std::to_string(n));
    return n;
}

// A choice keyword parsed by `parse`, whose error message is prefixed with the builtin's name.
template <class Parse>
auto choiceKeyword(Call& c, const char* name, const std::string& fallback, Parse parse) {
    const std::string text = c.keywordString(name, fallback);
    try {
        return parse(text);
    } catch (const Error& e) {
        c.fail(e.what());
    }
}

// The model's sizes and variants from the keywords shared by both builtins.
math::TransformerConfig configOf(Call& c) {
    math::TransformerConfig config;
    config.vocab = static_cast<arma::uword>(boundedKeyword(c, "vocab", 10, 2, kMaxVocab));
    config.dModel = static_cast<arma::uword>(boundedKeyword(c, "d_model", 6, 1, kMaxDModel));
    config.dFF = static_cast<arma::uword>(
        boundedKeyword(c, "d_ff", 2 * static_cast<long long>(config.dModel), 1, kMaxDFF));
    config.activation = choiceKeyword(c, "activation", "gelu", math::parseActivation);
    config.softmax = choiceKeyword(c, "softmax", "stable", math::parseSoftmaxKind);
    config.crossEntropy = choiceKeyword(c, "ce", "logsumexp", math::parseCrossEntropyKind);
    config.scale = c.keywordScalar("scale", 1.0);
    if (!(config.scale > 0.0) || !std::isfinite(config.scale))
        c.fail("scale must be positive and finite");
    return config;
}

// seed= when given, otherwise the next draw of the run's generator (so a cell is
// reproducible from the notebook's seed).
std::uint64_t seedOf(Call& c) {
    if (c.hasKeyword("seed")) {
        const long long seed = c.keywordInteger("seed", 0);
        if (seed < 0)
            c.fail("seed must not be negative, got " + std::to_string(seed));
        return static_cast<std::uint64_t>(seed);
    }
    return c.context().rng()();
}

double learningRate(Call& c, double fallback) {
    const double lr = c.keywordScalar("lr", fallback);
    if (!(lr >= 0.0) || !std::isfinite(lr))
        c.fail("lr must be a non-negative finite number");
    return lr;
}

// Token ids 1…vocab from positional argument i, as 0-based ids.
arma::urowvec tokensOf(Call& c, std::size_t i, arma::uword vocab) {
    const arma::mat m = c.matrix(i);
    if (m.n_elem > 0 && m.n_rows != 1 && m.n_cols != 1)
        c.fail("tokens must be a vector of token ids, got a " +
               lang::shapeString(m.n_rows, m.n_cols) + " matrix");
    arma::urowvec ids(m.n_elem);
    for (arma::uword k = 0; k < m.n_elem; ++k) {
        const double t = m(k);
        if (!(t >= 1.0) || t > static_cast<double>(vocab) || t != std::floor(t))
            c.fail("token " + std::to_string(k + 1) + " must be a whole number from 1 to vocab = " +
                   std::to_string(vocab) + ", got " + support::shortest(t));
        ids(k) = static_cast<arma::uword>(t) - 1;
    }
    return ids;
}

Value ids(const arma::umat& m) {
    return Value(arma::mat(arma::conv_to<arma::mat>::from(m) + 1.0));
}

Value paramsValue(const math::TransformerParams& p) {
    StructData s;
    for (const auto& [name, member] : math::TransformerParams::fields())
        s.set(name, Value(p.*member));
    return Value(std::move(s));
}

Value forwardValue(const math::TransformerForward& f) {
    return structOf({
        {"embedding", structOf({{"token_rows", Value(f.tokenRows)},
                                {"positions", Value(f.positionRows)},
                                {"X", Value(f.X)}})},
        {"attention", structOf({{"Q", Value(f.Q)},
                                {"K", Value(f.K)},
                                {"V", Value(f.V)},
                                {"scores", Value(f.scores)},
                                {"weights", Value(f.weights)},
                                {"mixed", Value(f.mixed)},
                                {"output", Value(f.attnOut)},
                                {"residual", Value(f.attnResidual)}})},
        {"feedforward", structOf({{"pre", Value(f.pre)},
                                  {"hidden", Value(f.hidden)},
                                  {"output", Value(f.ffnOut)},
                                  {"residual", Value(f.ffnResidual)}})},
        {"layernorm", structOf({{"mean", Value(arma::mat(f.mean))},
                                {"inv_std", Value(arma::mat(f.invStd))},
                                {"xhat", Value(f.xhat)},
                                {"output", Value(f.normed)}})},
        {"output", structOf({{"logits", Value(f.logits)}, {"probs", Value(f.probs)}})},
        {"cross_entropy", structOf({{"target_probs", Value(arma::mat(f.targetProbs))},
                                    {"nll", Value(arma::mat(f.nll))},
                                    {"loss", Value(f.loss)}})},
    });
}

Value backwardValue(const math::TransformerBackward& g) {
    StructData output;
    output.set("logits", Value(g.logits));
    if (!g.probs.is_empty())
        output.set("probs", Value(g.probs));
    return structOf({
        {"output", Value(std::move(output))},
        {"layernorm", structOf({{"output", Value(g.normed)}, {"xhat", Value(g.xhat)}})},
        {"feedforward", structOf({{"residual", Value(g.ffnResidual)},
                                  {"output", Value(g.ffnOut)},
                                  {"hidden", Value(g.hidden)},
                                  {"pre", Value(g.pre)}})},
        {"attention", structOf({{"residual", Value(g.attnResidual)},
                                {"output", Value(g.attnOut)},
                                {"mixed", Value(g.mixed)},
                                {"weights", Value(g.weights)},
                                {"scores", Value(g.scores)},
                                {"Q", Value(g.Q)},
                                {"K", Value(g.K)},
                                {"V", Value(g.V)}})},
        {"embedding", structOf({{"X", Value(g.X)}})},
    });
}

Value gradcheckValue(const math::TransformerGradCheck& check) {
    StructData s;
    for (const math::GradCheckEntry& e : check.params) {
        s.set(e.name, structOf({{"numeric", Value(e.numeric)},
                                {"analytic", Value(e.analytic)},
                                {"rel_error", Value(e.rel_error)},
                                {"max_rel_error", Value(e.max_rel_error)},
                                {"pass", Value::boolean(e.pass)}}));
    }
    // The summary, one entry per parameter, for a table or a bar chart.
    std::vector<Value> names;
    arma::mat worst(1, check.params.size());
    for (std::size_t k = 0; k < check.params.size(); ++k) {
        names.emplace_back(check.params[k].name);
        worst(k) = check.params[k].max_rel_error;
    }
    s.set("names", Value::list(std::move(names)));
    s.set("max_rel_errors", Value(std::move(worst)));
    s.set("max_rel_error", Value(check.max_rel_error));
    s.set("pass", Value::boolean(check.pass));
    return Value(std::move(s));
}

void registerStep(Registry& r) {
    r.add("transformer_step",
          "transformer_step(tokens, vocab=10, d_model=6, d_ff=2*d_model, activation=\"gelu\", "
          "lr=0.1, optimizer=\"sgd\", seed=…, softmax=\"stable\", ce=\"logsumexp\", scale=1, "
          "check=true) -> struct",
          "One training step of a tiny transformer on next-token prediction: forward (every "
          "stage), backward (every gradient), grads, gradcheck, update, params, params_after, "
          "loss_before, loss_after and nonfinite (where the first NaN or Inf appeared).",
          [](Call& c) {
              c.requireCount(1, 1);
              math::TransformerConfig config = configOf(c);
              const arma::urowvec tokens = tokensOf(c, 0, config.vocab);
              if (tokens.n_elem < 2 || tokens.n_elem > kMaxLength + 1)
                  c.fail("give between 2 and " + std::to_string(kMaxLength + 1) + " tokens, got " +
                         std::to_string(tokens.n_elem));
              const math::TransformerBatch batch = math::nextTokenBatch(tokens);
              config.context = batch.inputs.n_cols;
              math::TransformerStepOptions options;
              options.lr = learningRate(c, 0.1);
              options.optimizer =
                  choiceKeyword(c, "optimizer", "sgd", math::parseTransformerOptimizer);
              options.check = c.keywordBool("check", true);
              const math::TransformerParams params = math::initTransformer(config, seedOf(c));
              const math::TransformerStepResult s =
                  math::transformerStep(config, params, batch, options);

              StructData update;
              for (const auto& [name, member] : math::TransformerParams::fields())
                  update.set(name, Value(s.update.*member));
              StructData out;
              out.set("inputs", ids(batch.inputs));
              out.set("targets", ids(batch.targets));
              out.set("params", paramsValue(s.params));
              out.set("forward", forwardValue(s.forward));
              out.set("backward", backwardValue(s.backward));
              out.set("grads", paramsValue(s.backward.grads));
              if (s.checked)
                  out.set("gradcheck", gradcheckValue(s.gradcheck));
              out.set("update", Value(std::move(update)));
              out.set("params_after", paramsValue(s.paramsAfter));
              out.set("loss_before", Value(s.lossBefore));
              out.set("loss_after", Value(s.lossAfter));
              out.set("nonfinite", Value(s.nonfinite));
              out.set("lr", Value(options.lr));
              out.set("optimizer",
                      Value(std::string(
                          options.optimizer == math::TransformerOptimizer::Adam ? "adam" : "sgd")));
              out.set("activation", Value(math::activationName(config.activation)));
              out.set("parameters", Value(static_cast<double>(s.params.count())));
              return std::vector<Value>{Value(std::move(out))};
          });
}

void registerTrain(Registry& r) {
    r.add("transformer_train",
          "transformer_train(corpus, steps=300, length=4, lr=0.01, optimizer=\"adam\", "
          "vocab=10, d_model=6, d_ff=2*d_model, activation=\"gelu\", seed=…, softmax=, ce=, "
          "scale=) -> struct",
          "Trains the tiny transformer of transformer_step on every window of length+1 tokens "
          "of the corpus (full batch): loss and entropy per step, weights_before, "
          "weights_after, accuracy, params, diverged_at and nonfinite.",
          [](Call& c) {
              c.requireCount(1, 1);
              math::TransformerConfig config = configOf(c);
              const arma::urowvec corpus = tokensOf(c, 0, config.vocab);
              const long long length =
                  boundedKeyword(c, "length", 4, 1, static_cast<long long>(kMaxLength));
              if (corpus.n_elem < static_cast<arma::uword>(length) + 1)
                  c.fail("the corpus needs at least length + 1 = " + std::to_string(length + 1) +
                         " tokens, got " + std::to_string(corpus.n_elem));
              if (corpus.n_elem > 4096)
                  c.fail("the corpus may hold at most 4096 tokens, got " +
                         std::to_string(corpus.n_elem));
              config.context = static_cast<arma::uword>(length);
              const math::TransformerBatch batch =
                  math::windowBatch(corpus, static_cast<arma::uword>(length));
              math::TransformerTrainOptions options;
              options.steps =
                  static_cast<arma::uword>(boundedKeyword(c, "steps", 300, 0, kMaxSteps));
              options.lr = learningRate(c, 0.01);
              options.optimizer =
                  choiceKeyword(c, "optimizer", "adam", math::parseTransformerOptimizer);
              Context& context = c.context();
              options.progress = [&context](double fraction) {
                  context.checkCancelled();
                  context.progress(fraction);
              };
              options.poll = [&context] { context.checkCancelled(); };
              const math::TransformerParams params = math::initTransformer(config, seedOf(c));
              const math::TransformerTrainResult t =
                  math::transformerTrain(config, params, batch, options);
              const arma::vec steps = arma::regspace(0.0, static_cast<double>(options.steps));
              return std::vector<Value>{structOf({
                  {"step", row(steps)},
                  {"loss", row(t.loss)},
                  {"entropy", row(t.entropy)},
                  {"inputs", ids(batch.inputs.row(0))},
                  {"targets", ids(batch.targets.row(0))},
                  {"weights_before", Value(t.weightsBefore)},
                  {"weights_after", Value(t.weightsAfter)},
                  {"loss_before", Value(t.loss(0))},
                  {"loss_after", Value(t.loss(t.loss.n_elem - 1))},
                  {"accuracy", Value(t.accuracy)},
                  {"windows", Value(static_cast<double>(batch.inputs.n_rows))},
                  {"params", paramsValue(t.params)},
                  {"diverged_at", Value(static_cast<double>(t.divergedAt))},
                  {"nonfinite", Value(t.nonfinite)},
              })};
          });
}

}  // namespace

void registerTransformer(Registry& r) {
    registerStep(r);
    registerTrain(r);
}

}  // namespace lemma::builtins
