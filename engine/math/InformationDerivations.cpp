// The built-in information-theory derivations (see InformationDerivations.h).
#include "engine/math/InformationDerivations.h"

#include <cmath>

#include "engine/core/Error.h"
#include "engine/math/InfoTheory.h"

namespace lemma::math {

namespace {

arma::mat scalar(double x) {
    return arma::mat(1, 1, arma::fill::value(x));
}

}  // namespace

Derivation crossEntropyKl(const arma::mat& pIn, const arma::mat& qIn) {
    const std::string who = "derive: ce_kl";
    if (pIn.n_rows != 1 && pIn.n_cols != 1)
        throw Error(who + ": p must be one distribution (a vector)");
    // The checked versions validate both and name the entry where q is 0 but p is not.
    const double crossChecked = crossEntropy(pIn, qIn, 0.0, who)(0);
    const arma::vec p = arma::vectorise(pIn);
    const arma::vec q = arma::vectorise(qIn);
    double expectation = 0.0;
    for (arma::uword i = 0; i < p.n_elem; ++i) {
        if (p(i) > 0.0)
            expectation += p(i) * -std::log(q(i));
    }
    const double h = entropyOf(p);
    const double divergence = klOf(p, q);

    Derivation d;
    d.title = "Cross-entropy is entropy plus KL divergence";
    d.inputs = {{"p", pIn}, {"q", qIn}};
    d.add(R"(H(p, q) = -\sum_{i} p_i \log q_i = \mathbb{E}_{x \sim p}\bigl[-\log q(x)\bigr])",
          scalar(crossChecked), scalar(expectation),
          "The cross-entropy is the average surprise of outcomes drawn from p, measured by q "
          "(0 · log q = 0).",
          StepKind::Definition);
    d.add(
        R"(H(p, q) = -\sum_{i} p_i \log p_i + \sum_{i} p_i \log \frac{p_i}{q_i} = H(p) + \mathrm{KL}(p \,\|\, q))",
        scalar(crossChecked), scalar(h + divergence),
        "Adding and subtracting log pᵢ splits it into the entropy of p and the divergence of "
        "q from p.",
        StepKind::Identity, 1e-12);
    d.add(R"(\mathrm{KL}(p \,\|\, q) \ge 0 \;\Rightarrow\; H(p, q) \ge H(p))",
          scalar(std::min(crossChecked - h, 0.0)), scalar(0.0),
          "Gibbs' inequality: no model q predicts outcomes of p better than p itself, so the "
          "shortfall min(H(p, q) − H(p), 0) is 0.");
    d.add(R"(\mathrm{KL}(p \,\|\, q) = \mathrm{KL}(q \,\|\, p))", scalar(divergence),
          scalar(klOf(q, p)),
          "KL is not a distance: swapping its arguments changes its value (and can make it "
          "infinite).",
          StepKind::ExpectedFailure);
    d.result = scalar(crossChecked);
    return d;
}

Derivation perplexityDerivation(const arma::mat& logprobs) {
    const std::string who = "derive: perplexity";
    if (logprobs.n_rows != 1 && logprobs.n_cols != 1)
        throw Error(who + ": logprobs must be a vector (one text)");
    const double ppl = perplexity(logprobs, who)(0);
    const arma::vec lp = arma::vectorise(logprobs);
    const double N = static_cast<double>(lp.n_elem);
    const arma::vec p = arma::exp(lp);
    const double geometric = arma::prod(arma::vec(arma::pow(p, -1.0 / N)));
    const double bits = -arma::mean(lp) / std::log(2.0);
    const double V = std::max(1.0, std::ceil(ppl - 1e-9));
    const arma::mat uniform(lp.n_elem, 1, arma::fill::value(-std::log(V)));

    Derivation d;
    d.title = "Perplexity is an effective vocabulary size";
    d.inputs = {{"logprobs", logprobs}};
    d.add(
        R"(\mathrm{PPL} = \exp\Bigl(-\frac{1}{N} \sum_{i=1}^{N} \log p_i\Bigr) = \Bigl(\prod_{i=1}^{N} p_i\Bigr)^{-1/N})",
        scalar(ppl), scalar(geometric),
        "The exponential of the average negative log-likelihood is the inverse geometric "
        "mean of the probabilities the model gave the text.",
        StepKind::Definition);
    d.add(R"(\mathrm{PPL} = 2^{H_2}, \qquad H_2 = -\frac{1}{N} \sum_{i=1}^{N} \log_2 p_i)",
          scalar(std::pow(2.0, bits)), scalar(ppl),
          "Measured in bits the same quantity is 2 to the cross-entropy.");
    d.add(
        R"(p_i = \frac{1}{V} \;\Rightarrow\; \mathrm{PPL} = V \qquad (V = \lceil \mathrm{PPL} \rceil))",
        scalar(perplexity(uniform, who)(0)), scalar(V),
        "A model as unsure as a uniform choice among V tokens has perplexity V: perplexity "
        "counts the tokens the model is effectively choosing between.");
    d.add(R"(\mathrm{PPL} = \Bigl(\frac{1}{N} \sum_{i=1}^{N} p_i\Bigr)^{-1})", scalar(ppl),
          scalar(1.0 / arma::mean(p)),
          "The inverse of the average probability is smaller (the arithmetic mean exceeds the "
          "geometric one); they agree only when every pᵢ is the same.",
          StepKind::ExpectedFailure);
    d.result = scalar(ppl);
    return d;
}

}  // namespace lemma::math
