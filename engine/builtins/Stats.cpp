// Statistics for comparing runs (MATH.md §7) as builtins: bootstrap_ci, ttest, ttest2.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "engine/builtins/Families.h"
#include "engine/lang/Builtin.h"
#include "engine/math/Bootstrap.h"
#include "engine/math/TTest.h"

namespace lemma::builtins {

namespace {

using lang::StructData;

Value structOf(std::vector<std::pair<const char*, Value>> fields) {
    StructData s;
    for (auto& [name, value] : fields)
        s.set(name, std::move(value));
    return Value(std::move(s));
}

arma::vec sample(Call& c, std::size_t i) {
    const arma::mat m = c.matrix(i);
    if (m.n_rows != 1 && m.n_cols != 1 && !m.is_empty())
        c.fail("argument " + std::to_string(i + 1) + " must be a vector, got " +
               lang::shapeString(m.n_rows, m.n_cols));
    return arma::vectorise(m);
}

// The confidence level from level= or MATLAB's alpha= (level = 1 − alpha).
double levelKeyword(Call& c) {
    if (c.hasKeyword("alpha"))
        return 1.0 - c.keywordScalar("alpha", 0.05);
    return c.keywordScalar("level", 0.95);
}

Value testValue(const math::TTestResult& r, double level) {
    return structOf({{"t", Value(r.t)},
                     {"df", Value(r.df)},
                     {"p", Value(r.p)},
                     {"ci", Value(arma::mat{{r.lo, r.hi}})},
                     {"h", Value::boolean(r.p < 1.0 - level)},
                     {"estimate", Value(r.estimate)},
                     {"se", Value(r.se)}});
}

std::vector<Value> bootstrapBuiltin(Call& c) {
    c.requireCount(1, 1);
    const arma::vec x = sample(c, 0);
    const double level = levelKeyword(c);
    math::Statistic statistic;
    const std::optional<Value> stat = c.keyword("stat");
    if (!stat || stat->isString()) {
        // Up to 10^7 resamples: each one polls cancellation (a function stat polls in its call).
        Context& context = c.context();
        statistic = [&context, named = math::namedStatistic(stat ? stat->string() : "mean",
                                                            c.name())](const arma::vec& v) {
            context.checkCancelled();
            return named(v);
        };
    } else if (stat->isFunction()) {
        Context& context = c.context();
        const Value fn = *stat;
        const std::string name = c.name();
        statistic = [&context, fn, name](const arma::vec& v) {
            const std::vector<Value> out = context.call(fn, {Value(arma::mat(v))}, 1);
            if (out.empty() || !out[0].isReal() || !out[0].isScalar())
                throw Error(name + ": stat must return a real scalar");
            return out[0].real()(0, 0);
        };
    } else {
        c.fail("stat must be \"mean\", \"median\", \"std\", \"var\" or a function");
    }
    std::optional<arma::uword> draws = 2000;
    if (const std::optional<Value> n = c.keyword("n")) {
        if (n->isString()) {
            if (n->string() != "exact")
                c.fail("n must be a number of resamples or \"exact\"");
            draws.reset();
        } else {
            const double d = n->isReal() && n->isScalar() ? n->real()(0, 0) : -1.0;
            if (!(d >= 2) || d != std::floor(d) || d > 1e7)
                c.fail("n must be a whole number of resamples from 2 to 10,000,000 or \"exact\"");
            draws = static_cast<arma::uword>(d);
        }
    }
    const long long seed = c.keywordInteger("seed", 1);
    if (seed < 0)
        c.fail("seed must not be negative");
    const math::BootstrapResult b =
        math::bootstrapCi(x, statistic, level, draws, static_cast<std::uint64_t>(seed));
    return {structOf({{"lo", Value(b.lo)},
                      {"hi", Value(b.hi)},
                      {"ci", Value(arma::mat{{b.lo, b.hi}})},
                      {"se", Value(b.se)},
                      {"estimate", Value(b.estimate)},
                      {"resamples", Value(b.resamples)}})};
}

}  // namespace

void registerStats(Registry& r) {
    r.add("bootstrap_ci", "bootstrap_ci(x, stat=\"mean\", level=0.95, n=2000, seed=1) -> struct",
          "Bootstrap percentile interval of a statistic (mean, median, std, var or a "
          "function): fields lo, hi, ci = [lo hi], se; n=\"exact\" enumerates every resample "
          "(at most 11 values).",
          bootstrapBuiltin);
    r.add("ttest", "ttest(x) or ttest(x, m) or ttest(x, y) -> struct",
          "One-sample t-test of mean(x) = 0 (or m), or the paired test of x - y: fields t, df, "
          "p (two-sided), ci, h, estimate, se.",
          [](Call& c) {
              c.requireCount(1, 2);
              const double level = levelKeyword(c);
              const arma::vec x = sample(c, 0);
              if (!c.has(1))
                  return std::vector<Value>{testValue(math::ttestOne(x, 0.0, level), level)};
              const arma::vec y = sample(c, 1);
              if (y.n_elem == 1)
                  return std::vector<Value>{testValue(math::ttestOne(x, y(0), level), level)};
              if (y.n_elem != x.n_elem)
                  c.fail("a paired test needs x and y of the same length, got " +
                         std::to_string(x.n_elem) + " and " + std::to_string(y.n_elem));
              return std::vector<Value>{testValue(math::ttestOne(x - y, 0.0, level), level)};
          });
    r.add("ttest2", "ttest2(x, y, vartype=\"unequal\", alpha=0.05) -> struct",
          "Two-sample t-test of mean(x) = mean(y): Welch's unequal variances by default (as R's "
          "t.test), vartype=\"equal\" pools them (MATLAB's default). Fields t, df, p, ci, h.",
          [](Call& c) {
              c.requireCount(2, 2);
              const double level = levelKeyword(c);
              const std::string vartype = c.keywordString("vartype", "unequal");
              if (vartype != "unequal" && vartype != "equal")
                  c.fail("vartype must be \"unequal\" or \"equal\", got \"" + vartype + "\"");
              return std::vector<Value>{testValue(
                  math::ttestTwo(sample(c, 0), sample(c, 1), vartype == "equal", level), level)};
          });
}

}  // namespace lemma::builtins
