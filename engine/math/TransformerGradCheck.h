// Central finite differences for every parameter of the tiny transformer, compared entry by
// entry with the hand-written backward pass.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "engine/math/Transformer.h"

namespace lemma::math {

// One parameter's check. Field names follow the language's `gradcheck` struct.
struct GradCheckEntry {
    std::string name;
    arma::mat numeric;    // central differences
    arma::mat analytic;   // the backward pass
    arma::mat rel_error;  // |analytic − numeric| / max(|analytic|, |numeric|, floor)
    double max_rel_error = 0.0;
    bool pass = false;
};

struct TransformerGradCheck {
    std::vector<GradCheckEntry> params;  // in TransformerParams::fields() order
    double max_rel_error = 0.0;
    bool pass = false;
};

struct GradCheckOptions {
    // Step h of the differences (the five-point stencil below keeps its truncation error at
    // O(h⁴), so a fairly large step avoids the rounding error of a tiny one).
    double step = 1e-3;
    // Entries below this size are compared in absolute terms: the loss itself is only
    // reproducible to a few ulps (BLAS may sum in a different order from call to call), so a
    // zero gradient meets differences of ~1e-13, which is agreement, not a relative error of 1.
    double floor = 1e-6;
    double tolerance = 1e-6;
};

// For every scalar parameter θ, the central difference
//   [8(L(θ+h) − L(θ−h)) − (L(θ+2h) − L(θ−2h))] / (12h)
// against `analytic` (the backward pass's gradients for the same parameters and batch).
// A ReLU pre-activation within 2h of its kink makes the difference straddle the kink; the
// check then fails there, which is the truth about that point.
TransformerGradCheck checkTransformerGradients(const TransformerConfig& config,
                                               const TransformerParams& params,
                                               const TransformerBatch& batch,
                                               const TransformerParams& analytic,
                                               const GradCheckOptions& options = {});

}  // namespace lemma::math
