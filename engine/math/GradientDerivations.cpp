// The built-in gradient derivations (see GradientDerivations.h). Numeric sides come from
// central differences (GradCheck.h) and are compared with a tolerance of 1e-6.
#include "engine/math/GradientDerivations.h"

#include <cmath>

#include "engine/core/Error.h"
#include "engine/math/Format.h"
#include "engine/math/GradCheck.h"
#include "engine/math/InfoTheory.h"

namespace lemma::math {

namespace {

constexpr double kDifferenceTol = 1e-6;

arma::mat scalar(double x) {
    return arma::mat(1, 1, arma::fill::value(x));
}

// A non-empty finite vector, as a column.
arma::vec vectorArg(const arma::mat& m, const std::string& who, const std::string& arg) {
    if (m.is_empty())
        throw Error("derive: " + who + ": " + arg + " is empty");
    if (m.n_rows != 1 && m.n_cols != 1)
        throw Error("derive: " + who + ": " + arg + " must be a vector, got " + shapeOf(m));
    if (!m.is_finite())
        throw Error("derive: " + who + ": " + arg + " contains NaN or Inf");
    return arma::vectorise(m);
}

// v in the shape of `like` (a row stays a row).
arma::mat shaped(const arma::vec& v, const arma::mat& like) {
    return arma::reshape(arma::mat(v), like.n_rows, like.n_cols);
}

double logSumExp(const arma::vec& z) {
    const double m = z.max();
    return m + std::log(arma::accu(arma::exp(z - m)));
}

// A scalar or a d-vector broadcast to d entries.
arma::vec perFeature(const arma::mat& m, arma::uword d, const std::string& arg) {
    if (m.n_elem == 1)
        return arma::vec(d, arma::fill::value(m(0)));
    const arma::vec v = vectorArg(m, "layernorm_grad", arg);
    if (v.n_elem != d)
        throw Error("derive: layernorm_grad: " + arg + " has " + std::to_string(v.n_elem) +
                    " entries but x has " + std::to_string(d) +
                    " (give a scalar or one per "
                    "feature)");
    return v;
}

}  // namespace

arma::vec softmaxVector(const arma::vec& z) {
    arma::vec e = arma::exp(z - z.max());
    return e / arma::accu(e);
}

Derivation softmaxJacobian(const arma::mat& zIn) {
    const arma::vec z = vectorArg(zIn, "softmax_jacobian", "z");
    const arma::vec s = softmaxVector(z);
    const arma::vec direct = arma::exp(z) / arma::accu(arma::exp(z));
    const arma::mat J = arma::diagmat(s) - s * s.t();
    const arma::mat numeric = numericJacobian(softmaxVector, z);
    const arma::uword d = z.n_elem;

    Derivation dv;
    dv.title = "The softmax Jacobian";
    dv.inputs = {{"z", zIn}};
    dv.add(
        R"(\sigma(z)_i = \frac{e^{z_i}}{\sum_{j} e^{z_j}} = \frac{e^{z_i - m}}{\sum_{j} e^{z_j - m}}, \quad m = \max_j z_j)",
        arma::mat(direct), arma::mat(s),
        "Subtracting the largest logit changes nothing and keeps exp from overflowing.",
        StepKind::Definition);
    dv.add(
        R"(\frac{\partial \sigma_i}{\partial z_j} = \sigma_i (\delta_{ij} - \sigma_j), \qquad J = \operatorname{diag}(\sigma) - \sigma \sigma^\top)",
        numeric, J,
        "Differentiating the quotient: the diagonal gains σᵢ, every entry loses σᵢσⱼ through "
        "the shared normaliser (against central differences).",
        StepKind::Identity, kDifferenceTol);
    dv.add(R"(J \mathbf{1} = \sigma - \sigma (\sigma^\top \mathbf{1}) = 0)",
           arma::mat(J * arma::vec(d, arma::fill::ones)), arma::mat(d, 1, arma::fill::zeros),
           "Adding the same constant to every logit leaves the softmax unchanged, so the rows of "
           "J sum to 0.");
    dv.add(R"(J = \operatorname{diag}\bigl(\sigma_i (1 - \sigma_i)\bigr))", numeric,
           arma::mat(arma::diagmat(s % (1.0 - s))),
           "Forgetting the off-diagonal terms: changing one logit moves every probability, "
           "because they share the normaliser.",
           StepKind::ExpectedFailure);
    dv.result = J;
    return dv;
}

Derivation softmaxCrossEntropyGradient(const arma::mat& zIn, const arma::mat& yIn) {
    const std::string who = "derive: softmax_ce_grad";
    const arma::vec z = vectorArg(zIn, "softmax_ce_grad", "z");
    const arma::uword d = z.n_elem;
    arma::vec y(d, arma::fill::zeros);
    if (yIn.n_elem == 1 && d > 1) {
        const double k = yIn(0);
        if (k < 1.0 || k > static_cast<double>(d) || k != std::floor(k))
            throw Error(who + ": the class y = " + formatNumber(k) + " is not one of 1…" +
                        std::to_string(d));
        y(static_cast<arma::uword>(k) - 1) = 1.0;
    } else {
        y = vectorArg(yIn, "softmax_ce_grad", "y");
        if (y.n_elem != d)
            throw Error(who + ": y has " + std::to_string(y.n_elem) + " entries but z has " +
                        std::to_string(d));
        checkDistributions(y, who, "y");
    }
    const arma::vec yHat = softmaxVector(z);
    auto loss = [&](const arma::mat& zz) {
        const arma::vec v = arma::vectorise(zz);
        return logSumExp(v) * arma::accu(y) - arma::dot(y, v);
    };
    double direct = 0.0;
    for (arma::uword i = 0; i < d; ++i) {
        if (y(i) > 0.0)
            direct -= y(i) * std::log(yHat(i));
    }
    const arma::mat J = arma::diagmat(yHat) - yHat * yHat.t();
    const arma::vec dLdyHat = -y / yHat;
    const arma::vec grad = yHat - y;
    const arma::vec numeric = arma::vectorise(numericGradient(loss, z));

    Derivation dv;
    dv.title = "The gradient of softmax + cross-entropy";
    dv.inputs = {{"z", zIn}, {"y", shaped(y, zIn)}};
    dv.add(
        R"(L = -\sum_{i} y_i \log \hat y_i = \log \sum_{j} e^{z_j} - \sum_{i} y_i z_i, \qquad \hat y = \sigma(z))",
        scalar(direct), scalar(loss(z)),
        "Since the targets sum to 1, the loss is the log-sum-exp of the logits minus the "
        "target-weighted logits.");
    dv.add(
        R"(\frac{\partial L}{\partial z} = J^\top \frac{\partial L}{\partial \hat y} = \bigl(\operatorname{diag}(\hat y) - \hat y \hat y^\top\bigr) \Bigl(-\frac{y}{\hat y}\Bigr) = \hat y - y)",
        arma::mat(J.t() * dLdyHat), arma::mat(grad),
        "The chain rule through the softmax Jacobian collapses to prediction minus target.");
    dv.add(R"(\frac{\partial L}{\partial z} = \hat y - y)", arma::mat(numeric), arma::mat(grad),
           "The same gradient against central differences of the loss.", StepKind::Identity,
           kDifferenceTol);
    dv.add(R"(\sum_{i} \frac{\partial L}{\partial z_i} = \sum_i \hat y_i - \sum_i y_i = 0)",
           scalar(arma::accu(grad)), scalar(0.0),
           "Both distributions sum to 1, so the gradient has no component along 1.");
    dv.add(R"(\frac{\partial L}{\partial z} = -\frac{y}{\hat y})", arma::mat(numeric),
           arma::mat(dLdyHat),
           "Stopping at ∂L/∂ŷ: forgetting the softmax Jacobian between the loss and the logits.",
           StepKind::ExpectedFailure);
    dv.result = shaped(grad, zIn);
    return dv;
}

Derivation layerNormGradient(const arma::mat& xIn, const arma::mat& gammaIn,
                             const arma::mat& betaIn, const arma::mat& dyIn, double eps) {
    const std::string who = "derive: layernorm_grad";
    const arma::vec x = vectorArg(xIn, "layernorm_grad", "x");
    const arma::uword d = x.n_elem;
    if (d < 2)
        throw Error(who + ": x needs at least two features");
    if (gammaIn.is_empty() || !gammaIn.is_finite() || betaIn.is_empty() || !betaIn.is_finite())
        throw Error(who + ": gamma and beta must be finite scalars or vectors");
    const arma::vec gamma = perFeature(gammaIn, d, "gamma");
    const arma::vec beta = perFeature(betaIn, d, "beta");
    const arma::vec dy = vectorArg(dyIn, "layernorm_grad", "dy");
    if (dy.n_elem != d)
        throw Error(who + ": dy has " + std::to_string(dy.n_elem) + " entries but x has " +
                    std::to_string(d));
    if (!(eps > 0.0) || !std::isfinite(eps))
        throw Error(who + ": eps must be positive, got " + formatNumber(eps));
    const bool scalarGamma = gammaIn.n_elem == 1;
    const bool scalarBeta = betaIn.n_elem == 1;

    auto forward = [&](const arma::vec& xx, const arma::vec& g, const arma::vec& b) -> arma::vec {
        const double mu = arma::mean(xx);
        const double var = arma::mean(arma::square(xx - mu));
        return g % ((xx - mu) / std::sqrt(var + eps)) + b;
    };
    const double mu = arma::mean(x);
    const double var = arma::mean(arma::square(x - mu));
    const double r = 1.0 / std::sqrt(var + eps);
    const arma::vec xHat = (x - mu) * r;
    const arma::vec g = gamma % dy;
    const arma::vec dx = r * (g - arma::mean(g) - xHat * arma::mean(g % xHat));

    const arma::mat dGammaNumeric = numericGradient(
        [&](const arma::mat& gg) {
            const arma::vec gv = scalarGamma ? arma::vec(d, arma::fill::value(gg(0)))
                                             : arma::vec(arma::vectorise(gg));
            return arma::dot(dy, forward(x, gv, beta));
        },
        scalarGamma ? scalar(gamma(0)) : arma::mat(gamma));
    const arma::mat dGamma =
        scalarGamma ? scalar(arma::dot(dy, xHat)) : arma::mat(arma::vec(dy % xHat));
    const arma::mat dBetaNumeric = numericGradient(
        [&](const arma::mat& bb) {
            const arma::vec bv = scalarBeta ? arma::vec(d, arma::fill::value(bb(0)))
                                            : arma::vec(arma::vectorise(bb));
            return arma::dot(dy, forward(x, gamma, bv));
        },
        scalarBeta ? scalar(beta(0)) : arma::mat(beta));
    const arma::mat dBeta = scalarBeta ? scalar(arma::accu(dy)) : arma::mat(dy);
    const arma::vec dxNumeric = arma::vectorise(numericGradient(
        [&](const arma::mat& xx) {
            return arma::dot(dy, forward(arma::vectorise(xx), gamma, beta));
        },
        x));

    Derivation dv;
    dv.title = "The LayerNorm gradient";
    dv.inputs = {
        {"x", xIn}, {"gamma", gammaIn}, {"beta", betaIn}, {"dy", dyIn}, {"eps", scalar(eps)}};
    dv.add(
        R"(\hat x_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}: \quad \frac{1}{d} \sum_{i} \hat x_i = 0, \quad \frac{1}{d} \sum_{i} \hat x_i^2 = \frac{\sigma^2}{\sigma^2 + \epsilon})",
        arma::mat(arma::vec({arma::mean(xHat), arma::mean(arma::square(xHat))})),
        arma::mat(arma::vec({0.0, var / (var + eps)})),
        "Normalising centres the features and scales them to (almost) unit variance; "
        "y = γ x̂ + β then restores a learnt scale and shift.",
        StepKind::Definition);
    dv.add(
        R"(\frac{\partial L}{\partial \gamma} = \sum_{i} \frac{\partial L}{\partial y_i} \, \hat x_i \quad \text{(per feature when } \gamma \text{ is a vector)})",
        dGammaNumeric, dGamma, "The scale's gradient, against central differences.",
        StepKind::Identity, kDifferenceTol);
    dv.add(
        R"(\frac{\partial L}{\partial \beta} = \sum_{i} \frac{\partial L}{\partial y_i} \quad \text{(per feature when } \beta \text{ is a vector)})",
        dBetaNumeric, dBeta, "The shift's gradient, against central differences.",
        StepKind::Identity, kDifferenceTol);
    dv.add(
        R"(\frac{\partial L}{\partial x_i} = \frac{1}{\sqrt{\sigma^2 + \epsilon}} \Bigl[g_i - \frac{1}{d} \sum_{j} g_j - \hat x_i \, \frac{1}{d} \sum_{j} g_j \hat x_j\Bigr], \qquad g_i = \gamma_i \frac{\partial L}{\partial y_i})",
        arma::mat(dxNumeric), arma::mat(dx),
        "Three terms: the direct path, the path through the mean μ and the path through the "
        "variance σ² (against central differences).",
        StepKind::Identity, kDifferenceTol);
    dv.add(R"(\sum_{i} \frac{\partial L}{\partial x_i} = 0)", scalar(arma::accu(dx)), scalar(0.0),
           "Shifting every feature by the same amount changes nothing, so the gradient has no "
           "component along 1.");
    dv.add(R"(\frac{\partial L}{\partial x_i} = \frac{g_i}{\sqrt{\sigma^2 + \epsilon}})",
           arma::mat(dxNumeric), arma::mat(g * r),
           "Treating μ and σ as constants drops the second and third terms.",
           StepKind::ExpectedFailure);
    dv.result = shaped(dx, xIn);
    return dv;
}

Derivation chainRule(const arma::mat& w) {
    if (w.is_empty())
        throw Error("derive: chain_rule: w is empty");
    if (!w.is_finite())
        throw Error("derive: chain_rule: w contains NaN or Inf");
    auto h = [](double t) { return t * t; };
    auto g = [](double u) { return std::sin(u); };
    auto f = [](double v) { return std::exp(v); };
    auto L = [&](double t) { return f(g(h(t))); };
    arma::mat composed(arma::size(w)), direct(arma::size(w)), numeric(arma::size(w)),
        product(arma::size(w)), reverse(arma::size(w)), forwardMode(arma::size(w)),
        missing(arma::size(w));
    for (arma::uword i = 0; i < w.n_elem; ++i) {
        const double t = w(i);
        const double u = h(t);
        const double v = g(u);
        composed(i) = L(t);
        direct(i) = std::exp(std::sin(t * t));
        const double step = differenceStep(t);
        numeric(i) = (L(t + step) - L(t - step)) / (2.0 * step);
        const double fPrime = std::exp(v);
        const double gPrime = std::cos(u);
        const double hPrime = 2.0 * t;
        product(i) = fPrime * gPrime * hPrime;
        // Reverse mode: adjoints from the output inwards.
        const double vBar = fPrime;
        const double uBar = vBar * gPrime;
        reverse(i) = uBar * hPrime;
        // Forward mode: tangents from the input outwards.
        const double uDot = hPrime;
        const double vDot = gPrime * uDot;
        forwardMode(i) = fPrime * vDot;
        missing(i) = fPrime * gPrime;
    }

    Derivation dv;
    dv.title = "The chain rule through three functions";
    dv.inputs = {{"w", w}};
    dv.add(R"(L(w) = f(g(h(w))), \qquad h(w) = w^2, \quad g(u) = \sin u, \quad f(v) = e^{v})",
           composed, direct, "A composition of three functions, evaluated at each w.",
           StepKind::Definition);
    dv.add(R"(\frac{dL}{dw} = f'(g(h(w))) \, g'(h(w)) \, h'(w) = e^{\sin w^2} \cos(w^2) \, 2w)",
           numeric, product,
           "The chain rule multiplies the three local derivatives (against central "
           "differences).",
           StepKind::Identity, kDifferenceTol);
    dv.add(
        R"(\bar v = f'(v), \;\; \bar u = \bar v \, g'(u), \;\; \bar w = \bar u \, h'(w) \quad = \quad \dot u = h'(w), \;\; \dot v = g'(u) \, \dot u, \;\; \dot L = f'(v) \, \dot v)",
        reverse, forwardMode,
        "Backpropagation (reverse mode, from the output inwards) and forward mode multiply the "
        "same factors in opposite orders.");
    dv.add(R"(\frac{dL}{dw} = f'(g(h(w))) \, g'(h(w)))", numeric, missing,
           "Forgetting the innermost factor h'(w) = 2w.", StepKind::ExpectedFailure);
    dv.result = product;
    return dv;
}

}  // namespace lemma::math
