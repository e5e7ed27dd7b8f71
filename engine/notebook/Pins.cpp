// Pinned settings and their overlay (see Pins.h).
#include "engine/notebook/Pins.h"

#include <charconv>
#include <cmath>
#include <memory>

#include "engine/notebook/Cell.h"
#include "engine/output/Figure.h"

namespace lemma::notebook {

namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t';
}

// One option of an info string with its extent [begin, end) in the string.
struct OptionSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string key;
    std::string value;
};

// The options after the leading `lemma`, scanned as Cell::parseOptions does.
std::vector<OptionSpan> optionSpans(std::string_view info) {
    std::vector<OptionSpan> spans;
    std::size_t i = 0;
    while (i < info.size() && isSpace(info[i]))
        ++i;
    constexpr std::string_view word = "lemma";
    if (info.substr(i, word.size()) == word)
        i += word.size();
    while (i < info.size()) {
        while (i < info.size() && isSpace(info[i]))
            ++i;
        if (i >= info.size())
            break;
        OptionSpan span;
        span.begin = i;
        while (i < info.size() && !isSpace(info[i]) && info[i] != '=')
            span.key += info[i++];
        if (i < info.size() && info[i] == '=') {
            ++i;
            if (i < info.size() && info[i] == '"') {
                ++i;
                while (i < info.size() && info[i] != '"')
                    span.value += info[i++];
                if (i < info.size())
                    ++i;
            } else {
                while (i < info.size() && !isSpace(info[i]))
                    span.value += info[i++];
            }
        }
        span.end = i;
        spans.push_back(std::move(span));
    }
    return spans;
}

// "B=256 lr='a b'" → {B, 256}, {lr, 'a b'}: words split at spaces outside single quotes.
std::optional<Pin> parsePin(std::string_view text) {
    Pin pin;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && isSpace(text[i]))
            ++i;
        if (i >= text.size())
            break;
        PinValue v;
        while (i < text.size() && text[i] != '=' && !isSpace(text[i]))
            v.name += text[i++];
        if (i >= text.size() || text[i] != '=' || v.name.empty())
            return std::nullopt;
        ++i;
        bool quoted = false;
        while (i < text.size() && (quoted || !isSpace(text[i]))) {
            if (text[i] == '\'')
                quoted = !quoted;
            v.literal += text[i++];
        }
        if (v.literal.empty())
            return std::nullopt;
        pin.push_back(std::move(v));
    }
    if (pin.empty())
        return std::nullopt;
    return pin;
}

std::optional<double> numberOf(const std::string& literal) {
    double x = 0;
    const char* end = literal.data() + literal.size();
    const auto [ptr, ec] = std::from_chars(literal.data(), end, x);
    if (ec != std::errc() || ptr != end)
        return std::nullopt;
    return x;
}

bool sameLiteral(const std::string& a, const std::string& b) {
    if (a == b)
        return true;
    const auto x = numberOf(a);
    const auto y = numberOf(b);
    return x && y && *x == *y;
}

output::Color faded(output::Color c) {
    // Halfway to a mid grey: quieter on a white page and on a dark one alike.
    auto mix = [](std::uint8_t v) { return static_cast<std::uint8_t>((v + 150) / 2); };
    return {mix(c.r), mix(c.g), mix(c.b)};
}

bool overlaid(const output::SeriesData& data) {
    return std::holds_alternative<output::Line>(data) ||
           std::holds_alternative<output::Scatter>(data) ||
           std::holds_alternative<output::Curve>(data);
}

// True when the two series draw the same points (a reference curve the pin does not change).
bool samePoints(const output::SeriesData& a, const output::SeriesData& b) {
    if (a.index() != b.index())
        return false;
    if (const auto* l = std::get_if<output::Line>(&a)) {
        const auto& m = std::get<output::Line>(b);
        return l->x == m.x && l->y == m.y;
    }
    if (const auto* s = std::get_if<output::Scatter>(&a)) {
        const auto& t = std::get<output::Scatter>(b);
        return s->x == t.x && s->y == t.y;
    }
    if (const auto* c = std::get_if<output::Curve>(&a)) {
        const auto& d = std::get<output::Curve>(b);
        return c->x == d.x && c->y == d.y;
    }
    return false;
}

std::vector<std::shared_ptr<const output::Figure>> figuresOf(const output::Outputs& outputs) {
    std::vector<std::shared_ptr<const output::Figure>> figures;
    for (const output::Output& o : outputs) {
        if (const auto* rich = std::get_if<output::Rich>(&o)) {
            if (auto f = std::dynamic_pointer_cast<const output::Figure>(rich->object))
                figures.push_back(std::move(f));
        }
    }
    return figures;
}

}  // namespace

std::vector<Pin> pinsOf(std::string_view info) {
    std::vector<Pin> pins;
    for (const OptionSpan& span : optionSpans(info)) {
        if (span.key != "pin")
            continue;
        if (std::optional<Pin> pin = parsePin(span.value))
            pins.push_back(std::move(*pin));
    }
    return pins;
}

std::string pinText(const Pin& pin) {
    std::string text;
    for (const PinValue& v : pin) {
        if (!text.empty())
            text += ' ';
        text += v.name + "=" + v.literal;
    }
    return text;
}

std::string withPin(std::string_view info, const Pin& pin) {
    return std::string(info) + " pin=\"" + pinText(pin) + "\"";
}

std::string withoutPins(std::string_view info) {
    std::string out;
    std::size_t copied = 0;
    for (const OptionSpan& span : optionSpans(info)) {
        if (span.key != "pin")
            continue;
        std::size_t from = span.begin;
        while (from > copied && isSpace(info[from - 1]))
            --from;
        out.append(info.substr(copied, from - copied));
        copied = span.end;
    }
    out.append(info.substr(copied));
    return out;
}

std::string pinLiteral(std::string_view literal) {
    if (literal.size() >= 2 && literal.front() == '"' && literal.back() == '"') {
        const std::string_view inner = literal.substr(1, literal.size() - 2);
        if (inner.find('\'') == std::string_view::npos && inner.find('"') == std::string_view::npos)
            return std::string(1, '\'').append(inner).append(1, '\'');
    }
    return std::string(literal);
}

std::string controlLiteral(const output::Control& control) {
    switch (control.kind()) {
        case output::Control::Kind::Slider:
            return output::Control::numberLiteral(control.value());
        case output::Control::Kind::Choice:
            return pinLiteral(control.literals().at(control.selected()));
        case output::Control::Kind::Toggle:
            return control.checked() ? "true" : "false";
    }
    return {};
}

std::string pinDifference(const Pin& pin, const Pin& current) {
    std::string text;
    for (const PinValue& v : pin) {
        bool same = false;
        for (const PinValue& c : current) {
            if (c.name == v.name)
                same = sameLiteral(c.literal, v.literal);
        }
        if (same)
            continue;
        if (!text.empty())
            text += ", ";
        text += v.name + " = " + v.literal;
    }
    return text;
}

output::Outputs overlayPinned(const output::Outputs& outputs, const output::Outputs& pinned,
                              const std::string& label) {
    const auto pinnedFigures = figuresOf(pinned);
    output::Outputs out = outputs;
    std::size_t k = 0;
    for (output::Output& o : out) {
        auto* rich = std::get_if<output::Rich>(&o);
        if (!rich)
            continue;
        const auto current = std::dynamic_pointer_cast<const output::Figure>(rich->object);
        if (!current)
            continue;
        if (k >= pinnedFigures.size())
            break;
        const output::Figure& from = *pinnedFigures[k++];
        auto merged = std::make_shared<output::Figure>(*current);
        const std::size_t panels = std::min(merged->panels.size(), from.panels.size());
        for (std::size_t p = 0; p < panels; ++p) {
            output::Axes& axes = merged->panels[p];
            std::vector<output::Series> under;
            for (const output::Series& s : from.panels[p].series) {
                if (!overlaid(s.data))
                    continue;
                bool shared = false;
                for (const output::Series& c : current->panels[p].series)
                    shared = shared || samePoints(c.data, s.data);
                if (shared)
                    continue;
                output::Series copy = s;
                copy.label = under.empty() ? "pinned: " + label : std::string();
                copy.style.color = faded(s.style.color);
                copy.style.width = std::max(0.75, s.style.width * 0.8);
                if (copy.style.line == output::LineStyle::Solid)
                    copy.style.line = output::LineStyle::Dashed;
                copy.style.markerSize = s.style.markerSize * 0.8;
                if (auto* curve = std::get_if<output::Curve>(&copy.data))
                    curve->markEnds = false;
                under.push_back(std::move(copy));
            }
            // Under the current series: drawn first, listed first.
            axes.series.insert(axes.series.begin(), std::make_move_iterator(under.begin()),
                               std::make_move_iterator(under.end()));
        }
        ++merged->pinned;
        rich->object = std::move(merged);
    }
    return out;
}

}  // namespace lemma::notebook
