// Information theory and next-token sampling as builtins: entropy, cross_entropy, kl,
// perplexity, mutual_info, sampling and sample. The mathematics and its error messages live in
// engine/math (InfoTheory, Sampling); sample draws from the run's generator like rand does.
#include <cmath>
#include <string>
#include <vector>

#include "engine/lang/Builtin.h"
#include "engine/builtins/DerivationValues.h"
#include "engine/builtins/Draws.h"
#include "engine/builtins/Families.h"
#include "engine/math/InfoTheory.h"
#include "engine/math/Sampling.h"

namespace lemma::builtins {

namespace {

double baseArg(Call& c) {
    return c.keywordScalar("base", 0.0);
}

// One result per distribution: a scalar for a vector, a column for a matrix.
std::vector<Value> perDistribution(const arma::vec& v) {
    return {Value(arma::mat(v))};
}

// A vector argument as a column, failing for a matrix.
arma::vec vectorArg(const Call& c, std::size_t i, const char* name) {
    const arma::mat m = c.matrix(i);
    if (m.n_rows != 1 && m.n_cols != 1)
        c.fail(std::string(name) + " must be a vector, got a " +
               lang::shapeString(m.n_rows, m.n_cols) + " matrix");
    return arma::vectorise(m);
}

void registerInformationMeasures(Registry& r) {
    r.add("entropy", "entropy(p, base=e)",
          "H(p) = -sum p log p of a distribution (a vector), or of each row of a matrix (a "
          "column of results); natural log unless base= (2 for bits); 0 log 0 = 0.",
          [](Call& c) {
              c.requireCount(1, 1);
              const double base = baseArg(c);
              return perDistribution(math::entropy(c.matrix(0), base));
          });
    r.add("cross_entropy", "cross_entropy(p, q, base=e)",
          "H(p, q) = -sum p log q, per distribution (vector) or per row (matrix); an error names "
          "the entry where q is 0 but p is not.",
          [](Call& c) {
              c.requireCount(2, 2);
              const double base = baseArg(c);
              return perDistribution(math::crossEntropy(c.matrix(0), c.matrix(1), base));
          });
    r.add("kl", "kl(p, q, base=e)",
          "The KL divergence KL(p || q) = sum p log(p/q) >= 0, per distribution (vector) or per "
          "row (matrix); H(p, q) = H(p) + KL(p || q).",
          [](Call& c) {
              c.requireCount(2, 2);
              const double base = baseArg(c);
              return perDistribution(math::kl(c.matrix(0), c.matrix(1), base));
          });
    r.add("perplexity", "perplexity(logprobs)",
          "exp(-mean(logprobs)) of natural log-probabilities of a text's tokens (a vector; one "
          "text per row of a matrix): 1 for perfect prediction, V for uniform over V tokens.",
          [](Call& c) {
              c.requireCount(1, 1);
              return perDistribution(math::perplexity(c.matrix(0)));
          });
    r.add("mutual_info", "mutual_info(Pxy, base=e)",
          "The mutual information I(X;Y) = H(X) - H(X|Y) of a joint probability table "
          "(rows x, columns y).",
          [](Call& c) {
              c.requireCount(1, 1);
              const double base = baseArg(c);
              return std::vector<Value>{Value(math::mutualInformation(c.matrix(0), base))};
          });
}

void registerSampling(Registry& r) {
    r.add("sampling", "sampling(logits, temperature=1, top_k=0, top_p=1) -> struct",
          "The next-token distribution after temperature (0 = greedy), top-k (0 = all) and "
          "top-p (nucleus): fields p, entropy, kept (token numbers, most probable first) and "
          "mass (the probability kept before renormalising).",
          [](Call& c) {
              c.requireCount(1, 1);
              const arma::mat logits = c.matrix(0);
              if (logits.n_rows != 1 && logits.n_cols != 1)
                  c.fail("logits must be a vector, got a " +
                         lang::shapeString(logits.n_rows, logits.n_cols) + " matrix");
              math::SamplingOptions o;
              o.temperature = c.keywordScalar("temperature", 1.0);
              const long long k = c.keywordInteger("top_k", 0);
              if (k < 0)
                  c.fail("top_k must be >= 0, got " + std::to_string(k));
              o.top_k = static_cast<arma::uword>(k);
              o.top_p = c.keywordScalar("top_p", 1.0);
              const math::SamplingResult s = math::sampling(arma::vectorise(logits), o);
              arma::mat kept(1, s.kept.n_elem);
              for (arma::uword i = 0; i < s.kept.n_elem; ++i)
                  kept(i) = static_cast<double>(s.kept(i) + 1);
              return std::vector<Value>{makeStruct(
                  {{"p",
                    Value(arma::mat(arma::reshape(arma::mat(s.p), logits.n_rows, logits.n_cols)))},
                   {"entropy", Value(s.entropy)},
                   {"kept", Value(kept)},
                   {"mass", Value(s.mass)}})};
          });
    r.add("sample", "sample(p, n=1, seed=…)",
          "n token numbers drawn from the distribution p (a row), reproducible from the "
          "notebook's seed; seed= restarts the generator first, like rng(seed).",
          [](Call& c) {
              c.requireCount(1, 2);
              const arma::vec p = vectorArg(c, 0, "p");
              math::checkDistributions(p, "sample", "p");
              const long long n = c.has(1) ? c.integer(1) : 1;
              if (n < 0)
                  c.fail("n must be non-negative, got " + std::to_string(n));
              if (n > 100000000)
                  c.fail("n = " + std::to_string(n) + " draws is too many (at most 1e8)");
              if (c.hasKeyword("seed")) {
                  const long long seed = c.keywordInteger("seed", 0);
                  if (seed < 0)
                      c.fail("seed must be non-negative, got " + std::to_string(seed));
                  c.context().reseed(static_cast<std::uint64_t>(seed));
              }
              const arma::vec cdf = math::cumulativeDistribution(p);
              arma::mat out(1, static_cast<arma::uword>(n));
              std::mt19937_64& rng = c.context().rng();
              for (arma::uword i = 0; i < out.n_elem; ++i) {
                  if (i % 65536 == 65535)
                      c.context().checkCancelled();
                  out(i) = static_cast<double>(math::inverseCdf(cdf, uniform01(rng)) + 1);
              }
              return std::vector<Value>{Value(std::move(out))};
          });
}

}  // namespace

void registerInformation(Registry& r) {
    registerInformationMeasures(r);
    registerSampling(r);
}

}  // namespace lemma::builtins
