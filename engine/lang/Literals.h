// Values built by the literal syntax of the language: matrices [a, b; c, d] and ranges a:s:b.
#pragma once

#include <string>
#include <vector>

#include "engine/core/Value.h"

namespace lemma::lang {

// A range long enough to exhaust memory is a mistake, not a request.
inline constexpr double kMaxRangeElements = 1e8;

// No dimension of a matrix may be larger than this (the most elements a matrix may have): an
// empty 0×2^40 matrix costs nothing to hold, but every loop over its columns (cumsum, fliplr, a
// plot's series, a table's header) would run for hours.
inline constexpr arma::uword kMaxDimension = 268435456;  // 2^28

// Throws "a 0×1099511627776 result is too large (a dimension may be at most 268435456)",
// prefixed by `who` and ": " when `who` is not empty, for a shape beyond kMaxDimension.
void checkDimensions(arma::uword rows, arma::uword cols, const std::string& who);

// [row; row; …]: numeric blocks joined horizontally then vertically (0×0 blocks are skipped),
// a row of strings joined into one string, a row of lists joined into one list.
Value concatenate(const std::vector<std::vector<Value>>& rows);

// The elements of a range without building it: `for k = 1:n` walks a RangeSpec.
struct RangeSpec {
    double start = 0.0;
    double step = 1.0;
    double stop = 0.0;
    arma::uword count = 0;

    // Element k (0-based); the last one is exactly `stop` when the steps overshoot it by a
    // rounding error.
    double at(arma::uword k) const;
};

// Checks the bounds (real scalars) and counts the elements, allowing for rounding so that
// 0:0.1:1 has 11. `step` may be null.
RangeSpec rangeSpec(const Value& start, const Value* step, const Value& stop);

// start:stop or start:step:stop (`step` may be null) as a row vector; empty when the step
// points away from stop. At most kMaxRangeElements elements.
Value makeRange(const Value& start, const Value* step, const Value& stop);

}  // namespace lemma::lang
