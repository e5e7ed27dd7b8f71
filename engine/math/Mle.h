// Maximum-likelihood estimates of the simple models of MATH.md §4 (Bernoulli, categorical,
// Gaussian, Poisson) with standard errors from the Fisher information and Wald intervals, and
// their log-likelihoods at any parameter, for curves and surfaces.
#pragma once

#include <armadillo>
#include <optional>
#include <string>

namespace lemma::math {

enum class LikelihoodModel { Bernoulli, Categorical, Gaussian, Poisson };

// "bernoulli", "categorical", "gaussian", "poisson"; throws naming `who` and the choices.
LikelihoodModel likelihoodModel(const std::string& name, const std::string& who);

// Field names follow the language's struct fields. Parameters, one per entry of `estimate`:
// Bernoulli p; categorical p₁…p_K (K = the largest category seen); Gaussian μ and σ² (the
// biased, maximum-likelihood variance); Poisson λ.
struct MleResult {
    arma::rowvec estimate;
    double loglik = 0.0;                 // at the estimate
    arma::rowvec se;                     // 1/√(Fisher information) per parameter, at the estimate
    arma::mat ci;                        // 95% Wald interval, one row [lo hi] per parameter
    std::optional<double> unbiased_var;  // Gaussian only: n/(n−1) σ̂²
};

// Data: Bernoulli 0/1; categorical category numbers 1…K; Gaussian real numbers (at least two,
// not all equal); Poisson non-negative integers. Throws naming the first bad entry.
MleResult mle(const arma::vec& data, LikelihoodModel model, const std::string& who = "mle");

// The log-likelihood of `data` at one parameter vector `theta` (as in MleResult::estimate);
// −Inf where the data are impossible under theta. Throws on invalid data or parameters.
double logLikelihood(LikelihoodModel model, const arma::vec& data, const arma::vec& theta,
                     const std::string& who = "loglik");

// Σᵢ log P(xᵢ) term by term with 0·log 0 = 0: the Bernoulli log-likelihood k log p +
// (n − k) log(1 − p), without checks.
double bernoulliLogLik(double k, double n, double p);

// z such that P(|Z| ≤ z) = 0.95 for a standard normal Z.
inline constexpr double kWald95 = 1.959963984540054;

}  // namespace lemma::math
