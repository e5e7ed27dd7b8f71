// Figure themes: the light one of paper, and one derived from a widget palette.
//
// A palette's Mid is no guide for grid lines (Lemma's dark palette has Mid within a shade of
// Base), so the axes, grid and faded text are the Text colour mixed into the Base colour in
// the proportions the light theme uses.
#include "widgets/output/FigureTheme.h"

#include <QPalette>
#include <algorithm>
#include <cmath>

namespace lemma::widgets {

namespace {

// `share` of `a` over `b`, opaque.
QColor mix(const QColor& a, const QColor& b, double share) {
    return QColor::fromRgbF(static_cast<float>(share * a.redF() + (1 - share) * b.redF()),
                            static_cast<float>(share * a.greenF() + (1 - share) * b.greenF()),
                            static_cast<float>(share * a.blueF() + (1 - share) * b.blueF()));
}

QColor withAlpha(QColor c, int alpha) {
    c.setAlpha(alpha);
    return c;
}

// Relative luminance and contrast ratio as WCAG defines them.
double luminance(const QColor& c) {
    auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The least contrast of a series with a dark page. A colour's hue sets it apart from a grey
// page too, so colours need WCAG's figure for graphics (3; the default cycle's blue, orange,
// red and green have it and stay as they are); greys, which have nothing else, need its figure
// for text (4.5: reference lines are thin and dashed, and have 7.5 on white paper).
constexpr double kLeastContrastColor = 3.0;
constexpr double kLeastContrastGrey = 4.5;

}  // namespace

FigureTheme FigureTheme::light() {
    return FigureTheme{Qt::white,
                       QColor(0x22, 0x22, 0x22),
                       QColor(0x44, 0x44, 0x44),
                       QColor(0, 0, 0, 28),
                       QColor(255, 255, 255, 225),
                       QColor(0, 0, 0, 50),
                       QColor(0xaa, 0xaa, 0xaa)};
}

FigureTheme FigureTheme::fromPalette(const QPalette& palette) {
    const QColor page = palette.color(QPalette::Active, QPalette::Base);
    const QColor text = palette.color(QPalette::Active, QPalette::Text);
    return FigureTheme{page,
                       text,
                       mix(text, page, 0.85),
                       withAlpha(text, 34),
                       withAlpha(page, 225),
                       withAlpha(text, 60),
                       mix(text, page, 0.4)};
}

bool FigureTheme::isDark() const {
    return page.lightness() < 128;
}

QColor FigureTheme::readable(const QColor& color) const {
    const double least = color.hslSaturationF() < 0.2 ? kLeastContrastGrey : kLeastContrastColor;
    if (!isDark() || contrast(color, page) >= least)
        return color;
    // Lighter in HSL steps, keeping the hue.
    float h = 0, s = 0, l = 0, a = 0;
    color.getHslF(&h, &s, &l, &a);
    QColor c = color;
    for (int step = 0; step < 20 && contrast(c, page) < least; ++step) {
        l = std::min(1.0f, l + 0.05f);
        c = QColor::fromHslF(h, s, l, a);
    }
    return c;
}

}  // namespace lemma::widgets
