// Octave-like formatting of values ("format short" and "format long").
//
// Numbers follow Octave's rule of five significant digits (sixteen in format long): one format
// per matrix, chosen from its largest and smallest magnitudes. All integers print as integers;
// otherwise a fixed number of decimals (0.3860, 12.346, 0.050000) as long as the integer and
// decimal digits together stay within 7 (18 in format long). Where Octave would switch a matrix to
// %.4e, the largest magnitude decides instead, as in MATLAB: a common scale factor ("1.0e-03 *")
// brings it to 1…10 when it does not fit on its own, the decimals are those of the (scaled) largest
// entry, and %.4e is left for a range so wide that some entry would show as 0.0000 (entries below
// 1e-10 of the largest are rounding noise and may). Exact zeros in a fixed-point matrix print as 0.
// Columns are right-aligned in a common width with a sign slot, two spaces apart, so [1 2] prints
// as "   1   2" and decimals line up. Large matrices show their first 10 rows and columns and say
// so. Vectors and matrices follow the same rules; a scalar has no scale factor.
#include "engine/output/Display.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

namespace lemma::output {

using lang::FunctionData;
using lang::shapeString;
using lang::StructData;
using lang::Value;

namespace {

constexpr double kMaxInteger = 1e15;   // larger integers print in %e (doubles are exact below)
constexpr arma::uword kMaxShown = 10;  // rows and columns shown of a large matrix

using NumberFormat = EntryFormat;

// The magnitudes a format has to fit.
struct Stats {
    double maxAbs = 0.0;
    double minAbs = std::numeric_limits<double>::infinity();
    double minNonZero = std::numeric_limits<double>::infinity();
    bool allIntegers = true;
    bool anyFinite = false;

    void add(double x) {
        if (!std::isfinite(x))
            return;
        anyFinite = true;
        const double a = std::abs(x);
        maxAbs = std::max(maxAbs, a);
        minAbs = std::min(minAbs, a);
        if (a > 0.0)
            minNonZero = std::min(minNonZero, a);
        if (x != std::floor(x))
            allIntegers = false;
    }
};

// Significant digits, and integer + decimal digits before a number switches to %e.
struct Precision {
    int significant;
    int maxFixedDigits;
};

Precision precisionOf(NumberStyle style) {
    return style == NumberStyle::Long ? Precision{16, 18} : Precision{5, 7};
}

// Digits before and after the point that show a magnitude with p.significant digits.
std::pair<int, int> digitsFor(double magnitude, const Precision& p) {
    const int x = magnitude == 0.0 ? 0 : static_cast<int>(std::floor(std::log10(magnitude))) + 1;
    if (x > 0)
        return {x, x < p.significant ? p.significant - x : p.significant};
    if (x < 0)
        return {1, p.significant - x};
    return {1, p.significant - 1};
}

double power10(int e) {
    return std::pow(10.0, e);
}

// A scalar: Octave's fixed format when it fits, else %.4e.
NumberFormat scalarFormat(const Stats& s, NumberStyle style) {
    if (!s.anyFinite || (s.allIntegers && s.maxAbs < kMaxInteger))
        return {};
    const Precision p = precisionOf(style);
    const auto [ld, rd] = digitsFor(s.maxAbs, p);
    if (ld + rd > p.maxFixedDigits)
        return {NumberFormat::Kind::Exponent, p.significant - 1, 0};
    return {NumberFormat::Kind::Fixed, rd, 0};
}

NumberFormat matrixFormat(const Stats& s, NumberStyle style) {
    if (!s.anyFinite || (s.allIntegers && s.maxAbs < kMaxInteger))
        return {};
    const Precision p = precisionOf(style);
    const auto [ldMax, rdMax] = digitsFor(s.maxAbs, p);
    const auto [ldMin, rdMin] = digitsFor(s.minAbs, p);
    if (std::max(ldMax, ldMin) + std::max(rdMax, rdMin) <= p.maxFixedDigits)
        return {NumberFormat::Kind::Fixed, std::max(rdMax, rdMin), 0};
    // The largest entry decides, scaled to 1…10 when it does not fit by itself.
    NumberFormat f{NumberFormat::Kind::Fixed, rdMax, 0};
    if (ldMax + rdMax > p.maxFixedDigits) {
        f.scaleExponent = static_cast<int>(std::floor(std::log10(s.maxAbs)));
        f.decimals = p.significant - 1;
    }
    // Would a real entry (not rounding noise) show as nothing but zeros?
    const double smallest = std::isfinite(s.minNonZero) ? s.minNonZero : s.maxAbs;
    const double shown = smallest / power10(f.scaleExponent);
    if (smallest > 1e-10 * s.maxAbs && shown < 0.5 * power10(-f.decimals))
        return {NumberFormat::Kind::Exponent, p.significant - 1, 0};
    return f;
}

std::string formatNumber(double x, NumberFormat f, bool plainZero) {
    if (std::isnan(x))
        return "NaN";
    if (std::isinf(x))
        return x > 0 ? "Inf" : "-Inf";
    if (x == 0.0) {
        x = 0.0;  // no "-0"
        if (plainZero)
            return "0";
    }
    char buf[64];
    switch (f.kind) {
        case NumberFormat::Kind::Integer:
            std::snprintf(buf, sizeof buf, "%.0f", x);
            break;
        case NumberFormat::Kind::Fixed:
            std::snprintf(buf, sizeof buf, "%.*f", f.decimals, x / power10(f.scaleExponent));
            // Rounding noise far below the scale shows as 0.0000, never as -0.0000.
            if (buf[0] == '-' && std::strspn(buf + 1, "0.") == std::strlen(buf + 1))
                std::memmove(buf, buf + 1, std::strlen(buf));
            break;
        case NumberFormat::Kind::Exponent:
            std::snprintf(buf, sizeof buf, "%.*e", f.decimals, x);
            break;
    }
    return buf;
}

Stats statsOf(const Value& v) {
    Stats stats;
    if (v.isComplex()) {
        const arma::cx_mat& m = v.complex();
        for (arma::uword i = 0; i < m.n_elem; ++i) {
            stats.add(m(i).real());
            stats.add(m(i).imag());
        }
    } else if (v.isNumeric()) {
        const arma::mat& m = v.real();
        for (arma::uword i = 0; i < m.n_elem; ++i)
            stats.add(m(i));
    }
    return stats;
}

// open + s + close, built by appending: GCC 12 warns falsely (-Wrestrict) about "x" + string.
std::string wrap(const char* open, const std::string& s, const char* close) {
    std::string out(open);
    out.append(s).append(close);
    return out;
}

std::size_t unsignedLength(const std::string& s) {
    return !s.empty() && s[0] == '-' ? s.size() - 1 : s.size();
}

std::string padLeft(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

std::string complexText(const std::string& re, std::string im, std::size_t reWidth,
                        std::size_t imWidth) {
    const bool negative = !im.empty() && im[0] == '-';
    if (negative)
        im.erase(0, 1);
    return padLeft(re, reWidth) + (negative ? " - " : " + ") + padLeft(im, imWidth) + "i";
}

// Grid of entry texts, aligned into lines with the elision marks and note.
std::string layout(const std::vector<std::vector<std::string>>& cells, std::size_t width,
                   arma::uword totalRows, arma::uword totalCols) {
    const bool moreRows = totalRows > cells.size();
    const bool moreCols = !cells.empty() && totalCols > cells.front().size();
    std::string out;
    for (const auto& row : cells) {
        for (const std::string& cell : row)
            out += "  " + padLeft(cell, width);
        if (moreCols)
            out += "  ...";
        out += '\n';
    }
    if (moreRows)
        out += "  ...\n";
    if (moreRows || moreCols) {
        std::string shown;
        if (moreRows)
            shown = std::to_string(cells.size()) + " rows";
        if (moreCols) {
            if (!shown.empty())
                shown += " and ";
            shown += std::to_string(cells.front().size()) + " columns";
        }
        out += "  (" + shapeString(totalRows, totalCols) + ": showing the first " + shown + ")\n";
    }
    return out;
}

// The scale factor line above the entries, when there is one.
std::string scaleLine(const NumberFormat& f) {
    const std::string scale = scaleFactorText(f);
    return scale.empty() ? std::string() : "  " + scale + "\n\n";
}

std::string realMatrix(const arma::mat& m, bool logical, const NumberFormat& f) {
    const arma::uword rows = std::min(m.n_rows, kMaxShown);
    const arma::uword cols = std::min(m.n_cols, kMaxShown);
    std::vector<std::vector<std::string>> cells(rows, std::vector<std::string>(cols));
    std::size_t width = 0;
    for (arma::uword i = 0; i < rows; ++i) {
        for (arma::uword j = 0; j < cols; ++j) {
            cells[i][j] = formatNumber(m(i, j), f, true);
            width = std::max(width, unsignedLength(cells[i][j]));
        }
    }
    return scaleLine(f) + layout(cells, logical ? width : width + 1, m.n_rows, m.n_cols);
}

std::string complexMatrix(const arma::cx_mat& m, const NumberFormat& f) {
    const arma::uword rows = std::min(m.n_rows, kMaxShown);
    const arma::uword cols = std::min(m.n_cols, kMaxShown);
    std::vector<std::vector<std::string>> re(rows, std::vector<std::string>(cols));
    std::vector<std::vector<std::string>> im = re;
    std::size_t reWidth = 0, imWidth = 0;
    for (arma::uword i = 0; i < rows; ++i) {
        for (arma::uword j = 0; j < cols; ++j) {
            re[i][j] = formatNumber(m(i, j).real(), f, false);
            im[i][j] = formatNumber(m(i, j).imag(), f, false);
            reWidth = std::max(reWidth, unsignedLength(re[i][j]));
            imWidth = std::max(imWidth, unsignedLength(im[i][j]));
        }
    }
    std::vector<std::vector<std::string>> cells(rows, std::vector<std::string>(cols));
    std::size_t width = 0;
    for (arma::uword i = 0; i < rows; ++i) {
        for (arma::uword j = 0; j < cols; ++j) {
            cells[i][j] = complexText(re[i][j], im[i][j], reWidth + 1, imWidth);
            width = std::max(width, cells[i][j].size());
        }
    }
    return scaleLine(f) + layout(cells, width, m.n_rows, m.n_cols);
}

std::string scalarText(const Value& v, NumberStyle style) {
    if (v.isReal()) {
        const double x = v.real()(0, 0);
        Stats stats;
        stats.add(x);
        return formatNumber(x, scalarFormat(stats, style), false);
    }
    const std::complex<double> z = v.complex()(0, 0);
    Stats stats;
    stats.add(z.real());
    stats.add(z.imag());
    const NumberFormat f = scalarFormat(stats, style);
    return complexText(formatNumber(z.real(), f, false), formatNumber(z.imag(), f, false), 0, 0);
}

std::string indent(const std::string& text, std::size_t n) {
    std::string out;
    bool lineStart = true;
    for (const char c : text) {
        if (lineStart && c != '\n')
            out.append(n, ' ');
        out += c;
        lineStart = c == '\n';
    }
    return out;
}

std::string trimTrailingBlankLines(std::string s) {
    while (s.size() >= 2 && s[s.size() - 1] == '\n' && s[s.size() - 2] == '\n')
        s.pop_back();
    return s;
}

// A value's text: either one line (`x = 3`) or a block of lines shown under `x =`.
struct Rendered {
    bool block;
    std::string text;  // a line without its newline, or lines each ending in a newline
};

std::string structFields(const StructData& s, NumberStyle style) {
    if (s.fields.empty())
        return "  scalar struct with no fields\n";
    std::string fields;
    for (const auto& [name, value] : s.fields)
        fields += indent(formatDisplay(name, value, style), 4);
    return "  scalar struct with fields:\n\n" + trimTrailingBlankLines(fields);
}

std::string listItems(const std::vector<Value>& items, NumberStyle style) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += indent(formatDisplay(wrap("{", std::to_string(i + 1), "}"), items[i], style), 2);
    return trimTrailingBlankLines(out);
}

std::string functionText(const FunctionData& fn) {
    if (fn.kind == FunctionData::Kind::Anonymous)
        return fn.name;
    return "@" + fn.name;
}

Rendered render(const Value& v, NumberStyle style) {
    switch (v.type()) {
        case Value::Type::Real:
        case Value::Type::Bool:
        case Value::Type::Complex:
            if (v.isEmpty())
                return {false, wrap("[](", v.sizeString(), ")")};
            if (v.numel() == 1)
                return {false, scalarText(v, style)};
            if (v.isComplex())
                return {true, complexMatrix(v.complex(), entryFormat(v, style))};
            return {true, realMatrix(v.real(), v.isBool(), entryFormat(v, style))};
        case Value::Type::String:
            return {false, v.string()};
        case Value::Type::Struct:
            return {true, structFields(v.structure(), style)};
        case Value::Type::List:
            return {false, wrap("{", v.sizeString(), " list}")};
        case Value::Type::Function:
            return {true, functionText(v.function()) + "\n"};
        case Value::Type::Object:
            return {false, wrap("<", v.typeName(), ">")};
    }
    return {false, "?"};
}

}  // namespace

std::string formatDisplay(const std::string& name, const Value& v, NumberStyle style) {
    const Rendered r = render(v, style);
    if (v.isList()) {
        const std::vector<Value>& items = v.items();
        std::string out = name + " = " + r.text + "\n";
        if (!items.empty())
            out += wrap("\n", listItems(items, style), "\n");
        return out;
    }
    if (r.block)
        return name + " =\n\n" + r.text + "\n";
    return name + " = " + r.text + "\n";
}

std::string formatValue(const Value& v, NumberStyle style) {
    const Rendered r = render(v, style);
    if (v.isList() && !v.items().empty())
        return r.text + "\n\n" + listItems(v.items(), style);
    if (r.block)
        return r.text;
    return r.text + "\n";
}

std::string shortestNumber(double x) {
    if (std::isnan(x))
        return "NaN";
    if (std::isinf(x))
        return x > 0 ? "Inf" : "-Inf";
    if (x == 0.0)
        return "0";
    char buf[64];
    if (x == std::floor(x) && std::abs(x) < kMaxInteger) {
        std::snprintf(buf, sizeof buf, "%.0f", x);
        return buf;
    }
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, r.ptr);
}

EntryFormat entryFormat(const Value& v, NumberStyle style) {
    if (v.isBool())
        return {};
    return v.numel() == 1 ? scalarFormat(statsOf(v), style) : matrixFormat(statsOf(v), style);
}

std::string formatEntry(double x, const EntryFormat& f, bool plainZero) {
    return formatNumber(x, f, plainZero);
}

std::string scaleFactorText(const EntryFormat& f) {
    if (f.kind != EntryFormat::Kind::Fixed || f.scaleExponent == 0)
        return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "1.0e%+03d *", f.scaleExponent);
    return buf;
}

std::string numberText(double x, NumberStyle style) {
    Stats stats;
    stats.add(x);
    return formatNumber(x, scalarFormat(stats, style), false);
}

std::string fullPrecision(double x) {
    if (std::isnan(x))
        return "NaN";
    if (std::isinf(x))
        return x > 0 ? "Inf" : "-Inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    return buf;
}

}  // namespace lemma::output
