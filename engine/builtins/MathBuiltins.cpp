// The worked-example mathematics as builtins: attention and its spectrum, rank collapse,
// low-rank approximation, the randomized SVD, LoRA, and loading data files. Each adapts
// engine/math to language values (arguments, keywords, structs); the mathematics and its error
// messages live in engine/math.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/builtins/Families.h"
#include "engine/lang/Builtin.h"
#include "engine/math/Attention.h"
#include "engine/math/AttentionSweep.h"
#include "engine/math/DataFiles.h"
#include "engine/math/Lora.h"
#include "engine/math/LowRank.h"
#include "engine/math/RankCollapse.h"
#include "engine/math/Spectrum.h"

namespace lemma::builtins {

namespace {

using lang::StructData;

arma::uword nonNegative(const Call& c, long long n, const std::string& name) {
    if (n < 0)
        c.fail(name + " must not be negative, got " + std::to_string(n));
    return static_cast<arma::uword>(n);
}

// A whole number from positional argument i, else from the keyword `name`, else `fallback`
// (required when there is none).
arma::uword countArg(Call& c, std::size_t i, const std::string& name,
                     std::optional<long long> fallback) {
    long long n = 0;
    if (c.has(i)) {
        n = c.integer(i);
    } else if (c.hasKeyword(name)) {
        n = c.keywordInteger(name, 0);
    } else if (fallback) {
        n = *fallback;
    } else {
        c.fail("missing argument '" + name + "'");
    }
    return nonNegative(c, n, name);
}

// seed= when given, otherwise the next draw of the run's generator (so a cell is reproducible
// from the notebook's seed).
std::uint64_t seedArg(Call& c) {
    if (c.hasKeyword("seed")) {
        return nonNegative(c, c.keywordInteger("seed", 0), "seed");
    }
    return c.context().rng()();
}

arma::mat keywordMatrix(Call& c, const char* name) {
    const std::optional<Value> v = c.keyword(name);
    if (!v || !v->isReal())
        c.fail("keyword '" + std::string(name) + "' must be a real matrix");
    return v->real();
}

arma::vec asVector(const arma::mat& m) {
    return arma::vectorise(m);
}

Value structOf(std::initializer_list<std::pair<const char*, Value>> fields) {
    StructData s;
    for (const auto& [name, value] : fields)
        s.set(name, value);
    return Value(std::move(s));
}

Value sweepValue(const char* parameter, const math::AttentionSweepResult& r) {
    return structOf({{parameter, Value(arma::mat(r.parameter))},
                     {"abs_lambda2", Value(arma::mat(r.abs_lambda2))},
                     {"gap", Value(arma::mat(r.gap))},
                     {"entropy", Value(arma::mat(r.entropy))}});
}

void registerAttention(Registry& r) {
    r.add("attention",
          "attention(Q, K, V, scale=1/sqrt(d_k), causal=false, temperature=1) -> struct",
          "Scaled dot-product attention: fields scores (the logits), weights "
          "(softmax by rows) and output (weights*V; V defaults to K).",
          [](Call& c) {
              c.requireCount(2, 3);
              math::AttentionOptions options;
              if (c.has(2)) {
                  options.V = c.matrix(2);
              } else if (c.hasKeyword("V")) {
                  options.V = keywordMatrix(c, "V");
              }
              if (c.hasKeyword("scale"))
                  options.scale = c.keywordScalar("scale", 1.0);
              options.causal = c.keywordBool("causal", false);
              options.temperature = c.keywordScalar("temperature", 1.0);
              math::AttentionResult a = math::attention(c.matrix(0), c.matrix(1), options);
              return std::vector<Value>{structOf({{"scores", Value(std::move(a.scores))},
                                                  {"weights", Value(std::move(a.weights))},
                                                  {"output", Value(std::move(a.output))}})};
          });

    r.add(
        "spectrum", "spectrum(A) -> struct, spectrum(A, k=6) -> struct",
        "Eigenvalues (by modulus), lambda1, lambda2, gap, stationary, row_sums, stochastic, "
        "entropy and effective_rank of a square (attention) matrix; with k, only the k "
        "eigenvalues of largest modulus (by a restarted Arnoldi iteration) and no entropy or "
        "effective_rank.",
        [](Call& c) {
            c.requireCount(1, 2);
            if (c.has(1) || c.hasKeyword("k")) {
                const arma::uword k = countArg(c, 1, "k", {});
                Context& context = c.context();
                math::SpectrumResult s =
                    math::spectrum(c.matrix(0), k, [&context] { context.checkCancelled(); });
                return std::vector<Value>{structOf(
                    {{"eigenvalues", Value(arma::cx_mat(std::move(s.eigenvalues)))},
                     {"lambda1", Value::narrowed(arma::cx_mat(1, 1, arma::fill::value(s.lambda1)))},
                     {"lambda2", Value::narrowed(arma::cx_mat(1, 1, arma::fill::value(s.lambda2)))},
                     {"gap", Value(s.gap)},
                     {"stationary", Value(arma::mat(std::move(s.stationary)))},
                     {"row_sums", Value(arma::mat(std::move(s.row_sums)))},
                     {"stochastic", Value::boolean(s.stochastic)}})};
            }
            math::SpectrumResult s = math::spectrum(c.matrix(0));
            return std::vector<Value>{structOf(
                {{"eigenvalues", Value(arma::cx_mat(std::move(s.eigenvalues)))},
                 {"lambda1", Value::narrowed(arma::cx_mat(1, 1, arma::fill::value(s.lambda1)))},
                 {"lambda2", Value::narrowed(arma::cx_mat(1, 1, arma::fill::value(s.lambda2)))},
                 {"gap", Value(s.gap)},
                 {"stationary", Value(arma::mat(std::move(s.stationary)))},
                 {"row_sums", Value(arma::mat(std::move(s.row_sums)))},
                 {"stochastic", Value::boolean(s.stochastic)},
                 {"entropy", Value(arma::mat(std::move(s.entropy)))},
                 {"effective_rank", Value(s.effective_rank)}})};
        });

    r.add("attention_power", "attention_power(A, k) -> struct",
          "For a row-stochastic A: steps 1..k, distance ||A^j - 1*pi||_2 and predicted "
          "|lambda2|^j, with abs_lambda2 and stationary.",
          [](Call& c) {
              c.requireCount(1, 2);
              const arma::uword k = countArg(c, 1, "k", 20);
              const math::AttentionPowerResult p = math::attentionPower(c.matrix(0), k);
              return std::vector<Value>{structOf({{"steps", Value(arma::mat(p.steps))},
                                                  {"distance", Value(arma::mat(p.distance))},
                                                  {"predicted", Value(arma::mat(p.predicted))},
                                                  {"abs_lambda2", Value(p.abs_lambda2)},
                                                  {"stationary", Value(arma::mat(p.stationary))}})};
          });

    r.add("rank_collapse", "rank_collapse(X, heads=1, depth=10, d_k=…, seed=…) -> struct",
          "Random pure self-attention layers applied to X: the relative residual "
          "||X - 1x'||_F/||X||_F per layer, without (residual) and with skip connections "
          "(residual_skip).",
          [](Call& c) {
              c.requireCount(1, 3);
              math::RankCollapseOptions options;
              options.heads = countArg(c, 1, "heads", 1);
              options.depth = countArg(c, 2, "depth", 10);
              if (c.hasKeyword("d_k"))
                  options.d_k = nonNegative(c, c.keywordInteger("d_k", 0), "d_k");
              options.seed = seedArg(c);
              const math::RankCollapseResult rc = math::rankCollapse(c.matrix(0), options);
              return std::vector<Value>{
                  structOf({{"layers", Value(arma::mat(rc.layers))},
                            {"residual", Value(arma::mat(rc.residual))},
                            {"residual_skip", Value(arma::mat(rc.residual_skip))}})};
          });

    r.add("attention_sweep",
          "attention_sweep(Q, K, temperatures) or attention_sweep(n=…, d_k=…, trials=1) -> "
          "struct",
          "|lambda2|, gap and mean row entropy of attention against the temperature (given Q, K) "
          "or, for random Q, K, against the length n or the width d_k (one of them a vector).",
          [](Call& c) {
              c.requireCount(0, 3);
              const bool causal = c.keywordBool("causal", false);
              if (c.count() > 0) {
                  c.requireCount(3, 3);
                  const math::AttentionSweepResult s = math::sweepTemperature(
                      c.matrix(0), c.matrix(1), asVector(c.matrix(2)), causal);
                  return std::vector<Value>{sweepValue("temperature", s)};
              }
              math::RandomAttentionOptions options;
              options.causal = causal;
              options.temperature = c.keywordScalar("temperature", 1.0);
              options.trials = nonNegative(c, c.keywordInteger("trials", 1), "trials");
              if (!c.hasKeyword("n") || !c.hasKeyword("d_k"))
                  c.fail("give Q, K and temperatures, or both n= and d_k=");
              const arma::vec n = asVector(keywordMatrix(c, "n"));
              const arma::vec dk = asVector(keywordMatrix(c, "d_k"));
              options.seed = seedArg(c);
              if (n.n_elem == 1 && dk.n_elem >= 1) {
                  if (!(n(0) >= 1))
                      c.fail("n must be at least 1");
                  return std::vector<Value>{sweepValue(
                      "d_k", math::sweepKeyWidth(static_cast<arma::uword>(n(0)), dk, options))};
              }
              if (dk.n_elem != 1)
                  c.fail("either n or d_k must be a single number");
              if (!(dk(0) >= 1))
                  c.fail("d_k must be at least 1");
              return std::vector<Value>{
                  sweepValue("n", math::sweepLength(n, static_cast<arma::uword>(dk(0)), options))};
          });
}

void registerLowRank(Registry& r) {
    r.add("lowrank", "lowrank(W, r) -> struct",
          "Best rank-r approximation by the SVD: approx, singular_values, err_fro, err_spec, "
          "ey_fro, ey_spec (Eckart-Young), energy, params_full, params_factored, ratio.",
          [](Call& c) {
              c.requireCount(2, 2);
              math::LowRankResult l = math::lowRank(c.matrix(0), countArg(c, 1, "r", {}));
              return std::vector<Value>{
                  structOf({{"approx", Value(std::move(l.approx))},
                            {"singular_values", Value(arma::mat(l.singular_values))},
                            {"err_fro", Value(l.err_fro)},
                            {"err_spec", Value(l.err_spec)},
                            {"ey_fro", Value(l.ey_fro)},
                            {"ey_spec", Value(l.ey_spec)},
                            {"energy", Value(l.energy)},
                            {"params_full", Value(static_cast<double>(l.params_full))},
                            {"params_factored", Value(static_cast<double>(l.params_factored))},
                            {"ratio", Value(l.ratio)}})};
          });

    r.add("rsvd", "[U, s, V] = rsvd(W, r, oversample=10, power=2, seed=…)",
          "Randomized SVD (Halko-Martinsson-Tropp): W ~ U*diag(s)*V' with r columns.", [](Call& c) {
              c.requireCount(2, 2);
              math::RsvdOptions options;
              options.oversample = nonNegative(c, c.keywordInteger("oversample", 10), "oversample");
              options.power = nonNegative(c, c.keywordInteger("power", 2), "power");
              options.seed = seedArg(c);
              Context& context = c.context();
              options.poll = [&context] { context.checkCancelled(); };
              math::RsvdResult f = math::rsvd(c.matrix(0), countArg(c, 1, "r", {}), options);
              if (c.nargout() <= 1)
                  return std::vector<Value>{Value(arma::mat(std::move(f.s)))};
              return std::vector<Value>{Value(std::move(f.U)), Value(arma::mat(std::move(f.s))),
                                        Value(std::move(f.V))};
          });

    r.add("lora_params", "lora_params(d, k, r) -> struct",
          "Parameters of a d×k weight (full) and of its LoRA update B*A of rank r "
          "(lora = r(d+k)), and their ratio.",
          [](Call& c) {
              c.requireCount(3, 3);
              const math::LoraParams p = math::loraParams(
                  countArg(c, 0, "d", {}), countArg(c, 1, "k", {}), countArg(c, 2, "r", {}));
              return std::vector<Value>{structOf({{"full", Value(static_cast<double>(p.full))},
                                                  {"lora", Value(static_cast<double>(p.lora))},
                                                  {"ratio", Value(p.ratio)}})};
          });

    r.add("lora_fit",
          "lora_fit(W0, Wtarget, r, alpha=r, lr=1e-3, steps=500, optimizer=\"adam\", seed=…) -> "
          "struct",
          "Fits W0 + (alpha/r)*B*A to Wtarget from B = 0: loss per step (0.5*||.||_F^2), the "
          "Eckart-Young floor, B, A and scale.",
          [](Call& c) {
              c.requireCount(3, 3);
              math::LoraFitOptions options;
              options.rank = countArg(c, 2, "r", {});
              if (c.hasKeyword("alpha"))
                  options.alpha = c.keywordScalar("alpha", 1.0);
              options.lr = c.keywordScalar("lr", 1e-3);
              options.steps = nonNegative(c, c.keywordInteger("steps", 500), "steps");
              options.optimizer = math::parseOptimizer(c.keywordString("optimizer", "adam"));
              options.seed = seedArg(c);
              Context& context = c.context();
              options.progress = [&context](double fraction) {
                  context.checkCancelled();
                  context.progress(fraction);
              };
              options.poll = [&context] { context.checkCancelled(); };
              const math::LoraFitResult f = math::loraFit(c.matrix(0), c.matrix(1), options);
              return std::vector<Value>{structOf({{"loss", Value(arma::mat(f.loss))},
                                                  {"floor", Value(f.floor)},
                                                  {"B", Value(f.B)},
                                                  {"A", Value(f.A)},
                                                  {"scale", Value(f.scale)}})};
          });

    r.add("load", "load(\"file.npy\") or load(\"file.csv\") -> matrix",
          "Reads a real matrix from a .npy (float32/float64) or .csv file in the notebook's "
          "folder or below.",
          [](Call& c) {
              c.requireCount(1, 1);
              return std::vector<Value>{
                  Value(math::loadDataFile(c.context().dataDir(), c.string(0)))};
          });
}

}  // namespace

void registerMath(Registry& r) {
    registerAttention(r);
    registerLowRank(r);
}

}  // namespace lemma::builtins
