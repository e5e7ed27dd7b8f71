// One-line summaries of figures. Strings are built with append: GCC 12 warns falsely
// (-Wrestrict) on `"literal" + std::string` at -O2.
#include "engine/output/FigureSummary.h"

namespace lemma::output {

namespace {

std::string quoted(const std::string& s) {
    std::string out(1, '"');
    out.append(s).push_back('"');
    return out;
}

std::string kindOf(const Series& s) {
    std::string kind = s.kindName();
    if (const auto* h = std::get_if<Heatmap>(&s.data))
        kind.append(" ")
            .append(std::to_string(h->rows))
            .append("×")
            .append(std::to_string(h->cols));
    return kind;
}

std::string seriesList(const Axes& a) {
    if (a.series.empty())
        return "empty";
    std::string kinds;
    for (std::size_t k = 0; k < a.series.size();) {
        const std::string kind = kindOf(a.series[k]);
        std::size_t run = 1;
        while (k + run < a.series.size() && kindOf(a.series[k + run]) == kind)
            ++run;
        const std::size_t shown = run >= 3 ? 1 : run;
        for (std::size_t i = 0; i < shown; ++i) {
            if (!kinds.empty())
                kinds += ", ";
            kinds += kind;
        }
        if (run >= 3)
            kinds.append(" ×").append(std::to_string(run));
        k += run;
    }
    std::string out = std::to_string(a.series.size());
    out.append(" series (").append(kinds).append(")");
    return out;
}

std::string axisText(const char* name, const Axis& axis) {
    if (axis.label.empty() && !axis.log)
        return "";
    std::string out = ", ";
    out += name;
    if (!axis.label.empty())
        out.append(" ").append(quoted(axis.label));
    if (axis.log)
        out += " (log)";
    return out;
}

std::string panelText(const Axes& a) {
    std::string out = seriesList(a);
    out.append(axisText("x", a.x)).append(axisText("y", a.y));
    return out;
}

}  // namespace

std::string figureSummary(const Figure& figure) {
    std::string out = "[figure";
    if (!figure.title.empty())
        out.append(" ").append(quoted(figure.title));
    out += ": ";
    if (figure.panels.size() == 1) {
        const Axes& a = figure.panels.front();
        if (!a.title.empty())
            out.append(quoted(a.title)).append(" ");
        out += panelText(a);
    } else {
        out.append(std::to_string(figure.rows)).append("×");
        out.append(std::to_string(figure.cols)).append(" panels");
        for (std::size_t k = 0; k < figure.panels.size(); ++k) {
            const Axes& a = figure.panels[k];
            out.append("; ").append(std::to_string(k + 1));
            if (!a.title.empty())
                out.append(" ").append(quoted(a.title));
            out.append(": ").append(panelText(a));
        }
    }
    return out + "]\n";
}

}  // namespace lemma::output
