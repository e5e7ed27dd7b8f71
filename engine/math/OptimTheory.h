// The predictions beside the measurements (MATH.md §6): optimal rates on a quadratic, the
// gradient noise scale, the variance of minibatch gradients, and the steps–examples trade-off.
#pragma once

#include <armadillo>
#include <cstdint>

#include "engine/math/Problems.h"

namespace lemma::math::optim {

struct GdOptimal {
    double lr = 0.0;    // 2/(μ + L)
    double rate = 0.0;  // (κ − 1)/(κ + 1), κ = L/μ
    double kappa = 0.0;
};
// 0 < μ ≤ L, finite (throws lemma::Error naming `who` otherwise).
GdOptimal gdOptimal(double mu, double L);

struct HeavyBall {
    double lr = 0.0;        // 4/(√L + √μ)²
    double momentum = 0.0;  // ((√κ − 1)/(√κ + 1))²
    double rate = 0.0;      // (√κ − 1)/(√κ + 1)
    double kappa = 0.0;
};
HeavyBall heavyBall(double mu, double L);

// The gradient noise scale at θ (McCandlish et al., 2018): with per-example gradients gᵢ, their
// mean G and covariance Σ = (1/(n − 1)) Σᵢ (gᵢ − G)(gᵢ − G)ᵀ, B_noise = tr(Σ)/‖G‖².
struct NoiseScale {
    double B_noise = 0.0;
    double trace_sigma = 0.0;
    double grad_norm2 = 0.0;
    arma::vec G;
};
// Requires a data problem (examples() > 0) and θ of the problem's dimension.
NoiseScale noiseScale(const Problem& problem, const arma::vec& theta);

// E‖g_B − G‖² over `draws` minibatches of each size (examples without replacement, seeded),
// beside tr(Σ)/|B| and its finite-population form tr(Σ)/|B| · (n − |B|)/(n − 1).
struct MinibatchVariance {
    arma::vec batch;
    arma::vec measured;
    arma::vec predicted;
    arma::vec predicted_fpc;
};
MinibatchVariance minibatchVariance(const Problem& problem, const arma::vec& theta,
                                    const arma::vec& batches, arma::uword draws,
                                    std::uint64_t seed);

// Least squares of S(B) = S_min + E_min/B on measured steps-to-target S at batch sizes B (at
// least two distinct sizes with finite S); then E(B) = B·S(B), B_crit = E_min/S_min, and
// (S/S_min − 1)(E/E_min − 1) = 1 along the fit.
struct BatchTradeoff {
    double S_min = 0.0;
    double E_min = 0.0;
    double B_crit = 0.0;
};
BatchTradeoff batchTradeoff(const arma::vec& batches, const arma::vec& steps);

}  // namespace lemma::math::optim
