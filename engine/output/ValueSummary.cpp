// Summaries of values for the variables panel; the mathematics stays here, not in the widgets.
#include "engine/output/ValueSummary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <string_view>

#include "engine/output/Display.h"

namespace lemma::output {

using lang::FunctionData;
using lang::Value;

namespace {

// Concatenation without operator+ chains, which GCC 12 misreads as overlapping copies
// (-Wrestrict false positives at -O2).
std::string join(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const std::string_view p : parts)
        out.append(p);
    return out;
}

std::string complexNumber(std::complex<double> z, NumberStyle style) {
    const std::string im = numberText(std::abs(z.imag()), style);
    return numberText(z.real(), style) + (z.imag() < 0 ? " - " : " + ") + im + "i";
}

// Cuts `s` to `width` characters (counting UTF-8 code points), ending in "…" when cut.
std::string clip(const std::string& s, std::size_t width) {
    std::size_t points = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++points > width) {
            std::string cut(s, 0, i);
            cut += "…";
            return cut;
        }
    }
    return s;
}

// In the format the cell shows (output::entryFormat): "[0.8901 0.1000; 1.0000 0]",
// "1.0e-03 * [1.0000 2.0000]"; the shape when it does not fit in `width`.
std::string numericPreview(const Value& v, std::size_t width, NumberStyle style) {
    const std::string shape = v.sizeString() + " " + v.typeName();
    if (v.numel() == 0)
        return "[](" + v.sizeString() + ")";
    if (v.numel() == 1) {
        if (v.isBool())
            return v.real()(0) != 0 ? "true" : "false";
        return v.isComplex() ? complexNumber(v.complex()(0), style)
                             : numberText(v.real()(0), style);
    }
    const EntryFormat f = entryFormat(v, style);
    const std::string scale = scaleFactorText(f);
    std::string out = scale.empty() ? "[" : scale + " [";
    for (arma::uword i = 0; i < v.rows(); ++i) {
        for (arma::uword j = 0; j < v.cols(); ++j) {
            if (j > 0)
                out += ' ';
            else if (i > 0)
                out += "; ";
            if (v.isComplex()) {
                const std::complex<double> z = v.complex()(i, j);
                out += '(';
                out += formatEntry(z.real(), f, false);
                out += z.imag() < 0 ? " - " : " + ";
                out += formatEntry(std::abs(z.imag()), f, false);
                out += "i)";
            } else {
                out += formatEntry(v.real()(i, j), f);
            }
            if (out.size() > width)
                return shape;
        }
    }
    out += ']';
    return out;
}

}  // namespace

ValueSummary summarize(const Value& value, std::size_t width, NumberStyle style) {
    ValueSummary s;
    s.type = value.typeName();
    s.size = value.sizeString();
    switch (value.type()) {
        case Value::Type::Real:
        case Value::Type::Complex:
        case Value::Type::Bool:
            s.preview = numericPreview(value, width, style);
            s.isMatrix = value.numel() > 1;
            break;
        case Value::Type::String:
            s.preview = join({"\"", clip(value.string(), width), "\""});
            break;
        case Value::Type::Struct: {
            std::string fields;
            for (const auto& [name, field] : value.structure().fields)
                fields += (fields.empty() ? "" : ", ") + name;
            s.preview = clip("struct: " + fields, width);
            break;
        }
        case Value::Type::List:
            s.preview = join({"{", std::to_string(value.items().size()), " items}"});
            break;
        case Value::Type::Function: {
            const FunctionData& f = value.function();
            s.preview =
                clip(f.kind == FunctionData::Kind::Anonymous ? f.name : "@" + f.name, width);
            break;
        }
        case Value::Type::Object:
            s.preview = join({"<", value.typeName(), ">"});
            break;
    }
    return s;
}

namespace {

template <class T>
MatrixFacts factsOf(const arma::Mat<T>& a) {
    MatrixFacts f;
    if (!a.is_finite()) {
        f.note = "contains NaN or Inf";
        return f;
    }
    arma::vec s;
    if (!arma::svd(s, a)) {
        f.note = "the singular value decomposition did not converge";
        return f;
    }
    const double smax = s.is_empty() ? 0.0 : s(0);
    const double tol = static_cast<double>(std::max(a.n_rows, a.n_cols)) * smax *
                       std::numeric_limits<double>::epsilon();
    f.ok = true;
    f.rank = static_cast<int>(arma::accu(s > tol));
    f.norm2 = smax;
    f.norm1 = arma::norm(a, 1);
    f.normInf = arma::norm(a, "inf");
    f.normFro = arma::norm(a, "fro");
    const double smin = s.is_empty() ? 0.0 : s(s.n_elem - 1);
    f.cond = smin > 0 ? smax / smin : std::numeric_limits<double>::infinity();
    return f;
}

}  // namespace

MatrixFacts matrixFacts(const Value& value) {
    if (!value.isNumeric() || value.numel() == 0) {
        MatrixFacts f;
        f.note = "not a numeric matrix";
        return f;
    }
    if (value.isComplex())
        return factsOf(value.complex());
    return factsOf(value.real());
}

Heatmap heatmap(const Value& value, int maxSide) {
    Heatmap h;
    if (!value.isNumeric() || value.numel() == 0 || maxSide < 1)
        return h;
    // No copy of a real matrix (the panel asks on the GUI thread, and it may hold gigabytes).
    arma::mat modulus;
    if (value.isComplex())
        modulus = arma::abs(value.complex());
    const arma::mat& m = value.isComplex() ? modulus : value.real();
    const arma::uword side = static_cast<arma::uword>(maxSide);
    const arma::uword rows = std::min(m.n_rows, side);
    const arma::uword cols = std::min(m.n_cols, side);
    arma::mat cells(rows, cols, arma::fill::zeros);
    arma::mat counts(rows, cols, arma::fill::zeros);
    // Past kSampled rows or columns, every k-th one: the cost stays at most kSampled² entries
    // (a 10^7×1 or 2^14×2^14 matrix shows at once), and each cell still averages many entries.
    constexpr arma::uword kSampled = 1024;
    const arma::uword rowStep = (m.n_rows + kSampled - 1) / kSampled;
    const arma::uword colStep = (m.n_cols + kSampled - 1) / kSampled;
    for (arma::uword j = 0; j < m.n_cols; j += colStep) {
        const arma::uword cj = j * cols / m.n_cols;
        for (arma::uword i = 0; i < m.n_rows; i += rowStep) {
            const double x = m(i, j);
            if (!std::isfinite(x))
                continue;
            const arma::uword ci = i * rows / m.n_rows;
            cells(ci, cj) += x;
            counts(ci, cj) += 1;
        }
    }
    const arma::uvec filled = arma::find(counts > 0);
    if (filled.is_empty())
        return h;
    cells.elem(filled) /= counts.elem(filled);
    const arma::vec present = cells.elem(filled);
    h.min = present.min();
    h.max = present.max();
    const double span = h.max - h.min;
    h.rows = static_cast<int>(rows);
    h.cols = static_cast<int>(cols);
    h.cells.resize(rows * cols);
    for (arma::uword i = 0; i < rows; ++i) {
        for (arma::uword j = 0; j < cols; ++j) {
            const double t = counts(i, j) == 0 ? 0.5
                             : span > 0        ? (cells(i, j) - h.min) / span
                                               : 0.5;
            h.cells[i * cols + j] = static_cast<float>(t);
        }
    }
    return h;
}

}  // namespace lemma::output
