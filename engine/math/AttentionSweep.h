// Sweeps of attention spectra: |λ₂|, the spectral gap and the row entropy against the
// temperature (equivalently the scale), the sequence length and the key width d_k.
#pragma once

#include <armadillo>
#include <cstdint>

namespace lemma::math {

// Field names follow the language's struct fields; entry i belongs to parameter(i).
struct AttentionSweepResult {
    arma::vec parameter;    // the swept temperatures, lengths or widths
    arma::vec abs_lambda2;  // |λ₂| of the attention matrix (mean over trials)
    arma::vec gap;          // 1 − |λ₂|
    arma::vec entropy;      // mean row entropy in nats (mean over trials); at most log n
};

// attention(Q, K, temperature=t) for each t > 0. The logits are QKᵀ/(√d_k · t), so a sweep
// over the scale s is the sweep over t = 1/(s·√d_k). Small t makes rows one-hot, large t
// makes them uniform (λ₂ → 0, entropy → log n).
AttentionSweepResult sweepTemperature(const arma::mat& Q, const arma::mat& K,
                                      const arma::vec& temperatures, bool causal = false);

struct RandomAttentionOptions {
    double temperature = 1.0;
    bool causal = false;
    arma::uword trials = 1;  // random draws averaged per point, 1 … 100
    std::uint64_t seed = 0;
};

// Random Q, K with N(0, 1) entries, n × d_k, for each length n (1 … 2048) at fixed d_k.
// Each point draws from its own generator seeded by (seed, n, d_k, trial), so a point's
// numbers do not depend on which other points are in the sweep.
AttentionSweepResult sweepLength(const arma::vec& lengths, arma::uword d_k,
                                 const RandomAttentionOptions& options = {});
// The same at a fixed length n for each width d_k (1 … 4096).
AttentionSweepResult sweepKeyWidth(arma::uword n, const arma::vec& widths,
                                   const RandomAttentionOptions& options = {});

}  // namespace lemma::math
