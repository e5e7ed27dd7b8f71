// A control a cell showed (slider, choice, toggle): what a view needs to draw it, and the
// source text to write back into the cell when the user moves it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/core/Value.h"

namespace lemma::output {

// Responsibilities:
// - describe one control as the builtin saw it: kind, label, range or options, current value;
// - map a slider's integer positions to values and back (linear or logarithmic, snapped to
//   the step, or to round numbers when there is no step), so views only deal in positions;
// - give the source literal for a value, so moving a control rewrites `value=` exactly.
//
// A view finds which call of the cell's source a control came from by counting: the Nth
// control among a cell's outputs is the Nth control call in its source (lang::replaceControlValue).
class Control : public lang::Object {
public:
    enum class Kind { Slider, Choice, Toggle };
    enum class Scale { Linear, Log };

    // Preconditions: min < max, both finite; min > 0 for Scale::Log; step ≥ 0 (0: continuous).
    static Control slider(double min, double max, double value, double step, Scale scale,
                          std::string label);
    // `options` as shown, `literals` as written in source (same length, non-empty).
    static Control choice(std::vector<std::string> options, std::vector<std::string> literals,
                          std::size_t selected, std::string label);
    static Control toggle(bool checked, std::string label);

    std::string typeName() const override { return "control"; }

    Kind kind() const { return m_kind; }
    const std::string& label() const { return m_label; }

    // Slider.
    double min() const { return m_min; }
    double max() const { return m_max; }
    double value() const { return m_value; }
    double step() const { return m_step; }
    Scale scale() const { return m_scale; }
    // Positions run from 0 to positions(); both ends are min and max.
    int positions() const;
    double valueAt(int position) const;
    int positionOf(double value) const;

    // Choice.
    const std::vector<std::string>& options() const { return m_options; }
    const std::vector<std::string>& literals() const { return m_literals; }
    std::size_t selected() const { return m_selected; }

    // Toggle.
    bool checked() const { return m_checked; }

    // The shortest decimal text that reads back as exactly `x` ("0.001", "1e-05", "3").
    static std::string numberLiteral(double x);
    // A double-quoted string literal of the cell language for `s`.
    static std::string stringLiteral(const std::string& s);

private:
    Control() = default;

    Kind m_kind = Kind::Slider;
    std::string m_label;
    double m_min = 0;
    double m_max = 1;
    double m_value = 0;
    double m_step = 0;
    Scale m_scale = Scale::Linear;
    std::vector<std::string> m_options;
    std::vector<std::string> m_literals;
    std::size_t m_selected = 0;
    bool m_checked = false;
};

}  // namespace lemma::output
