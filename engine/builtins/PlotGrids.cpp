// The plot builtins over grids and spectra: heatmap, contour and eigplot.
//
// contour(f, …) samples a function value on a grid. It first tries one vectorised call,
// f(X, Y) on the whole meshgrid (or f of a 2×N matrix of points for a one-argument f), and
// accepts the result only if it has the grid's shape and agrees with per-point calls at a few
// probe points: `@(x, y) x^2 + y^2` on a square grid returns a matrix of the right shape but
// computes a matrix power, and must not be taken for the element-wise function. Otherwise it
// calls f once per point.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/builtins/PlotArguments.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Ast.h"
#include "engine/lang/Builtin.h"
#include "engine/math/Contour.h"

namespace lemma::builtins {

namespace {

using namespace plotargs;
using output::Axes;
using output::Series;

constexpr double kMaxCells = 4.0e6;

output::ColorMap colorMapArg(Call& c, double lo, double hi) {
    const std::string name = c.keywordString("colormap", "auto");
    if (name == "viridis")
        return output::ColorMap::Viridis;
    if (name == "diverging")
        return output::ColorMap::Diverging;
    if (name != "auto")
        c.fail("colormap must be \"auto\", \"viridis\" or \"diverging\", got \"" + name + "\"");
    return lo < 0.0 && hi > 0.0 ? output::ColorMap::Diverging : output::ColorMap::Viridis;
}

// ---- heatmap ---------------------------------------------------------------------------------

std::vector<std::string> labelsFor(Call& c, const char* keyword, std::size_t count,
                                   const char* what) {
    const std::optional<Value> v = c.keyword(keyword);
    if (!v)
        return {};
    std::vector<std::string> out = stringsOf(c, *v, keyword);
    if (out.size() != count)
        c.fail(std::string(keyword) + " has " + std::to_string(out.size()) + " entries for " +
               std::to_string(count) + " " + what);
    return out;
}

std::vector<Value> heatmap(Call& c) {
    c.requireCount(1, 1);
    const arma::mat& m = c.matrix(0);
    if (m.is_empty())
        c.fail("the matrix is empty");
    if (static_cast<double>(m.n_elem) > kMaxCells)
        c.fail("a " + support::shape(m) + " matrix has too many cells to draw");
    output::Heatmap h;
    h.rows = m.n_rows;
    h.cols = m.n_cols;
    h.values.reserve(m.n_elem);
    for (arma::uword i = 0; i < m.n_rows; ++i) {
        for (arma::uword j = 0; j < m.n_cols; ++j)
            h.values.push_back(m(i, j));
    }
    if (c.hasKeyword("labels")) {
        if (m.n_rows != m.n_cols)
            c.fail(
                "labels= names the rows and columns of a square matrix; use xlabels= and "
                "ylabels= for a " +
                support::shape(m) + " matrix");
        h.rowLabels = labelsFor(c, "labels", m.n_rows, "rows and columns");
        h.colLabels = h.rowLabels;
    }
    if (c.hasKeyword("ylabels"))
        h.rowLabels = labelsFor(c, "ylabels", m.n_rows, "rows");
    if (c.hasKeyword("xlabels"))
        h.colLabels = labelsFor(c, "xlabels", m.n_cols, "columns");
    h.showValues = c.keywordBool("values", false);

    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const double v : h.values) {
        if (!std::isfinite(v))
            continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (lo > hi)
        lo = hi = 0.0;
    h.colorMap = colorMapArg(c, lo, hi);
    if (h.colorMap == output::ColorMap::Diverging) {
        const double r = std::max(std::abs(lo), std::abs(hi));
        lo = -r;
        hi = r;
    }
    if (const std::optional<Value> range = c.keyword("range")) {
        if (!range->isReal() || range->numel() != 2 || !(range->real()(0) < range->real()(1)))
            c.fail("range must be [low high] with low < high");
        lo = range->real()(0);
        hi = range->real()(1);
    }
    if (!(hi > lo)) {  // a constant matrix still gets a usable colour scale
        lo -= 0.5;
        hi += 0.5;
    }
    h.lo = lo;
    h.hi = hi;
    Axes& a = axes(c);
    const std::string label = c.keywordString("label", "");
    a.series.push_back(Series{label, output::Style{}, std::move(h)});
    return {};
}

// ---- contour ---------------------------------------------------------------------------------

int arityOf(const Value& f) {
    const lang::FunctionData& d = f.function();
    switch (d.kind) {
        case lang::FunctionData::Kind::User:
            return static_cast<int>(d.function->params.size());
        case lang::FunctionData::Kind::Anonymous:
            return static_cast<int>(d.anonymous->params.size());
        case lang::FunctionData::Kind::Builtin:
            return 2;
    }
    return 2;
}

class GridSampler {
public:
    GridSampler(Call& c, const Value& f) : m_call(c), m_f(f), m_arity(arityOf(f)) {
        if (m_arity != 1 && m_arity != 2)
            c.fail("the function must take (x, y) or one point [x; y], but it takes " +
                   std::to_string(m_arity) + " arguments");
    }

    arma::mat sample(const arma::vec& x, const arma::vec& y) {
        if (std::optional<arma::mat> z = vectorised(x, y))
            return *z;
        arma::mat z(y.n_elem, x.n_elem);
        for (arma::uword i = 0; i < y.n_elem; ++i) {
            m_call.context().checkCancelled();
            m_call.context().progress(static_cast<double>(i) / static_cast<double>(y.n_elem));
            for (arma::uword j = 0; j < x.n_elem; ++j)
                z(i, j) = at(x(j), y(i));
        }
        return z;
    }

private:
    double at(double px, double py) {
        arma::mat point(2, 1);
        point(0) = px;
        point(1) = py;
        const std::vector<Value> args =
            m_arity == 1 ? std::vector<Value>{Value(point)} : std::vector<Value>{px, py};
        const std::vector<Value> r = m_call.context().call(m_f, args, 1);
        if (r.empty() || !r.front().isReal() || r.front().numel() != 1)
            m_call.fail("the function must return a real number at each point, got " +
                        (r.empty() ? std::string("nothing") : support::describe(r.front())));
        return r.front().real()(0);
    }

    std::optional<arma::mat> vectorised(const arma::vec& x, const arma::vec& y) {
        const arma::uword ny = y.n_elem, nx = x.n_elem;
        const arma::mat X = arma::repmat(x.t(), ny, 1);
        const arma::mat Y = arma::repmat(y, 1, nx);
        arma::mat z;
        try {
            std::vector<Value> r;
            if (m_arity == 2) {
                r = m_call.context().call(m_f, {Value(X), Value(Y)}, 1);
            } else {
                arma::mat points(2, X.n_elem);
                points.row(0) = arma::vectorise(X).t();
                points.row(1) = arma::vectorise(Y).t();
                r = m_call.context().call(m_f, {Value(points)}, 1);
            }
            if (r.empty() || !r.front().isReal() || r.front().numel() != X.n_elem)
                return std::nullopt;
            z = arma::reshape(r.front().real(), ny, nx);
            if (m_arity == 2 && (r.front().rows() != ny || r.front().cols() != nx))
                return std::nullopt;
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception&) {
            return std::nullopt;  // not vectorisable: fall back to one call per point
        }
        const arma::uword probes[3][2] = {{0, 0}, {ny - 1, nx - 1}, {ny / 2, nx / 3}};
        for (const auto& p : probes) {
            const double expected = at(x(p[1]), y(p[0]));
            const double got = z(p[0], p[1]);
            const bool same = (std::isnan(expected) && std::isnan(got)) || expected == got ||
                              std::abs(expected - got) <= 1e-9 * (1.0 + std::abs(expected));
            if (!same)
                return std::nullopt;
        }
        return z;
    }

    Call& m_call;
    const Value& m_f;
    int m_arity;
};

arma::vec limitsArg(Call& c, std::size_t i, const char* name, double lo, double hi, arma::uword n) {
    if (c.has(i)) {
        const arma::mat& m = c.matrix(i);
        if (m.n_elem != 2 || !m.is_finite() || !(m(0) < m(1)))
            c.fail(std::string(name) + " must be [low high] with low < high");
        lo = m(0);
        hi = m(1);
    }
    return arma::linspace(lo, hi, n);
}

std::vector<double> levelsArg(Call& c, const arma::mat& z) {
    const std::optional<Value> v = c.keyword("levels");
    if (!v)
        return math::contourLevels(z, 10);
    if (!v->isReal() || v->isEmpty())
        c.fail("levels must be a count or a vector of levels");
    const arma::mat& m = v->real();
    if (m.n_elem == 1) {
        const double n = m(0);
        if (n != std::floor(n) || n < 1 || n > 200)
            c.fail("levels=" + support::shortest(n) +
                   " must be a count from 1 to 200; give one level as levels=[v v]");
        return math::contourLevels(z, static_cast<int>(n));
    }
    std::vector<double> levels(m.begin(), m.end());
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    return levels;
}

std::vector<Value> contour(Call& c) {
    c.requireCount(1, 3);
    arma::mat z;
    arma::vec x, y;
    if (c.arg(0).isFunction()) {
        if (!c.has(2))
            c.fail("expected contour(f, xlim, ylim)");
        const long long n = c.keywordInteger("n", 100);
        if (n < 3 || n > 1000)
            c.fail("n must be from 3 to 1000, got " + std::to_string(n));
        const auto points = static_cast<arma::uword>(n);
        x = limitsArg(c, 1, "xlim", 0, 1, points);
        y = limitsArg(c, 2, "ylim", 0, 1, points);
        z = GridSampler(c, c.arg(0)).sample(x, y);
    } else {
        z = c.matrix(0);
        if (z.n_rows < 2 || z.n_cols < 2)
            c.fail("the grid must be at least 2×2, got " + support::shape(z));
        x = limitsArg(c, 1, "xlim", 1, static_cast<double>(z.n_cols), z.n_cols);
        y = limitsArg(c, 2, "ylim", 1, static_cast<double>(z.n_rows), z.n_rows);
    }
    output::Contour series;
    series.levels = levelsArg(c, z);
    for (math::IsoLine& line : math::contourLines(x, y, z, series.levels)) {
        series.paths.push_back(
            output::ContourPath{line.level, std::move(line.x), std::move(line.y), line.closed});
    }
    const double lo = series.levels.empty() ? 0.0 : series.levels.front();
    const double hi = series.levels.empty() ? 0.0 : series.levels.back();
    series.colorMap = colorMapArg(c, lo, hi);
    Axes& a = axes(c);
    const std::string label = c.keywordString("label", "");
    output::Style defaults;
    defaults.width = 1.2;
    const StyleArgs style = styleArgs(c, "");
    series.byLevel = !style.color && !style.spec.color;
    a.series.push_back(
        Series{label, style.resolve(a, defaults, !series.byLevel), std::move(series)});
    return {};
}

// ---- eigplot ---------------------------------------------------------------------------------

// λ₁ for the legend: a part below rounding level of |z| is left out, so a rotation's λ₁ reads
// "-i", not "2.776e-17 - 1i".
std::string complexText(std::complex<double> z) {
    const double tiny = 1e-12 * std::max(1.0, std::abs(z));
    const bool hasReal = std::abs(z.real()) > tiny;
    const bool hasImag = std::abs(z.imag()) > tiny;
    char buf[64];
    if (!hasImag) {
        std::snprintf(buf, sizeof buf, "%.4g", hasReal ? z.real() : 0.0);
        return buf;
    }
    char imag[32];
    std::snprintf(imag, sizeof imag, "%.4g", std::abs(z.imag()));
    if (std::string_view(imag) == "1")
        imag[0] = '\0';  // "i", not "1i"
    if (hasReal) {
        std::snprintf(buf, sizeof buf, "%.4g %c %si", z.real(), z.imag() < 0 ? '-' : '+', imag);
    } else {
        std::snprintf(buf, sizeof buf, "%s%si", z.imag() < 0 ? "-" : "", imag);
    }
    return buf;
}

std::vector<Value> eigplot(Call& c) {
    c.requireCount(1, 1);
    const arma::cx_mat m = c.complexMatrix(0);
    support::requireSquare(c, m);
    support::requireFinite(c, m);
    if (m.is_empty())
        c.fail("the matrix is empty");
    const arma::cx_vec values = arma::eig_gen(m);
    Axes& a = axes(c);
    a.equalAspect = true;
    if (a.x.label.empty())
        a.x.label = "Re λ";
    if (a.y.label.empty())
        a.y.label = "Im λ";

    output::Style circle;
    circle.color = output::Color{0x55, 0x55, 0x55};
    circle.line = output::LineStyle::Dashed;
    circle.width = 1.0;
    a.series.push_back(Series{"", circle, output::Circle{}});

    output::Scatter points;
    arma::uword top = 0;
    for (arma::uword k = 0; k < values.n_elem; ++k) {
        points.x.push_back(values(k).real());
        points.y.push_back(values(k).imag());
        if (std::abs(values(k)) > std::abs(values(top)))
            top = k;
    }
    output::Style dots;
    dots.line = output::LineStyle::None;
    dots.marker = output::Marker::Circle;
    dots.color = a.nextColor();
    a.series.push_back(Series{c.keywordString("label", "eigenvalues"), dots, std::move(points)});

    output::Style star;
    star.line = output::LineStyle::None;
    star.marker = output::Marker::Star;
    star.markerSize = 12.0;
    star.width = 2.0;
    star.color = output::Color{0xd6, 0x27, 0x28};
    a.series.push_back(Series{"λ₁ = " + complexText(values(top)), star,
                              output::Scatter{{values(top).real()}, {values(top).imag()}}});
    return {};
}

}  // namespace

void registerPlotGrids(Registry& r) {
    r.add("heatmap",
          "heatmap(A, labels=…, xlabels=…, ylabels=…, values=false, colormap=\"auto\", "
          "range=[lo hi], label=…)",
          "Draws a matrix as coloured cells (row 1 on top) with a colour scale; values=true "
          "prints each entry.",
          heatmap);
    r.add("contour",
          "contour(f, xlim, ylim, levels=10, n=100), contour(Z, xlim, ylim), label=…, color=…",
          "Draws iso-lines of f(x, y) (or f([x; y])) or of a grid Z whose rows follow y; "
          "levels= is a count or a vector of levels.",
          contour);
    r.add("eigplot", "eigplot(A, label=…)",
          "Draws the eigenvalues of A on the complex plane with the unit circle, λ₁ marked.",
          eigplot);
}

}  // namespace lemma::builtins
