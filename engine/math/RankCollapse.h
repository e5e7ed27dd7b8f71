// Rank collapse of pure self-attention (Dong, Cordonnier and Loukas, 2021): how fast stacked
// attention layers without MLPs drive token embeddings towards a rank-one matrix 1xᵀ.
#pragma once

#include <armadillo>
#include <cstdint>
#include <optional>

namespace lemma::math {

struct RankCollapseOptions {
    arma::uword heads = 1;
    arma::uword depth = 10;  // 0 … 100 layers
    std::uint64_t seed = 0;
    // Width of each head's queries and keys; default max(1, d / heads) with d = cols of X.
    std::optional<arma::uword> d_k;
};

// Field names follow the language's struct fields. Entry l of each vector is layer l
// (l = 0 is the input X itself).
struct RankCollapseResult {
    arma::vec layers;         // 0, 1, …, depth
    arma::vec residual;       // relativeResidual of the stack without skip connections
    arma::vec residual_skip;  // the same layers with skip connections, X ← X + SA(X)
};

// ‖X − 1xᵀ‖_F / ‖X‖_F with the optimal x, the column means (the least-squares rank-one
// fit of this form). Relative, so that the overall scale a random W_V puts on each layer does
// not hide or fake a collapse; 0 for X = 0.
double relativeResidual(const arma::mat& X);

// Applies `depth` layers of multi-head self-attention to X (n tokens × d features):
// SA(X) = Σₕ softmax(X W_Qʰ (X W_Kʰ)ᵀ / √d_k) X W_Vʰ, with W_Q, W_K ∈ ℝ^{d×d_k} and
// W_V ∈ ℝ^{d×d} Gaussian, seeded, scaled 1/√d (W_V by 1/√(d·heads), so the sum over heads has
// the scale of one head). Both stacks use the same weights layer by layer. Throws
// lemma::Error for an empty or non-finite X and out-of-range options.
RankCollapseResult rankCollapse(const arma::mat& X, const RankCollapseOptions& options = {});

}  // namespace lemma::math
