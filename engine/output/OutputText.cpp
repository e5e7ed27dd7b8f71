// Outputs as plain text, and controls as text and JSON.
#include "engine/output/OutputText.h"

#include "engine/output/DerivationData.h"
#include "engine/output/Display.h"
#include "engine/output/FigureSummary.h"
#include "engine/output/Json.h"

namespace lemma::output {

namespace {

// Strings are built by appending: GCC 12 misreads chained operator+ (-Wrestrict) at -O2.
std::string quotedLabel(const Control& control) {
    std::string s;
    if (!control.label().empty())
        s.append(" ").append(jsonString(control.label()));
    return s;
}

}  // namespace

std::string outputText(const Output& out) {
    struct Visitor {
        std::string operator()(const Text& t) const { return t.text; }
        std::string operator()(const Display& d) const {
            if (const std::optional<DerivationData> derivation = derivationOf(d.value))
                return derivationText(d.name, *derivation);
            return formatDisplay(d.name, d.value, d.style);
        }
        std::string operator()(const Error& e) const {
            std::string s = "error: ";
            if (e.pos.known()) {
                s.append("line ").append(std::to_string(e.pos.line));
                s.append(", column ").append(std::to_string(e.pos.column)).append(": ");
            }
            s.append(e.message).append("\n");
            return s;
        }
        std::string operator()(const Rich& r) const {
            if (const auto* figure = dynamic_cast<const Figure*>(r.object.get()))
                return figureSummary(*figure);
            if (const auto* control = dynamic_cast<const Control*>(r.object.get()))
                return controlSummary(*control);
            std::string s = "[";
            s.append(r.object->typeName()).append("]\n");
            return s;
        }
    };
    return std::visit(Visitor{}, out);
}

std::string controlSummary(const Control& c) {
    std::string s = "[";
    switch (c.kind()) {
        case Control::Kind::Slider:
            s.append("slider").append(quotedLabel(c)).append(": ");
            s.append(Control::numberLiteral(c.value())).append(" in ");
            s.append(Control::numberLiteral(c.min())).append(" … ");
            s.append(Control::numberLiteral(c.max()));
            if (c.step() > 0)
                s.append(", step ").append(Control::numberLiteral(c.step()));
            if (c.scale() == Control::Scale::Log)
                s.append(", log");
            break;
        case Control::Kind::Choice:
            s.append("choice").append(quotedLabel(c)).append(": ");
            s.append(c.literals().at(c.selected())).append(" of ");
            for (std::size_t i = 0; i < c.literals().size(); ++i)
                s.append(i ? ", " : "").append(c.literals()[i]);
            break;
        case Control::Kind::Toggle:
            s.append("toggle").append(quotedLabel(c)).append(": ");
            s.append(c.checked() ? "on" : "off");
            break;
    }
    s.append("]\n");
    return s;
}

std::string controlJson(const Control& c) {
    std::string s = R"({"type": "control", "kind": )";
    switch (c.kind()) {
        case Control::Kind::Slider:
            s.append(R"("slider", "label": )").append(jsonString(c.label()));
            s.append(R"(, "value": )").append(jsonNumber(c.value()));
            s.append(R"(, "min": )").append(jsonNumber(c.min()));
            s.append(R"(, "max": )").append(jsonNumber(c.max()));
            s.append(R"(, "step": )").append(jsonNumber(c.step()));
            s.append(R"(, "scale": )")
                .append(c.scale() == Control::Scale::Log ? R"("log")" : R"("linear")");
            break;
        case Control::Kind::Choice:
            s.append(R"("choice", "label": )").append(jsonString(c.label()));
            s.append(R"(, "value": )").append(jsonString(c.options().at(c.selected())));
            s.append(R"(, "options": [)");
            for (std::size_t i = 0; i < c.options().size(); ++i)
                s.append(i ? ", " : "").append(jsonString(c.options()[i]));
            s.append("]");
            break;
        case Control::Kind::Toggle:
            s.append(R"("toggle", "label": )").append(jsonString(c.label()));
            s.append(R"(, "value": )").append(c.checked() ? "true" : "false");
            break;
    }
    s.append("}");
    return s;
}

}  // namespace lemma::output
