// The plot family: figure, subplot, plot, scatter, band, bar, heatmap, contour, path, arrow,
// quiver, hline, vline, circle and eigplot. They build output::Figure data; the widgets draw it.
//
// Plot calls draw into the run's current figure (a FigureBuilder kept in the Context's run
// state): figure() starts a new one, subplot() selects a panel, and a plot call without a
// figure starts one. Each figure goes into the cell's outputs when it starts, so figures and
// printed text keep their order.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "engine/builtins/Families.h"
#include "engine/builtins/PlotArguments.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"
#include "engine/math/Contour.h"
#include "engine/output/FigureBuilder.h"

namespace lemma::builtins {

namespace {

using namespace plotargs;
using output::Axes;
using output::Series;

// Reference shapes are drawn thin, dashed and grey unless the call says otherwise.
output::Style referenceStyle() {
    output::Style s;
    s.color = output::Color{0x55, 0x55, 0x55};
    s.line = output::LineStyle::Dashed;
    s.width = 1.0;
    return s;
}

std::vector<Value> none() {
    return {};
}

// The smallest gap between neighbouring bar positions: the room each bar (or group) has.
double barSpacing(std::vector<double> x) {
    std::sort(x.begin(), x.end());
    double gap = std::numeric_limits<double>::infinity();
    for (std::size_t k = 1; k < x.size(); ++k) {
        if (x[k] > x[k - 1])
            gap = std::min(gap, x[k] - x[k - 1]);
    }
    return std::isfinite(gap) ? gap : 1.0;
}

void registerFigures(Registry& r) {
    r.add("figure",
          "figure(title=\"…\", xlabel=…, ylabel=…, logx=false, logy=false, xlim=[a b], "
          "ylim=[a b], equal=false, legend=true)",
          "Starts a new figure; the plot calls that follow draw into it.", [](Call& c) {
              c.requireCount(0, 1);
              output::Figure& f = builder(c).startFigure(publisher(c));
              if (c.has(0))
                  f.title = c.string(0);
              f.title = c.keywordString("title", f.title);
              axisKeywords(c, f.panels.front());
              return none();
          });
    r.add("subplot",
          "subplot(rows, cols, index, title=…, xlabel=…, ylabel=…, logx=…, logy=…, xlim=…, "
          "ylim=…, equal=…, legend=…)",
          "Selects panel index (1-based, row by row) of a rows×cols grid of the current figure.",
          [](Call& c) {
              c.requireCount(3, 3);
              Axes& a =
                  builder(c).subplot(static_cast<int>(c.integer(0)), static_cast<int>(c.integer(1)),
                                     static_cast<int>(c.integer(2)), publisher(c));
              a.title = c.keywordString("title", a.title);
              axisKeywords(c, a);
              return none();
          });
}

void registerCurves(Registry& r) {
    r.add("plot", "plot(y), plot(x, y), plot(x, y, \"r--\", label=…, style=…, color=…, width=…)",
          "Draws lines through the points; a matrix y draws one line per column.", [](Call& c) {
              c.requireCount(1, 3);
              const XY xy = xyArgs(c);
              Axes& a = axes(c);
              const std::vector<std::string> labels = labelsArg(c, xy.ys.size());
              const StyleArgs style = styleArgs(c, xy.style);
              for (std::size_t k = 0; k < xy.ys.size(); ++k) {
                  Series s{labels[k], style.resolve(a, output::Style{}),
                           output::Line{xy.x, xy.ys[k]}};
                  a.series.push_back(std::move(s));
              }
              return none();
          });
    r.add("scatter", "scatter(x, y, label=…, style=\"o\", color=…, size=6)",
          "Draws the points as markers.", [](Call& c) {
              c.requireCount(2, 3);
              const XY xy = xyArgs(c);
              Axes& a = axes(c);
              const std::vector<std::string> labels = labelsArg(c, xy.ys.size());
              output::Style defaults;
              defaults.line = output::LineStyle::None;
              defaults.marker = output::Marker::Circle;
              defaults.markerSize = c.keywordScalar("size", defaults.markerSize);
              const StyleArgs style = styleArgs(c, xy.style);
              for (std::size_t k = 0; k < xy.ys.size(); ++k) {
                  a.series.push_back(Series{labels[k], style.resolve(a, defaults),
                                            output::Scatter{xy.x, xy.ys[k]}});
              }
              return none();
          });
    r.add("band", "band(x, lo, hi, label=…, color=…)",
          "Shades the interval lo ≤ y ≤ hi over x (a confidence band).", [](Call& c) {
              c.requireCount(3, 3);
              std::vector<double> x = vectorArg(c, 0, "x");
              std::vector<double> lo = vectorArg(c, 1, "lo");
              std::vector<double> hi = vectorArg(c, 2, "hi");
              if (lo.size() != x.size() || hi.size() != x.size())
                  c.fail("x, lo and hi must have the same length, got " + std::to_string(x.size()) +
                         ", " + std::to_string(lo.size()) + " and " + std::to_string(hi.size()));
              Axes& a = axes(c);
              output::Style defaults;
              defaults.line = output::LineStyle::None;
              const std::string label = c.keywordString("label", "");
              const output::Style style = styleArgs(c, "").resolve(a, defaults);
              a.series.push_back(
                  Series{label, style, output::Band{std::move(x), std::move(lo), std::move(hi)}});
              return none();
          });
    r.add("bar", "bar(y), bar(x, y), bar(x, Y, \"r\", label=…, color=…, width=0.8)",
          "Draws bars from 0 to y at x; a matrix Y draws a group of bars per x, one series per "
          "column. width= is the share of the space between bars that they fill.",
          [](Call& c) {
              c.requireCount(1, 3);
              const double share = c.keywordScalar("width", 0.8);
              if (!(share > 0.0) || share > 1.0)
                  c.fail(
                      "width must be a share of the space between bars, above 0 and at most 1, "
                      "got " +
                      support::shortest(share));
              const XY xy = xyArgs(c);
              Axes& a = axes(c);
              const std::vector<std::string> labels = labelsArg(c, xy.ys.size());
              StyleArgs style = styleArgs(c, xy.style);
              style.width.reset();  // width= was the bars' share, not a line width
              const double group = share * barSpacing(xy.x);
              const double each = group / static_cast<double>(xy.ys.size());
              for (std::size_t k = 0; k < xy.ys.size(); ++k) {
                  const double offset =
                      (static_cast<double>(k) - static_cast<double>(xy.ys.size() - 1) / 2) * each;
                  output::Bar bar{xy.x, xy.ys[k], each, offset, {}};
                  a.series.push_back(
                      Series{labels[k], style.resolve(a, output::Style{}), std::move(bar)});
              }
              return none();
          });
    r.add("path", "path(P), path(x, y), label=…, style=…, color=…, ends=true",
          "Draws a trajectory through the rows of the n×2 matrix P, marking its start and end.",
          [](Call& c) {
              c.requireCount(1, 3);
              output::Curve curve;
              std::string formatString;
              if (c.has(1) && !c.arg(1).isString()) {
                  curve.x = vectorArg(c, 0, "x");
                  curve.y = vectorArg(c, 1, "y");
                  if (curve.x.size() != curve.y.size())
                      c.fail("x and y must have the same length, got " +
                             std::to_string(curve.x.size()) + " and " +
                             std::to_string(curve.y.size()));
                  if (c.has(2))
                      formatString = c.string(2);
              } else {
                  c.requireCount(1, 2);
                  const auto [px, py] = pointsArg(c, 0, "P");
                  curve.x = px;
                  curve.y = py;
                  if (c.has(1))
                      formatString = c.string(1);
              }
              curve.markEnds = c.keywordBool("ends", true);
              Axes& a = axes(c);
              const std::string label = c.keywordString("label", "");
              const output::Style style = styleArgs(c, formatString).resolve(a, output::Style{});
              a.series.push_back(Series{label, style, std::move(curve)});
              return none();
          });
    r.add("arrow", "arrow(from, to, label=…, color=…)",
          "Draws arrows from the rows of the n×2 matrix from to the rows of to.", [](Call& c) {
              c.requireCount(2, 2);
              const auto [x0, y0] = pointsArg(c, 0, "from");
              const auto [x1, y1] = pointsArg(c, 1, "to");
              if (x0.size() != x1.size())
                  c.fail("from and to must hold as many points, got " + std::to_string(x0.size()) +
                         " and " + std::to_string(x1.size()));
              Axes& a = axes(c);
              const std::string label = c.keywordString("label", "");
              const output::Style style = styleArgs(c, "").resolve(a, output::Style{});
              a.series.push_back(Series{label, style, output::Arrows{x0, y0, x1, y1}});
              return none();
          });
    r.add("quiver", "quiver(X, Y, U, V), quiver(U, V), quiver(…, scale), label=…, color=…",
          "Draws the vectors (U, V) as arrows from the points (X, Y), e.g. a gradient field on a "
          "meshgrid. As in MATLAB, the arrows are scaled to fit the grid spacing (the longest "
          "0.9 of a cell); scale multiplies that, and 0 draws them at their true length. "
          "quiver(U, V) places them on the grid 1…columns × 1…rows. Zero vectors draw nothing.",
          [](Call& c) {
              c.requireCount(2, 5);
              const bool grid = c.count() <= 3;
              const std::size_t first = grid ? 0 : 2;
              const arma::mat u = c.matrix(first);
              const arma::mat v = c.matrix(first + 1);
              if (arma::size(u) != arma::size(v))
                  c.fail("U and V must have the same size, got " + support::shape(u) + " and " +
                         support::shape(v));
              arma::mat x, y;
              if (grid) {
                  x = arma::repmat(arma::regspace<arma::rowvec>(1, double(u.n_cols)), u.n_rows, 1);
                  y = arma::repmat(arma::regspace<arma::colvec>(1, double(u.n_rows)), 1, u.n_cols);
              } else {
                  x = c.matrix(0);
                  y = c.matrix(1);
                  if (x.n_elem != u.n_elem || y.n_elem != u.n_elem)
                      c.fail("X, Y, U and V must have as many entries, got " +
                             std::to_string(x.n_elem) + ", " + std::to_string(y.n_elem) + ", " +
                             std::to_string(u.n_elem) + " and " + std::to_string(v.n_elem));
              }
              const std::size_t scaleAt = grid ? 2 : 4;
              const double scale = c.has(scaleAt) ? c.scalar(scaleAt) : 1.0;
              if (!std::isfinite(scale) || scale < 0)
                  c.fail("the scale must be a finite number ≥ 0, got " + support::shortest(scale));
              double factor = 1.0;
              if (scale > 0) {
                  // MATLAB's rule: the grid cell is the data's extent over the points per side
                  // (the square root of their number for vectors), and the longest arrow, in
                  // cells, is drawn 0.9 of a cell long.
                  const bool vectors = x.n_rows == 1 || x.n_cols == 1;
                  const double across = vectors ? std::sqrt(double(x.n_elem)) : double(x.n_cols);
                  const double down = vectors ? across : double(x.n_rows);
                  const double dx = x.n_elem ? (x.max() - x.min()) / across : 0.0;
                  const double dy = y.n_elem ? (y.max() - y.min()) / down : 0.0;
                  const double cell2 = dx * dx + dy * dy;
                  double longest = 0.0;
                  if (cell2 > 0 && u.n_elem)
                      longest = std::sqrt((arma::square(u) + arma::square(v)).max() / cell2);
                  factor = scale * 0.9 / (longest > 0 && std::isfinite(longest) ? longest : 1.0);
              }
              output::Arrows arrows;
              for (arma::uword k = 0; k < u.n_elem; ++k) {
                  const double du = u(k) * factor, dv = v(k) * factor;
                  if ((du == 0 && dv == 0) || !std::isfinite(du) || !std::isfinite(dv) ||
                      !std::isfinite(x(k)) || !std::isfinite(y(k)))
                      continue;
                  arrows.x0.push_back(x(k));
                  arrows.y0.push_back(y(k));
                  arrows.x1.push_back(x(k) + du);
                  arrows.y1.push_back(y(k) + dv);
              }
              Axes& a = axes(c);
              const std::string label = c.keywordString("label", "");
              const output::Style style = styleArgs(c, "").resolve(a, output::Style{});
              a.series.push_back(Series{label, style, std::move(arrows)});
              return none();
          });
}

void registerReferences(Registry& r) {
    auto lines = [](bool horizontal) {
        return [horizontal](Call& c) {
            c.requireCount(1, 2);
            const std::vector<double> at = vectorArg(c, 0, horizontal ? "y" : "x");
            Axes& a = axes(c);
            std::string label = c.keywordString("label", "");
            const output::Style style =
                styleArgs(c, c.has(1) ? c.string(1) : "").resolve(a, referenceStyle(), false);
            for (const double v : at) {
                Series s{label, style, output::HLine{v}};
                if (!horizontal)
                    s.data = output::VLine{v};
                a.series.push_back(std::move(s));
                label.clear();  // one legend entry for the whole set
            }
            return none();
        };
    };
    r.add("hline", "hline(y), hline(y, \"k:\", label=…, color=…)",
          "Draws horizontal lines across the plot at each value of y.", lines(true));
    r.add("vline", "vline(x), vline(x, \"k:\", label=…, color=…)",
          "Draws vertical lines across the plot at each value of x.", lines(false));
    r.add("circle", "circle(r=1, center=[0 0], label=…, style=…, color=…)",
          "Draws a circle, by default the unit circle.", [](Call& c) {
              c.requireCount(0, 1);
              output::Circle circle;
              circle.r = c.has(0) ? c.scalar(0) : c.keywordScalar("r", 1.0);
              if (!(circle.r > 0.0) || !std::isfinite(circle.r))
                  c.fail("the radius must be positive, got " + support::shortest(circle.r));
              if (const auto centre = c.keyword("center")) {
                  if (!centre->isReal() || centre->numel() != 2)
                      c.fail("center must be a point [x y]");
                  circle.cx = centre->real()(0);
                  circle.cy = centre->real()(1);
              }
              Axes& a = axes(c);
              const std::string label = c.keywordString("label", "");
              const output::Style style = styleArgs(c, "").resolve(a, referenceStyle(), false);
              a.series.push_back(Series{label, style, circle});
              return none();
          });
}

}  // namespace

void registerPlot(Registry& r) {
    registerFigures(r);
    registerCurves(r);
    registerReferences(r);
    registerPlotGrids(r);
}

}  // namespace lemma::builtins
