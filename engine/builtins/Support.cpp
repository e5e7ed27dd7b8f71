// Helpers shared by the builtin families (see Support.h).
#include "engine/builtins/Support.h"

#include <cmath>
#include <cstdio>

#include "engine/builtins/Budget.h"
#include "engine/lang/Literals.h"
#include "engine/output/Display.h"

namespace lemma::builtins::support {

std::string describe(const Value& v) {
    if (v.isNumeric())
        return "a " + v.sizeString() + " " + v.typeName();
    return "a " + v.typeName();
}

const Value& numeric(const Call& call, std::size_t i) {
    const Value& v = call.arg(i);
    if (!v.isNumeric())
        call.fail("argument " + std::to_string(i + 1) + " must be a matrix, got " + describe(v));
    return v;
}

Value sameKind(const Value& like, arma::mat m) {
    if (like.isBool())
        return Value::logical(std::move(m));
    return Value(std::move(m));
}

int defaultDim(arma::uword rows, arma::uword /*cols*/) {
    return rows != 1 ? 1 : 2;
}

int dimArg(Call& call, std::size_t i, int fallback) {
    double d = 0.0;
    bool given = false;
    if (call.has(i) && !call.arg(i).isEmpty()) {
        d = call.scalar(i);
        given = true;
    } else if (const auto k = call.keyword("dim")) {
        if (!k->isReal() || !k->isScalar())
            call.fail("keyword 'dim' must be 1 or 2, got " + describe(*k));
        d = k->real()(0, 0);
        given = true;
    }
    if (!given)
        return fallback;
    if (d != 1.0 && d != 2.0)
        call.fail("dimension must be 1 or 2, got " + shortest(d));
    return static_cast<int>(d);
}

void checkSize(const Call& call, double rows, double cols) {
    // An empty result too: a 0×2^40 matrix is cheap to make but not to walk.
    if (rows > double(lang::kMaxDimension) || cols > double(lang::kMaxDimension)) {
        call.fail("a " + shortest(rows) + "×" + shortest(cols) +
                  " result is too large (a dimension may be at most " +
                  std::to_string(lang::kMaxDimension) + ")");
    }
    // The Call is never const where it is made (every builtin gets a Call&); checkSize keeps
    // its old signature so that the families calling it need no change.
    budget::require(const_cast<Call&>(call), rows * cols * 8.0);
}

std::pair<arma::uword, arma::uword> shapeArgs(Call& call, std::size_t first) {
    auto size = [&](std::size_t i, double x) -> double {
        if (!std::isfinite(x) || x != std::floor(x))
            call.fail("argument " + std::to_string(i + 1) + " must be an integer size, got " +
                      shortest(x));
        return x < 0 ? 0.0 : x;
    };
    double rows = 1.0;
    double cols = 1.0;
    if (!call.has(first)) {
        // 1×1
    } else if (!call.has(first + 1)) {
        const Value& v = numeric(call, first);
        if (v.isScalar()) {
            rows = cols = size(first, call.scalar(first));
        } else if (v.isReal() && v.numel() == 2) {
            rows = size(first, v.real()(0));
            cols = size(first, v.real()(1));
        } else {
            call.fail("argument " + std::to_string(first + 1) + " must be a size n or [m n], got " +
                      describe(v));
        }
    } else {
        rows = size(first, call.scalar(first));
        cols = size(first + 1, call.scalar(first + 1));
    }
    checkSize(call, rows, cols);
    return {static_cast<arma::uword>(rows), static_cast<arma::uword>(cols)};
}

std::string shortest(double x) {
    return output::shortestNumber(x);
}

}  // namespace lemma::builtins::support
