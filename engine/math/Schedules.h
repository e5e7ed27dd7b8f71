// Learning-rate schedules: the factor by which step t scales the base learning rate.
#pragma once

#include <armadillo>
#include <string>

namespace lemma::math::optim {

enum class Schedule { Constant, InvT, InvSqrtT, Step, Cosine, WarmupCosine };

// "constant" "inv_t" "inv_sqrt_t" "step" "cosine" "warmup_cosine"; anything else throws
// lemma::Error naming the choices (prefixed with `who`).
Schedule parseSchedule(const std::string& name, const std::string& who);

// The factor at step t = 1 … steps:
//   constant 1;  inv_t 1/t;  inv_sqrt_t 1/√t  (Robbins–Monro: Σηₜ = ∞, and Σηₜ² < ∞ for 1/t);
//   step: 1, then 0.1 from half the steps on, 0.01 from three quarters on;
//   cosine: ½(1 + cos(π(t − 1)/steps));
//   warmup_cosine: linear from 1/w to 1 over the first w = max(1, steps/20) steps, then cosine
//   over the rest.
double scheduleFactor(Schedule schedule, arma::uword t, arma::uword steps);

}  // namespace lemma::math::optim
