// Figures as plain data: what the plot builtins build, `lemma run --json` writes and every
// figure painter (screen, PDF, SVG) draws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/core/Value.h"

namespace lemma::output {

struct Color {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;

    bool operator==(const Color&) const = default;
};

enum class LineStyle { Solid, Dashed, Dotted, DashDot, None };
enum class Marker { None, Circle, Dot, Cross, Plus, Star, Square, Diamond, Triangle };

// How a series is drawn. Widths and sizes are in points (1/72 inch at the figure's size).
struct Style {
    Color color;
    LineStyle line = LineStyle::Solid;
    Marker marker = Marker::None;
    double width = 1.5;
    double markerSize = 6.0;
};

// Points joined in order (x need not be sorted).
struct Line {
    std::vector<double> x, y;
};

// Points without lines.
struct Scatter {
    std::vector<double> x, y;
};

// The shaded interval lo ≤ y ≤ hi over x, e.g. a mean's confidence band.
struct Band {
    std::vector<double> x, lo, hi;
};

// Bars from 0 up (or down) to y at the positions x, `width` wide in x's units and centred on
// x + offset: grouped bars are one series per member of the group, shifted apart by their
// offsets.
struct Bar {
    std::vector<double> x, y;
    double width = 0.8;
    double offset = 0.0;
    std::vector<double> edges;  // a histogram's bin edges (x are their midpoints); else empty
};

enum class ColorMap { Viridis, Diverging };

// A matrix drawn as coloured cells: row 1 at the top, column 1 at the left, the cell (i, j)
// centred on x = j, y = i (1-based). Values are stored row by row.
struct Heatmap {
    std::size_t rows = 0, cols = 0;
    std::vector<double> values;                     // rows·cols, row-major
    std::vector<std::string> rowLabels, colLabels;  // empty or one per row / column
    bool showValues = false;                        // print each cell's value in it
    ColorMap colorMap = ColorMap::Viridis;
    double lo = 0.0, hi = 1.0;  // the colour scale's range

    double at(std::size_t row, std::size_t col) const { return values[row * cols + col]; }
};

// One iso-line of a contour plot: a polyline at one level, closed when it returns to its start.
struct ContourPath {
    double level = 0.0;
    std::vector<double> x, y;
    bool closed = false;
};

// Iso-lines computed in the engine (engine/math/Contour), coloured by level along a colour map.
struct Contour {
    std::vector<double> levels;  // ascending
    std::vector<ContourPath> paths;
    ColorMap colorMap = ColorMap::Viridis;
    bool byLevel = true;  // colour each level from the map; otherwise all in the style's colour
};

// A parametric path (an optimizer's trajectory), joined in order, with its start and end
// marked.
struct Curve {
    std::vector<double> x, y;
    bool markEnds = true;
};

// Arrows from (x0, y0) to (x1, y1).
struct Arrows {
    std::vector<double> x0, y0, x1, y1;
};

// Reference shapes: horizontal and vertical lines across the whole plot, and a circle.
struct HLine {
    double y = 0.0;
};
struct VLine {
    double x = 0.0;
};
struct Circle {
    double cx = 0.0, cy = 0.0, r = 1.0;
};

using SeriesData =
    std::variant<Line, Scatter, Band, Bar, Heatmap, Contour, Curve, Arrows, HLine, VLine, Circle>;

struct Series {
    std::string label;  // the legend entry; empty for none
    Style style;
    SeriesData data;

    // "line", "scatter", "band", "bar", "heatmap", "contour", "curve", "arrows", "hline",
    // "vline", "circle"
    std::string kindName() const;
};

struct Range {
    double lo = 0.0, hi = 0.0;
};

struct Axis {
    std::string label;
    bool log = false;
    std::optional<Range> limits;  // fixed limits; otherwise fitted to the data
};

// One panel of a figure: its axes and the series drawn in it.
struct Axes {
    std::string title;
    Axis x, y;
    bool equalAspect = false;  // one unit is as long on both axes (the complex plane)
    bool legend = true;        // shown when some series has a label
    std::vector<Series> series;
    std::size_t colorsUsed = 0;  // series that took a colour from the palette

    bool isEmpty() const { return series.empty(); }
    // The next palette colour, in order, for a series without a colour of its own.
    Color nextColor();
    // The extent of the data along x and y, over the series that have one (reference lines
    // count along their axis, a circle by its box). On a log axis only positive values count.
    // Empty when nothing has an extent along that axis.
    std::optional<Range> dataRange(bool alongX) const;
    // True when the data has coordinates along the axis and all are whole numbers (steps,
    // token indices, bar positions): such an axis wants ticks at whole numbers.
    bool integral(bool alongX) const;
};

// A figure: a title over a grid of panels (1×1 unless subplot made it larger).
class Figure final : public lang::Object {
public:
    std::string typeName() const override { return "figure"; }

    std::string title;
    int rows = 1, cols = 1;
    std::vector<Axes> panels = std::vector<Axes>(1);  // rows·cols, row by row
    int pinned = 0;  // pinned settings overlaid on it (notebook/Pins)
};

// The figure palette (matplotlib's "tab10", readable on white and distinguishable in print).
Color paletteColor(std::size_t index);

// Colours of a colour map at t ∈ [0, 1].
Color colorAt(ColorMap map, double t);

}  // namespace lemma::output
