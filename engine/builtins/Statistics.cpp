// Descriptive statistics and the normal distribution: cov, corrcoef, quantile, prctile, mode,
// histcounts, normpdf, normcdf, erfinv, cummax, cummin and vecnorm, with MATLAB's conventions
// (columns are variables, a vector is one variable, n − 1 normalisation by default).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "engine/lang/Builtin.h"
#include "engine/builtins/Callbacks.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/PlotArguments.h"
#include "engine/builtins/Support.h"
#include "engine/math/Histogram.h"
#include "engine/output/FigureBuilder.h"

namespace lemma::builtins {

using namespace support;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Observations as rows, variables as columns: a vector is one variable.
arma::mat asVariables(const arma::mat& x) {
    if (x.n_rows == 1)
        return x.t();
    return x;
}

double normalisation(Call& c, std::size_t i) {
    if (!c.has(i) || c.arg(i).isEmpty())
        return 0.0;
    const double w = c.scalar(i);
    if (w != 0.0 && w != 1.0)
        c.fail("normalisation w must be 0 (by n - 1) or 1 (by n), got " + shortest(w));
    return w;
}

arma::mat covariance(const arma::mat& x, double w) {
    const double n = double(x.n_rows);
    if (x.n_rows == 0)
        return arma::mat(x.n_cols, x.n_cols, arma::fill::value(kNaN));
    const arma::mat centred = x.each_row() - arma::mean(x, 0);
    const double denom = (w == 1.0 || n == 1) ? n : n - 1.0;
    arma::mat out = centred.t() * centred / denom;
    return out;
}

// cov(x), cov(X), cov(x, y), cov(…, w): MATLAB's meaning; cov(x, y) is the 2×2 matrix of the
// two variables x(:) and y(:).
arma::mat covArgs(Call& c, double& w) {
    c.requireCount(1, 3);
    const arma::mat x = c.matrix(0);
    if (c.count() >= 2 && !c.arg(1).isScalar()) {
        const arma::mat y = c.matrix(1);
        if (x.n_elem != y.n_elem)
            c.fail("x and y must have the same number of elements, got " + shape(x) + " and " +
                   shape(y));
        w = normalisation(c, 2);
        return arma::join_rows(arma::vectorise(x), arma::vectorise(y));
    }
    if (c.count() == 3)
        c.fail("cov(x, w, …): too many arguments");
    w = normalisation(c, 1);
    return asVariables(x);
}

// MATLAB's quantile: sorted data at positions (k − 0.5)/n, linear in between, the extremes
// outside [0.5/n, 1 − 0.5/n]. NaNs are dropped.
double quantileOf(arma::vec v, double p) {
    const arma::uvec keep = arma::find(v == v);
    v = arma::sort(arma::vec(v(keep)));
    const double n = double(v.n_elem);
    if (n == 0)
        return kNaN;
    const double pos = p * n + 0.5;  // 1-based fractional position
    if (pos <= 1.0)
        return v(0);
    if (pos >= n)
        return v(v.n_elem - 1);
    const double lo = std::floor(pos);
    const double frac = pos - lo;
    const arma::uword k = arma::uword(lo) - 1;
    return v(k) + frac * (v(k + 1) - v(k));
}

std::vector<Value> quantiles(Call& c, double scale) {
    c.requireCount(2, 3);
    const arma::mat x = c.matrix(0);
    const arma::mat p = c.matrix(1) / scale;
    for (double q : p) {
        if (!(q >= 0.0 && q <= 1.0))
            c.fail(scale == 1.0 ? "probabilities must lie in [0, 1], got " + shortest(q)
                                : "percentages must lie in [0, 100], got " + shortest(q * 100));
    }
    const int dim = dimArg(c, 2, defaultDim(x.n_rows, x.n_cols));
    const arma::uword np = p.n_elem;
    if (dim == 1) {
        arma::mat out(np, x.n_cols);
        for (arma::uword j = 0; j < x.n_cols; ++j)
            for (arma::uword k = 0; k < np; ++k)
                out(k, j) = quantileOf(x.col(j), p(k));
        return {Value(out)};
    }
    arma::mat out(x.n_rows, np);
    for (arma::uword i = 0; i < x.n_rows; ++i)
        for (arma::uword k = 0; k < np; ++k)
            out(i, k) = quantileOf(x.row(i).t(), p(k));
    return {Value(out)};
}

// erfinv by a rational first guess refined with Newton steps on erf.
double erfinv(double y) {
    if (std::isnan(y) || y < -1.0 || y > 1.0)
        return kNaN;
    if (y == 1.0)
        return kInf;
    if (y == -1.0)
        return -kInf;
    if (y == 0.0)
        return y;
    if (y < 0.0)
        return -erfinv(-y);
    // Giles (2010) single-precision approximation as the start.
    double w = -std::log((1.0 - y) * (1.0 + y));
    double x;
    if (w < 5.0) {
        w -= 2.5;
        double p = 2.81022636e-08;
        p = 3.43273939e-07 + p * w;
        p = -3.5233877e-06 + p * w;
        p = -4.39150654e-06 + p * w;
        p = 0.00021858087 + p * w;
        p = -0.00125372503 + p * w;
        p = -0.00417768164 + p * w;
        p = 0.246640727 + p * w;
        p = 1.50140941 + p * w;
        x = p * y;
    } else {
        w = std::sqrt(w) - 3.0;
        double p = -0.000200214257;
        p = 0.000100950558 + p * w;
        p = 0.00134934322 + p * w;
        p = -0.00367342844 + p * w;
        p = 0.00573950773 + p * w;
        p = -0.0076224613 + p * w;
        p = 0.00943887047 + p * w;
        p = 1.00167406 + p * w;
        p = 2.83297682 + p * w;
        x = p * y;
    }
    // Newton (Halley-corrected) steps: f = erf(x) − y, f' = 2/√π e^{−x²}, f'' = −2x f'.
    for (int k = 0; k < 3; ++k) {
        // Near 1, erf(x) − y is computed as (1 − y) − erfc(x): 1 − y is exact there.
        const double err = y > 0.5 ? (1.0 - y) - std::erfc(x) : std::erf(x) - y;
        const double deriv = 2.0 / std::sqrt(M_PI) * std::exp(-x * x);
        const double step = err / deriv;
        x -= step / (1.0 + x * step);
    }
    return x;
}

template <class Better>
arma::vec cumulativeExtreme(const arma::vec& v, bool reverse, Better better) {
    arma::vec out(v.n_elem);
    double best = kNaN;
    for (arma::uword n = 0; n < v.n_elem; ++n) {
        const arma::uword k = reverse ? v.n_elem - 1 - n : n;
        if (!std::isnan(v(k)) && (std::isnan(best) || better(v(k), best)))
            best = v(k);
        out(k) = best;
    }
    return out;
}

void addCumulativeExtreme(Registry& r, const std::string& name, bool largest) {
    r.add(name,
          name + "(A), " + name + "(A, dim), " + name + "(…, \"reverse\"), " + name +
              "(…, \"includenan\")",
          std::string("The running ") + (largest ? "maximum" : "minimum") +
              " along the first non-singleton dimension or dim; NaN entries are skipped "
              "(\"omitnan\", the default) or propagate from where they occur "
              "(\"includenan\"); \"reverse\" runs from the end.",
          [name, largest](Call& c) {
              c.requireCount(1, 4);
              const arma::mat a = c.matrix(0);
              bool reverse = false, includeNaN = false;
              std::size_t positional = 1;
              for (std::size_t i = 1; i < c.count(); ++i) {
                  if (!c.arg(i).isString()) {
                      positional = i + 1;
                      continue;
                  }
                  const std::string flag = callbacks::lower(c.string(i));
                  if (flag == "reverse")
                      reverse = true;
                  else if (flag == "forward")
                      reverse = false;
                  else if (flag == "includenan")
                      includeNaN = true;
                  else if (flag != "omitnan")
                      c.fail("unknown option \"" + flag +
                             "\" (use \"forward\", \"reverse\", \"omitnan\" or \"includenan\")");
              }
              const int dim =
                  positional > 1 ? dimArg(c, 1, 1) : dimArg(c, 99, defaultDim(a.n_rows, a.n_cols));
              auto better = [largest](double x, double y) { return largest ? x > y : x < y; };
              return std::vector<Value>{Value(mapSlices(a, dim, [&](const arma::vec& v) {
                  arma::vec out = cumulativeExtreme(v, reverse, better);
                  if (includeNaN) {
                      bool seen = false;
                      for (arma::uword n = 0; n < v.n_elem; ++n) {
                          const arma::uword k = reverse ? v.n_elem - 1 - n : n;
                          seen = seen || std::isnan(v(k));
                          if (seen)
                              out(k) = kNaN;
                      }
                  }
                  return out;
              }))};
          });
}

}  // namespace

// The bin edges of histcounts and histogram from argument 1: explicit edges, a number of equal
// bins from min to max, or (no argument) Scott's rule.
static arma::rowvec binEdgesArg(Call& c, const arma::vec& data) {
    if (c.has(1) && !c.arg(1).isString()) {
        const arma::mat e = c.matrix(1);
        if (e.n_elem > 1) {
            const arma::rowvec edges = arma::vectorise(e).t();
            for (arma::uword k = 1; k < edges.n_elem; ++k) {
                if (!(edges(k) >= edges(k - 1)))
                    c.fail("bin edges must be non-decreasing");
            }
            return edges;
        }
        const double nbins = e.n_elem == 1 ? e(0) : 0;
        if (!(nbins >= 1) || nbins != std::floor(nbins) || nbins > 1e6)
            c.fail("the number of bins must be a positive integer, got " +
                   (e.n_elem == 1 ? shortest(e(0)) : std::string("[]")));
        return math::equalEdges(data, arma::uword(nbins));
    }
    return math::scottEdges(data);
}

static arma::rowvec normalizedCounts(Call& c, const arma::rowvec& counts, const arma::rowvec& edges,
                                     const std::string& how) {
    const auto out = math::normalizeCounts(counts, edges, how);
    if (!out)
        c.fail("unknown normalization \"" + how +
               "\" (use count, probability, pdf, countdensity, cumcount or cdf)");
    return *out;
}

void registerStatistics(Registry& r) {
    r.add("cov", "cov(x), cov(X), cov(x, y), cov(…, w)",
          "Covariance. For a vector, its variance; for a matrix, the covariance matrix of its "
          "columns (variables) over its rows (observations); cov(x, y) is the 2×2 covariance "
          "matrix of x(:) and y(:), as in MATLAB. Normalised by n − 1 (w = 0, default) or n "
          "(w = 1).",
          [](Call& c) {
              double w = 0.0;
              const arma::mat x = covArgs(c, w);
              return std::vector<Value>{Value(covariance(x, w))};
          });
    r.add("corrcoef", "corrcoef(X), corrcoef(x, y)",
          "Pearson correlation coefficients: of the columns of X, or the 2×2 matrix of x(:) and "
          "y(:). The diagonal is 1.",
          [](Call& c) {
              double w = 0.0;
              c.requireCount(1, 2);
              const arma::mat x = covArgs(c, w);
              const arma::mat s = covariance(x, 0.0);
              const arma::vec d = arma::sqrt(s.diag());
              arma::mat out = s / (d * d.t());
              for (arma::uword k = 0; k < out.n_rows; ++k) {
                  if (std::isfinite(out(k, k)))
                      out(k, k) = 1.0;
              }
              out = arma::clamp(out, -1.0, 1.0);
              return std::vector<Value>{Value(out)};
          });
    r.add("quantile", "quantile(x, p), quantile(X, p, dim)",
          "Quantiles at the probabilities p by MATLAB's rule: the sorted data sit at cumulative "
          "probabilities (k − 0.5)/n, with linear interpolation between and the minimum and "
          "maximum beyond. Along the first non-singleton dimension or dim; NaNs are ignored.",
          [](Call& c) { return quantiles(c, 1.0); });
    r.add("prctile", "prctile(x, p), prctile(X, p, dim)", "Percentiles: quantile(x, p / 100).",
          [](Call& c) { return quantiles(c, 100.0); });
    r.add("mode", "mode(x), mode(X, dim), [m, f] = mode(…)",
          "The most frequent value along the first non-singleton dimension or dim (the smallest "
          "of equally frequent ones; NaNs are ignored), and how often it occurs.",
          [](Call& c) {
              c.requireCount(1, 2);
              const arma::mat x = c.matrix(0);
              const int dim = dimArg(c, 1, defaultDim(x.n_rows, x.n_cols));
              arma::mat input = x;
              if (x.n_rows == 0 && x.n_cols == 0)
                  input = arma::mat(0, 1);
              arma::mat freq;
              const arma::mat m = reduceSlices(input, dim, [](const arma::vec& v) {
                  std::map<double, int> counts;
                  for (double e : v)
                      if (!std::isnan(e))
                          ++counts[e];
                  double best = kNaN;
                  int most = 0;
                  for (const auto& [value, n] : counts) {
                      if (n > most) {
                          most = n;
                          best = value;
                      }
                  }
                  return best;
              });
              freq = reduceSlices(input, dim, [](const arma::vec& v) {
                  std::map<double, int> counts;
                  int most = 0;
                  for (double e : v)
                      if (!std::isnan(e))
                          most = std::max(most, ++counts[e]);
                  return double(most);
              });
              return std::vector<Value>{Value(m), Value(freq)};
          });
    r.add("histcounts",
          "histcounts(x), histcounts(x, nbins), histcounts(x, edges), histcounts(…, "
          "\"Normalization\", n), [counts, edges, bin] = histcounts(…)",
          "Counts of x in bins [e(k), e(k+1)), the last bin closed. With nbins, the edges are "
          "nbins equal bins from min(x) to max(x) (MATLAB rounds them to 'nice' values; Lemma "
          "does not); with no bins, the bin width follows Scott's rule. Normalization: count "
          "(default), probability, pdf, countdensity, cumcount, cdf. NaNs are not counted.",
          [](Call& c) {
              c.requireCount(1, 4);
              const arma::vec data = arma::vectorise(c.matrix(0));
              const std::size_t first = (c.has(1) && !c.arg(1).isString()) ? 2 : 1;
              const callbacks::Options options(c, first, {"Normalization"});
              const arma::rowvec edges = binEdgesArg(c, data);
              arma::rowvec bins;
              const arma::rowvec counts = math::histogramCounts(data, edges, &bins);
              const arma::rowvec out = normalizedCounts(
                  c, counts, edges, callbacks::lower(options.string("Normalization", "count")));
              arma::mat binShape = bins;
              const arma::mat x = c.matrix(0);
              binShape.reshape(x.n_rows, x.n_cols);
              return std::vector<Value>{Value(arma::mat(out)), Value(arma::mat(edges)),
                                        Value(binShape)};
          });
    r.add("histogram",
          "histogram(x), histogram(x, nbins), histogram(x, edges), histogram(…, "
          "\"Normalization\", n), label=…, color=…",
          "Draws a histogram of x into the current figure: bars of the counts in bins [e(k), "
          "e(k+1)) (the last bin closed), or of their probability, pdf, countdensity, cumcount "
          "or cdf with \"Normalization\". Bins as in histcounts; the figure's JSON keeps the bin "
          "edges. With outputs, [values, edges] = histogram(…) also returns what it drew.",
          [](Call& c) {
              c.requireCount(1, 4);
              const arma::vec data = arma::vectorise(c.matrix(0));
              const std::size_t first = (c.has(1) && !c.arg(1).isString()) ? 2 : 1;
              const callbacks::Options options(c, first, {"Normalization"});
              const arma::rowvec edges = binEdgesArg(c, data);
              const arma::rowvec counts = math::histogramCounts(data, edges);
              const arma::rowvec values = normalizedCounts(
                  c, counts, edges, callbacks::lower(options.string("Normalization", "count")));
              output::Axes& a = plotargs::axes(c);
              const std::vector<std::string> labels = plotargs::labelsArg(c, 1);
              plotargs::StyleArgs style = plotargs::styleArgs(c, "");
              style.width.reset();
              output::Bar bar;
              double width = std::numeric_limits<double>::infinity();
              for (arma::uword k = 0; k + 1 < edges.n_elem; ++k) {
                  bar.x.push_back(0.5 * (edges(k) + edges(k + 1)));
                  bar.y.push_back(values(k));
                  width = std::min(width, edges(k + 1) - edges(k));
              }
              bar.width = std::isfinite(width) && width > 0 ? width : 1.0;
              bar.edges.assign(edges.begin(), edges.end());
              a.series.push_back(output::Series{labels.front(), style.resolve(a, output::Style{}),
                                                std::move(bar)});
              if (c.nargout() == 0)
                  return std::vector<Value>{};
              return std::vector<Value>{Value(arma::mat(values)), Value(arma::mat(edges))};
          });
    auto distribution = [&r](const std::string& name, const std::string& help, auto f) {
        r.add(name, name + "(x), " + name + "(x, mu), " + name + "(x, mu, sigma)", help,
              [f](Call& c) {
                  c.requireCount(1, 3);
                  const arma::mat x = c.matrix(0);
                  const arma::mat mu = c.has(1) ? c.matrix(1) : arma::mat{0.0};
                  const arma::mat sigma = c.has(2) ? c.matrix(2) : arma::mat{1.0};
                  const arma::mat z = broadcast(c, x, mu, [](double a, double b) { return a - b; });
                  return std::vector<Value>{Value(broadcast(
                      c, z, sigma, [f](double d, double s) { return s > 0 ? f(d, s) : kNaN; }))};
              });
    };
    distribution("normpdf",
                 "The normal probability density exp(−(x − mu)²/(2 sigma²)) / (sigma √(2π)), "
                 "element-wise with scalar expansion (defaults mu = 0, sigma = 1; sigma ≤ 0 "
                 "gives NaN).",
                 [](double d, double s) {
                     const double z = d / s;
                     return std::exp(-0.5 * z * z) / (s * std::sqrt(2.0 * M_PI));
                 });
    distribution("normcdf",
                 "The normal cumulative distribution ½ erfc(−(x − mu)/(sigma √2)), element-wise "
                 "with scalar expansion (defaults mu = 0, sigma = 1), accurate far into the "
                 "lower tail.",
                 [](double d, double s) { return 0.5 * std::erfc(-d / (s * std::sqrt(2.0))); });
    r.add("erfinv", "erfinv(y)",
          "The inverse error function: erf(erfinv(y)) = y for −1 ≤ y ≤ 1 (±Inf at ±1, NaN "
          "outside).",
          [](Call& c) {
              c.requireCount(1, 1);
              arma::mat y = c.matrix(0);
              y.transform([](double v) { return erfinv(v); });
              return std::vector<Value>{Value(y)};
          });
    addCumulativeExtreme(r, "cummax", true);
    addCumulativeExtreme(r, "cummin", false);
    r.add("vecnorm", "vecnorm(A), vecnorm(A, p), vecnorm(A, p, dim)",
          "The p-norm (default 2; Inf for the largest magnitude) of a vector, of each column of "
          "a matrix, or along dim.",
          [](Call& c) {
              c.requireCount(1, 3);
              const Value& a = numeric(c, 0);
              const double p = c.has(1) && !c.arg(1).isEmpty() ? c.scalar(1) : 2.0;
              if (!(p > 0))
                  c.fail("p must be positive or Inf, got " + shortest(p));
              const int dim = dimArg(c, 2, defaultDim(a.rows(), a.cols()));
              const arma::mat m = arma::abs(a.toComplex());
              return std::vector<Value>{Value(reduceSlices(m, dim, [p](const arma::vec& v) {
                  if (v.is_empty())
                      return 0.0;
                  if (std::isinf(p))
                      return v.max();
                  if (p == 2.0)
                      return arma::norm(v, 2);
                  return std::pow(arma::accu(arma::pow(v, p)), 1.0 / p);
              }))};
          });
}

}  // namespace lemma::builtins
