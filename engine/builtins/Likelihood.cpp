// Likelihood as builtins: nll, loglik (single parameters, curves and surfaces over a grid), mle
// with standard errors and Wald intervals, and n-gram models. The mathematics and its error
// messages live in engine/math (Mle, NGram, InfoTheory).
#include <cmath>
#include <string>
#include <vector>

#include "engine/lang/Builtin.h"
#include "engine/builtins/DerivationValues.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/math/InfoTheory.h"
#include "engine/math/Mle.h"
#include "engine/math/NGram.h"

namespace lemma::builtins {

namespace {

arma::vec dataArg(const Call& c, std::size_t i) {
    return arma::vectorise(c.matrix(i));
}

std::vector<Value> one(Value v) {
    return {std::move(v)};
}

void registerNll(Registry& r) {
    r.add("nll", "nll(P, y), nll(logprobs)",
          "The average negative log-likelihood of class numbers y under the rows of P (one "
          "distribution per example, or one row for all), or -mean(logprobs).",
          [](Call& c) {
              c.requireCount(1, 2);
              if (!c.has(1)) {
                  // perplexity checks the log-probabilities and is exp(nll).
                  return one(Value(std::log(math::perplexity(c.matrix(0), "nll")(0))));
              }
              arma::mat P = c.matrix(0);
              const arma::vec y = dataArg(c, 1);
              if (P.n_rows == 1 || P.n_cols == 1)
                  P = math::asDistributionRows(P);
              math::checkDistributions(P, "nll", "P");
              if (P.n_rows != 1 && P.n_rows != y.n_elem)
                  c.fail("P has " + std::to_string(P.n_rows) + " rows but y has " +
                         std::to_string(y.n_elem) + " targets");
              if (y.is_empty())
                  c.fail("y is empty");
              double total = 0.0;
              for (arma::uword i = 0; i < y.n_elem; ++i) {
                  const double k = y(i);
                  if (k < 1.0 || k > static_cast<double>(P.n_cols) || k != std::floor(k))
                      c.fail("y(" + std::to_string(i + 1) + ") = " + support::shortest(k) +
                             " is not a class number 1…" + std::to_string(P.n_cols));
                  total -= std::log(P(P.n_rows == 1 ? 0 : i, static_cast<arma::uword>(k) - 1));
              }
              return one(Value(total / static_cast<double>(y.n_elem)));
          });
}

void registerLoglik(Registry& r) {
    r.add("loglik", "loglik(model, data, theta), loglik(\"gaussian\", data, mu, sigma2)",
          "The log-likelihood of data under \"bernoulli\" (theta = p), \"categorical\" (a "
          "distribution), \"gaussian\" ([mu sigma2]) or \"poisson\" (lambda). A grid of p or "
          "lambda gives a curve of the same shape; a matrix of rows gives one value per row; "
          "mu and sigma2 broadcast to a surface (mu a row, sigma2 a column).",
          [](Call& c) {
              c.requireCount(3, 4);
              const math::LikelihoodModel model = math::likelihoodModel(c.string(0), "loglik");
              const arma::vec data = dataArg(c, 1);
              using M = math::LikelihoodModel;
              if (c.has(3)) {
                  if (model != M::Gaussian)
                      c.fail("a fourth argument (sigma2) only goes with \"gaussian\"");
                  const arma::mat mu = c.matrix(2);
                  const arma::mat s2 = c.matrix(3);
                  const arma::mat surface = support::broadcast(c, mu, s2, [&](double m, double v) {
                      return math::logLikelihood(model, data, arma::vec({m, v}), "loglik");
                  });
                  return one(Value(surface));
              }
              const arma::mat theta = c.matrix(2);
              if (model == M::Bernoulli || model == M::Poisson) {
                  arma::mat out(arma::size(theta));
                  for (arma::uword i = 0; i < theta.n_elem; ++i)
                      out(i) = math::logLikelihood(model, data, arma::vec({theta(i)}), "loglik");
                  return one(Value(out));
              }
              const arma::uword perRow = model == M::Gaussian ? 2 : theta.n_cols;
              const bool single = theta.n_elem == perRow || theta.n_rows == 1 ||
                                  (theta.n_cols == 1 && model == M::Categorical);
              if (single)
                  return one(
                      Value(math::logLikelihood(model, data, arma::vectorise(theta), "loglik")));
              if (theta.n_cols != perRow)
                  c.fail("theta must have " + std::to_string(perRow) +
                         " columns [mu sigma2], got " + support::shape(theta));
              arma::mat out(theta.n_rows, 1);
              for (arma::uword i = 0; i < theta.n_rows; ++i)
                  out(i) = math::logLikelihood(model, data, theta.row(i).t(), "loglik");
              return one(Value(out));
          });
}

void registerMle(Registry& r) {
    r.add("mle", "mle(data, model) -> struct",
          "Maximum-likelihood estimate for \"bernoulli\", \"categorical\", \"gaussian\" or "
          "\"poisson\": fields estimate, loglik, se (from the Fisher information), ci (95% Wald, "
          "one row per parameter) and, for the Gaussian ([mu sigma2]), unbiased_var.",
          [](Call& c) {
              c.requireCount(2, 2);
              const math::LikelihoodModel model = math::likelihoodModel(c.string(1), "mle");
              const math::MleResult m = math::mle(dataArg(c, 0), model);
              lang::StructData s;
              s.set("estimate", Value(arma::mat(m.estimate)));
              s.set("loglik", Value(m.loglik));
              s.set("se", Value(arma::mat(m.se)));
              s.set("ci", Value(m.ci));
              if (m.unbiased_var)
                  s.set("unbiased_var", Value(*m.unbiased_var));
              return one(Value(std::move(s)));
          });
}

double smoothingArg(Call& c) {
    const std::optional<Value> v = c.keyword("smoothing");
    if (!v)
        return 0.0;
    if (v->isString()) {
        if (v->string() == "none" || v->string() == "mle")
            return 0.0;
        if (v->string() == "laplace" || v->string() == "add-one")
            return 1.0;
        c.fail("smoothing must be a number alpha (add-alpha), \"laplace\" or \"none\", got \"" +
               v->string() + "\"");
    }
    if (!v->isReal() || !v->isScalar())
        c.fail("smoothing must be a number alpha (add-alpha), \"laplace\" or \"none\"");
    return v->real()(0);
}

void registerNgram(Registry& r) {
    r.add("ngram", "ngram(tokens, n, smoothing=0, heldout=…, vocab=…) -> struct",
          "An n-gram model of a token sequence (numbers 1…V): fields order, vocab, contexts (one "
          "row per context seen), counts and probs (contexts × V conditional tables), loglik, "
          "perplexity, and heldout_perplexity with heldout=. smoothing is add-alpha "
          "(\"laplace\" = 1).",
          [](Call& c) {
              c.requireCount(2, 2);
              const arma::vec tokens = dataArg(c, 0);
              const long long n = c.integer(1);
              if (n < 1)
                  c.fail("the order n must be at least 1, got " + std::to_string(n));
              math::NGramOptions o;
              o.smoothing = smoothingArg(c);
              const long long vocab = c.keywordInteger("vocab", 0);
              if (vocab < 0)
                  c.fail("vocab must be positive, got " + std::to_string(vocab));
              o.vocab = static_cast<arma::uword>(vocab);
              std::optional<arma::vec> heldout;
              if (std::optional<Value> h = c.keyword("heldout")) {
                  if (!h->isReal())
                      c.fail("heldout must be a vector of token numbers");
                  heldout = arma::vectorise(h->real());
                  if (!heldout->is_empty())
                      o.vocab = std::max(o.vocab, math::checkTokens(*heldout, "ngram", "heldout"));
              }
              const math::NGramModel m = math::ngram(tokens, static_cast<arma::uword>(n), o);
              lang::StructData s;
              s.set("order", Value(static_cast<double>(m.order)));
              s.set("vocab", Value(static_cast<double>(m.vocab)));
              s.set("contexts", Value(m.contexts));
              s.set("counts", Value(m.counts));
              s.set("probs", Value(m.probs));
              s.set("loglik", Value(m.loglik));
              s.set("perplexity", Value(m.perplexity));
              if (heldout)
                  s.set("heldout_perplexity", Value(math::ngramPerplexity(m, *heldout)));
              return one(Value(std::move(s)));
          });
}

}  // namespace

void registerLikelihood(Registry& r) {
    registerNll(r);
    registerLoglik(r);
    registerMle(r);
    registerNgram(r);
}

}  // namespace lemma::builtins
