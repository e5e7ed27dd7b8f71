// Entropy, cross-entropy, KL divergence, perplexity and mutual information of discrete
// distributions (MATH.md §5), in nats by default or in any base.
#pragma once

#include <armadillo>
#include <string>

namespace lemma::math {

// A vector (row or column) is one distribution; a matrix is one distribution per row, as
// softmax(…, 2) makes them. Distributions are checked: entries finite and non-negative, each
// summing to 1 within 1e-8; errors name the function (`who`), the argument and the entry.
// The results are one number per distribution: a 1×1 for a vector, a column for a matrix.
// `base` is the logarithm's base (e for nats, 2 for bits); it must be positive and not 1.
// Terms with p = 0 contribute 0 (0·log 0 = 0, 0·log(0/q) = 0).

arma::vec entropy(const arma::mat& p, double base = 0.0, const std::string& who = "entropy");

// −Σ p log q. Throws when q is 0 where p is not, naming the entry.
arma::vec crossEntropy(const arma::mat& p, const arma::mat& q, double base = 0.0,
                       const std::string& who = "cross_entropy");

// Σ p log(p/q). Throws when q is 0 where p is not, naming the entry.
arma::vec kl(const arma::mat& p, const arma::mat& q, double base = 0.0,
             const std::string& who = "kl");

// The same sums without any check, for distributions known to be valid: a term with q = 0
// where p > 0 gives +Inf.
double entropyOf(const arma::vec& p);
double crossEntropyOf(const arma::vec& p, const arma::vec& q);
double klOf(const arma::vec& p, const arma::vec& q);

// exp(−mean(logprobs)) of natural log-probabilities: one sequence for a vector, one per row
// for a matrix. Log-probabilities must be ≤ 0 (−Inf allowed: the perplexity is then Inf).
arma::vec perplexity(const arma::mat& logprobs, const std::string& who = "perplexity");

// I(X;Y) = Σ P(x,y) log(P(x,y) / (P(x)P(y))) of a joint table (entries ≥ 0, summing to 1).
double mutualInformation(const arma::mat& Pxy, double base = 0.0,
                         const std::string& who = "mutual_info");

// Throws unless `p` is a set of valid distributions as described above; `arg` names it ("p").
void checkDistributions(const arma::mat& p, const std::string& who, const std::string& arg);

// A vector becomes one row; a matrix stays as it is.
arma::mat asDistributionRows(const arma::mat& p);

// "p(3)" for a vector, "p(2, 3)" for a matrix, 1-based.
std::string entryName(const std::string& arg, const arma::mat& m, arma::uword row, arma::uword col);

}  // namespace lemma::math
