// Plain-text formatting of values (see ValueText.h).
#include "engine/builtins/ValueText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace lemma::builtins {

namespace {

using lang::Value;

enum class Style { Integer, Fixed, Exponent };

// One style for all the numbers of a matrix, so that its columns line up.
Style chooseStyle(const std::vector<double>& xs) {
    bool integers = true;
    double maxAbs = 0.0;
    double minAbs = arma::datum::inf;
    for (const double x : xs) {
        if (!std::isfinite(x)) continue;
        const double a = std::abs(x);
        integers = integers && x == std::floor(x);
        maxAbs = std::max(maxAbs, a);
        if (a > 0) minAbs = std::min(minAbs, a);
    }
    if (integers && maxAbs < 1e10) return Style::Integer;
    if (maxAbs >= 1e5 || minAbs < 1e-3) return Style::Exponent;
    return Style::Fixed;
}

std::string format(double x, Style style) {
    if (std::isnan(x)) return "NaN";
    if (std::isinf(x)) return x > 0 ? "Inf" : "-Inf";
    char buf[64];
    switch (style) {
        case Style::Integer:
            std::snprintf(buf, sizeof buf, "%.0f", x == 0.0 ? 0.0 : x);
            break;
        case Style::Fixed: std::snprintf(buf, sizeof buf, "%.4f", x); break;
        case Style::Exponent: std::snprintf(buf, sizeof buf, "%.4e", x); break;
    }
    return buf;
}

std::string padLeft(const std::string& s, std::size_t width) {
    // Widths count characters, and every character here is ASCII.
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

std::string formatReal(const arma::mat& m) {
    const std::vector<double> xs(m.begin(), m.end());
    const Style style = chooseStyle(xs);
    if (m.n_elem == 1) return format(m(0), style);
    std::vector<std::string> cells(m.n_elem);
    std::size_t width = 0;
    for (arma::uword i = 0; i < m.n_elem; ++i) {
        cells[i] = format(m(i), style);
        width = std::max(width, cells[i].size());
    }
    std::string out;
    for (arma::uword i = 0; i < m.n_rows; ++i) {
        if (i > 0) out += '\n';
        for (arma::uword j = 0; j < m.n_cols; ++j) out += "   " + padLeft(cells[j * m.n_rows + i], width);
    }
    return out;
}

std::string formatComplex(const arma::cx_mat& m) {
    std::vector<double> parts;
    parts.reserve(2 * m.n_elem);
    for (const auto& z : m) {
        parts.push_back(z.real());
        parts.push_back(z.imag());
    }
    const Style style = chooseStyle(parts);
    std::vector<std::string> re(m.n_elem);
    std::vector<std::string> im(m.n_elem);
    std::vector<char> sign(m.n_elem);
    std::size_t wRe = 0;
    std::size_t wIm = 0;
    for (arma::uword i = 0; i < m.n_elem; ++i) {
        const double y = m(i).imag();
        re[i] = format(m(i).real(), style);
        sign[i] = std::signbit(y) && !std::isnan(y) ? '-' : '+';
        im[i] = format(std::abs(y), style);
        wRe = std::max(wRe, re[i].size());
        wIm = std::max(wIm, im[i].size());
    }
    auto entry = [&](arma::uword i, bool pad) {
        std::string s = pad ? padLeft(re[i], wRe) : re[i];
        s += std::string(" ") + sign[i] + " ";
        s += pad ? padLeft(im[i], wIm) : im[i];
        return s + "i";
    };
    if (m.n_elem == 1) return entry(0, false);
    std::string out;
    for (arma::uword i = 0; i < m.n_rows; ++i) {
        if (i > 0) out += '\n';
        for (arma::uword j = 0; j < m.n_cols; ++j) out += "   " + entry(j * m.n_rows + i, true);
    }
    return out;
}

std::string indent(const std::string& text, const std::string& prefix) {
    std::string out = prefix;
    for (const char ch : text) {
        out += ch;
        if (ch == '\n') out += prefix;
    }
    return out;
}

std::string functionText(const lang::FunctionData& f) {
    if (f.kind == lang::FunctionData::Kind::Anonymous)
        return f.name.rfind('@', 0) == 0 ? f.name : "@" + f.name;
    return "@" + f.name;
}

}  // namespace

std::string formatScalar(double x) { return format(x, chooseStyle({x})); }

std::string formatValue(const Value& v) {
    switch (v.type()) {
        case Value::Type::Real:
        case Value::Type::Bool:
            if (v.isEmpty()) return "[](" + v.sizeString() + ")";
            return formatReal(v.real());
        case Value::Type::Complex:
            if (v.isEmpty()) return "[](" + v.sizeString() + ")";
            return formatComplex(v.complex());
        case Value::Type::String: return v.string();
        case Value::Type::Struct: {
            std::string out;
            for (const auto& [name, field] : v.structure().fields) {
                if (!out.empty()) out += '\n';
                const bool inlined = field.isScalar() || field.isString() || field.isEmpty() ||
                                     field.isFunction() || field.isList() || field.isObject();
                if (inlined) {
                    out += "  " + name + " = " +
                           (field.isList() ? formatBrief(field) : formatValue(field));
                } else {
                    out += "  " + name + " =\n" + indent(formatValue(field), "  ");
                }
            }
            return out.empty() ? "struct with no fields" : out;
        }
        case Value::Type::List: return formatBrief(v);
        case Value::Type::Function: return functionText(v.function());
        case Value::Type::Object: return "<" + v.typeName() + ">";
    }
    return "";
}

std::string formatBrief(const Value& v) {
    if (v.isString()) return "\"" + v.string() + "\"";
    if (v.isNumeric() && (v.isScalar() || v.isEmpty())) return formatValue(v);
    if (v.isNumeric()) return "[" + v.sizeString() + " " + v.typeName() + "]";
    if (v.isStruct()) return "[struct]";
    if (v.isList()) {
        std::string out = "{";
        const auto& items = v.items();
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0) out += ", ";
            out += formatBrief(items[i]);
        }
        return out + "}";
    }
    return formatValue(v);
}

}  // namespace lemma::builtins
