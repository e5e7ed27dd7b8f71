// The optimization problems of the optimizer lab (MATH.md §6): each gives its loss, its full
// gradient and the gradient of a minibatch of its examples.
//
// Design: data problems keep their examples as the columns of one d×n matrix, so that a
// minibatch is a set of contiguous columns. A run shuffles an index permutation once per epoch
// and gathers each batch's columns into a scratch matrix it owns (800 contiguous bytes per
// example at d = 100), so nothing is allocated per step and every run reads the shared data
// without copying it. The problems themselves are immutable after construction and may be
// evaluated from several threads at once, except a UserProblem (it calls into the language).
#pragma once

#include <armadillo>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace lemma::math::optim {

// Scratch space one run owns, so that minibatch gradients allocate nothing once warm.
struct Scratch {
    arma::mat batch;   // gathered columns of the data
    arma::mat hidden;  // hidden activations, logits …
    arma::mat delta;
    arma::vec labels;
};

// A differentiable loss over parameters x ∈ ℝᵖ. Responsibilities: the loss, the full gradient,
// minibatch gradients for data problems, the default starting point.
class Problem {
public:
    virtual ~Problem() = default;

    virtual std::string kind() const = 0;
    // Number of parameters p.
    virtual arma::uword dim() const = 0;
    // Number of examples n; 0 for a problem without data (its minibatch gradient is exact).
    virtual arma::uword examples() const { return 0; }
    virtual arma::vec start() const = 0;

    virtual double loss(const arma::vec& x) const = 0;
    // The loss at x; g receives the full gradient (resized as needed).
    virtual double gradient(const arma::vec& x, arma::vec& g) const = 0;
    // The mean loss and gradient over the examples idx[0 … count). Without data, the full ones.
    virtual double batchGradient(const arma::vec& x, const arma::uword* idx, arma::uword count,
                                 arma::vec& g, Scratch& scratch) const;
    // The full loss at every column of X (one parameter vector per column). The default calls
    // loss() per column; data problems read their examples once for all columns.
    virtual arma::vec losses(const arma::mat& X) const;
    // Whether several threads may evaluate the problem at once.
    virtual bool concurrent() const { return true; }
};

// f(x) = ½ xᵀAx with eigenvalues μ = 1 … L = κ spaced evenly (dim = 2: exactly 1 and κ); with
// rotate, A = Q·diag(λ)·Qᵀ for a seeded random orthogonal Q, else A is diagonal. Starts at
// (1, …, 1).
class QuadraticProblem : public Problem {
public:
    QuadraticProblem(double kappa, arma::uword dim, bool rotate, std::uint64_t seed = 0);
    std::string kind() const override { return "quadratic"; }
    arma::uword dim() const override { return m_A.n_rows; }
    arma::vec start() const override { return arma::vec(dim(), arma::fill::ones); }
    double loss(const arma::vec& x) const override;
    double gradient(const arma::vec& x, arma::vec& g) const override;
    const arma::mat& matrix() const { return m_A; }
    const arma::vec& eigenvalues() const { return m_lambda; }

private:
    arma::mat m_A;
    arma::vec m_lambda;
};

// f(x, y) = (a − x)² + b(y − x²)², minimum 0 at (a, a²); starts at (−1.2, 1).
class RosenbrockProblem : public Problem {
public:
    RosenbrockProblem(double a, double b) : m_a(a), m_b(b) {}
    std::string kind() const override { return "rosenbrock"; }
    arma::uword dim() const override { return 2; }
    arma::vec start() const override { return arma::vec{-1.2, 1.0}; }
    double loss(const arma::vec& x) const override;
    double gradient(const arma::vec& x, arma::vec& g) const override;

private:
    double m_a;
    double m_b;
};

// Binary logistic regression on synthetic data: x ~ N(0, I_d), a teacher w* with ‖w*‖ = 3,
// label 1 when w*ᵀx + noise·ε > 0. Loss: the mean of log(1 + exp(−s·wᵀx)), s = ±1. Starts at 0.
class LogisticProblem : public Problem {
public:
    LogisticProblem(arma::uword n, arma::uword d, double noise, std::uint64_t seed);
    std::string kind() const override { return "logistic"; }
    arma::uword dim() const override { return m_X.n_rows; }
    arma::uword examples() const override { return m_X.n_cols; }
    arma::vec start() const override { return arma::vec(dim(), arma::fill::zeros); }
    double loss(const arma::vec& x) const override;
    double gradient(const arma::vec& x, arma::vec& g) const override;
    double batchGradient(const arma::vec& x, const arma::uword* idx, arma::uword count,
                         arma::vec& g, Scratch& scratch) const override;
    arma::vec losses(const arma::mat& X) const override;
    const arma::mat& data() const { return m_X; }
    const arma::rowvec& signs() const { return m_s; }

private:
    arma::mat m_X;     // d×n, examples as columns
    arma::rowvec m_s;  // ±1
};

// Multinomial logistic regression: x ~ N(0, I_d), teacher logits W*x (rows of W* of norm 3)
// plus noise·ε, label = argmax. Parameters: W (classes×d) stacked by columns; loss: the mean
// cross-entropy of softmax(Wx). Starts at 0.
class SoftmaxProblem : public Problem {
public:
    SoftmaxProblem(arma::uword n, arma::uword d, arma::uword classes, double noise,
                   std::uint64_t seed);
    std::string kind() const override { return "softmax_regression"; }
    arma::uword dim() const override { return m_classes * m_X.n_rows; }
    arma::uword examples() const override { return m_X.n_cols; }
    arma::vec start() const override { return arma::vec(dim(), arma::fill::zeros); }
    double loss(const arma::vec& x) const override;
    double gradient(const arma::vec& x, arma::vec& g) const override;
    double batchGradient(const arma::vec& x, const arma::uword* idx, arma::uword count,
                         arma::vec& g, Scratch& scratch) const override;
    arma::vec losses(const arma::mat& X) const override;

private:
    // Mean cross-entropy of the columns Xb with labels lab; g (when not null) gets its gradient.
    double evaluate(const arma::vec& x, const arma::mat& Xb, const arma::uword* labels,
                    arma::vec* g, Scratch& scratch) const;
    arma::mat m_X;  // d×n
    arma::uvec m_labels;
    arma::uword m_classes;
};

// A one-hidden-layer tanh network regressing a random teacher network of the same shape:
// ŷ = w2ᵀ tanh(W1 x + b1) + b2, loss ½·mean (ŷ − y)², y = teacher(x) + noise·ε. Non-convex.
// Parameters [W1(:); b1; w2; b2]; starts at a seeded small random point.
class MlpProblem : public Problem {
public:
    MlpProblem(arma::uword n, arma::uword d, arma::uword hidden, double noise, std::uint64_t seed);
    std::string kind() const override { return "mlp"; }
    arma::uword dim() const override { return m_hidden * (m_X.n_rows + 2) + 1; }
    arma::uword examples() const override { return m_X.n_cols; }
    arma::vec start() const override { return m_start; }
    double loss(const arma::vec& x) const override;
    double gradient(const arma::vec& x, arma::vec& g) const override;
    double batchGradient(const arma::vec& x, const arma::uword* idx, arma::uword count,
                         arma::vec& g, Scratch& scratch) const override;

private:
    double evaluate(const arma::vec& x, const arma::mat& Xb, const double* y, arma::vec* g,
                    Scratch& scratch) const;
    arma::mat m_X;  // d×n
    arma::vec m_y;
    arma::uword m_hidden;
    arma::vec m_start;
};

// A problem given by a loss and a gradient function (handles of the language, wrapped by the
// caller). Evaluated on the calling thread only.
class UserProblem : public Problem {
public:
    using Loss = std::function<double(const arma::vec&)>;
    using Gradient = std::function<arma::vec(const arma::vec&)>;
    UserProblem(Loss f, Gradient grad, arma::vec x0);
    std::string kind() const override { return "user"; }
    arma::uword dim() const override { return m_x0.n_elem; }
    arma::vec start() const override { return m_x0; }
    double loss(const arma::vec& x) const override;
    double gradient(const arma::vec& x, arma::vec& g) const override;
    bool concurrent() const override { return false; }

private:
    Loss m_f;
    Gradient m_grad;
    arma::vec m_x0;
};

}  // namespace lemma::math::optim
