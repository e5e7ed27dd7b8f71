// Sampling the next token (MATH.md §4): temperature, top-k and top-p (nucleus) transforms of
// a next-token distribution, and inverse-CDF draws from a distribution.
#pragma once

#include <armadillo>
#include <string>

namespace lemma::math {

struct SamplingOptions {
    // p_T = softmax(z / T); T = 0 is greedy decoding (all mass on the first largest logit).
    double temperature = 1.0;
    // Keep the k most probable tokens; 0 keeps all.
    arma::uword top_k = 0;
    // Keep the smallest set, in decreasing order of probability, whose mass reaches top_p
    // (computed after top-k, on its renormalised distribution, as common implementations do);
    // 1 keeps all.
    double top_p = 1.0;
};

// Field names follow the language's struct fields.
struct SamplingResult {
    arma::vec p;         // the transformed distribution, renormalised over the kept tokens
    double entropy = 0;  // H(p) in nats
    arma::uvec kept;     // 0-based indices of the kept tokens, most probable first
    double mass = 0;     // probability the kept tokens had under p_T, before renormalising
};

// Logits must be finite or −Inf (a masked token), not all −Inf. Throws naming `who`.
SamplingResult sampling(const arma::vec& logits, const SamplingOptions& options,
                        const std::string& who = "sampling");

// Running sums of a distribution, the last entry set to exactly 1.
arma::vec cumulativeDistribution(const arma::vec& p);

// The 0-based index i with cdf(i−1) ≤ u < cdf(i), for u in (0, 1): the inverse-CDF draw.
// Entries with probability 0 are never returned.
arma::uword inverseCdf(const arma::vec& cdf, double u);

}  // namespace lemma::math
