// Optimization problems as language values: a struct with a `kind` field and the parameters
// that rebuild the problem (data problems regenerate their examples from their seed), and the
// conversion to engine/math problems.
#pragma once

#include <memory>
#include <string>

#include "engine/lang/Builtin.h"
#include "engine/math/Problems.h"

namespace lemma::builtins {

// The math problem a problem value describes. A user problem calls its functions through the
// call's Context (so it must be evaluated on the calling thread). Fails with
// "<name>: argument <i+1> must be a problem …" for anything else.
std::unique_ptr<math::optim::Problem> problemArg(Call& call, std::size_t i);

// Registers quadratic, rosenbrock, logistic, softmax_regression, mlp and problem.
void registerProblems(Registry& r);

}  // namespace lemma::builtins
