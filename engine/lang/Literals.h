// Values built by the literal syntax of the language: matrices [a, b; c, d] and ranges a:s:b.
#pragma once

#include <vector>

#include "engine/lang/Value.h"

namespace lemma::lang {

// [row; row; …]: numeric blocks joined horizontally then vertically (0×0 blocks are skipped),
// a row of strings joined into one string, a row of lists joined into one list.
Value concatenate(const std::vector<std::vector<Value>>& rows);

// start:stop or start:step:stop (`step` may be null) as a row vector; empty when the step
// points away from stop. The count allows for rounding, so 0:0.1:1 has 11 elements.
Value makeRange(const Value& start, const Value* step, const Value& stop);

}  // namespace lemma::lang
