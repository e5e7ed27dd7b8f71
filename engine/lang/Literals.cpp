// Matrix literals and ranges.
#include "engine/lang/Literals.h"

#include <cmath>
#include <cstdio>

#include "engine/core/Error.h"
#include "engine/lang/Operators.h"

namespace lemma::lang {

namespace {

enum class Kind { Numeric, String, List };

Kind kindOf(const std::vector<Value>& values) {
    bool strings = false, lists = false, numbers = false;
    for (const Value& v : values) {
        if (v.isString()) {
            strings = true;
        } else if (v.isList()) {
            lists = true;
        } else if (v.isNumeric()) {
            numbers = true;
        } else {
            throw Error("cannot put " + describe(v) + " in a matrix; use a list {…}");
        }
    }
    if (static_cast<int>(strings) + static_cast<int>(lists) + static_cast<int>(numbers) > 1)
        throw Error("cannot mix strings, lists and numbers in a matrix; use a list {…}");
    if (strings)
        return Kind::String;
    if (lists)
        return Kind::List;
    return Kind::Numeric;
}

std::string shapes(const std::vector<Value>& values, const char* separator) {
    std::string s = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            s += separator;
        s += values[i].sizeString();
    }
    return s + "]";
}

template <class M>
M toMatrix(const Value& v) {
    if constexpr (std::is_same_v<M, arma::mat>) {
        return v.real();
    } else {
        return v.toComplex();
    }
}

// Joins blocks side by side (horizontal) or on top of each other.
template <class M>
M join(const std::vector<Value>& blocks, bool horizontal) {
    const Value& first = blocks.front();
    arma::uword total = 0;
    for (const Value& b : blocks) {
        const bool fits = horizontal ? b.rows() == first.rows() : b.cols() == first.cols();
        if (!fits)
            throw Error("dimension mismatch: " + shapes(blocks, horizontal ? ", " : "; "));
        total += horizontal ? b.cols() : b.rows();
    }
    M out(horizontal ? first.rows() : total, horizontal ? total : first.cols());
    arma::uword at = 0;
    for (const Value& b : blocks) {
        if (b.numel() > 0) {
            if (horizontal) {
                out.cols(at, at + b.cols() - 1) = toMatrix<M>(b);
            } else {
                out.rows(at, at + b.rows() - 1) = toMatrix<M>(b);
            }
        }
        at += horizontal ? b.cols() : b.rows();
    }
    return out;
}

Value joinNumeric(const std::vector<Value>& blocks, bool horizontal) {
    bool complex = false, allBool = true;
    for (const Value& b : blocks) {
        complex = complex || b.isComplex();
        allBool = allBool && b.isBool();
    }
    // Joined empties add up: [c, c, c] of 0×2^27 blocks must stay within kMaxDimension.
    arma::uword extent = 0;
    for (const Value& b : blocks)
        extent += horizontal ? b.cols() : b.rows();
    checkDimensions(horizontal ? blocks.front().rows() : extent,
                    horizontal ? extent : blocks.front().cols(), "");
    if (complex)
        return Value::narrowed(join<arma::cx_mat>(blocks, horizontal));
    arma::mat m = join<arma::mat>(blocks, horizontal);
    return allBool ? Value::logical(std::move(m)) : Value(std::move(m));
}

bool isEmptyBlock(const Value& v) {
    return v.isNumeric() && v.rows() == 0 && v.cols() == 0;
}

Value joinRow(const std::vector<Value>& row) {
    std::vector<Value> blocks;
    for (const Value& v : row) {
        if (!isEmptyBlock(v))
            blocks.push_back(v);
    }
    if (blocks.empty())
        return Value(arma::mat());
    if (blocks.size() == 1 && !blocks[0].isNumeric() && !blocks[0].isString() &&
        !blocks[0].isList())
        return blocks[0];
    switch (kindOf(blocks)) {
        case Kind::String: {
            std::string s;
            for (const Value& b : blocks)
                s += b.string();
            return Value(std::move(s));
        }
        case Kind::List: {
            std::vector<Value> items;
            for (const Value& b : blocks)
                items.insert(items.end(), b.items().begin(), b.items().end());
            return Value::list(std::move(items));
        }
        case Kind::Numeric:
            break;
    }
    return joinNumeric(blocks, true);
}

double rangeBound(const Value& v, const char* what) {
    if (!v.isReal() || v.numel() != 1)
        throw Error(std::string("the ") + what + " of a range must be a real scalar, got " +
                    describe(v));
    return v.real()(0, 0);
}

}  // namespace

void checkDimensions(arma::uword rows, arma::uword cols, const std::string& who) {
    if (rows <= kMaxDimension && cols <= kMaxDimension)
        return;
    throw Error((who.empty() ? std::string() : who + ": ") + "a " + shapeString(rows, cols) +
                " result is too large (a dimension may be at most " +
                std::to_string(kMaxDimension) + ")");
}

Value concatenate(const std::vector<std::vector<Value>>& rows) {
    std::vector<Value> joined;
    for (const auto& row : rows) {
        Value r = joinRow(row);
        if (!isEmptyBlock(r))
            joined.push_back(std::move(r));
    }
    if (joined.empty())
        return Value(arma::mat());
    if (joined.size() == 1)
        return joined[0];
    switch (kindOf(joined)) {
        case Kind::String:
            throw Error("strings cannot be stacked in a matrix; use a list {…} of strings");
        case Kind::List:
            throw Error("lists cannot be stacked in a matrix; join them in one row [a, b]");
        case Kind::Numeric:
            break;
    }
    return joinNumeric(joined, false);
}

double RangeSpec::at(arma::uword k) const {
    const double x = start + static_cast<double>(k) * step;
    return (step > 0 ? x > stop : x < stop) ? stop : x;
}

RangeSpec rangeSpec(const Value& start, const Value* step, const Value& stop) {
    RangeSpec r;
    r.start = rangeBound(start, "start");
    r.step = step ? rangeBound(*step, "step") : 1.0;
    r.stop = rangeBound(stop, "end");
    const double q = (r.stop - r.start) / r.step;
    if (std::isnan(q) || r.step == 0.0 || q < 0.0)
        return r;
    // Without the tolerance 0:0.1:0.3 would stop at 0.2: (0.3 - 0) / 0.1 is 2.9999999999999996.
    const double count = std::floor(q + 1e-10 * std::max(1.0, q)) + 1.0;
    if (!std::isfinite(count))
        throw Error("the range has infinitely many elements");
    if (count > kMaxRangeElements) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "the range has %.0f elements, more than the %.0f allowed",
                      count, kMaxRangeElements);
        throw Error(buf);
    }
    r.count = static_cast<arma::uword>(count);
    return r;
}

Value makeRange(const Value& start, const Value* step, const Value& stop) {
    const RangeSpec r = rangeSpec(start, step, stop);
    arma::mat out(1, r.count);
    for (arma::uword k = 0; k < r.count; ++k)
        out[k] = r.at(k);
    return Value(std::move(out));
}

}  // namespace lemma::lang
