// The first-order optimizers of MATH.md §6 and the state each keeps between steps.
#pragma once

#include <armadillo>
#include <string>

namespace lemma::math::optim {

enum class Method { Sgd, Momentum, Nesterov, AdaGrad, RmsProp, Adam, AdamW };

// "sgd" "momentum" "nesterov" "adagrad" "rmsprop" "adam" "adamw"; anything else throws
// lemma::Error naming the choices (prefixed with `who`).
Method parseMethod(const std::string& name, const std::string& who);
std::string methodName(Method method);

// Hyperparameters; NaN means "the method's default" (see withDefaults).
struct OptimizerSettings {
    Method method = Method::Sgd;
    double lr = arma::datum::nan;
    double momentum = arma::datum::nan;      // heavy ball and Nesterov: 0.9
    double beta1 = arma::datum::nan;         // Adam(W): 0.9
    double beta2 = arma::datum::nan;         // Adam(W): 0.999; RMSProp's decay ρ: 0.99
    double eps = arma::datum::nan;           // 1e-8 (AdaGrad 1e-10)
    double weight_decay = arma::datum::nan;  // 0 (AdamW 0.01)
};

// Fills every NaN field with the method's default: lr 0.01 for SGD, momentum, Nesterov and
// AdaGrad, 1e-3 for RMSProp, Adam and AdamW. Throws lemma::Error for out-of-range values.
OptimizerSettings withDefaults(OptimizerSettings s, const std::string& who);

// One optimizer's state for one run. Responsibilities: apply one update to x from a gradient.
// For every method but AdamW, weight_decay λ adds λx to the gradient (L2 regularisation).
//   sgd:       x ← x − η g
//   momentum:  v ← βv − η g;  x ← x + v                       (Polyak's heavy ball)
//   nesterov:  v ← βv + g;    x ← x − η (g + βv)              (Sutskever's form: gradient at x)
//   adagrad:   G ← G + g²;    x ← x − η g / (√G + ε)
//   rmsprop:   s ← ρs + (1 − ρ)g²;  x ← x − η g / (√s + ε)
//   adam:      m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;
//              x ← x − η m̂ / (√v̂ + ε),  m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)
//   adamw:     x ← x − ηλx first (decoupled decay), then the Adam step
class Stepper {
public:
    // settings must have passed withDefaults.
    Stepper(const OptimizerSettings& settings, arma::uword dim);
    // One update at step t = 1, 2, … with learning rate lr (the schedule already applied).
    // g may be modified (weight decay is added in place).
    void step(arma::vec& x, arma::vec& g, double lr, arma::uword t);

private:
    OptimizerSettings m_s;
    arma::vec m_a;  // velocity, first moment or accumulated squares
    arma::vec m_b;  // second moment
};

}  // namespace lemma::math::optim
