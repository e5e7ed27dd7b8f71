// Pinned settings of a cell: the control values a figure was made with, kept in the cell's
// info string (`lemma pin="B=256"`), and the overlay of the curves they give on the figures of
// later runs.
//
// Design. Outputs are never stored in the file, so a pin stores what reproduces its curves:
// the value of each named control (`B = slider(…)`) of the cell and of the cells it reads. The
// session recomputes a pin by running the cell, or the chain of cells from the changed controls
// down to it, with those values written into the controls' `value=` (as `lemma run --set`
// rewrites assignments), on a copy of the globals. The overlay is plain figure data (faded
// series with a legend entry naming the values that differ), so the screen, the reports and
// the JSON show it alike.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/output/Control.h"
#include "engine/output/Output.h"

namespace lemma::notebook {

// One control's value: its name and its source literal ("256", "'adam'", "true").
struct PinValue {
    std::string name;
    std::string literal;

    friend bool operator==(const PinValue&, const PinValue&) = default;
};

using Pin = std::vector<PinValue>;

inline constexpr std::size_t kMaxPins = 8;

// The pins of an info string, in order (`pin="…"` options). Values that do not read as
// `name=literal` words are left out.
std::vector<Pin> pinsOf(std::string_view info);
// The text of a pin option's value: "lr=0.1 momentum=0.9".
std::string pinText(const Pin& pin);
// `info` with ` pin="…"` appended.
std::string withPin(std::string_view info, const Pin& pin);
// `info` without its pin options; every other byte kept.
std::string withoutPins(std::string_view info);

// The literal a control's current value is written with; string literals use single quotes
// when they can (an option value cannot hold a double quote).
std::string controlLiteral(const output::Control& control);
// A literal as it can stand in a pin ("\"adam\"" → "'adam'").
std::string pinLiteral(std::string_view literal);

// The values of `pin` that differ from `current` (by number when both are numbers), as
// "B = 256, lr = 0.1"; empty when none differs.
std::string pinDifference(const Pin& pin, const Pin& current);

// `outputs` with the figures of `pinned` laid under their counterparts (the k-th figure over
// the k-th, panel by panel): the lines, scatters and curves of the pinned run that are not
// also in the current figure, faded, the first of each panel labelled "pinned: " + `label`.
output::Outputs overlayPinned(const output::Outputs& outputs, const output::Outputs& pinned,
                              const std::string& label);

}  // namespace lemma::notebook
