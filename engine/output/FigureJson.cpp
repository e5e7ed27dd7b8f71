// JSON text for figures.
#include "engine/output/FigureJson.h"

#include <cstdio>

#include "engine/output/Json.h"

namespace lemma::output {

namespace {

std::string numbers(const std::vector<double>& v) {
    std::string out = "[";
    for (std::size_t k = 0; k < v.size(); ++k) {
        if (k > 0)
            out += ", ";
        out += jsonNumber(v[k]);
    }
    return out + "]";
}

std::string strings(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t k = 0; k < v.size(); ++k) {
        if (k > 0)
            out += ", ";
        out += jsonString(v[k]);
    }
    return out + "]";
}

// "[a, b]"; built with += because GCC 12 warns falsely (-Wrestrict) on "[" + std::string.
void pair(std::string& out, double a, double b) {
    out = "[";
    out += jsonNumber(a);
    out += ", ";
    out += jsonNumber(b);
    out += "]";
}

std::string boolean(bool b) {
    return b ? "true" : "false";
}

std::string colorText(Color c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return jsonString(buf);
}

const char* lineName(LineStyle s) {
    switch (s) {
        case LineStyle::Solid:
            return "solid";
        case LineStyle::Dashed:
            return "dashed";
        case LineStyle::Dotted:
            return "dotted";
        case LineStyle::DashDot:
            return "dashdot";
        case LineStyle::None:
            return "none";
    }
    return "solid";
}

const char* markerName(Marker m) {
    switch (m) {
        case Marker::None:
            return "none";
        case Marker::Circle:
            return "circle";
        case Marker::Dot:
            return "dot";
        case Marker::Cross:
            return "cross";
        case Marker::Plus:
            return "plus";
        case Marker::Star:
            return "star";
        case Marker::Square:
            return "square";
        case Marker::Diamond:
            return "diamond";
        case Marker::Triangle:
            return "triangle";
    }
    return "none";
}

std::string colorMapName(ColorMap m) {
    return jsonString(m == ColorMap::Viridis ? "viridis" : "diverging");
}

std::string styleJson(const Style& s) {
    return "{\"color\": " + colorText(s.color) + ", \"line\": " + jsonString(lineName(s.line)) +
           ", \"marker\": " + jsonString(markerName(s.marker)) +
           ", \"width\": " + jsonNumber(s.width) + ", \"markerSize\": " + jsonNumber(s.markerSize) +
           "}";
}

// The members of a series' data, each preceded by ", ".
struct DataJson {
    std::string operator()(const Line& d) const {
        return ", \"x\": " + numbers(d.x) + ", \"y\": " + numbers(d.y);
    }
    std::string operator()(const Scatter& d) const {
        return ", \"x\": " + numbers(d.x) + ", \"y\": " + numbers(d.y);
    }
    std::string operator()(const Band& d) const {
        return ", \"x\": " + numbers(d.x) + ", \"lo\": " + numbers(d.lo) +
               ", \"hi\": " + numbers(d.hi);
    }
    std::string operator()(const Bar& d) const {
        std::string out = ", \"x\": " + numbers(d.x) + ", \"y\": " + numbers(d.y) +
                          ", \"width\": " + jsonNumber(d.width) +
                          ", \"offset\": " + jsonNumber(d.offset);
        if (!d.edges.empty())
            out += ", \"edges\": " + numbers(d.edges);
        return out;
    }
    std::string operator()(const Heatmap& d) const {
        std::string rows = "[";
        for (std::size_t i = 0; i < d.rows; ++i) {
            if (i > 0)
                rows += ", ";
            rows += numbers(std::vector<double>(
                d.values.begin() + static_cast<std::ptrdiff_t>(i * d.cols),
                d.values.begin() + static_cast<std::ptrdiff_t>((i + 1) * d.cols)));
        }
        rows += "]";
        return ", \"rows\": " + std::to_string(d.rows) + ", \"cols\": " + std::to_string(d.cols) +
               ", \"values\": " + rows + ", \"rowLabels\": " + strings(d.rowLabels) +
               ", \"colLabels\": " + strings(d.colLabels) +
               ", \"showValues\": " + boolean(d.showValues) +
               ", \"colorMap\": " + colorMapName(d.colorMap) + ", \"range\": [" + jsonNumber(d.lo) +
               ", " + jsonNumber(d.hi) + "]";
    }
    std::string operator()(const Contour& d) const {
        std::string paths = "[";
        for (std::size_t k = 0; k < d.paths.size(); ++k) {
            const ContourPath& p = d.paths[k];
            if (k > 0)
                paths += ", ";
            paths += "{\"level\": " + jsonNumber(p.level) + ", \"closed\": " + boolean(p.closed) +
                     ", \"x\": " + numbers(p.x) + ", \"y\": " + numbers(p.y) + "}";
        }
        paths += "]";
        return ", \"levels\": " + numbers(d.levels) +
               ", \"colorMap\": " + colorMapName(d.colorMap) +
               ", \"byLevel\": " + boolean(d.byLevel) + ", \"paths\": " + paths;
    }
    std::string operator()(const Curve& d) const {
        return ", \"x\": " + numbers(d.x) + ", \"y\": " + numbers(d.y) +
               ", \"ends\": " + boolean(d.markEnds);
    }
    std::string operator()(const Arrows& d) const {
        return ", \"x0\": " + numbers(d.x0) + ", \"y0\": " + numbers(d.y0) +
               ", \"x1\": " + numbers(d.x1) + ", \"y1\": " + numbers(d.y1);
    }
    std::string operator()(const HLine& d) const { return ", \"y\": " + jsonNumber(d.y); }
    std::string operator()(const VLine& d) const { return ", \"x\": " + jsonNumber(d.x); }
    std::string operator()(const Circle& d) const {
        return ", \"center\": [" + jsonNumber(d.cx) + ", " + jsonNumber(d.cy) +
               "], \"r\": " + jsonNumber(d.r);
    }
};

std::string axisJson(const Axis& a) {
    std::string limits = "null";
    if (a.limits)
        pair(limits, a.limits->lo, a.limits->hi);
    return "{\"label\": " + jsonString(a.label) + ", \"log\": " + boolean(a.log) +
           ", \"limits\": " + limits + "}";
}

std::string axesJson(const Axes& a) {
    std::string series = "[";
    for (std::size_t k = 0; k < a.series.size(); ++k) {
        const Series& s = a.series[k];
        if (k > 0)
            series += ", ";
        series += "{\"kind\": " + jsonString(s.kindName()) + ", \"label\": " + jsonString(s.label) +
                  ", \"style\": " + styleJson(s.style) + std::visit(DataJson{}, s.data) + "}";
    }
    series += "]";
    return "{\"title\": " + jsonString(a.title) + ", \"x\": " + axisJson(a.x) +
           ", \"y\": " + axisJson(a.y) + ", \"equal\": " + boolean(a.equalAspect) +
           ", \"legend\": " + boolean(a.legend) + ", \"series\": " + series + "}";
}

}  // namespace

std::string figureJson(const Figure& figure) {
    std::string panels = "[";
    for (std::size_t k = 0; k < figure.panels.size(); ++k) {
        if (k > 0)
            panels += ", ";
        panels += axesJson(figure.panels[k]);
    }
    panels += "]";
    return "{\"type\": \"figure\", \"title\": " + jsonString(figure.title) +
           ", \"rows\": " + std::to_string(figure.rows) +
           ", \"cols\": " + std::to_string(figure.cols) + ", \"panels\": " + panels + "}";
}

}  // namespace lemma::output
