// JSON text for values and outputs.
#include "engine/output/Json.h"

#include <cmath>
#include <cstdio>

#include "engine/output/DerivationData.h"
#include "engine/output/Display.h"
#include "engine/output/Figure.h"
#include "engine/output/FigureJson.h"
#include "engine/output/OutputText.h"

namespace lemma::output {

std::string jsonString(std::string_view s) {
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
    return out;
}

std::string jsonNumber(double x) {
    if (std::isnan(x))
        return "\"NaN\"";
    if (std::isinf(x))
        return x > 0 ? "\"Inf\"" : "\"-Inf\"";
    if (x == 0.0)
        return "0";  // also for -0, which JSON readers would show as -0
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    return buf;
}

namespace {

// A shown matrix of more entries is written as "value": null, "truncated": true (its "text"
// still shows the first rows and columns): ten times this would be a document of gigabytes.
constexpr std::size_t kMaxJsonEntries = 1000000;

// `, "derivation": {…}` for a value shaped like a derivation (its verdicts), else nothing.
std::string derivationMember(const lang::Value& v) {
    const std::optional<DerivationData> d = derivationOf(v);
    return d ? ", \"derivation\": " + derivationJson(*d) : std::string();
}

std::string complexNumber(std::complex<double> z) {
    std::string out = "[";
    out += jsonNumber(z.real());
    out += ", ";
    out += jsonNumber(z.imag());
    out += "]";
    return out;
}

// Rows of entries, each entry written by `entry(r, c)`; a 1×1 matrix is the bare entry, an
// empty one `[]` whatever its shape (the output's "size" says which: a 2147483648×0 matrix
// must not become two billion empty rows).
template <typename Entry>
std::string rowsOf(arma::uword rows, arma::uword cols, Entry entry) {
    if (rows == 1 && cols == 1)
        return entry(0, 0);
    if (rows == 0 || cols == 0)
        return "[]";
    std::string out = "[";
    for (arma::uword r = 0; r < rows; ++r) {
        if (r > 0)
            out += ", ";
        out += "[";
        for (arma::uword c = 0; c < cols; ++c) {
            if (c > 0)
                out += ", ";
            out += entry(r, c);
        }
        out += "]";
    }
    out += "]";
    return out;
}

}  // namespace

std::string jsonValue(const lang::Value& v) {
    using Type = lang::Value::Type;
    switch (v.type()) {
        case Type::Real: {
            const arma::mat& m = v.real();
            return rowsOf(m.n_rows, m.n_cols, [&](auto r, auto c) { return jsonNumber(m(r, c)); });
        }
        case Type::Bool: {
            const arma::mat& m = v.real();
            return rowsOf(m.n_rows, m.n_cols, [&](auto r, auto c) {
                return std::string(m(r, c) != 0.0 ? "true" : "false");
            });
        }
        case Type::Complex: {
            const arma::cx_mat& m = v.complex();
            return rowsOf(m.n_rows, m.n_cols,
                          [&](auto r, auto c) { return complexNumber(m(r, c)); });
        }
        case Type::String:
            return jsonString(v.string());
        case Type::Struct: {
            std::string out = "{";
            bool first = true;
            for (const auto& [name, field] : v.structure().fields) {
                if (!first)
                    out += ", ";
                first = false;
                out += jsonString(name) + ": " + jsonValue(field);
            }
            return out + "}";
        }
        case Type::List: {
            std::string out = "[";
            bool first = true;
            for (const auto& item : v.items()) {
                if (!first)
                    out += ", ";
                first = false;
                out += jsonValue(item);
            }
            return out + "]";
        }
        case Type::Function:
            return jsonString(v.function().name);
        case Type::Object:
            return jsonString(v.typeName());
    }
    return "null";
}

std::string jsonOutput(const Output& out) {
    struct Visitor {
        std::string operator()(const Text& t) const {
            return "{\"type\": \"text\", \"text\": " + jsonString(t.text) + "}";
        }
        std::string operator()(const Display& d) const {
            // A shown matrix of more entries would make a document of gigabytes; its text
            // (the first rows and columns, with a note) is all it carries.
            const bool truncated = d.value.isNumeric() && d.value.numel() > kMaxJsonEntries;
            return "{\"type\": \"value\", \"name\": " + jsonString(d.name) +
                   ", \"class\": " + jsonString(d.value.typeName()) + ", \"size\": [" +
                   std::to_string(d.value.rows()) + ", " + std::to_string(d.value.cols()) +
                   "], \"value\": " +
                   (truncated ? std::string("null, \"truncated\": true") : jsonValue(d.value)) +
                   derivationMember(d.value) + ", \"text\": " + jsonString(outputText(d)) + "}";
        }
        std::string operator()(const Error& e) const {
            return "{\"type\": \"error\", \"message\": " + jsonString(e.message) +
                   ", \"line\": " + std::to_string(e.pos.line) +
                   ", \"column\": " + std::to_string(e.pos.column) + "}";
        }
        std::string operator()(const Rich& r) const {
            if (const auto* figure = dynamic_cast<const Figure*>(r.object.get()))
                return figureJson(*figure);
            if (const auto* control = dynamic_cast<const Control*>(r.object.get()))
                return controlJson(*control);
            return "{\"type\": " + jsonString(r.object->typeName()) + "}";
        }
    };
    return std::visit(Visitor{}, out);
}

}  // namespace lemma::output
