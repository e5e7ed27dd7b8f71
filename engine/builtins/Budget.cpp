// The run's memory budget as builtins see it (see Budget.h).
#include "engine/builtins/Budget.h"

#include <cmath>
#include <cstdlib>

#include "engine/core/MemoryBudget.h"
#include "engine/output/Display.h"

namespace lemma::builtins::budget {

namespace {

// 1e6 rather than 1000000: large round numbers as people write them.
std::string compactNumber(double x) {
    if (x != std::floor(x) || std::abs(x) < 1e5 || std::abs(x) >= 1e18)
        return output::shortestNumber(x);
    long long mantissa = std::llabs(static_cast<long long>(x));
    int exponent = 0;
    while (mantissa % 10 == 0) {
        mantissa /= 10;
        ++exponent;
    }
    if (exponent < 3)
        return output::shortestNumber(x);
    const std::string digits = std::to_string(mantissa);
    exponent += static_cast<int>(digits.size()) - 1;
    std::string out = x < 0 ? "-" : "";
    out += digits.front();
    if (digits.size() > 1) {
        out += '.';
        out.append(digits, 1);
    }
    return out + "e" + std::to_string(exponent);
}

std::string argumentText(const Value& v) {
    if (v.isRealScalar())
        return compactNumber(v.scalar());
    // Logicals as the language writes them ("false", "[true false]"), not as numbers ("[0]").
    if (v.isBool() && v.numel() <= 4 && v.rows() == 1) {
        std::string out;
        for (arma::uword k = 0; k < v.numel(); ++k)
            out += std::string(k ? " " : "") + (v.real()(k) != 0.0 ? "true" : "false");
        return v.numel() == 1 ? out : "[" + out + "]";
    }
    if (v.isString())
        return v.string().size() <= 20 ? "\"" + v.string() + "\"" : "a string";
    if (v.isReal() && v.numel() <= 4 && v.rows() == 1) {
        std::string out = "[";
        for (arma::uword k = 0; k < v.numel(); ++k) {
            if (k)
                out += ' ';
            out += compactNumber(v.real()(k));
        }
        return out + "]";
    }
    if (v.isNumeric())
        return v.sizeString() + " matrix";
    return "a " + v.typeName();
}

}  // namespace

std::string callText(const Call& call) {
    std::string out = call.name() + "(";
    for (std::size_t i = 0; i < call.count(); ++i) {
        if (i)
            out += ", ";
        out += argumentText(call.arg(i));
    }
    return out + ")";
}

void require(Call& call, double bytes) {
    call.context().runState<MemoryBudget>().require(bytes, callText(call));
}

void requireList(Call& call, double items) {
    require(call, items * static_cast<double>(sizeof(lang::Value)));
}

void itemDone(Call& call, std::size_t count, bool list) {
    if (count % kItemChunk != 0)
        return;
    call.context().checkCancelled();
    // Measured only for requests of MemoryBudget::kMeasureFrom or more: check 16 chunks ahead
    // (about 200 MiB of items) once every 16 chunks.
    constexpr std::size_t kAhead = 16;
    if (list && count % (kAhead * kItemChunk) == 0)
        requireList(call, static_cast<double>(kAhead * kItemChunk));
}

std::pair<arma::uword, arma::uword> tileCounts(Call& call, std::size_t first) {
    auto count = [&](std::size_t i, double x) -> double {
        if (!std::isfinite(x) || x != std::floor(x))
            call.fail("argument " + std::to_string(i + 1) + " must be an integer count, got " +
                      output::shortestNumber(x));
        // Past 2^53 a count does not even convert to an index; no budget holds such tiles.
        if (x > 9.0e15)
            require(call, arma::datum::inf);
        return x < 0 ? 0.0 : x;
    };
    double m = 1.0;
    double n = 1.0;
    if (call.has(first + 1)) {
        m = count(first, call.scalar(first));
        n = count(first + 1, call.scalar(first + 1));
    } else {
        const Value& v = call.arg(first);
        if (v.isReal() && v.numel() == 2) {
            m = count(first, v.real()(0));
            n = count(first, v.real()(1));
        } else {
            m = n = count(first, call.scalar(first));
        }
    }
    return {static_cast<arma::uword>(m), static_cast<arma::uword>(n)};
}

}  // namespace lemma::builtins::budget
