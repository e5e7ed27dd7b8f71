// Indexing of values. Numeric matrices go through templates shared by real and complex
// matrices; strings are indexed as a row of character codes; lists as a row of items.
#include "engine/lang/Indexing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/core/Error.h"
#include "engine/lang/Literals.h"
#include "engine/lang/Operators.h"

namespace lemma::lang {

namespace {

std::string numberText(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", x);
    return buf;
}

arma::uvec iota(arma::uword n) {
    arma::uvec r(n);
    for (arma::uword i = 0; i < n; ++i)
        r[i] = i;
    return r;
}

void checkBounds(const arma::uvec& positions, arma::uword extent, const char* what,
                 arma::uword rows, arma::uword cols) {
    for (const arma::uword p : positions) {
        if (p >= extent)
            throw Error(std::string(what) + "index " + std::to_string(p + 1) +
                        " out of bounds for " + shapeString(rows, cols));
    }
}

void checkListBounds(const arma::uvec& positions, std::size_t count) {
    for (const arma::uword p : positions) {
        if (p >= count)
            throw Error("index " + std::to_string(p + 1) + " out of bounds for a list of " +
                        std::to_string(count) + (count == 1 ? " item" : " items"));
    }
}

void checkCount(const Subscripts& subs) {
    if (subs.size() > 2)
        throw Error("at most 2 indices are supported, got " + std::to_string(subs.size()));
}

bool isVectorShape(arma::uword rows, arma::uword cols) {
    return rows == 1 || cols == 1;
}

arma::mat charCodes(const std::string& s) {
    arma::mat m(1, s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
        m[i] = static_cast<unsigned char>(s[i]);
    return m;
}

std::string fromCharCodes(const arma::mat& m) {
    std::string s(m.n_elem, ' ');
    for (arma::uword i = 0; i < m.n_elem; ++i) {
        if (m[i] != 0.0)
            s[i] = static_cast<char>(static_cast<unsigned char>(m[i]));
    }
    return s;
}

// ---- reading ---------------------------------------------------------------------------------

// A(I): `:` gives a column; a mask gives a row for a row vector and a column otherwise; an
// index vector into a vector keeps the vector's orientation; otherwise the index's shape.
template <class M>
M readLinear(const M& m, const Subscript& s) {
    if (s.all)
        return M(arma::vectorise(m));
    checkBounds(s.positions, m.n_elem, "", m.n_rows, m.n_cols);
    M picked = m.elem(s.positions);
    const arma::uword n = picked.n_elem;
    if (s.logical) {
        if (m.n_rows == 1)
            picked.reshape(1, n);
    } else if (isVectorShape(m.n_rows, m.n_cols) && m.n_elem != 1 &&
               isVectorShape(s.rows, s.cols)) {
        if (m.n_rows == 1)
            picked.reshape(1, n);
    } else {
        picked.reshape(s.rows, s.cols);
    }
    return picked;
}

template <class M>
M read2D(const M& m, const Subscript& r, const Subscript& c) {
    if (!r.all)
        checkBounds(r.positions, m.n_rows, "row ", m.n_rows, m.n_cols);
    if (!c.all)
        checkBounds(c.positions, m.n_cols, "column ", m.n_rows, m.n_cols);
    if (r.all && c.all)
        return m;
    if (r.all)
        return m.cols(c.positions);
    if (c.all)
        return m.rows(r.positions);
    return m.submat(r.positions, c.positions);
}

template <class M>
M readMatrix(const M& m, const Subscripts& subs) {
    if (subs.size() == 1)
        return readLinear(m, subs[0]);
    return read2D(m, subs[0], subs[1]);
}

// ---- assigning ---------------------------------------------------------------------------

// Linear growth: a row (or empty) grows along its row, a column down its column; a matrix
// cannot grow from a linear index because the new shape would be a guess.
template <class M>
void growLinear(M& m, arma::uword needed) {
    if (m.n_rows > 1 && m.n_cols > 1)
        throw Error("cannot grow a " + shapeString(m.n_rows, m.n_cols) + " matrix with index " +
                    std::to_string(needed) + "; use A(i, j) = …");
    const bool column = m.n_cols == 1 && m.n_rows != 1;
    checkDimensions(column ? needed : 1, column ? 1 : needed, "");
    // A vector's entries are contiguous: one block copy and a zeroed tail (Armadillo's resize
    // zero-fills everything and then copies element by element, which made `x(end+1) = v`
    // ten times slower than Octave's).
    M grown(column ? needed : 1, column ? 1 : needed, arma::fill::none);
    std::copy(m.begin(), m.end(), grown.begin());
    std::fill(grown.begin() + m.n_elem, grown.end(), typename M::elem_type(0));
    m = std::move(grown);
}

template <class M>
void assignLinear(M& m, const Subscript& s, const M& rhs) {
    if (!s.all && !s.positions.is_empty()) {
        const arma::uword needed = s.positions.max() + 1;
        if (needed > m.n_elem)
            growLinear(m, needed);
    }
    const arma::uword k = s.count(m.n_elem);
    if (rhs.n_elem != 1 && rhs.n_elem != k)
        throw Error("dimension mismatch: cannot assign " + shapeString(rhs.n_rows, rhs.n_cols) +
                    " to " + std::to_string(k) + (k == 1 ? " element" : " elements"));
    if (s.all) {
        if (rhs.n_elem == 1) {
            m.fill(rhs[0]);
        } else {
            std::copy(rhs.begin(), rhs.end(), m.begin());
        }
    } else if (rhs.n_elem == 1) {
        m.elem(s.positions).fill(rhs[0]);
    } else {
        m.elem(s.positions) = arma::vectorise(rhs);
    }
}

// The extent a `:` stands for in a dimension that is still empty: taken from the right-hand
// side, so that `A = []; A(:, 1) = v` makes a column.
template <class M>
arma::uword colonExtent(const M& rhs, const Subscript& other, bool rowsDimension) {
    if (rhs.n_elem == 1)
        return 1;
    if (other.all)
        return rowsDimension ? rhs.n_rows : rhs.n_cols;
    const arma::uword k = std::max<arma::uword>(1, other.positions.n_elem);
    return rhs.n_elem / k;
}

template <class M>
void assign2D(M& m, const Subscript& r, const Subscript& c, const M& rhs) {
    arma::uword rows = m.n_rows;
    arma::uword cols = m.n_cols;
    if (r.all) {
        if (rows == 0)
            rows = colonExtent(rhs, c, true);
    } else if (!r.positions.is_empty()) {
        rows = std::max(rows, r.positions.max() + 1);
    }
    if (c.all) {
        if (cols == 0)
            cols = colonExtent(rhs, r, false);
    } else if (!c.positions.is_empty()) {
        cols = std::max(cols, c.positions.max() + 1);
    }
    if (rows != m.n_rows || cols != m.n_cols) {
        checkDimensions(rows, cols, "");
        m.resize(rows, cols);
    }

    const arma::uword kr = r.count(m.n_rows);
    const arma::uword kc = c.count(m.n_cols);
    if (rhs.n_elem == 1) {
        const auto x = rhs[0];
        if (r.all && c.all) {
            m.fill(x);
        } else if (r.all) {
            m.cols(c.positions).fill(x);
        } else if (c.all) {
            m.rows(r.positions).fill(x);
        } else {
            m.submat(r.positions, c.positions).fill(x);
        }
        return;
    }
    const bool sameShape = rhs.n_rows == kr && rhs.n_cols == kc;
    const bool vectors = isVectorShape(kr, kc) && isVectorShape(rhs.n_rows, rhs.n_cols);
    if (rhs.n_elem != kr * kc || !(sameShape || vectors))
        throw Error("dimension mismatch: cannot assign " + shapeString(rhs.n_rows, rhs.n_cols) +
                    " to a " + shapeString(kr, kc) + " block");
    const M block = arma::reshape(rhs, kr, kc);
    if (r.all && c.all) {
        m = block;
    } else if (r.all) {
        m.cols(c.positions) = block;
    } else if (c.all) {
        m.rows(r.positions) = block;
    } else {
        m.submat(r.positions, c.positions) = block;
    }
}

template <class M>
void assignMatrix(M& m, const Subscripts& subs, const M& rhs) {
    if (subs.empty())
        throw Error("an indexed assignment needs at least one index");
    if (subs.size() == 1) {
        assignLinear(m, subs[0], rhs);
    } else {
        assign2D(m, subs[0], subs[1], rhs);
    }
}

// ---- deleting ------------------------------------------------------------------------------

bool coversAll(const arma::uvec& positions, arma::uword extent) {
    return arma::uvec(arma::unique(positions)).n_elem == extent;
}

template <class M>
M deleteElements(M m, const Subscripts& subs) {
    if (subs.empty())
        throw Error("an indexed deletion needs at least one index");
    if (subs.size() == 1) {
        const Subscript& s = subs[0];
        if (s.all) {
            if (m.n_rows == 1)
                return M(1, 0);
            if (m.n_cols == 1)
                return M(0, 1);
            return M();
        }
        checkBounds(s.positions, m.n_elem, "", m.n_rows, m.n_cols);
        if (m.n_rows == 1) {
            m.shed_cols(s.positions);
        } else if (m.n_cols == 1) {
            m.shed_rows(s.positions);
        } else {
            M flat = arma::reshape(m, 1, m.n_elem);
            flat.shed_cols(s.positions);
            return flat;
        }
        return m;
    }
    const Subscript& r = subs[0];
    const Subscript& c = subs[1];
    if (!r.all)
        checkBounds(r.positions, m.n_rows, "row ", m.n_rows, m.n_cols);
    if (!c.all)
        checkBounds(c.positions, m.n_cols, "column ", m.n_rows, m.n_cols);
    const bool allRows = r.all || coversAll(r.positions, m.n_rows);
    const bool allCols = c.all || coversAll(c.positions, m.n_cols);
    if (allRows) {
        if (c.all)
            return M(m.n_rows, 0);
        m.shed_cols(c.positions);
    } else if (allCols) {
        m.shed_rows(r.positions);
    } else {
        throw Error("deleting elements needs ':' in all but one index, as in A(:, 2) = []");
    }
    return m;
}

bool isDeletion(const Value& rhs) {
    return rhs.type() == Value::Type::Real && rhs.rows() == 0 && rhs.cols() == 0;
}

// ---- lists -------------------------------------------------------------------------------

Value assignList(Value& target, const Subscripts& subs, const Value& rhs) {
    if (subs.size() != 1)
        throw Error("a list takes one index");
    const Subscript& s = subs[0];
    if (isDeletion(rhs)) {
        std::vector<Value> items = target.items();
        const arma::uvec positions = s.resolve(items.size());
        checkListBounds(positions, items.size());
        std::vector<bool> drop(items.size(), false);
        for (const arma::uword p : positions)
            drop[p] = true;
        std::vector<Value> kept;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (!drop[i])
                kept.push_back(std::move(items[i]));
        }
        return Value::list(std::move(kept));
    }
    if (!rhs.isList())
        throw Error("L(i) = … needs a list on the right, got " + describe(rhs) +
                    "; use L{i} = value to set one item");
    // The right-hand side may be this very list (L(2) = L): read its items before writing.
    const std::vector<Value> values = rhs.items();
    std::vector<Value>& items = target.mutableItems();
    if (!s.all && !s.positions.is_empty() && s.positions.max() >= items.size())
        items.resize(s.positions.max() + 1);
    const arma::uvec positions = s.resolve(items.size());
    if (values.size() != 1 && values.size() != positions.n_elem)
        throw Error("dimension mismatch: cannot assign a list of " + std::to_string(values.size()) +
                    " items to " + std::to_string(positions.n_elem) + " positions");
    for (arma::uword k = 0; k < positions.n_elem; ++k) {
        items[positions[k]] = values.size() == 1 ? values[0] : values[k];
    }
    return std::move(target);
}

Value assignString(const std::string& target, const Subscripts& subs, const Value& rhs) {
    arma::mat m = charCodes(target);
    if (isDeletion(rhs))
        return Value(fromCharCodes(deleteElements(std::move(m), subs)));
    if (!rhs.isString())
        throw Error("cannot put " + describe(rhs) + " into a string; use a string of characters");
    assignMatrix(m, subs, charCodes(rhs.string()));
    if (m.n_rows > 1)
        throw Error("a string has one row of characters");
    return Value(fromCharCodes(m));
}

}  // namespace

Subscript Subscript::colon() {
    Subscript s;
    s.all = true;
    return s;
}

Subscript Subscript::from(const Value& index) {
    Subscript s;
    if (index.isBool()) {
        const arma::mat& mask = index.real();
        s.logical = true;
        s.rows = mask.n_rows;
        s.cols = mask.n_cols;
        s.positions = arma::find(mask != 0.0);
        return s;
    }
    if (!index.isReal())
        throw Error("index must be a positive integer, got " + describe(index));
    const arma::mat& m = index.real();
    s.rows = m.n_rows;
    s.cols = m.n_cols;
    s.positions.set_size(m.n_elem);
    for (arma::uword k = 0; k < m.n_elem; ++k) {
        const double x = m[k];
        if (!(x >= 1.0) || x != std::floor(x) || x > 9.0e15)
            throw Error("index must be a positive integer, got " + numberText(x));
        s.positions[k] = static_cast<arma::uword>(x) - 1;
    }
    return s;
}

arma::uword Subscript::count(arma::uword extent) const {
    return all ? extent : positions.n_elem;
}

arma::uvec Subscript::resolve(arma::uword extent) const {
    return all ? iota(extent) : positions;
}

Value indexRead(const Value& v, const Subscripts& subs) {
    if (subs.empty())
        return v;
    checkCount(subs);
    switch (v.type()) {
        case Value::Type::Real:
            return Value(readMatrix(v.real(), subs));
        case Value::Type::Bool:
            return Value::logical(readMatrix(v.real(), subs));
        case Value::Type::Complex:
            return Value::narrowed(readMatrix(v.complex(), subs));
        case Value::Type::String:
            return Value(fromCharCodes(readMatrix(charCodes(v.string()), subs)));
        case Value::Type::List: {
            if (subs.size() != 1)
                throw Error("a list takes one index");
            const std::vector<Value>& items = v.items();
            const arma::uvec positions = subs[0].resolve(items.size());
            checkListBounds(positions, items.size());
            std::vector<Value> picked;
            picked.reserve(positions.n_elem);
            for (const arma::uword p : positions)
                picked.push_back(items[p]);
            return Value::list(std::move(picked));
        }
        default:
            throw Error("cannot index " + describe(v) + " with (…)");
    }
}

Value braceRead(const Value& list, const Subscripts& subs) {
    if (!list.isList())
        throw Error("cannot use {…} on " + describe(list) + "; use (…)");
    if (subs.size() != 1)
        throw Error("a list takes one index in {…}");
    const std::vector<Value>& items = list.items();
    const arma::uvec positions = subs[0].resolve(items.size());
    if (positions.n_elem != 1)
        throw Error("L{…} must select exactly one item, got " + std::to_string(positions.n_elem));
    checkListBounds(positions, items.size());
    return items[positions[0]];
}

Value indexAssign(std::optional<Value> target, const Subscripts& subs, const Value& rhs) {
    checkCount(subs);
    if (!target) {
        if (rhs.isString()) {
            target = Value(std::string());
        } else if (rhs.isList()) {
            target = Value::list({});
        } else if (rhs.isBool()) {
            target = Value::logical(arma::mat());
        } else {
            target = Value(arma::mat());
        }
    }
    Value& t = *target;
    if (t.isString())
        return assignString(t.string(), subs, rhs);
    if (t.isList())
        return assignList(t, subs, rhs);
    if (!t.isNumeric())
        throw Error("cannot index " + describe(t) + " with (…)");
    if (isDeletion(rhs)) {
        if (t.isComplex())
            return Value::narrowed(deleteElements(t.takeComplex(), subs));
        const bool wasBool = t.isBool();
        arma::mat m = deleteElements(t.takeReal(), subs);
        return wasBool ? Value::logical(std::move(m)) : Value(std::move(m));
    }
    if (!rhs.isNumeric())
        throw Error("cannot put " + describe(rhs) + " into " + describe(t));
    if (t.isComplex() || rhs.isComplex()) {
        arma::cx_mat m = t.takeComplex();
        assignMatrix(m, subs, rhs.toComplex());
        return Value::narrowed(m);
    }
    // In place: the storage is copied only when another value shares it.
    if (t.isBool() && !rhs.isBool())
        t = Value(t.takeReal());
    assignMatrix(t.mutableReal(), subs, rhs.real());
    t.fitStorage();
    return std::move(t);
}

Value braceAssign(std::optional<Value> target, const Subscripts& subs, Value rhs) {
    if (target && !target->isList() && !(target->isNumeric() && target->isEmpty()))
        throw Error("cannot use {…} on " + describe(*target) + "; use (…)");
    if (subs.size() != 1)
        throw Error("a list takes one index in {…}");
    if (!target || !target->isList())
        target = Value::list({});
    const Subscript& s = subs[0];
    if (s.all || s.positions.n_elem != 1)
        throw Error("L{…} = value must select exactly one item, got " +
                    std::to_string(s.count(target->items().size())));
    // In place: the items are copied only when another value shares the list.
    std::vector<Value>& items = target->mutableItems();
    const arma::uword p = s.positions[0];
    if (p >= items.size())
        items.resize(p + 1);
    items[p] = std::move(rhs);
    return std::move(*target);
}

std::optional<Growth> growthOf(const std::optional<Value>& target, const Subscripts& subs,
                               const Value& rhs, bool brace) {
    const auto furthest = [](const Subscript& s) -> arma::uword {
        return s.all || s.positions.is_empty() ? 0 : s.positions.max() + 1;
    };
    if (!brace && isDeletion(rhs))
        return std::nullopt;
    const bool list = brace ? true : target ? target->isList() : rhs.isList();
    if (list) {
        if (subs.size() != 1 || (target && !target->isList() && !target->isEmpty()))
            return std::nullopt;
        const arma::uword held = target && target->isList() ? target->items().size() : 0;
        const arma::uword needed = furthest(subs[0]);
        if (needed <= held)
            return std::nullopt;
        return Growth{1, needed, true, static_cast<double>(needed) * sizeof(Value)};
    }
    if (subs.empty() || subs.size() > 2)
        return std::nullopt;
    if (target && !target->isNumeric() && !target->isString())
        return std::nullopt;
    const arma::uword rows = target ? target->rows() : 0;
    const arma::uword cols = target ? target->cols() : 0;
    Growth g;
    if (subs.size() == 1) {
        const arma::uword needed = furthest(subs[0]);
        if (needed <= rows * cols || (rows > 1 && cols > 1))
            return std::nullopt;
        const bool column = cols == 1 && rows != 1;
        g.rows = column ? needed : 1;
        g.cols = column ? 1 : needed;
    } else {
        g.rows = std::max(rows, furthest(subs[0]));
        g.cols = std::max(cols, furthest(subs[1]));
        if (g.rows == rows && g.cols == cols)
            return std::nullopt;
    }
    const bool complex = (target && target->isComplex()) || rhs.isComplex();
    // Strings are assigned as a row of character codes, 8 bytes each while they are.
    g.bytes = static_cast<double>(g.rows) * static_cast<double>(g.cols) * (complex ? 16.0 : 8.0);
    return g;
}

}  // namespace lemma::lang
