// C-style formatting with Octave's cycling rules (see Printf.h).
#include "engine/builtins/Printf.h"

#include <cmath>
#include <cstdio>
#include <optional>

#include "engine/core/Error.h"

namespace lemma::builtins {

namespace {

using lang::Value;

// One element of a format: literal text, then (unless it is the trailing text) a conversion.
struct Element {
    std::string text;
    bool hasConversion = false;
    std::string flags;
    std::optional<int> width;      // unset when absent; kStar when `*`
    std::optional<int> precision;  // unset when absent; kStar when `*`
    char conversion = 0;
};

constexpr int kStar = -1;

struct Item {
    bool isString = false;
    double number = 0.0;
    std::string text;
};

[[noreturn]] void fail(std::string_view who, const std::string& message) {
    throw Error(std::string(who) + ": " + message);
}

int hexDigit(char ch) {
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

std::vector<Element> parse(std::string_view who, std::string_view format) {
    std::vector<Element> elements(1);
    std::size_t i = 0;
    auto digits = [&]() {
        int n = 0;
        while (i < format.size() && format[i] >= '0' && format[i] <= '9') {
            n = std::min(n * 10 + (format[i] - '0'), 100000);
            ++i;
        }
        return n;
    };
    while (i < format.size()) {
        const char ch = format[i++];
        if (ch != '%') {
            elements.back().text += ch;
            continue;
        }
        if (i < format.size() && format[i] == '%') {
            elements.back().text += '%';
            ++i;
            continue;
        }
        Element& e = elements.back();
        while (i < format.size() &&
               std::string_view("-+ 0#").find(format[i]) != std::string_view::npos)
            e.flags += format[i++];
        if (i < format.size() && format[i] == '*') {
            e.width = kStar;
            ++i;
        } else if (i < format.size() && format[i] >= '0' && format[i] <= '9') {
            e.width = digits();
        }
        if (i < format.size() && format[i] == '.') {
            ++i;
            if (i < format.size() && format[i] == '*') {
                e.precision = kStar;
                ++i;
            } else {
                e.precision = digits();
            }
        }
        while (i < format.size() &&
               std::string_view("lhLjzt").find(format[i]) != std::string_view::npos)
            ++i;
        if (i >= format.size())
            fail(who, "the format ends inside a conversion");
        const char conv = format[i++];
        if (std::string_view("diouxXcfFeEgGs").find(conv) == std::string_view::npos)
            fail(who, std::string("unknown conversion '%") + conv + "' in the format");
        e.conversion = conv;
        e.hasConversion = true;
        elements.emplace_back();
    }
    if (elements.back().text.empty() && elements.size() > 1)
        elements.pop_back();
    return elements;
}

std::vector<Item> flatten(std::string_view who, const std::vector<Value>& args) {
    std::vector<Item> items;
    for (std::size_t a = 0; a < args.size(); ++a) {
        const Value& v = args[a];
        if (v.isString()) {
            items.push_back({true, 0.0, v.string()});
        } else if (v.isComplex()) {
            for (const auto& z : v.complex()) {
                items.push_back({false, z.real(), {}});
                items.push_back({false, z.imag(), {}});
            }
        } else if (v.isReal()) {
            for (const double x : v.real())
                items.push_back({false, x, {}});
        } else {
            fail(who, "argument " + std::to_string(a + 2) +
                          " must be a number or a string, got a " + v.typeName());
        }
    }
    return items;
}

std::string spec(const std::string& flags, std::optional<int> width, std::optional<int> precision,
                 const char* length, char conversion) {
    std::string s = "%";
    s += flags;
    if (width)
        s += std::to_string(*width);
    if (precision) {
        s += '.';
        s += std::to_string(*precision);
    }
    s += length;
    s += conversion;
    return s;
}

template <class T>
std::string cformat(const std::string& fmt, T value) {
    const int n = std::snprintf(nullptr, 0, fmt.c_str(), value);
    if (n <= 0)
        return {};
    std::string out(static_cast<std::size_t>(n) + 1, '\0');
    std::snprintf(out.data(), out.size(), fmt.c_str(), value);
    out.resize(static_cast<std::size_t>(n));
    return out;
}

// Text padded to the width (left-aligned with the '-' flag).
std::string pad(const std::string& text, const std::string& flags, std::optional<int> width) {
    if (!width || static_cast<int>(text.size()) >= *width)
        return text;
    const std::string fill(static_cast<std::size_t>(*width) - text.size(), ' ');
    return flags.find('-') != std::string::npos ? text + fill : fill + text;
}

std::string general(double x, const std::string& flags, std::optional<int> width) {
    return cformat(spec(flags, width, std::nullopt, "", 'g'), x);
}

std::string convert(const Element& e, std::optional<int> width, std::optional<int> precision,
                    const Item& item) {
    const char conv = e.conversion;
    std::string flags = e.flags;
    if (item.isString) {
        std::string text = item.text;
        if (conv == 's' && precision && static_cast<std::size_t>(*precision) < text.size())
            text.resize(static_cast<std::size_t>(*precision));
        return pad(text, flags, width);
    }
    const double x = item.number;
    if (conv == 's')
        return general(x, flags, width);
    if (std::isnan(x) || std::isinf(x)) {
        std::string text = std::isnan(x) ? "NaN" : (x > 0 ? "Inf" : "-Inf");
        if (x > 0 && flags.find('+') != std::string::npos)
            text = "+" + text;
        return pad(text, flags, width);
    }
    switch (conv) {
        case 'c':
            if (x == std::floor(x) && x >= 0 && x < 128)
                return pad(std::string(1, static_cast<char>(x)), flags, width);
            return general(x, flags, width);
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X':
            if (x != std::floor(x) || std::abs(x) >= 9.2e18)
                return general(x, flags, width);
            if (conv == 'd' || conv == 'i' || (conv == 'u' && x < 0))
                return cformat(spec(flags, width, precision, "ll", 'd'), static_cast<long long>(x));
            if (x < 0)
                return general(x, flags, width);
            return cformat(spec(flags, width, precision, "ll", conv),
                           static_cast<unsigned long long>(x));
        default:
            return cformat(spec(flags, width, precision, "", conv), x);
    }
}

}  // namespace

std::string unescape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (ch != '\\' || i + 1 >= text.size()) {
            out += ch;
            continue;
        }
        const char next = text[++i];
        switch (next) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case 'a':
                out += '\a';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'v':
                out += '\v';
                break;
            case '\\':
                out += '\\';
                break;
            case '"':
                out += '"';
                break;
            case '\'':
                out += '\'';
                break;
            case 'x': {
                int value = 0;
                int count = 0;
                while (count < 2 && i + 1 < text.size() && hexDigit(text[i + 1]) >= 0) {
                    value = value * 16 + hexDigit(text[++i]);
                    ++count;
                }
                if (count == 0) {
                    out += "\\x";
                } else {
                    out += static_cast<char>(value);
                }
                break;
            }
            default:
                if (next >= '0' && next <= '7') {
                    int value = next - '0';
                    for (int k = 0;
                         k < 2 && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7';
                         ++k)
                        value = value * 8 + (text[++i] - '0');
                    out += static_cast<char>(value);
                } else {
                    out += '\\';
                    out += next;
                }
        }
    }
    return out;
}

std::string formatPrintf(std::string_view who, std::string_view format,
                         const std::vector<Value>& args,
                         const std::function<void(std::size_t)>& grew) {
    const std::vector<Element> elements = parse(who, unescape(format));
    const std::vector<Item> items = flatten(who, args);
    bool anyConversion = false;
    for (const Element& e : elements)
        anyConversion = anyConversion || e.hasConversion;

    std::string out;
    if (items.empty() || !anyConversion) {
        for (const Element& e : elements)
            out += e.text;
        return out;
    }
    std::size_t next = 0;
    auto take = [&]() -> const Item* { return next < items.size() ? &items[next++] : nullptr; };
    for (;;) {
        for (const Element& e : elements) {
            if (!e.hasConversion) {
                out += e.text;
                continue;
            }
            if (next >= items.size())
                return out;
            std::optional<int> width = e.width;
            std::optional<int> precision = e.precision;
            Element adjusted = e;
            if (width == kStar) {
                const Item* w = take();
                const double v = w && !w->isString ? w->number : 0.0;
                if (v < 0)
                    adjusted.flags += '-';
                width = static_cast<int>(std::min(std::abs(v), 100000.0));
            }
            if (precision == kStar) {
                const Item* p = take();
                const double v = p && !p->isString ? p->number : -1.0;
                precision = v < 0 ? std::nullopt
                                  : std::optional<int>(static_cast<int>(std::min(v, 100000.0)));
            }
            const Item* item = take();
            if (!item)
                return out;
            out += e.text;
            out += convert(adjusted, width, precision, *item);
            if (grew)
                grew(out.size());
        }
        if (next >= items.size())
            return out;
    }
}

}  // namespace lemma::builtins
