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

// Calls add(v, edge) for each coordinate of the panel's data along one axis: the points of
// lines, scatters, bands, paths, iso-lines and arrows, reference lines along their axis, and bar
// positions and heights with bars' zero; `edge` marks the coordinates that bound a shape
// without being a data position (the sides of bars and heatmap cells, a circle's box).
template <class F>
void forEachCoordinate(const std::vector<Series>& series, bool alongX, F&& add) {
    auto all = [&add](const std::vector<double>& vs) {
        for (const double v : vs)
            add(v, false);
    };
    for (const Series& s : series) {
        const SeriesData& d = s.data;
        if (const auto* line = std::get_if<Line>(&d)) {
            all(alongX ? line->x : line->y);
        } else if (const auto* scatter = std::get_if<Scatter>(&d)) {
            all(alongX ? scatter->x : scatter->y);
        } else if (const auto* band = std::get_if<Band>(&d)) {
            all(alongX ? band->x : band->lo);
            if (!alongX)
                all(band->hi);
        } else if (const auto* bar = std::get_if<Bar>(&d)) {
            if (alongX) {
                all(bar->x);
                for (const double x : bar->x) {
                    add(x + bar->offset - bar->width / 2, true);
                    add(x + bar->offset + bar->width / 2, true);
                }
            } else {
                add(0.0, false);  // bars stand on zero
                all(bar->y);
            }
        } else if (const auto* heat = std::get_if<Heatmap>(&d)) {
            // Cells are unit squares centred on their 1-based indices.
            const auto n = static_cast<double>(alongX ? heat->cols : heat->rows);
            if (n > 0) {
                add(0.5, true);
                add(n + 0.5, true);
            }
        } else if (const auto* contour = std::get_if<Contour>(&d)) {
            for (const ContourPath& p : contour->paths)
                all(alongX ? p.x : p.y);
        } else if (const auto* curve = std::get_if<Curve>(&d)) {
            all(alongX ? curve->x : curve->y);
        } else if (const auto* arrows = std::get_if<Arrows>(&d)) {
            all(alongX ? arrows->x0 : arrows->y0);
            all(alongX ? arrows->x1 : arrows->y1);
        } else if (const auto* h = std::get_if<HLine>(&d)) {
            if (!alongX)
                add(h->y, false);
        } else if (const auto* v = std::get_if<VLine>(&d)) {
            if (alongX)
                add(v->x, false);
        } else if (const auto* c = std::get_if<Circle>(&d)) {
            const double centre = alongX ? c->cx : c->cy;
            add(centre - c->r, true);
            add(centre + c->r, true);
        }
    }
}

}  // namespace

std::string Series::kindName() const {
    struct Visitor {
        const char* operator()(const Line&) const { return "line"; }
        const char* operator()(const Scatter&) const { return "scatter"; }
        const char* operator()(const Band&) const { return "band"; }
        const char* operator()(const Bar&) const { return "bar"; }
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
    const bool log = alongX ? x.log : y.log;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    forEachCoordinate(series, alongX, [&](double v, bool) {
        if (!std::isfinite(v) || (log && v <= 0.0))
            return;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    });
    if (lo > hi)
        return std::nullopt;
    return Range{lo, hi};
}

bool Axes::integral(bool alongX) const {
    bool any = false, whole = true;
    forEachCoordinate(series, alongX, [&](double v, bool edge) {
        if (edge || !std::isfinite(v))
            return;
        any = true;
        whole = whole && v == std::round(v);
    });
    return any && whole;
}

Color paletteColor(std::size_t index) {
    return kPalette[index % kPalette.size()];
}

Color colorAt(ColorMap map, double t) {
    return map == ColorMap::Viridis ? interpolate(kViridis, t) : interpolate(kDiverging, t);
}

}  // namespace lemma::output
