// Figure data: series kinds, the palette, colour maps and data extents.
#include "engine/output/Figure.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace lemma::output {

namespace {

constexpr Color rgb(std::uint32_t hex) {
    return Color{static_cast<std::uint8_t>(hex >> 16), static_cast<std::uint8_t>(hex >> 8),
                 static_cast<std::uint8_t>(hex)};
}

constexpr std::array<Color, 10> kPalette = {
    rgb(0x1f77b4), rgb(0xff7f0e), rgb(0x2ca02c), rgb(0xd62728), rgb(0x9467bd),
    rgb(0x8c564b), rgb(0xe377c2), rgb(0x7f7f7f), rgb(0xbcbd22), rgb(0x17becf)};

// Viridis sampled at nine equal steps: perceptually uniform and readable in grey.
constexpr std::array<Color, 9> kViridis = {rgb(0x440154), rgb(0x472c7a), rgb(0x3b518b),
                                           rgb(0x2c718e), rgb(0x21908d), rgb(0x27ad81),
                                           rgb(0x5cc863), rgb(0xaadc32), rgb(0xfde725)};

// Blue through white to red, for data of both signs centred on zero.
constexpr std::array<Color, 7> kDiverging = {rgb(0x2166ac), rgb(0x67a9cf), rgb(0xd1e5f0),
                                             rgb(0xf7f7f7), rgb(0xfddbc7), rgb(0xef8a62),
                                             rgb(0xb2182b)};

template <std::size_t N>
Color interpolate(const std::array<Color, N>& stops, double t) {
    if (!(t > 0.0))
        return stops.front();
    if (t >= 1.0)
        return stops.back();
    const double pos = t * static_cast<double>(N - 1);
    const auto i = static_cast<std::size_t>(pos);
    const double f = pos - static_cast<double>(i);
    auto mix = [f](std::uint8_t a, std::uint8_t b) {
        return static_cast<std::uint8_t>(std::lround(a + f * (b - a)));
    };
    const Color& a = stops[i];
    const Color& b = stops[std::min(i + 1, N - 1)];
    return Color{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)};
}

// Grows [lo, hi] by the finite values of v that a log axis can show (positive) when `log`.
struct Extent {
    bool log;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();

    void add(double v) {
        if (!std::isfinite(v) || (log && v <= 0.0))
            return;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    void add(const std::vector<double>& vs) {
        for (const double v : vs)
            add(v);
    }
    std::optional<Range> range() const {
        if (lo > hi)
            return std::nullopt;
        return Range{lo, hi};
    }
};

}  // namespace

std::string Series::kindName() const {
    struct Visitor {
        const char* operator()(const Line&) const { return "line"; }
        const char* operator()(const Scatter&) const { return "scatter"; }
        const char* operator()(const Band&) const { return "band"; }
        const char* operator()(const Heatmap&) const { return "heatmap"; }
        const char* operator()(const Contour&) const { return "contour"; }
        const char* operator()(const Curve&) const { return "curve"; }
        const char* operator()(const Arrows&) const { return "arrows"; }
        const char* operator()(const HLine&) const { return "hline"; }
        const char* operator()(const VLine&) const { return "vline"; }
        const char* operator()(const Circle&) const { return "circle"; }
    };
    return std::visit(Visitor{}, data);
}

Color Axes::nextColor() {
    return paletteColor(colorsUsed++);
}

std::optional<Range> Axes::dataRange(bool alongX) const {
    Extent e{alongX ? x.log : y.log};
    for (const Series& s : series) {
        const SeriesData& d = s.data;
        if (const auto* line = std::get_if<Line>(&d)) {
            e.add(alongX ? line->x : line->y);
        } else if (const auto* scatter = std::get_if<Scatter>(&d)) {
            e.add(alongX ? scatter->x : scatter->y);
        } else if (const auto* band = std::get_if<Band>(&d)) {
            if (alongX) {
                e.add(band->x);
            } else {
                e.add(band->lo);
                e.add(band->hi);
            }
        } else if (const auto* heat = std::get_if<Heatmap>(&d)) {
            // Cells are unit squares centred on their 1-based indices.
            const auto n = static_cast<double>(alongX ? heat->cols : heat->rows);
            if (n > 0) {
                e.add(0.5);
                e.add(n + 0.5);
            }
        } else if (const auto* contour = std::get_if<Contour>(&d)) {
            for (const ContourPath& p : contour->paths)
                e.add(alongX ? p.x : p.y);
        } else if (const auto* curve = std::get_if<Curve>(&d)) {
            e.add(alongX ? curve->x : curve->y);
        } else if (const auto* arrows = std::get_if<Arrows>(&d)) {
            e.add(alongX ? arrows->x0 : arrows->y0);
            e.add(alongX ? arrows->x1 : arrows->y1);
        } else if (const auto* h = std::get_if<HLine>(&d)) {
            if (!alongX)
                e.add(h->y);
        } else if (const auto* v = std::get_if<VLine>(&d)) {
            if (alongX)
                e.add(v->x);
        } else if (const auto* c = std::get_if<Circle>(&d)) {
            const double centre = alongX ? c->cx : c->cy;
            e.add(centre - c->r);
            e.add(centre + c->r);
        }
    }
    return e.range();
}

Color paletteColor(std::size_t index) {
    return kPalette[index % kPalette.size()];
}

Color colorAt(ColorMap map, double t) {
    return map == ColorMap::Viridis ? interpolate(kViridis, t) : interpolate(kDiverging, t);
}

}  // namespace lemma::output
