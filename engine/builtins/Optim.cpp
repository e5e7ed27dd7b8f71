// The optimizer lab as builtins: problems, optimize, sweep, and the theory beside them
// (gd_optimal, heavy_ball, noise_scale, minibatch_variance, batch_tradeoff). The mathematics
// lives in engine/math; this file reads arguments and shapes results into structs.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "engine/builtins/Families.h"
#include "engine/builtins/ProblemValue.h"
#include "engine/lang/Builtin.h"
#include "engine/math/OptimTheory.h"
#include "engine/math/SeedBand.h"
#include "engine/math/Sweep.h"
#include "engine/output/Figure.h"

namespace lemma::builtins {

namespace {

using lang::StructData;
using namespace math::optim;

Value structOf(std::vector<std::pair<const char*, Value>> fields) {
    StructData s;
    for (auto& [name, value] : fields)
        s.set(name, std::move(value));
    return Value(std::move(s));
}

Value column(const arma::vec& v) {
    return Value(arma::mat(v));
}

arma::vec vectorKeyword(Call& c, const char* name) {
    const std::optional<Value> v = c.keyword(name);
    if (!v || !v->isReal() || v->isEmpty())
        c.fail(std::string(name) + " must be a non-empty real vector");
    return arma::vectorise(v->real());
}

arma::uword wholeKeyword(Call& c, const char* name, long long fallback, long long lowest,
                         long long highest) {
    const long long v = c.keywordInteger(name, fallback);
    if (v < lowest || v > highest)
        c.fail(std::string(name) + " must be between " + std::to_string(lowest) + " and " +
               std::to_string(highest) + ", got " + std::to_string(v));
    return static_cast<arma::uword>(v);
}

// seeds=k: the seeds 1 … k; seeds=[a b …] (two or more): those seeds. Default 1.
std::vector<std::uint64_t> seedsKeyword(Call& c) {
    std::vector<std::uint64_t> seeds;
    if (!c.hasKeyword("seeds"))
        return {1};
    const arma::vec s = vectorKeyword(c, "seeds");
    for (double x : s) {
        if (!(x >= 0) || x != std::floor(x) || x > 9e15)
            c.fail("seeds must be whole numbers ≥ 0");
    }
    if (s.n_elem == 1) {
        if (s(0) < 1 || s(0) > 10000)
            c.fail("seeds must be a count from 1 to 10000 or a vector of seeds");
        for (std::uint64_t k = 1; k <= static_cast<std::uint64_t>(s(0)); ++k)
            seeds.push_back(k);
    } else {
        for (double x : s)
            seeds.push_back(static_cast<std::uint64_t>(x));
    }
    return seeds;
}

// The hyperparameter keywords shared by optimize and sweep (NaN: the method's default).
OptimizerSettings settingsKeywords(Call& c) {
    OptimizerSettings s;
    const double nan = arma::datum::nan;
    s.lr = c.keywordScalar("lr", nan);
    s.momentum = c.keywordScalar("momentum", nan);
    s.beta1 = c.keywordScalar("beta1", nan);
    s.beta2 = c.keywordScalar("beta2", nan);
    s.eps = c.keywordScalar("eps", nan);
    s.weight_decay = c.keywordScalar("weight_decay", nan);
    return s;
}

struct Common {
    SweepOptions options;
    Schedule schedule = Schedule::Constant;
    std::vector<std::uint64_t> seeds;
};

Common commonKeywords(Call& c, const Problem& problem) {
    Common k;
    k.options.steps = wholeKeyword(c, "steps", 1000, 1, 10000000);
    k.options.evalEvery = wholeKeyword(c, "eval_every", 50, 1, 10000000);
    k.schedule = parseSchedule(c.keywordString("schedule", "constant"), c.name());
    k.seeds = seedsKeyword(c);
    if (c.hasKeyword("x0")) {
        const arma::vec x0 = vectorKeyword(c, "x0");
        if (x0.n_elem != problem.dim())
            c.fail("x0 must have " + std::to_string(problem.dim()) + " entries, got " +
                   std::to_string(x0.n_elem));
        k.options.x0 = x0;
    }
    Context& context = c.context();
    k.options.poll = [&context](double fraction) {
        context.checkCancelled();
        context.progress(fraction);
    };
    return k;
}

arma::uword batchOf(Call& c, double b, const Problem& problem) {
    if (!(b >= 1) || b != std::floor(b) || b > 1e9)
        c.fail("batch sizes must be whole numbers ≥ 1, got " + std::to_string(b));
    const arma::uword n = problem.examples();
    if (n > 0 && b > static_cast<double>(n))
        c.fail("batch " + std::to_string(static_cast<long long>(b)) +
               " is larger than the problem's " + std::to_string(n) + " examples");
    return static_cast<arma::uword>(b);
}

// Steps × seeds matrices of one field of a configuration's records.
template <class F>
arma::mat gatherColumns(const std::vector<RunRecord>& records, std::size_t first, std::size_t count,
                        F field) {
    arma::mat out(field(records[first]).n_elem, count);
    for (std::size_t j = 0; j < count; ++j)
        out.col(j) = field(records[first + j]);
    return out;
}

double seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<Value> optimizeBuiltin(Call& c) {
    c.requireCount(1, 1);
    const auto problem = problemArg(c, 0);
    OptimizerSettings settings = settingsKeywords(c);
    settings.method = parseMethod(c.keywordString("optimizer", "sgd"), c.name());
    settings = withDefaults(settings, c.name());
    Common common = commonKeywords(c, *problem);
    const arma::uword batch = batchOf(c, c.keywordScalar("batch", 32), *problem);
    common.options.recordPath = c.keywordBool("path", problem->dim() <= 10);
    std::vector<RunSpec> specs;
    for (std::uint64_t seed : common.seeds)
        specs.push_back({settings, common.schedule, batch, seed});
    const auto start = std::chrono::steady_clock::now();
    const std::vector<RunRecord> records = runAll(*problem, specs, common.options);
    const double time = seconds(start);
    const std::size_t k = records.size();
    const math::SeedBand loss =
        math::seedBand(gatherColumns(records, 0, k, [](const RunRecord& r) { return r.loss; }));
    const math::SeedBand full = math::seedBand(
        gatherColumns(records, 0, k, [](const RunRecord& r) { return r.full_loss; }));
    const arma::vec gradNorm = math::seedBand(gatherColumns(records, 0, k, [](const RunRecord& r) {
                                   return r.grad_norm;
                               })).mean;
    arma::uword diverged = 0;
    arma::vec finals(k);
    for (std::size_t j = 0; j < k; ++j) {
        if (records[j].diverged != 0 && (diverged == 0 || records[j].diverged < diverged))
            diverged = records[j].diverged;
        finals(j) = records[j].full_loss(records[j].full_loss.n_elem - 1);
    }
    const double perStep = problem->examples() > 0 ? static_cast<double>(batch) : 1.0;
    const arma::vec steps = arma::regspace(1.0, static_cast<double>(common.options.steps));
    std::vector<std::pair<const char*, Value>> fields = {
        {"loss", column(loss.mean)},
        {"loss_band", k > 1 ? Value(arma::mat(arma::join_rows(loss.lo, loss.hi))) : Value()},
        {"full_loss", column(full.mean)},
        {"full_loss_band", k > 1 ? Value(arma::mat(arma::join_rows(full.lo, full.hi))) : Value()},
        {"full_steps", column(arma::conv_to<arma::vec>::from(
                           evalSteps(common.options.steps, common.options.evalEvery)))},
        {"x", column(records[0].x)},
        {"path", Value(records[0].path.n_rows > 0
                           ? arma::mat(records[0].path.head_rows(records[0].stepsDone + 1))
                           : arma::mat())},
        {"grad_norm", column(gradNorm)},
        {"examples", column(steps * perStep)},
        {"time", Value(time)},
        {"diverged", Value(static_cast<double>(diverged))},
        {"final_losses", column(finals)}};
    return {structOf(std::move(fields))};
}

std::vector<std::string> optimizerNames(Call& c) {
    std::vector<std::string> names;
    const std::optional<Value> v = c.keyword("optimizers");
    if (!v)
        return {"sgd", "momentum", "adam"};
    if (v->isString())
        return {v->string()};
    if (!v->isList() || v->items().empty())
        c.fail("optimizers must be a list of names, such as {\"sgd\", \"adam\"}");
    for (const Value& item : v->items()) {
        if (!item.isString())
            c.fail("optimizers must be a list of names, such as {\"sgd\", \"adam\"}");
        names.push_back(item.string());
    }
    return names;
}

std::string formatNumber(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", x);
    return buffer;
}

// The curves of a running sweep so far: each configuration's full loss, mean over its seeds,
// up to evaluation slot k (`seen` holds one row per run, seeds of a configuration together).
std::shared_ptr<const output::Figure> partialSweepFigure(const arma::mat& seen,
                                                         const arma::uvec& evals, arma::uword k,
                                                         const std::vector<std::string>& labels,
                                                         std::size_t seeds, arma::uword steps) {
    auto figure = std::make_shared<output::Figure>();
    figure->title =
        "sweep running: " + std::to_string(evals(k)) + " of " + std::to_string(steps) + " steps";
    output::Axes& axes = figure->panels.front();
    axes.x.label = "step";
    axes.y.label = "full loss, mean over seeds";
    axes.legend = labels.size() <= 12;
    std::vector<double> x(k + 1);
    for (arma::uword e = 0; e <= k; ++e)
        x[e] = static_cast<double>(evals(e));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        output::Line line;
        line.x = x;
        line.y.resize(k + 1);
        for (arma::uword e = 0; e <= k; ++e) {
            const double mean = arma::accu(seen.submat(i * seeds, e, (i + 1) * seeds - 1, e)) /
                                static_cast<double>(seeds);
            line.y[e] = std::isfinite(mean) ? mean : arma::datum::nan;
        }
        output::Series series;
        series.label = labels[i];
        series.style.color = axes.nextColor();
        series.data = std::move(line);
        axes.series.push_back(std::move(series));
    }
    return figure;
}

std::vector<Value> sweepBuiltin(Call& c) {
    c.requireCount(1, 1);
    const auto problem = problemArg(c, 0);
    const std::vector<std::string> names = optimizerNames(c);
    const OptimizerSettings base = settingsKeywords(c);
    const arma::vec lrs =
        c.hasKeyword("lrs") ? vectorKeyword(c, "lrs") : arma::vec{arma::datum::nan};
    const arma::vec batches = c.hasKeyword("batches") ? vectorKeyword(c, "batches") : arma::vec{32};
    Common common = commonKeywords(c, *problem);
    const std::optional<Value> targetValue = c.keyword("target");
    struct Config {
        std::string optimizer;
        double lr;
        arma::uword batch;
    };
    std::vector<Config> configs;
    std::vector<RunSpec> specs;
    for (const std::string& name : names) {
        for (double lr : lrs) {
            for (double b : batches) {
                OptimizerSettings s = base;
                s.method = parseMethod(name, c.name());
                s.lr = lr;
                s = withDefaults(s, c.name());
                const arma::uword batch = batchOf(c, b, *problem);
                configs.push_back({name, s.lr, batch});
                for (std::uint64_t seed : common.seeds)
                    specs.push_back({s, common.schedule, batch, seed});
            }
        }
    }
    if (specs.size() > 100000)
        c.fail("too many runs (" + std::to_string(specs.size()) + "); at most 100,000");
    // The curves so far stream into the cell at most every 100 ms.
    const arma::uvec evalsShown = evalSteps(common.options.steps, common.options.evalEvery);
    arma::mat seen(specs.size(), evalsShown.n_elem, arma::fill::value(arma::datum::nan));
    std::vector<std::string> labels;
    for (const Config& config : configs)
        labels.push_back(config.optimizer + ", lr " + formatNumber(config.lr) + ", |B| " +
                         std::to_string(config.batch));
    auto lastShown = std::chrono::steady_clock::now();
    Context& context = c.context();
    common.options.evaluated = [&](arma::uword k, const arma::vec& losses) {
        seen.col(k) = losses;
        const auto now = std::chrono::steady_clock::now();
        // The first round always shows, so the curves appear at once.
        if (k == 0 || k + 1 >= evalsShown.n_elem ||
            (k > 1 && now - lastShown < std::chrono::milliseconds(100)))
            return;
        lastShown = now;
        context.showPartial(output::Rich{partialSweepFigure(
            seen, evalsShown, k, labels, common.seeds.size(), common.options.steps)});
    };
    const auto start = std::chrono::steady_clock::now();
    const std::vector<RunRecord> records = runAll(*problem, specs, common.options);
    const double time = seconds(start);
    const std::size_t k = common.seeds.size();
    const std::size_t m = configs.size();
    const arma::uvec evals = evalSteps(common.options.steps, common.options.evalEvery);
    arma::mat curves(m, common.options.steps);
    arma::mat fullCurves(m, evals.n_elem);
    arma::mat finals(m, k);
    arma::vec finalMean(m), finalLo(m), finalHi(m), divergedCount(m);
    for (std::size_t i = 0; i < m; ++i) {
        curves.row(i) = math::seedBand(gatherColumns(records, i * k, k, [](const RunRecord& r) {
                            return r.loss;
                        })).mean.t();
        fullCurves.row(i) = math::seedBand(gatherColumns(records, i * k, k, [](const RunRecord& r) {
                                return r.full_loss;
                            })).mean.t();
        divergedCount(i) = 0;
        for (std::size_t j = 0; j < k; ++j) {
            const RunRecord& r = records[i * k + j];
            finals(i, j) = r.full_loss(r.full_loss.n_elem - 1);
            if (r.diverged)
                ++divergedCount(i);
        }
        const math::SeedBand band = math::seedBand(arma::mat(finals.row(i)));
        finalMean(i) = band.mean(0);
        finalLo(i) = band.lo(0);
        finalHi(i) = band.hi(0);
    }
    double target = arma::datum::nan;
    if (targetValue) {
        if (!targetValue->isReal() || !targetValue->isScalar())
            c.fail("target must be a real scalar");
        target = targetValue->real()(0, 0);
    } else {
        const arma::vec finite = finalMean(arma::find_finite(finalMean));
        if (!finite.is_empty())
            target = arma::median(finite);
    }
    arma::vec stepsTo(m, arma::fill::value(arma::datum::nan));
    arma::vec examplesTo(m, arma::fill::value(arma::datum::nan));
    for (std::size_t i = 0; i < m; ++i) {
        for (arma::uword e = 0; e < evals.n_elem; ++e) {
            if (fullCurves(i, e) <= target) {
                stepsTo(i) = static_cast<double>(evals(e));
                examplesTo(i) =
                    stepsTo(i) *
                    (problem->examples() > 0 ? static_cast<double>(configs[i].batch) : 1.0);
                break;
            }
        }
    }
    std::string table =
        "optimizer        lr   batch   final loss (95% CI)               steps   "
        "examples   diverged\n";
    std::vector<Value> optimizerColumn;
    arma::vec lrColumn(m), batchColumn(m);
    for (std::size_t i = 0; i < m; ++i) {
        optimizerColumn.emplace_back(configs[i].optimizer);
        lrColumn(i) = configs[i].lr;
        batchColumn(i) = static_cast<double>(configs[i].batch);
        char line[256];
        const std::string ci = std::isnan(finalLo(i)) ? std::string("")
                                                      : "[" + formatNumber(finalLo(i)) + ", " +
                                                            formatNumber(finalHi(i)) + "]";
        std::snprintf(line, sizeof line, "%-9s %8s %7llu   %-10s %-22s %6s %10s %6d/%zu\n",
                      configs[i].optimizer.c_str(), formatNumber(configs[i].lr).c_str(),
                      static_cast<unsigned long long>(configs[i].batch),
                      formatNumber(finalMean(i)).c_str(), ci.c_str(),
                      std::isnan(stepsTo(i)) ? "-" : formatNumber(stepsTo(i)).c_str(),
                      std::isnan(examplesTo(i)) ? "-" : formatNumber(examplesTo(i)).c_str(),
                      static_cast<int>(divergedCount(i)), k);
        table += line;
    }
    table += "target loss " + formatNumber(target) + "; " + std::to_string(k) + " seed" +
             (k == 1 ? "" : "s") + " per configuration";
    return {structOf({{"table", Value(table)},
                      {"optimizer", Value::list(std::move(optimizerColumn))},
                      {"lr", column(lrColumn)},
                      {"batch", column(batchColumn)},
                      {"final_loss", column(finalMean)},
                      {"final_ci", Value(arma::mat(arma::join_rows(finalLo, finalHi)))},
                      {"final_losses", Value(finals)},
                      {"target", Value(target)},
                      {"steps_to_target", column(stepsTo)},
                      {"examples_to_target", column(examplesTo)},
                      {"diverged", column(divergedCount)},
                      {"curves", Value(curves)},
                      {"full_curves", Value(fullCurves)},
                      {"full_steps", column(arma::conv_to<arma::vec>::from(evals))},
                      {"time", Value(time)}})};
}

arma::vec thetaArg(Call& c, std::size_t i, const Problem& problem) {
    const arma::vec theta = c.has(i) ? arma::vec(arma::vectorise(c.matrix(i))) : problem.start();
    if (theta.n_elem != problem.dim())
        c.fail("theta must have " + std::to_string(problem.dim()) + " entries, got " +
               std::to_string(theta.n_elem));
    return theta;
}

void registerRuns(Registry& r) {
    r.add("optimize",
          "optimize(problem, optimizer=\"sgd\", lr=…, batch=32, steps=1000, seeds=1, "
          "schedule=\"constant\", x0=…, momentum=0.9, beta1=0.9, beta2=0.999, eps=1e-8, "
          "weight_decay=0, eval_every=50) -> struct",
          "Runs an optimizer (sgd momentum nesterov adagrad rmsprop adam adamw) on a problem: "
          "loss per step (minibatch, mean over seeds), loss_band (95%), full_loss (and "
          "full_loss_band) every eval_every steps, x, path, grad_norm, examples, time, diverged.",
          optimizeBuiltin);
    r.add("sweep",
          "sweep(problem, optimizers={\"sgd\", \"momentum\", \"adam\"}, lrs=[…], batches=[…], "
          "seeds=3, steps=1000, target=…) -> struct",
          "Every optimizer × learning rate × batch size × seed, in parallel on all cores: a "
          "table (final loss mean and 95% CI, steps and examples to the target loss) and the "
          "mean curves.",
          sweepBuiltin);
    r.add("problem_loss", "problem_loss(problem, x) -> number or row",
          "The full loss of a problem at x (at every column of x).", [](Call& c) {
              c.requireCount(2, 2);
              const auto problem = problemArg(c, 0);
              arma::mat X = c.matrix(1);
              if (X.n_rows != problem->dim() && X.n_cols == problem->dim() && X.n_rows == 1)
                  X = X.t();
              if (X.n_rows != problem->dim())
                  c.fail("x must have " + std::to_string(problem->dim()) + " rows");
              return std::vector<Value>{Value(arma::mat(problem->losses(X).t()))};
          });
    r.add("problem_grad", "problem_grad(problem, x) -> column",
          "The full gradient of a problem at x.", [](Call& c) {
              c.requireCount(2, 2);
              const auto problem = problemArg(c, 0);
              const arma::vec x = thetaArg(c, 1, *problem);
              arma::vec g;
              problem->gradient(x, g);
              return std::vector<Value>{column(g)};
          });
}

void registerTheory(Registry& r) {
    r.add("gd_optimal", "gd_optimal(mu, L) -> struct",
          "Gradient descent's best constant step on a quadratic with curvatures in [mu, L]: lr "
          "= 2/(mu+L) and its rate (kappa-1)/(kappa+1).",
          [](Call& c) {
              c.requireCount(2, 2);
              const GdOptimal g = gdOptimal(c.scalar(0), c.scalar(1));
              return std::vector<Value>{structOf(
                  {{"lr", Value(g.lr)}, {"rate", Value(g.rate)}, {"kappa", Value(g.kappa)}})};
          });
    r.add("heavy_ball", "heavy_ball(mu, L) -> struct",
          "Polyak's optimal heavy-ball parameters: lr = 4/(sqrt(L)+sqrt(mu))^2, momentum = "
          "rate^2, rate = (sqrt(kappa)-1)/(sqrt(kappa)+1).",
          [](Call& c) {
              c.requireCount(2, 2);
              const HeavyBall h = heavyBall(c.scalar(0), c.scalar(1));
              return std::vector<Value>{structOf({{"lr", Value(h.lr)},
                                                  {"momentum", Value(h.momentum)},
                                                  {"rate", Value(h.rate)},
                                                  {"kappa", Value(h.kappa)}})};
          });
    r.add("noise_scale", "noise_scale(problem, theta) -> struct",
          "The gradient noise scale B_noise = tr(Sigma)/|G|^2 at theta from all per-example "
          "gradients: fields B_noise, trace_sigma, grad_norm2, G.",
          [](Call& c) {
              c.requireCount(1, 2);
              const auto problem = problemArg(c, 0);
              const NoiseScale ns = noiseScale(*problem, thetaArg(c, 1, *problem));
              return std::vector<Value>{structOf({{"B_noise", Value(ns.B_noise)},
                                                  {"trace_sigma", Value(ns.trace_sigma)},
                                                  {"grad_norm2", Value(ns.grad_norm2)},
                                                  {"G", column(ns.G)}})};
          });
    r.add("minibatch_variance",
          "minibatch_variance(problem, theta, batches=[1 4 16 64], draws=200, seed=1) -> struct",
          "E|g_B - G|^2 measured over random minibatches beside tr(Sigma)/|B| (predicted) and "
          "its without-replacement form (predicted_fpc).",
          [](Call& c) {
              c.requireCount(1, 2);
              const auto problem = problemArg(c, 0);
              const arma::vec theta = thetaArg(c, 1, *problem);
              const arma::vec batches =
                  c.hasKeyword("batches") ? vectorKeyword(c, "batches") : arma::vec{1, 4, 16, 64};
              const arma::uword draws = wholeKeyword(c, "draws", 200, 1, 1000000);
              const auto seed =
                  static_cast<std::uint64_t>(wholeKeyword(c, "seed", 1, 0, 9000000000000000LL));
              const MinibatchVariance v = minibatchVariance(*problem, theta, batches, draws, seed);
              return std::vector<Value>{structOf({{"batch", column(v.batch)},
                                                  {"measured", column(v.measured)},
                                                  {"predicted", column(v.predicted)},
                                                  {"predicted_fpc", column(v.predicted_fpc)}})};
          });
    r.add("batch_tradeoff", "batch_tradeoff(batches, steps) -> struct",
          "Fits steps-to-target S(B) = S_min + E_min/B: fields S_min, E_min and B_crit = "
          "E_min/S_min, so that (S/S_min - 1)(E/E_min - 1) = 1.",
          [](Call& c) {
              c.requireCount(2, 2);
              const BatchTradeoff t =
                  batchTradeoff(arma::vectorise(c.matrix(0)), arma::vectorise(c.matrix(1)));
              return std::vector<Value>{structOf({{"S_min", Value(t.S_min)},
                                                  {"E_min", Value(t.E_min)},
                                                  {"B_crit", Value(t.B_crit)}})};
          });
}

}  // namespace

void registerOptim(Registry& r) {
    registerProblems(r);
    registerRuns(r);
    registerTheory(r);
}

}  // namespace lemma::builtins
