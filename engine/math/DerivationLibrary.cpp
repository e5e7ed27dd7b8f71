// The built-in derivations by name, with their default inputs (see DerivationLibrary.h).
#include "engine/math/DerivationLibrary.h"

#include <optional>

#include "engine/core/Error.h"
#include "engine/math/GradientDerivations.h"
#include "engine/math/InformationDerivations.h"
#include "engine/math/MleDerivations.h"

namespace lemma::math {

namespace {

// Argument i, or the default when the caller gave fewer.
arma::mat argOr(const std::vector<arma::mat>& args, std::size_t i, const arma::mat& fallback) {
    return i < args.size() ? args[i] : fallback;
}

arma::vec asVec(const arma::mat& m) {
    return arma::vectorise(m);
}

double scalarArg(const std::vector<arma::mat>& args, std::size_t i, double fallback,
                 const std::string& who, const std::string& name) {
    if (i >= args.size())
        return fallback;
    if (args[i].n_elem != 1)
        throw Error("derive: " + who + ": " + name + " must be a scalar");
    return args[i](0);
}

}  // namespace

const std::vector<DerivationSpec>& derivationSpecs() {
    static const std::vector<DerivationSpec> specs = {
        {"mle_cross_entropy",
         {"tokens", "theta"},
         "from the likelihood of a token sequence to the average negative log-likelihood"},
        {"bernoulli_mle", {"x"}, "p̂ = k/n, its score, Fisher information and standard error"},
        {"gaussian_mle", {"x"}, "μ̂ = mean, σ̂² = (1/n) Σ (x − μ̂)² and the n/(n − 1) bias"},
        {"categorical_mle", {"counts"}, "p̂ = counts/N with a Lagrange multiplier"},
        {"softmax_jacobian", {"z"}, "∂σᵢ/∂zⱼ = σᵢ(δᵢⱼ − σⱼ)"},
        {"softmax_ce_grad", {"z", "y"}, "∂L/∂z = ŷ − y for softmax + cross-entropy"},
        {"layernorm_grad", {"x", "gamma", "beta", "dy"}, "the LayerNorm gradient's three terms"},
        {"chain_rule", {"w"}, "dL/dw through f(g(h(w)))"},
        {"ce_kl", {"p", "q"}, "H(p, q) = H(p) + KL(p ‖ q)"},
        {"perplexity", {"logprobs"}, "exp(average NLL) as an effective vocabulary size"},
        {"map_weight_decay", {"X", "y", "lambda"}, "an L2 penalty is a Gaussian prior"},
    };
    return specs;
}

Derivation builtinDerivation(const std::string& name, const std::vector<arma::mat>& args,
                             double eps) {
    const DerivationSpec* spec = nullptr;
    for (const DerivationSpec& s : derivationSpecs()) {
        if (s.name == name)
            spec = &s;
    }
    if (!spec) {
        std::string names;
        for (const DerivationSpec& s : derivationSpecs())
            names += (names.empty() ? "" : ", ") + s.name;
        throw Error("derive: unknown derivation \"" + name + "\" (one of " + names + ")");
    }
    if (args.size() > spec->parameters.size()) {
        std::string params;
        for (const std::string& p : spec->parameters)
            params += (params.empty() ? "" : ", ") + p;
        const std::size_t most = spec->parameters.size();
        throw Error("derive: " + name + " takes at most " + std::to_string(most) +
                    (most == 1 ? " input (" : " inputs (") + params + "), got " +
                    std::to_string(args.size()));
    }
    if (name == "mle_cross_entropy") {
        // "the cat sat on the mat the cat ate": the=1 cat=2 sat=3 on=4 mat=5 ate=6.
        const arma::mat tokens = argOr(args, 0, arma::mat({{1, 2, 3, 4, 1, 5, 1, 2, 6}}));
        std::optional<arma::vec> theta;
        if (args.size() > 1)
            theta = asVec(args[1]);
        return mleCrossEntropy(asVec(tokens), theta);
    }
    if (name == "bernoulli_mle")
        return bernoulliMle(asVec(argOr(args, 0, arma::mat({{1, 0, 1, 1, 0, 1, 1, 1, 0, 1}}))));
    if (name == "gaussian_mle")
        return gaussianMle(
            asVec(argOr(args, 0, arma::mat({{2.1, 3.4, 1.9, 2.8, 3.3, 2.5, 2.2, 3.0}}))));
    if (name == "categorical_mle")
        return categoricalMle(argOr(args, 0, arma::mat({{6, 3, 1, 0}})));
    if (name == "softmax_jacobian")
        return softmaxJacobian(argOr(args, 0, arma::mat({{1.0, 2.0, 0.5, -1.0}})));
    if (name == "softmax_ce_grad")
        return softmaxCrossEntropyGradient(argOr(args, 0, arma::mat({{1.0, 2.0, 0.5, -1.0}})),
                                           argOr(args, 1, arma::mat({{0, 1, 0, 0}})));
    if (name == "layernorm_grad")
        return layerNormGradient(argOr(args, 0, arma::mat({{1.0, -2.0, 0.5, 3.0}})),
                                 argOr(args, 1, arma::mat({{1.0, 0.5, 2.0, 1.5}})),
                                 argOr(args, 2, arma::mat({{0.0, 0.1, -0.1, 0.2}})),
                                 argOr(args, 3, arma::mat({{0.3, -0.5, 1.0, 0.2}})), eps);
    if (name == "chain_rule")
        return chainRule(argOr(args, 0, arma::mat({{0.3, 0.8, 1.2}})));
    if (name == "ce_kl")
        return crossEntropyKl(argOr(args, 0, arma::mat({{0.5, 0.3, 0.2}})),
                              argOr(args, 1, arma::mat({{0.25, 0.5, 0.25}})));
    if (name == "perplexity")
        return perplexityDerivation(
            argOr(args, 0, arma::mat(arma::log(arma::mat({{0.5, 0.25, 0.1, 0.4, 0.05}})))));
    // map_weight_decay
    const arma::mat X = argOr(
        args, 0,
        arma::mat({{1.0, 0.5}, {0.8, 1.2}, {-0.3, 0.9}, {1.5, -0.4}, {0.2, 0.7}, {-1.0, 0.3}}));
    const arma::mat y = argOr(args, 1, arma::mat(arma::vec({1.2, 1.9, 0.4, 1.1, 0.8, -0.6})));
    return mapWeightDecay(X, asVec(y), scalarArg(args, 2, 0.5, name, "lambda"));
}

}  // namespace lemma::math
