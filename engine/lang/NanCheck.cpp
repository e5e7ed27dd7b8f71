// Where a cell's NaNs and Infs start (see NanCheck.h).
#include "engine/lang/NanCheck.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace lemma::lang {

namespace {

constexpr std::uint64_t kExponent = 0x7ff0000000000000ULL;

// The index of the first non-finite double among n, or n. Blocks of 256 test the exponent bits
// with integer operations the compiler vectorises; only a block with a hit is searched.
std::size_t firstNonFinite(const double* p, std::size_t n) {
    constexpr std::size_t kBlock = 256;
    for (std::size_t start = 0; start < n; start += kBlock) {
        const std::size_t end = std::min(n, start + kBlock);
        std::uint64_t hit = 0;
        for (std::size_t k = start; k < end; ++k) {
            std::uint64_t bits;
            std::memcpy(&bits, p + k, sizeof bits);
            hit |= static_cast<std::uint64_t>((bits & kExponent) == kExponent);
        }
        if (hit) {
            for (std::size_t k = start; k < end; ++k) {
                if (!std::isfinite(p[k]))
                    return k;
            }
        }
    }
    return n;
}

// The doubles of a numeric value (a complex matrix as interleaved parts).
std::pair<const double*, std::size_t> doubles(const Value& v) {
    if (v.isComplex()) {
        const arma::cx_mat& m = v.complex();
        return {reinterpret_cast<const double*>(m.memptr()), 2 * m.n_elem};
    }
    const arma::mat& m = v.real();
    return {m.memptr(), m.n_elem};
}

}  // namespace

bool NanCheck::finite(const Value& v) {
    if (!v.isNumeric())
        return true;
    if (v.isRealScalar())
        return std::isfinite(v.scalar());
    const auto [p, n] = doubles(v);
    return firstNonFinite(p, n) == n;
}

bool NanCheck::makesNonFiniteOnPurpose(std::string_view builtin) {
    static constexpr std::array<std::string_view, 7> kOnPurpose = {
        "Inf", "inf", "NaN", "nan", "cond", "interp1", "nancheck"};
    for (std::string_view name : kOnPurpose) {
        if (name == builtin)
            return true;
    }
    return false;
}

std::optional<std::string> NanCheck::check(std::string_view operation, const Value& result,
                                           const Value* const* inputs, std::size_t count,
                                           SourcePos pos, bool pole) {
    if (!active() || !result.isNumeric())
        return std::nullopt;
    const auto [p, n] = doubles(result);
    const std::size_t k = firstNonFinite(p, n);
    if (k == n)
        return std::nullopt;
    for (std::size_t i = 0; i < count; ++i) {
        if (inputs[i] && !finite(*inputs[i]))
            return std::nullopt;
    }
    const bool complex = result.isComplex();
    const std::size_t entry = complex ? k / 2 : k;
    const std::size_t rows = std::max<std::size_t>(1, result.rows());
    const double re = complex ? p[2 * entry] : p[entry];
    const double im = complex ? p[2 * entry + 1] : 0.0;
    return word(operation, entry % rows + 1, entry / rows + 1, re, im, pos, pole);
}

std::optional<std::string> NanCheck::checkScalar(std::string_view operation, double x, double y,
                                                 double z, SourcePos pos, bool pole) {
    if (!active() || std::isfinite(z) || !std::isfinite(x) || !std::isfinite(y))
        return std::nullopt;
    return word(operation, 1, 1, z, 0.0, pos, pole);
}

std::string NanCheck::word(std::string_view operation, std::size_t row, std::size_t col, double re,
                           double im, SourcePos pos, bool pole) {
    m_warned = true;
    const bool nan = std::isnan(re) || std::isnan(im);
    const double inf = std::isinf(re) ? re : im;
    std::string what;
    if (nan)
        what = "became NaN";
    else
        what = std::string(pole ? "became " : "overflowed to ") + (inf < 0 ? "-Inf" : "Inf");
    std::string out = std::string(operation) + ": entry (" + std::to_string(row) + ", " +
                      std::to_string(col) + ") " + what;
    if (pos.known())
        out += " at line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column);
    return out;
}

}  // namespace lemma::lang
