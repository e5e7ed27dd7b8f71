// Reading series styles: MATLAB-like format strings ("r--o") and colour names ("#1f77b4", "red").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/output/Figure.h"

namespace lemma::output {

// What a format string sets; what it leaves out keeps the series kind's default.
struct StyleSpec {
    std::optional<Color> color;
    std::optional<LineStyle> line;
    std::optional<Marker> marker;
};

// A format string made of at most one colour letter (b g r c m y k w), one line ("-", "--",
// ":", "-.", or "none") and one marker (o . x + * s d ^), in any order. On failure returns
// nothing and sets `error` to a message for a person.
std::optional<StyleSpec> parseStyle(std::string_view spec, std::string& error);

// "#rrggbb", a palette colour "C0"…"C9" (matplotlib's: C0 is the first), or a name: blue, orange,
// green, red, purple, brown, pink, gray (grey), olive, cyan, magenta, yellow, black, white, or one
// of the format letters b g r c m y k w. Nothing when unknown.
std::optional<Color> parseColor(std::string_view name);

}  // namespace lemma::output
