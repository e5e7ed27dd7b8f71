// The built-in maximum-likelihood derivations (see MleDerivations.h). The TeX of each step is
// the formula shown; lhs and rhs compute its two sides by different routes on the data.
#include "engine/math/MleDerivations.h"

#include <cmath>

#include "engine/core/Error.h"
#include "engine/math/Format.h"
#include "engine/math/GradCheck.h"
#include "engine/math/InfoTheory.h"
#include "engine/math/Mle.h"
#include "engine/math/NGram.h"

namespace lemma::math {

namespace {

constexpr double kDifferenceTol = 1e-6;

arma::mat scalar(double x) {
    return arma::mat(1, 1, arma::fill::value(x));
}

double xlogy(double x, double y) {
    return x == 0.0 ? 0.0 : x * std::log(y);
}

void requireFinite(const arma::mat& m, const std::string& who, const std::string& arg) {
    if (m.is_empty())
        throw Error("derive: " + who + ": " + arg + " is empty");
    if (!m.is_finite())
        throw Error("derive: " + who + ": " + arg + " contains NaN or Inf");
}

}  // namespace

Derivation mleCrossEntropy(const arma::vec& tokens, const std::optional<arma::vec>& thetaIn) {
    const std::string who = "derive: mle_cross_entropy";
    if (tokens.is_empty())
        throw Error(who + ": tokens is empty");
    const arma::uword largest = checkTokens(tokens, who, "tokens");
    const double N = static_cast<double>(tokens.n_elem);
    const arma::uword V = thetaIn ? std::max(largest, thetaIn->n_elem) : largest;
    arma::vec c(V, arma::fill::zeros);
    for (const double t : tokens)
        c(static_cast<arma::uword>(t) - 1) += 1.0;
    const arma::vec pHat = c / N;
    arma::vec theta = pHat;
    if (thetaIn) {
        if (thetaIn->n_elem < largest)
            throw Error(who + ": theta has " + std::to_string(thetaIn->n_elem) +
                        " entries but the tokens go up to " + std::to_string(largest));
        checkDistributions(*thetaIn, who, "theta");
        theta = *thetaIn;
        for (arma::uword v = 0; v < V; ++v) {
            if (c(v) > 0.0 && theta(v) == 0.0)
                throw Error(who + ": theta(" + std::to_string(v + 1) + ") is 0 but token " +
                            std::to_string(v + 1) + " occurs, so the likelihood is 0");
        }
    }
    arma::vec thx(tokens.n_elem);
    for (arma::uword i = 0; i < tokens.n_elem; ++i)
        thx(i) = theta(static_cast<arma::uword>(tokens(i)) - 1);
    const double product = arma::prod(thx);
    const double logL = arma::accu(arma::log(thx));
    double grouped = 0.0;
    for (arma::uword v = 0; v < V; ++v)
        grouped += xlogy(c(v), theta(v));
    double powers = 1.0;
    for (arma::uword v = 0; v < V; ++v)
        powers *= std::pow(theta(v), c(v));
    double logLHat = 0.0;
    for (arma::uword v = 0; v < V; ++v)
        logLHat += xlogy(c(v), pHat(v));

    Derivation d;
    d.title = "From the likelihood of a corpus to the cross-entropy loss";
    d.inputs = {{"tokens", tokens.t()}, {"theta", theta.t()}};
    d.add(
        R"(P_\theta(x_1, \dots, x_N) = \prod_{i=1}^{N} P_\theta(x_i \mid x_{<i}) = \prod_{v=1}^{V} \theta_v^{c_v})",
        scalar(product), scalar(powers),
        "The chain rule of probability makes the corpus's probability a product of next-token "
        "probabilities; a unigram model ignores the context, so equal tokens group into powers "
        "of their counts c_v.");
    d.add(
        R"(\log L(\theta) = \log \prod_{i=1}^{N} \theta_{x_i} = \sum_{i=1}^{N} \log \theta_{x_i})",
        scalar(std::log(product)), scalar(logL),
        "The logarithm turns the product into a sum, which stays representable where the "
        "product of many small probabilities underflows.");
    d.add(R"(\sum_{i=1}^{N} \log \theta_{x_i} = \sum_{v=1}^{V} c_v \log \theta_v)", scalar(logL),
          scalar(grouped), "Only the counts matter: they are sufficient statistics.");
    d.add(
        R"(-\log L(\theta) - \bigl(-\log L(\hat p)\bigr) = N \, \mathrm{KL}(\hat p \,\|\, \theta) \ge 0)",
        scalar(-logL + logLHat), scalar(N * klOf(pHat, theta)),
        "Flipping the sign turns the maximum into a minimum: the negative log-likelihood "
        "exceeds its value at the frequencies p̂ = c/N by N times a KL divergence, so p̂ is the "
        "maximum-likelihood estimate.");
    d.add(
        R"(-\frac{1}{N} \log L(\theta) = -\sum_{v=1}^{V} \hat p_v \log \theta_v = H(\hat p, \theta))",
        scalar(-logL / N), scalar(crossEntropyOf(pHat, theta)),
        "Averaging over the N tokens gives the cross-entropy between the data's frequencies "
        "and the model: the cross-entropy loss is the average negative log-likelihood.");
    d.add(R"(-\frac{1}{N} \log L(\theta) = -\frac{1}{V} \sum_{v=1}^{V} \log \theta_v)",
          scalar(-logL / N), scalar(-arma::mean(arma::log(theta))),
          "A common slip: averaging over the vocabulary instead of over the tokens drops the "
          "weights c_v/N.",
          StepKind::ExpectedFailure);
    d.result = scalar(-logL / N);
    return d;
}

Derivation bernoulliMle(const arma::vec& x) {
    const std::string who = "derive: bernoulli_mle";
    requireFinite(x, "bernoulli_mle", "x");
    for (arma::uword i = 0; i < x.n_elem; ++i) {
        if (x(i) != 0.0 && x(i) != 1.0)
            throw Error(who + ": x(" + std::to_string(i + 1) + ") = " + formatNumber(x(i)) +
                        " is not 0 or 1");
    }
    const double n = static_cast<double>(x.n_elem);
    const double k = arma::accu(x);
    if (k == 0.0 || k == n)
        throw Error(who + ": x needs both outcomes (k = " + formatNumber(k) +
                    " of n = " + formatNumber(n) + "); at p̂ = " + formatNumber(k / n) +
                    " the score is undefined");
    const double pHat = k / n;
    const arma::rowvec grid = arma::linspace<arma::rowvec>(0.1, 0.9, 9);
    auto logL = [&](double p) { return bernoulliLogLik(k, n, p); };
    auto score = [&](double p) { return k / p - (n - k) / (1.0 - p); };

    arma::rowvec perPoint(grid.n_elem), closed(grid.n_elem), numeric(grid.n_elem),
        analytic(grid.n_elem);
    for (arma::uword j = 0; j < grid.n_elem; ++j) {
        const double p = grid(j);
        perPoint(j) = arma::accu(x * std::log(p) + (1.0 - x) * std::log(1.0 - p));
        closed(j) = logL(p);
        const double h = differenceStep(p);
        numeric(j) = (logL(p + h) - logL(p - h)) / (2.0 * h);
        analytic(j) = score(p);
    }
    double best = logL(pHat);
    for (double p = 0.001; p < 0.9995; p += 0.001)
        best = std::max(best, logL(p));
    // A step small against the distance to 0 and 1, so that p̂ ± h stays inside (0, 1).
    const double h2 = 1e-4 * std::min(pHat, 1.0 - pHat);
    const double fisherNumeric = -(logL(pHat + h2) - 2.0 * logL(pHat) + logL(pHat - h2)) / (h2 * h2);
    const double fisher = n / (pHat * (1.0 - pHat));

    Derivation d;
    d.title = "The Bernoulli maximum-likelihood estimate";
    d.inputs = {{"x", x.t()}};
    d.add(
        R"(\log L(p) = \sum_{i=1}^{n} \bigl[x_i \log p + (1 - x_i) \log(1 - p)\bigr] = k \log p + (n - k) \log(1 - p))",
        perPoint, closed,
        "With k successes in n trials the log-likelihood depends on the data only through k "
        "(both sides on p = 0.1, 0.2, …, 0.9).",
        StepKind::Definition);
    d.add(R"(\frac{d}{dp} \log L(p) = \frac{k}{p} - \frac{n - k}{1 - p})", numeric, analytic,
          "The score, against central differences of the log-likelihood on the same grid.",
          StepKind::Identity, kDifferenceTol);
    d.add(R"(\frac{d}{dp} \log L(\hat p) = 0 \quad \text{at} \quad \hat p = \frac{k}{n})",
          scalar(score(pHat)), scalar(0.0),
          "Setting the score to zero gives the fraction of successes.", StepKind::Identity, 1e-9);
    d.add(R"(\log L(\hat p) = \max_{0 < p < 1} \log L(p))", scalar(logL(pHat)), scalar(best),
          "The stationary point is the maximum: no p on a grid of step 0.001 does better.");
    d.add(R"(I(\hat p) = -\frac{d^2}{dp^2} \log L(\hat p) = \frac{n}{\hat p (1 - \hat p)})",
          scalar(fisherNumeric), scalar(fisher),
          "The Fisher information is the curvature of the log-likelihood at its peak (second "
          "differences against the closed form).",
          StepKind::Identity, kDifferenceTol);
    d.add(R"(\mathrm{se}(\hat p) = I(\hat p)^{-1/2} = \sqrt{\hat p (1 - \hat p) / n})",
          scalar(1.0 / std::sqrt(fisherNumeric)), scalar(std::sqrt(pHat * (1.0 - pHat) / n)),
          "The standard error is one over the square root of the information.", StepKind::Identity,
          kDifferenceTol);
    d.add(R"(\operatorname{Var}(\hat p) = \hat p (1 - \hat p))", scalar(1.0 / fisher),
          scalar(pHat * (1.0 - pHat)),
          "Forgetting the 1/n: p(1 − p) is the variance of one trial, not of the average of n.",
          StepKind::ExpectedFailure);
    d.result = scalar(pHat);
    return d;
}

Derivation gaussianMle(const arma::vec& x) {
    const std::string who = "derive: gaussian_mle";
    requireFinite(x, "gaussian_mle", "x");
    if (x.n_elem < 2)
        throw Error(who + ": x needs at least two numbers");
    const double n = static_cast<double>(x.n_elem);
    const double mu = arma::mean(x);
    const double var = arma::mean(arma::square(x - mu));
    if (!(var > 0.0))
        throw Error(who + ": the numbers in x are all equal, so σ̂² = 0");
    const double s2 = arma::var(x);
    auto ell = [&](double m, double v) {
        return -0.5 * n * std::log(2.0 * arma::datum::pi * v) -
               arma::accu(arma::square(x - m)) / (2.0 * v);
    };
    const double sd = std::sqrt(var);
    const arma::rowvec mus = {mu, mu + sd, mu};
    const arma::rowvec vars = {var, var, 2.0 * var};
    arma::rowvec perPoint(3), closed(3);
    for (arma::uword j = 0; j < 3; ++j) {
        perPoint(j) = arma::accu(-0.5 * std::log(2.0 * arma::datum::pi * vars(j)) -
                                 arma::square(x - mus(j)) / (2.0 * vars(j)));
        closed(j) = ell(mus(j), vars(j));
    }
    const double off = mu + sd;
    const double hMu = differenceStep(off);
    const double scoreNumeric = (ell(off + hMu, var) - ell(off - hMu, var)) / (2.0 * hMu);
    const double scoreAnalytic = arma::accu(x - off) / var;
    const double curvature =
        -numericSecondDerivative([&](double m) { return ell(m, var); }, mu, sd);

    Derivation d;
    d.title = "The Gaussian maximum-likelihood estimates and the n/(n − 1) bias";
    d.inputs = {{"x", x.t()}};
    d.add(
        R"(\ell(\mu, \sigma^2) = \sum_{i=1}^{n} \log \mathcal{N}(x_i; \mu, \sigma^2) = -\frac{n}{2} \log(2 \pi \sigma^2) - \frac{1}{2 \sigma^2} \sum_{i=1}^{n} (x_i - \mu)^2)",
        perPoint, closed,
        "The log-likelihood, point by point and in closed form, at (μ̂, σ̂²), (μ̂ + σ̂, σ̂²) and "
        "(μ̂, 2σ̂²).",
        StepKind::Definition);
    d.add(R"(\frac{\partial \ell}{\partial \mu} = \frac{1}{\sigma^2} \sum_{i=1}^{n} (x_i - \mu))",
          scalar(scoreNumeric), scalar(scoreAnalytic),
          "The score in μ, against a central difference at μ = μ̂ + σ̂.", StepKind::Identity,
          kDifferenceTol);
    d.add(
        R"(\frac{\partial \ell}{\partial \mu}\Big|_{\mu = \bar x} = 0 \;\Rightarrow\; \hat\mu = \bar x)",
        scalar(arma::accu(x - mu) / var), scalar(0.0), "The score vanishes at the sample mean.",
        StepKind::Identity, 1e-8);
    d.add(
        R"(\frac{\partial \ell}{\partial \sigma^2} = -\frac{n}{2 \sigma^2} + \frac{1}{2 \sigma^4} \sum_{i=1}^{n} (x_i - \hat\mu)^2 = 0 \;\Rightarrow\; \hat\sigma^2 = \frac{1}{n} \sum_{i=1}^{n} (x_i - \bar x)^2)",
        scalar(-n / (2.0 * var) + arma::accu(arma::square(x - mu)) / (2.0 * var * var)),
        scalar(0.0), "The score in σ² vanishes at the mean squared deviation, which divides by n.",
        StepKind::Identity, 1e-8);
    d.add(
        R"(\hat\sigma^2 = \frac{n - 1}{n} \, s^2, \qquad s^2 = \frac{1}{n - 1} \sum_{i=1}^{n} (x_i - \bar x)^2)",
        scalar(var), scalar((n - 1.0) / n * s2),
        "σ̂² is biased low, E[σ̂²] = (n − 1)/n · σ², because x̄ is fitted to the same data; "
        "n/(n − 1) · σ̂² is the unbiased s² that var computes.");
    d.add(R"(\hat\sigma^2 = s^2)", scalar(var), scalar(s2),
          "Treating the maximum-likelihood variance as unbiased: it is smaller by (n − 1)/n.",
          StepKind::ExpectedFailure);
    d.add(
        R"(\mathrm{se}(\hat\mu) = \Bigl(-\frac{\partial^2 \ell}{\partial \mu^2}\Bigr)^{-1/2} = \frac{\hat\sigma}{\sqrt{n}})",
        scalar(1.0 / std::sqrt(curvature)), scalar(sd / std::sqrt(n)),
        "The Fisher information n/σ² for μ, from the curvature at the peak, gives the "
        "standard error of the mean.",
        StepKind::Identity, kDifferenceTol);
    d.result = arma::mat({{mu, var}});
    return d;
}

Derivation categoricalMle(const arma::mat& counts) {
    const std::string who = "derive: categorical_mle";
    requireFinite(counts, "categorical_mle", "counts");
    if (counts.n_rows != 1 && counts.n_cols != 1)
        throw Error(who + ": counts must be a vector, got " + shapeOf(counts));
    const arma::vec c = arma::vectorise(counts);
    if (c.n_elem < 2)
        throw Error(who + ": counts needs at least two categories");
    for (arma::uword i = 0; i < c.n_elem; ++i) {
        if (c(i) < 0.0)
            throw Error(who + ": counts(" + std::to_string(i + 1) + ") = " + formatNumber(c(i)) +
                        " is negative");
    }
    const double N = arma::accu(c);
    if (!(N > 0.0))
        throw Error(who + ": every count is 0");
    const double K = static_cast<double>(c.n_elem);
    const arma::vec pHat = c / N;
    const arma::vec q = (c + 1.0) / (N + K);
    auto logL = [&](const arma::vec& theta) {
        double s = 0.0;
        for (arma::uword v = 0; v < c.n_elem; ++v)
            s += xlogy(c(v), theta(v));
        return s;
    };
    const arma::uvec seen = arma::find(c > 0.0);
    const arma::vec ratio = c(seen) / pHat(seen);

    Derivation d;
    d.title = "The categorical maximum-likelihood estimate";
    d.inputs = {{"counts", counts}};
    d.add(R"(\log L(\hat p) = \sum_{v=1}^{K} c_v \log \hat p_v = -N \, H(\hat p))",
          scalar(logL(pHat)), scalar(-N * entropyOf(pHat)),
          "At the estimate the log-likelihood is −N times the entropy of the frequencies "
          "(0 · log 0 = 0 for unseen categories).");
    d.add(
        R"(\frac{\partial}{\partial \theta_v} \Bigl[\sum_{u} c_u \log \theta_u - \lambda \bigl(\sum_{u} \theta_u - 1\bigr)\Bigr] = 0 \;\Rightarrow\; \frac{c_v}{\hat p_v} = \lambda = N)",
        arma::mat(ratio), arma::mat(ratio.n_elem, 1, arma::fill::value(N)),
        "A Lagrange multiplier keeps the probabilities summing to 1; every seen category "
        "gives the same ratio c_v/θ_v, so θ is proportional to the counts.");
    d.add(R"(\sum_{v=1}^{K} \hat p_v = \sum_{v=1}^{K} \frac{c_v}{N} = 1)", scalar(arma::accu(pHat)),
          scalar(1.0), "Normalising the counts gives a distribution.");
    d.add(R"(\log L(\hat p) - \log L(q) = N \, \mathrm{KL}(\hat p \,\|\, q) \ge 0)",
          scalar(logL(pHat) - logL(q)), scalar(N * klOf(pHat, q)),
          "Any other distribution does worse by N times a KL divergence; here q is the "
          "add-one estimate (c_v + 1)/(N + K).");
    d.add(
        R"(\frac{\partial}{\partial \theta_v} \sum_{u} c_u \log \theta_u = \frac{c_v}{\hat p_v} = 0)",
        arma::mat(ratio), arma::mat(ratio.n_elem, 1, arma::fill::zeros),
        "Forgetting the constraint Σθ = 1: the unconstrained log-likelihood has no stationary "
        "point, it grows without bound with θ.",
        StepKind::ExpectedFailure);
    d.result = arma::reshape(arma::mat(pHat), counts.n_rows, counts.n_cols);
    return d;
}

Derivation mapWeightDecay(const arma::mat& X, const arma::vec& y, double lambda) {
    const std::string who = "derive: map_weight_decay";
    requireFinite(X, "map_weight_decay", "X");
    requireFinite(y, "map_weight_decay", "y");
    if (y.n_elem != X.n_rows)
        throw Error(who + ": X has " + std::to_string(X.n_rows) + " rows but y has " +
                    std::to_string(y.n_elem) + " values");
    if (!(lambda > 0.0) || !std::isfinite(lambda))
        throw Error(who + ": lambda must be positive, got " + formatNumber(lambda));
    const arma::uword dim = X.n_cols;
    const double log2pi = std::log(2.0 * arma::datum::pi);
    auto J = [&](const arma::vec& w) {
        return 0.5 * arma::accu(arma::square(y - X * w)) + 0.5 * lambda * arma::dot(w, w);
    };
    auto negLogPosterior = [&](const arma::vec& w) {
        const arma::vec r = y - X * w;
        const double likelihood = arma::accu(-0.5 * log2pi - 0.5 * arma::square(r));
        const double prior = arma::accu(-0.5 * std::log(2.0 * arma::datum::pi / lambda) -
                                        0.5 * lambda * arma::square(w));
        return -(likelihood + prior);
    };
    auto gradJ = [&](const arma::vec& w) -> arma::vec { return X.t() * (X * w - y) + lambda * w; };
    const arma::vec wMap = arma::solve(X.t() * X + lambda * arma::eye(dim, dim), X.t() * y);
    arma::vec wOls;
    if (!arma::solve(wOls, X, y))
        wOls = arma::pinv(X) * y;
    const arma::mat augmented = arma::join_cols(X, std::sqrt(lambda) * arma::eye(dim, dim));
    const arma::vec target = arma::join_cols(y, arma::vec(dim, arma::fill::zeros));
    const arma::vec wAugmented = arma::solve(augmented, target);
    const arma::vec zero(dim, arma::fill::zeros);
    const arma::vec ones(dim, arma::fill::ones);
    const arma::rowvec lhs1 = {negLogPosterior(wMap) - negLogPosterior(zero),
                               negLogPosterior(wOls) - negLogPosterior(zero),
                               negLogPosterior(ones) - negLogPosterior(zero)};
    const arma::rowvec rhs1 = {J(wMap) - J(zero), J(wOls) - J(zero), J(ones) - J(zero)};
    const arma::vec numeric =
        numericGradient([&](const arma::mat& w) { return negLogPosterior(arma::vec(w)); }, wOls);

    Derivation d;
    d.title = "Weight decay is a Gaussian prior";
    d.inputs = {{"X", X}, {"y", y}, {"lambda", scalar(lambda)}};
    d.add(
        R"(-\log p(w \mid X, y) = \tfrac{1}{2} \lVert y - X w \rVert^2 + \tfrac{\lambda}{2} \lVert w \rVert^2 + \text{const})",
        lhs1, rhs1,
        "With a unit-variance Gaussian likelihood and the prior w ~ N(0, I/λ), the negative "
        "log-posterior is the squared error plus an L2 penalty (compared at the MAP, least "
        "squares and all-ones weights, as differences from w = 0 so the constants cancel).");
    d.add(R"(\nabla_w \bigl[-\log p(w \mid X, y)\bigr] = X^\top (X w - y) + \lambda w)",
          arma::mat(numeric), arma::mat(gradJ(wOls)),
          "The gradient of the weight-decayed loss, against central differences of the "
          "negative log-posterior (at the least-squares weights).",
          StepKind::Identity, kDifferenceTol);
    d.add(R"(\hat w = (X^\top X + \lambda I)^{-1} X^\top y \;\Rightarrow\; \nabla_w J(\hat w) = 0)",
          arma::mat(gradJ(wMap)), arma::mat(zero),
          "Setting the gradient to zero gives the ridge solution: the MAP estimate.",
          StepKind::Identity, 1e-8);
    d.add(
        R"(\hat w = \arg\min_w \Bigl\lVert \begin{bmatrix} X \\ \sqrt{\lambda} I \end{bmatrix} w - \begin{bmatrix} y \\ 0 \end{bmatrix} \Bigr\rVert^2)",
        arma::mat(wMap), arma::mat(wAugmented),
        "The same optimum another way: the prior acts like d extra observations pulling each "
        "weight towards 0.",
        StepKind::Identity, 1e-8);
    d.add(R"(\hat w = (X^\top X)^{-1} X^\top y)", arma::mat(wMap), arma::mat(wOls),
          "Dropping the prior gives ordinary least squares, a different w whenever λ > 0.",
          StepKind::ExpectedFailure);
    d.result = wMap;
    return d;
}

}  // namespace lemma::math
