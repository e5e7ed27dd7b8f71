// Argument handling shared by the plot builtins (Plot.cpp, PlotGrids.cpp): the run's figure,
// points, labels, styles and axis keywords.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/lang/Builtin.h"
#include "engine/output/Figure.h"
#include "engine/output/FigureBuilder.h"
#include "engine/output/FigureStyle.h"

namespace lemma::builtins {

// Heatmap, contour and eigplot (PlotGrids.cpp); called by registerPlot.
void registerPlotGrids(Registry& r);

namespace plotargs {

// The run's figure builder, and the function that puts a new figure into the cell's outputs.
output::FigureBuilder& builder(Call& c);
output::FigureBuilder::Publish publisher(Call& c);
// The current panel, starting a figure when there is none.
output::Axes& axes(Call& c);

// xlabel=, ylabel=, logx=, logy=, xlim=, ylim=, equal=, legend= applied to a panel.
void axisKeywords(Call& c, output::Axes& a);

// Positional argument i as the entries of a real vector; `name` words the error.
std::vector<double> vectorArg(const Call& c, std::size_t i, const std::string& name);

// Positional argument i as points: the rows of an n×2 matrix, a single [x y], or the columns of
// a 2×n matrix.
std::pair<std::vector<double>, std::vector<double>> pointsArg(const Call& c, std::size_t i,
                                                              const std::string& name);

// The data of plot and scatter: (y), (y, fmt), (x, y) or (x, y, fmt). A matrix y gives one
// series per column (per row when its columns match x instead).
struct XY {
    std::vector<double> x;
    std::vector<std::vector<double>> ys;
    std::string style;  // the format string, if one was given
};
XY xyArgs(Call& c);

// label= for `count` series: a string (numbered when there are several) or a list of strings.
std::vector<std::string> labelsArg(Call& c, std::size_t count);

// Strings from a list of strings or numbers (numbers written the shortest way).
std::vector<std::string> stringsOf(const Call& c, const Value& v, const std::string& name);

// What a call says about style: a format string (positional or style=), color=, width=.
struct StyleArgs {
    output::StyleSpec spec;
    std::optional<output::Color> color;
    std::optional<double> width;

    // The series style: the defaults overridden by what the call says. Without a colour, the
    // panel's next palette colour when `usePalette`, else the default's.
    output::Style resolve(output::Axes& a, output::Style defaults, bool usePalette = true) const;
};
StyleArgs styleArgs(Call& c, const std::string& formatString);

}  // namespace plotargs

}  // namespace lemma::builtins
