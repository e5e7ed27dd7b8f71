// Closed-form maximum-likelihood estimates and log-likelihoods (see Mle.h).
#include "engine/math/Mle.h"

#include <cmath>
#include <limits>

#include "engine/core/Error.h"
#include "engine/math/Format.h"

namespace lemma::math {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string entry(const arma::vec& data, arma::uword i) {
    return "data(" + std::to_string(i + 1) + ") = " + formatNumber(data(i));
}

void checkData(const arma::vec& data, LikelihoodModel model, const std::string& who) {
    if (data.is_empty())
        throw Error(who + ": data is empty");
    for (arma::uword i = 0; i < data.n_elem; ++i) {
        const double x = data(i);
        if (!std::isfinite(x))
            throw Error(who + ": " + entry(data, i) + " is not finite");
        switch (model) {
            case LikelihoodModel::Bernoulli:
                if (x != 0.0 && x != 1.0)
                    throw Error(who + ": " + entry(data, i) + " is not 0 or 1 (Bernoulli data)");
                break;
            case LikelihoodModel::Categorical:
                if (x < 1.0 || x != std::floor(x) || x > 1e7)
                    throw Error(who + ": " + entry(data, i) +
                                " is not a category number 1, 2, … (categorical data)");
                break;
            case LikelihoodModel::Poisson:
                if (x < 0.0 || x != std::floor(x))
                    throw Error(who + ": " + entry(data, i) +
                                " is not a count 0, 1, 2, … (Poisson data)");
                break;
            case LikelihoodModel::Gaussian:
                break;
        }
    }
}

arma::mat waldIntervals(const arma::rowvec& estimate, const arma::rowvec& se) {
    arma::mat ci(estimate.n_elem, 2);
    ci.col(0) = (estimate - kWald95 * se).t();
    ci.col(1) = (estimate + kWald95 * se).t();
    return ci;
}

double xlogy(double x, double y) {
    return x == 0.0 ? 0.0 : x * std::log(y);
}

}  // namespace

LikelihoodModel likelihoodModel(const std::string& name, const std::string& who) {
    if (name == "bernoulli")
        return LikelihoodModel::Bernoulli;
    if (name == "categorical")
        return LikelihoodModel::Categorical;
    if (name == "gaussian")
        return LikelihoodModel::Gaussian;
    if (name == "poisson")
        return LikelihoodModel::Poisson;
    throw Error(who + ": unknown model \"" + name +
                "\" (choose \"bernoulli\", \"categorical\", \"gaussian\" or \"poisson\")");
}

double bernoulliLogLik(double k, double n, double p) {
    return xlogy(k, p) + xlogy(n - k, 1.0 - p);
}

MleResult mle(const arma::vec& data, LikelihoodModel model, const std::string& who) {
    checkData(data, model, who);
    const double n = static_cast<double>(data.n_elem);
    MleResult r;
    switch (model) {
        case LikelihoodModel::Bernoulli: {
            const double p = arma::accu(data) / n;
            r.estimate = {p};
            r.se = {std::sqrt(p * (1.0 - p) / n)};
            break;
        }
        case LikelihoodModel::Categorical: {
            const auto K = static_cast<arma::uword>(data.max());
            arma::rowvec counts(K, arma::fill::zeros);
            for (const double x : data)
                counts(static_cast<arma::uword>(x) - 1) += 1.0;
            r.estimate = counts / n;
            r.se = arma::sqrt(r.estimate % (1.0 - r.estimate) / n);
            break;
        }
        case LikelihoodModel::Gaussian: {
            if (data.n_elem < 2)
                throw Error(who + ": a Gaussian needs at least two data points");
            const double mu = arma::mean(data);
            const double var = arma::mean(arma::square(data - mu));
            if (!(var > 0.0))
                throw Error(who +
                            ": the data are all equal, so the Gaussian's variance "
                            "estimate is 0");
            r.estimate = {mu, var};
            // Fisher information n/σ² for μ and n/(2σ⁴) for σ².
            r.se = {std::sqrt(var / n), var * std::sqrt(2.0 / n)};
            r.unbiased_var = var * n / (n - 1.0);
            break;
        }
        case LikelihoodModel::Poisson: {
            const double lambda = arma::mean(data);
            r.estimate = {lambda};
            r.se = {std::sqrt(lambda / n)};
            break;
        }
    }
    r.loglik = logLikelihood(model, data, r.estimate.t(), who);
    r.ci = waldIntervals(r.estimate, r.se);
    return r;
}

double logLikelihood(LikelihoodModel model, const arma::vec& data, const arma::vec& theta,
                     const std::string& who) {
    checkData(data, model, who);
    const double n = static_cast<double>(data.n_elem);
    auto needParameters = [&](arma::uword count, const char* what) {
        if (theta.n_elem != count)
            throw Error(who + ": this model takes " + what + ", got " +
                        std::to_string(theta.n_elem) + " parameters");
    };
    switch (model) {
        case LikelihoodModel::Bernoulli: {
            needParameters(1, "one parameter p");
            const double p = theta(0);
            if (!(p >= 0.0 && p <= 1.0))
                throw Error(who + ": p = " + formatNumber(p) + " is not a probability");
            return bernoulliLogLik(arma::accu(data), n, p);
        }
        case LikelihoodModel::Categorical: {
            if (theta.is_empty() || std::abs(arma::accu(theta) - 1.0) > 1e-8 || theta.min() < 0.0 ||
                !theta.is_finite())
                throw Error(who +
                            ": the categorical parameter must be a distribution "
                            "(entries ≥ 0 summing to 1)");
            double ll = 0.0;
            for (const double x : data) {
                const auto k = static_cast<arma::uword>(x) - 1;
                if (k >= theta.n_elem)
                    return -kInf;
                ll += std::log(theta(k));
            }
            return ll;
        }
        case LikelihoodModel::Gaussian: {
            needParameters(2, "two parameters [mu sigma2]");
            const double mu = theta(0);
            const double var = theta(1);
            if (!std::isfinite(mu) || !(var > 0.0) || !std::isfinite(var))
                throw Error(who + ": need a finite mu and a positive sigma2, got mu = " +
                            formatNumber(mu) + ", sigma2 = " + formatNumber(var));
            return -0.5 * n * std::log(2.0 * arma::datum::pi * var) -
                   arma::accu(arma::square(data - mu)) / (2.0 * var);
        }
        case LikelihoodModel::Poisson: {
            needParameters(1, "one parameter lambda");
            const double lambda = theta(0);
            if (!(lambda >= 0.0) || !std::isfinite(lambda))
                throw Error(who + ": lambda = " + formatNumber(lambda) + " is not a rate ≥ 0");
            double ll = 0.0;
            for (const double x : data)
                ll += xlogy(x, lambda) - lambda - std::lgamma(x + 1.0);
            return ll;
        }
    }
    return 0.0;
}

}  // namespace lemma::math
