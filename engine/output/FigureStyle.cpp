// Format strings and colour names. The single letters follow MATLAB, but name the palette's
// tones rather than pure primaries: pure green or yellow on white is hard to read.
#include "engine/output/FigureStyle.h"

#include <cctype>
#include <cstdint>
#include <utility>

namespace lemma::output {

namespace {

constexpr Color hex(std::uint32_t v) {
    return Color{static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
                 static_cast<std::uint8_t>(v)};
}

struct NamedColor {
    std::string_view name;
    char letter;  // 0: no single-letter form
    Color color;
};

constexpr NamedColor kNamed[] = {
    {"blue", 'b', hex(0x1f77b4)},   {"orange", 0, hex(0xff7f0e)},  {"green", 'g', hex(0x2ca02c)},
    {"red", 'r', hex(0xd62728)},    {"purple", 0, hex(0x9467bd)},  {"brown", 0, hex(0x8c564b)},
    {"pink", 0, hex(0xe377c2)},     {"gray", 0, hex(0x7f7f7f)},    {"grey", 0, hex(0x7f7f7f)},
    {"olive", 0, hex(0xbcbd22)},    {"cyan", 'c', hex(0x17becf)},  {"magenta", 'm', hex(0xc2187a)},
    {"yellow", 'y', hex(0xd4b000)}, {"black", 'k', hex(0x000000)}, {"white", 'w', hex(0xffffff)},
};

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (l >= 'a' && l <= 'f')
        return l - 'a' + 10;
    return -1;
}

std::optional<Marker> markerOf(char c) {
    switch (c) {
        case 'o':
            return Marker::Circle;
        case '.':
            return Marker::Dot;
        case 'x':
            return Marker::Cross;
        case '+':
            return Marker::Plus;
        case '*':
            return Marker::Star;
        case 's':
            return Marker::Square;
        case 'd':
            return Marker::Diamond;
        case '^':
            return Marker::Triangle;
        default:
            return std::nullopt;
    }
}

}  // namespace

std::optional<StyleSpec> parseStyle(std::string_view spec, std::string& error) {
    StyleSpec out;
    auto fail = [&](std::string message) {
        error = "style \"" + std::string(spec) + "\": " + std::move(message);
        return std::nullopt;
    };
    if (spec == "none") {
        out.line = LineStyle::None;
        return out;
    }
    std::size_t i = 0;
    while (i < spec.size()) {
        const char c = spec[i];
        std::optional<LineStyle> line;
        std::size_t length = 1;
        if (spec.substr(i, 2) == "--") {
            line = LineStyle::Dashed;
            length = 2;
        } else if (spec.substr(i, 2) == "-.") {
            line = LineStyle::DashDot;
            length = 2;
        } else if (c == '-') {
            line = LineStyle::Solid;
        } else if (c == ':') {
            line = LineStyle::Dotted;
        }
        if (line) {
            if (out.line)
                return fail("more than one line style");
            out.line = line;
            i += length;
            continue;
        }
        if (const auto marker = markerOf(c)) {
            if (out.marker)
                return fail("more than one marker");
            out.marker = marker;
            ++i;
            continue;
        }
        bool found = false;
        for (const NamedColor& n : kNamed) {
            if (n.letter != 0 && n.letter == c) {
                if (out.color)
                    return fail("more than one colour");
                out.color = n.color;
                found = true;
                break;
            }
        }
        if (!found)
            return fail(std::string("unknown character '") + c +
                        "'; use a colour (b g r c m y k w), a line (- -- : -.) and a marker "
                        "(o . x + * s d ^)");
        ++i;
    }
    return out;
}

std::optional<Color> parseColor(std::string_view name) {
    if (name.size() == 7 && name[0] == '#') {
        int v[6];
        for (int k = 0; k < 6; ++k) {
            v[k] = hexDigit(name[static_cast<std::size_t>(k) + 1]);
            if (v[k] < 0)
                return std::nullopt;
        }
        return Color{static_cast<std::uint8_t>(v[0] * 16 + v[1]),
                     static_cast<std::uint8_t>(v[2] * 16 + v[3]),
                     static_cast<std::uint8_t>(v[4] * 16 + v[5])};
    }
    if ((name.size() == 2 || name.size() == 3) && name[0] == 'C') {
        const std::string_view digits = name.substr(1);
        int n = 0;
        for (const char c : digits) {
            if (c < '0' || c > '9')
                return std::nullopt;
            n = n * 10 + (c - '0');
        }
        // matplotlib's names: "C0" is the first colour of the cycle, "C9" the tenth.
        if (digits.size() == 1)
            return paletteColor(static_cast<std::size_t>(n));
        return std::nullopt;
    }
    for (const NamedColor& n : kNamed) {
        if (n.name == name || (name.size() == 1 && n.letter == name[0]))
            return n.color;
    }
    return std::nullopt;
}

}  // namespace lemma::output
