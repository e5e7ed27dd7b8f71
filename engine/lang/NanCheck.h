// "Why is my loss NaN?": finds the operation that first turned finite numbers into NaN or Inf
// in a cell, so the cell can say where its non-finite values start.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/Error.h"
#include "engine/core/Value.h"

namespace lemma::lang {

// Responsibilities:
// - decide whether an operation's result holds a NaN or Inf that its inputs did not (a NaN
//   that merely propagates is not news), and word the warning:
//   "exp: entry (2, 3) overflowed to Inf at line 4, column 9";
// - warn once per run: after the first warning, and after `nancheck off`, it checks nothing.
//
// Cost: one scan of each non-scalar result, in blocks that test the exponent bits of every
// entry (memory-bound, vectorised), and nothing more unless a non-finite entry is there; for
// scalars, one isfinite() on the result. The interpreter asks active() first, so a run that
// has warned (or switched the check off) pays a load and a branch per operation.
class NanCheck {
public:
    bool active() const { return m_enabled && !m_warned; }
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool enabled() const { return m_enabled; }

    // After `operation` made `result` from the numeric values among `inputs` (null entries
    // and non-numeric values are skipped): the warning, when the result has a NaN or Inf and no
    // input has one; then the check stops for the run. `pole` operations (division, log) make
    // Inf by reaching a pole, the others by overflow, which the wording follows.
    std::optional<std::string> check(std::string_view operation, const Value& result,
                                     const Value* const* inputs, std::size_t count, SourcePos pos,
                                     bool pole);
    // The same for a scalar operation x op y = z, when z is not finite.
    std::optional<std::string> checkScalar(std::string_view operation, double x, double y, double z,
                                           SourcePos pos, bool pole);

    // Whether every entry of a numeric value is finite (true for non-numeric values).
    static bool finite(const Value& v);
    // Whether a builtin's NaN or Inf results are its purpose (Inf, NaN, str2double …), so they
    // are not reported.
    static bool makesNonFiniteOnPurpose(std::string_view builtin);

private:
    std::string word(std::string_view operation, std::size_t row, std::size_t col, double re,
                     double im, SourcePos pos, bool pole);

    bool m_enabled = true;
    bool m_warned = false;
};

}  // namespace lemma::lang
