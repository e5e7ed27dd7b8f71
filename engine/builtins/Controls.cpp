// Controls: slider, choice and toggle return their current value and show a control in the
// cell's output. The value lives in the source (`value=`), so the file stays the single
// source of truth: moving the control in the window rewrites that argument and runs again.
#include <cmath>
#include <memory>

#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"
#include "engine/output/Control.h"

namespace lemma::builtins {

using namespace support;
using output::Control;

namespace {

void show(Call& c, Control control) {
    c.context().emit(output::Rich{std::make_shared<const Control>(std::move(control))});
}

std::vector<Value> slider(Call& c) {
    c.requireCount(2, 2);
    const double min = c.scalar(0);
    const double max = c.scalar(1);
    if (!std::isfinite(min) || !std::isfinite(max) || !(min < max))
        c.fail("the range must be finite with min < max, got " + shortest(min) + " and " +
               shortest(max));
    const std::string scaleName = c.keywordString("scale", "linear");
    Control::Scale scale = Control::Scale::Linear;
    if (scaleName == "log") {
        scale = Control::Scale::Log;
        if (min <= 0)
            c.fail("a log scale needs min > 0, got " + shortest(min));
    } else if (scaleName != "linear") {
        c.fail("scale must be \"linear\" or \"log\", got \"" + scaleName + "\"");
    }
    const double step = c.keywordScalar("step", 0.0);
    if (!(step >= 0) || !std::isfinite(step))
        c.fail("step must be a number ≥ 0, got " + shortest(step));
    const double value = c.keywordScalar("value", min);
    if (!(value >= min && value <= max))
        c.fail("value " + shortest(value) + " is outside the range [" + shortest(min) + ", " +
               shortest(max) + "]");
    show(c, Control::slider(min, max, value, step, scale, c.keywordString("label", "")));
    return {Value(value)};
}

// The options of choice(): a list of strings or real scalars, or a real vector.
std::vector<Value> optionsOf(Call& c) {
    const Value& arg = c.arg(0);
    std::vector<Value> options;
    if (arg.isList()) {
        for (const Value& item : arg.items()) {
            if (!item.isString() && !(item.isReal() && item.isScalar() && !item.isBool()))
                c.fail("options must be strings or numbers, got " + describe(item));
            options.push_back(item);
        }
    } else if (arg.isReal() && !arg.isBool() && (arg.rows() == 1 || arg.cols() == 1)) {
        for (arma::uword i = 0; i < arg.numel(); ++i)
            options.emplace_back(arg.real()(i));
    } else {
        c.fail("argument 1 must be a list or a vector of options, got " + describe(arg));
    }
    if (options.empty())
        c.fail("there must be at least one option");
    return options;
}

bool sameOption(const Value& a, const Value& b) {
    if (a.isString() != b.isString())
        return false;
    if (a.isString())
        return a.string() == b.string();
    return a.real()(0, 0) == b.real()(0, 0);
}

std::vector<Value> choice(Call& c) {
    c.requireCount(1, 1);
    const std::vector<Value> options = optionsOf(c);
    std::vector<std::string> shown;
    std::vector<std::string> literals;
    for (const Value& o : options) {
        shown.push_back(o.isString() ? o.string() : Control::numberLiteral(o.real()(0, 0)));
        literals.push_back(o.isString() ? Control::stringLiteral(o.string()) : shown.back());
    }
    std::size_t selected = 0;
    if (const auto value = c.keyword("value")) {
        selected = options.size();
        for (std::size_t i = 0; i < options.size(); ++i) {
            if (sameOption(*value, options[i])) {
                selected = i;
                break;
            }
        }
        if (selected == options.size()) {
            const std::string text = value->isString()   ? Control::stringLiteral(value->string())
                                     : value->isScalar() ? shortest(value->real()(0, 0))
                                                         : describe(*value);
            c.fail("value " + text + " is not one of the options");
        }
    }
    show(c, Control::choice(std::move(shown), std::move(literals), selected,
                            c.keywordString("label", "")));
    return {options[selected]};
}

std::vector<Value> toggle(Call& c) {
    c.requireCount(0, 0);
    const bool value = c.keywordBool("value", false);
    show(c, Control::toggle(value, c.keywordString("label", "")));
    return {Value::boolean(value)};
}

}  // namespace

void registerControls(Registry& r) {
    r.add("slider", "slider(min, max, value=…, step=…, scale=\"linear\"|\"log\", label=…)",
          "A slider in the output; returns its value (default min). Moving it rewrites value=.",
          slider);
    r.add("choice", "choice(options, value=…, label=…)",
          "A drop-down of a list or vector of options; returns the selected one (default the "
          "first).",
          choice);
    r.add("toggle", "toggle(value=false, label=…)",
          "A check box in the output; returns true or false.", toggle);
}

}  // namespace lemma::builtins
