// The run's memory budget as builtins see it: requests named as written ("zeros(1e6, 1e6)")
// and refused before they are allocated.
#pragma once

#include <armadillo>
#include <string>
#include <utility>

#include "engine/lang/Builtin.h"

namespace lemma::builtins::budget {

// The call as written, for messages: "zeros(1e6, 1e6)", "repmat(1000×1000 matrix, 1e3, 1e3)".
std::string callText(const Call& call);

// Refuses `bytes` that do not fit the run's budget (the Context's MemoryBudget run state):
// "zeros(1e6, 1e6): 7.3 TiB requested, budget 12 GiB".
void require(Call& call, double bytes);

// repmat's tile counts from the arguments starting at `first`: (n), (m, n) or ([m n]), not
// checked against the budget (they are not the allocation) but refused past 2^53.
std::pair<arma::uword, arma::uword> tileCounts(Call& call, std::size_t first);

}  // namespace lemma::builtins::budget
