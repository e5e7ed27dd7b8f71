// JSON text for a figure with all of its series data, as `lemma run --json` prints it.
#pragma once

#include <string>

#include "engine/output/Figure.h"

namespace lemma::output {

// {"type": "figure", "title": …, "rows": 1, "cols": 1, "panels": [{"title", "x": {"label",
// "log", "limits"}, "y": {…}, "equal", "legend", "series": [{"kind", "label", "style": {"color":
// "#rrggbb", "line", "marker", "width", "markerSize"}, …data of the kind…}]}]}. The data members
// per kind: line, scatter, curve: "x", "y" (curve also "ends"); band: "x", "lo", "hi"; bar: "x",
// "y", "width", "offset"; heatmap:
// "rows", "cols", "values" (rows of values), "rowLabels", "colLabels", "showValues",
// "colorMap", "range"; contour: "levels", "colorMap", "byLevel", "paths" [{"level", "closed",
// "x", "y"}]; arrows: "x0", "y0", "x1", "y1"; hline: "y"; vline: "x"; circle: "center", "r".
std::string figureJson(const Figure& figure);

}  // namespace lemma::output
