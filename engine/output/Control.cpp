// Controls as data: construction, the slider's position ↔ value mapping and source literals.
//
// A slider works in integer positions because that is what every toolkit's slider offers.
// Values between positions are rounded to short decimals (to a thousandth of the step's decade,
// to the decade of a thousandth of the range, or to three significant digits on a log scale), so
// that dragging writes `value=0.437` into the source rather than `value=0.43700000000000006`.
#include "engine/output/Control.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "engine/output/Display.h"

namespace lemma::output {

namespace {

constexpr int kContinuousPositions = 1000;
constexpr double kMaxSteps = 100000;

// x rounded to a multiple of 10^k.
double roundToDecade(double x, int k) {
    if (k >= 0) {
        const double q = std::pow(10.0, k);
        return std::round(x / q) * q;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", std::min(-k, 30), x);
    return std::strtod(buf, nullptr);
}

int decadeOf(double x) {
    return static_cast<int>(std::floor(std::log10(std::abs(x))));
}

}  // namespace

Control Control::slider(double min, double max, double value, double step, Scale scale,
                        std::string label) {
    Control c;
    c.m_kind = Kind::Slider;
    c.m_min = min;
    c.m_max = max;
    c.m_value = value;
    c.m_step = step;
    c.m_scale = scale;
    c.m_label = std::move(label);
    return c;
}

Control Control::choice(std::vector<std::string> options, std::vector<std::string> literals,
                        std::size_t selected, std::string label) {
    Control c;
    c.m_kind = Kind::Choice;
    c.m_options = std::move(options);
    c.m_literals = std::move(literals);
    c.m_selected = selected;
    c.m_label = std::move(label);
    return c;
}

Control Control::toggle(bool checked, std::string label) {
    Control c;
    c.m_kind = Kind::Toggle;
    c.m_checked = checked;
    c.m_label = std::move(label);
    return c;
}

int Control::positions() const {
    if (m_scale == Scale::Linear && m_step > 0) {
        const double n = std::round((m_max - m_min) / m_step);
        if (n >= 1 && n <= kMaxSteps)
            return static_cast<int>(n);
    }
    return kContinuousPositions;
}

double Control::valueAt(int position) const {
    const int n = positions();
    position = std::clamp(position, 0, n);
    if (position == 0)
        return m_min;
    if (position == n)
        return m_max;
    const double t = static_cast<double>(position) / n;
    double v = 0;
    if (m_scale == Scale::Log) {
        v = std::exp(std::log(m_min) + t * (std::log(m_max) - std::log(m_min)));
        v = roundToDecade(v, decadeOf(v) - 2);
    } else if (m_step > 0 && n != kContinuousPositions) {
        v = roundToDecade(m_min + position * m_step, decadeOf(m_step) - 3);
    } else {
        v = m_min + t * (m_max - m_min);
        v = roundToDecade(v, decadeOf((m_max - m_min) / n));
    }
    return std::clamp(v, m_min, m_max);
}

int Control::positionOf(double value) const {
    const int n = positions();
    double t = 0;
    if (m_scale == Scale::Log) {
        if (!(value > 0))
            return 0;
        t = (std::log(value) - std::log(m_min)) / (std::log(m_max) - std::log(m_min));
    } else {
        t = (value - m_min) / (m_max - m_min);
    }
    if (!std::isfinite(t))
        return 0;
    return std::clamp(static_cast<int>(std::lround(t * n)), 0, n);
}

std::string Control::numberLiteral(double x) {
    return shortestNumber(x);
}

std::string Control::stringLiteral(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
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
            case '\t':
                out += "\\t";
                break;
            default:
                out += c;
        }
    }
    return out + "\"";
}

}  // namespace lemma::output
