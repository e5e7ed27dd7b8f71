// Unconstrained minimisation without derivatives: the Nelder–Mead simplex method with the
// parameters, initial simplex and stopping rule of MATLAB's fminsearch.
#pragma once

#include <armadillo>
#include <functional>
#include <string>

namespace lemma::math {

struct NelderMeadOptions {
    double tolX = 1e-4;      // simplex diameter (max-norm from the best vertex)
    double tolFun = 1e-4;    // spread of the function values at the vertices
    int maxIterations = 0;   // 0: 200 · n
    int maxEvaluations = 0;  // 0: 200 · n
};

struct NelderMeadResult {
    arma::vec x;
    double fval = 0.0;
    int iterations = 0;
    int evaluations = 0;
    bool converged = false;
    std::string message;  // why it stopped when it did not converge
};

// Minimises f from x0 (n ≥ 1). The initial simplex moves each coordinate of x0 by 5% (0.00025
// when it is zero); reflection 1, expansion 2, contraction 1/2, shrink 1/2 (Lagarias et al.,
// 1998). Stops when both the function values and the vertices agree to the tolerances.
NelderMeadResult nelderMead(const std::function<double(const arma::vec&)>& f, const arma::vec& x0,
                            NelderMeadOptions options = {});

}  // namespace lemma::math
