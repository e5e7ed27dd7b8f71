// Argument handling shared by the plot builtins.
#include "engine/builtins/PlotArguments.h"

#include <cmath>

#include "engine/builtins/Support.h"

namespace lemma::builtins::plotargs {

namespace {

// xlim=/ylim=: two increasing finite numbers, positive on a log axis.
std::optional<output::Range> limitsKeyword(Call& c, const char* name, bool log) {
    const std::optional<Value> v = c.keyword(name);
    if (!v)
        return std::nullopt;
    if (!v->isReal() || v->numel() != 2)
        c.fail(std::string(name) + " must be [low high], got " + support::describe(*v));
    const double lo = v->real()(0), hi = v->real()(1);
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi))
        c.fail(std::string(name) + " must be two finite numbers, low < high");
    if (log && !(lo > 0.0))
        c.fail(std::string(name) + " must be positive on a log axis");
    return output::Range{lo, hi};
}

std::vector<double> entries(const arma::mat& m) {
    return {m.begin(), m.end()};
}

}  // namespace

output::FigureBuilder& builder(Call& c) {
    return c.context().runState<output::FigureBuilder>();
}

output::FigureBuilder::Publish publisher(Call& c) {
    Context* context = &c.context();
    return [context](std::shared_ptr<const output::Figure> f) {
        context->emit(output::Rich{std::move(f)});
    };
}

output::Axes& axes(Call& c) {
    return builder(c).axes(publisher(c));
}

void axisKeywords(Call& c, output::Axes& a) {
    a.x.label = c.keywordString("xlabel", a.x.label);
    a.y.label = c.keywordString("ylabel", a.y.label);
    a.x.log = c.keywordBool("logx", a.x.log);
    a.y.log = c.keywordBool("logy", a.y.log);
    if (auto lim = limitsKeyword(c, "xlim", a.x.log))
        a.x.limits = lim;
    if (auto lim = limitsKeyword(c, "ylim", a.y.log))
        a.y.limits = lim;
    a.equalAspect = c.keywordBool("equal", a.equalAspect);
    a.legend = c.keywordBool("legend", a.legend);
}

std::vector<double> vectorArg(const Call& c, std::size_t i, const std::string& name) {
    const arma::mat& m = c.matrix(i);
    if (m.n_rows > 1 && m.n_cols > 1)
        c.fail(name + " must be a vector, got a " + support::shape(m) + " matrix");
    return entries(m);
}

std::pair<std::vector<double>, std::vector<double>> pointsArg(const Call& c, std::size_t i,
                                                              const std::string& name) {
    const arma::mat& m = c.matrix(i);
    if (m.n_elem == 2)
        return {{m(0)}, {m(1)}};
    if (m.n_cols == 2)
        return {entries(m.col(0)), entries(m.col(1))};
    if (m.n_rows == 2)
        return {entries(m.row(0)), entries(m.row(1))};
    c.fail(name + " must be an n×2 matrix of points, got " + support::shape(m));
}

XY xyArgs(Call& c) {
    XY out;
    std::size_t n = c.count();
    if (n >= 2 && c.arg(n - 1).isString()) {
        out.style = c.string(n - 1);
        --n;
    }
    if (n == 0 || n > 2)
        c.fail("expected (y), (x, y) or (x, y, \"style\")");
    arma::mat y = c.matrix(n - 1);
    // An empty y, whatever its shape, is one empty series (not one per column of a 0×n).
    if (y.is_empty())
        y.set_size(0, 1);
    const bool yVector = y.n_rows == 1 || y.n_cols == 1;
    if (n == 2) {
        out.x = vectorArg(c, 0, "x");
        const std::size_t len = out.x.size();
        if (yVector) {
            if (y.n_elem != len)
                c.fail("x and y must have the same length, got " + std::to_string(len) + " and " +
                       std::to_string(y.n_elem));
            out.ys.push_back(entries(y));
            return out;
        }
        if (y.n_rows != len) {
            if (y.n_cols != len)
                c.fail("y must have as many rows (or columns) as x has entries, got " +
                       support::shape(y) + " for " + std::to_string(len));
            y = y.t();
        }
    } else {
        if (yVector)
            y = arma::vectorise(y);
        out.x.resize(y.n_rows);
        for (std::size_t k = 0; k < out.x.size(); ++k)
            out.x[k] = static_cast<double>(k + 1);
    }
    for (arma::uword j = 0; j < y.n_cols; ++j)
        out.ys.push_back(entries(y.col(j)));
    return out;
}

std::vector<std::string> stringsOf(const Call& c, const Value& v, const std::string& name) {
    std::vector<std::string> out;
    if (v.isString())
        return {v.string()};
    if (v.isReal()) {
        for (const double x : v.real())
            out.push_back(support::shortest(x));
        return out;
    }
    if (!v.isList())
        c.fail(name + " must be a list of strings, got " + support::describe(v));
    for (const Value& item : v.items()) {
        if (item.isString()) {
            out.push_back(item.string());
        } else if (item.isScalar() && item.isReal()) {
            out.push_back(support::shortest(item.real()(0)));
        } else {
            c.fail(name + " must be a list of strings, got an item that is " +
                   support::describe(item));
        }
    }
    return out;
}

std::vector<std::string> labelsArg(Call& c, std::size_t count) {
    const std::optional<Value> v = c.keyword("label");
    std::vector<std::string> out(count);
    if (!v)
        return out;
    if (v->isString()) {
        for (std::size_t k = 0; k < count; ++k)
            out[k] = count == 1 ? v->string() : v->string() + " " + std::to_string(k + 1);
        return out;
    }
    out = stringsOf(c, *v, "label");
    if (out.size() != count)
        c.fail("label has " + std::to_string(out.size()) + " entries for " + std::to_string(count) +
               " series");
    return out;
}

StyleArgs styleArgs(Call& c, const std::string& formatString) {
    StyleArgs out;
    const std::string spec = c.keywordString("style", formatString);
    if (!spec.empty()) {
        std::string error;
        const auto parsed = output::parseStyle(spec, error);
        if (!parsed)
            c.fail(error);
        out.spec = *parsed;
    }
    if (const auto v = c.keyword("color")) {
        if (v->isString()) {
            out.color = output::parseColor(v->string());
            if (!out.color)
                c.fail("unknown colour \"" + v->string() +
                       "\"; use a name (blue, orange, red …), \"C0\"…\"C9\" or \"#rrggbb\"");
        } else if (v->isReal() && v->numel() == 3 && v->real().min() >= 0.0 &&
                   v->real().max() <= 1.0) {
            const arma::mat& m = v->real();
            auto byte = [](double x) { return static_cast<std::uint8_t>(std::lround(x * 255.0)); };
            out.color = output::Color{byte(m(0)), byte(m(1)), byte(m(2))};
        } else {
            c.fail("color must be a name, \"#rrggbb\" or [r g b] in 0…1, got " +
                   support::describe(*v));
        }
    }
    if (c.hasKeyword("width")) {
        const double w = c.keywordScalar("width", 1.5);
        if (!(w > 0.0) || w > 50.0)
            c.fail("width must be between 0 and 50 points");
        out.width = w;
    }
    return out;
}

output::Style StyleArgs::resolve(output::Axes& a, output::Style defaults, bool usePalette) const {
    output::Style s = defaults;
    if (spec.line)
        s.line = *spec.line;
    if (spec.marker) {
        s.marker = *spec.marker;
        // As in MATLAB, a marker without a line style draws markers only.
        if (!spec.line)
            s.line = output::LineStyle::None;
    }
    if (width)
        s.width = *width;
    if (color) {
        s.color = *color;
    } else if (spec.color) {
        s.color = *spec.color;
    } else if (usePalette) {
        s.color = a.nextColor();
    }
    return s;
}

}  // namespace lemma::builtins::plotargs
