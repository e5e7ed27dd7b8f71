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

// Refuses a list of `items` values that does not fit: each item takes sizeof(lang::Value)
// (a scalar or a short string lives inside it), on top of anything it points to.
void requireList(Call& call, double items);

// For work item by item whose total is not known in advance (a list built by splitting, a
// long loop over elements): call after each item with the count so far. Every kItemChunk items
// it polls cancellation and, for a list, checks the next chunk against the budget (which
// measures what the cell already holds, so the list built so far counts).
inline constexpr std::size_t kItemChunk = std::size_t(1) << 16;
void itemDone(Call& call, std::size_t count, bool list);

// repmat's tile counts from the arguments starting at `first`: (n), (m, n) or ([m n]), not
// checked against the budget (they are not the allocation) but refused past 2^53.
std::pair<arma::uword, arma::uword> tileCounts(Call& call, std::size_t first);

}  // namespace lemma::builtins::budget
