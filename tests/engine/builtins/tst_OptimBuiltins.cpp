// Tests of the optimizer-lab and statistics builtins: problem values, the fields of optimize
// and sweep, seeds and bands, keyword checking, and the theory and test builtins' structs.
#include <QTest>
#include <cmath>
#include <string>
#include <vector>

#include "engine/Compare.h"
#include "engine/builtins/FakeContext.h"
#include "engine/math/StudentT.h"

using lemma::builtins::KeywordArg;
using lemma::lang::Value;
using lemma::test::FakeContext;

namespace {

std::vector<std::string> fieldNames(const Value& v) {
    std::vector<std::string> names;
    for (const auto& [name, value] : v.structure().fields)
        names.push_back(name);
    return names;
}

const Value& field(const Value& v, const char* name) {
    const Value* f = v.structure().find(name);
    if (!f)
        throw std::logic_error(std::string("no field ") + name);
    return *f;
}

double number(const Value& v, const char* name) {
    return field(v, name).real()(0, 0);
}

Value logistic(FakeContext& ctx) {
    return ctx.value("logistic", {},
                     {KeywordArg{"n", 400.0}, KeywordArg{"d", 5.0}, KeywordArg{"seed", 3.0}});
}

}  // namespace

class TstOptimBuiltins : public QObject {
    Q_OBJECT

private slots:
    void problemsAreStructs() {
        FakeContext ctx;
        const Value q = ctx.value("quadratic", {}, {KeywordArg{"kappa", 25.0}});
        QCOMPARE(fieldNames(q),
                 (std::vector<std::string>{"kind", "kappa", "dim", "rotate", "seed", "mu", "L"}));
        QCOMPARE(field(q, "kind").string(), std::string("quadratic"));
        QCOMPARE(number(q, "L"), 25.0);
        const Value s = ctx.value("softmax_regression", {}, {KeywordArg{"classes", 4.0}});
        QCOMPARE(fieldNames(s),
                 (std::vector<std::string>{"kind", "n", "d", "classes", "noise", "seed"}));
        QCOMPARE(ctx.errorOf("quadratic", {}, 1, {KeywordArg{"dim", 0.0}}),
                 std::string("quadratic: dim must be at least 1"));
        QCOMPARE(ctx.errorOf("logistic", {}, 1, {KeywordArg{"noise", -1.0}}),
                 std::string("logistic: noise must be a finite number ≥ 0"));
        QCOMPARE(ctx.errorOf("optimize", {Value(3.0)}),
                 std::string("optimize: argument 1 must be a problem (from quadratic, "
                             "rosenbrock, logistic, softmax_regression, mlp or problem), got a "
                             "double"));
    }

    void optimizeFields() {
        FakeContext ctx;
        const Value r = ctx.value(
            "optimize", {logistic(ctx)},
            {KeywordArg{"optimizer", "adam"}, KeywordArg{"lr", 0.05}, KeywordArg{"batch", 20.0},
             KeywordArg{"steps", 120.0}, KeywordArg{"seeds", 3.0}, KeywordArg{"eval_every", 40.0}});
        QCOMPARE(fieldNames(r),
                 (std::vector<std::string>{"loss", "loss_band", "full_loss", "full_loss_band",
                                           "full_steps", "x", "path", "grad_norm", "examples",
                                           "time", "diverged", "final_losses"}));
        QCOMPARE(field(r, "loss").real().n_elem, arma::uword(120));
        QCOMPARE(field(r, "loss_band").real().n_rows, arma::uword(120));
        QCOMPARE(field(r, "loss_band").real().n_cols, arma::uword(2));
        LEMMA_COMPARE_NEAR(field(r, "full_steps").real(), arma::vec({0, 40, 80, 120}), 0.0);
        QCOMPARE(field(r, "final_losses").real().n_elem, arma::uword(3));
        LEMMA_COMPARE_NEAR(field(r, "examples").real()(119), 120.0 * 20, 0.0);
        QCOMPARE(field(r, "path").real().n_rows, arma::uword(121));  // d = 5 ≤ 10
        QCOMPARE(number(r, "diverged"), 0.0);
        // The mean curve lies inside its band, and the band is the t interval over 3 seeds.
        const arma::mat band = field(r, "loss_band").real();
        const arma::vec loss = field(r, "loss").real();
        QVERIFY(arma::all(band.col(0) <= loss + 1e-15));
        QVERIFY(arma::all(loss <= band.col(1) + 1e-15));
        const arma::vec finals = field(r, "final_losses").real();
        const arma::vec full = field(r, "full_loss").real();
        LEMMA_COMPARE_NEAR(full(3), arma::mean(finals), 1e-14);
        const double half =
            lemma::math::studentTQuantile(0.975, 2) * arma::stddev(finals) / std::sqrt(3.0);
        LEMMA_COMPARE_NEAR(field(r, "full_loss_band").real()(3, 1), full(3) + half, 1e-12);
        QCOMPARE(ctx.lastProgress, 1.0);
    }

    void optimizeReportsDivergence() {
        FakeContext ctx;
        const Value r = ctx.value("optimize", {ctx.value("quadratic", {})},
                                  {KeywordArg{"lr", 0.5}, KeywordArg{"steps", 200.0}});
        QVERIFY(number(r, "diverged") > 0);
        QVERIFY(field(r, "loss").real().has_nan());
        // The path ends at the iterate whose loss blew up: x₀ … x_{diverged − 1}.
        QCOMPARE(field(r, "path").real().n_rows, arma::uword(number(r, "diverged")));
    }

    void optimizeKeywordErrors() {
        FakeContext ctx;
        const Value p = logistic(ctx);
        QCOMPARE(ctx.errorOf("optimize", {p}, 1, {KeywordArg{"batch", 1000.0}}),
                 std::string("optimize: batch 1000 is larger than the problem's 400 examples"));
        QCOMPARE(ctx.errorOf("optimize", {p}, 1, {KeywordArg{"schedule", "linear"}}),
                 std::string("optimize: unknown schedule 'linear' (use \"constant\", \"inv_t\", "
                             "\"inv_sqrt_t\", \"step\", \"cosine\" or \"warmup_cosine\")"));
        QCOMPARE(ctx.errorOf("optimize", {p}, 1, {KeywordArg{"momentum", 1.0}}),
                 std::string("optimize: momentum must lie in [0, 1)"));
        QCOMPARE(ctx.errorOf("optimize", {p}, 1, {KeywordArg{"x0", Value(arma::mat(3, 1))}}),
                 std::string("optimize: x0 must have 5 entries, got 3"));
        QCOMPARE(ctx.errorOf("optimize", {p}, 1, {KeywordArg{"stpes", 10.0}}),
                 std::string("optimize: unknown keyword argument 'stpes'"));
    }

    void sweepTable() {
        FakeContext ctx;
        const Value s =
            ctx.value("sweep", {logistic(ctx)},
                      {KeywordArg{"optimizers", Value::list({Value("sgd"), Value("adam")})},
                       KeywordArg{"lrs", Value(arma::mat{{0.1, 0.01}})},
                       KeywordArg{"batches", Value(arma::mat{{8, 40}})}, KeywordArg{"seeds", 2.0},
                       KeywordArg{"steps", 100.0}, KeywordArg{"target", 0.6}});
        const arma::vec batch = field(s, "batch").real();
        QCOMPARE(batch.n_elem, arma::uword(8));
        LEMMA_COMPARE_NEAR(batch, arma::vec({8, 40, 8, 40, 8, 40, 8, 40}), 0.0);
        LEMMA_COMPARE_NEAR(field(s, "lr").real(),
                           arma::vec({0.1, 0.1, 0.01, 0.01, 0.1, 0.1, 0.01, 0.01}), 0.0);
        QCOMPARE(field(s, "optimizer").items()[4].string(), std::string("adam"));
        QCOMPARE(field(s, "curves").real().n_rows, arma::uword(8));
        QCOMPARE(field(s, "curves").real().n_cols, arma::uword(100));
        QCOMPARE(field(s, "final_losses").real().n_cols, arma::uword(2));
        QCOMPARE(number(s, "target"), 0.6);
        // Steps to the target are evaluation steps, examples are steps × batch.
        const arma::vec steps = field(s, "steps_to_target").real();
        const arma::vec examples = field(s, "examples_to_target").real();
        for (arma::uword i = 0; i < 8; ++i) {
            if (std::isfinite(steps(i)))
                LEMMA_COMPARE_NEAR(examples(i), steps(i) * batch(i), 0.0);
        }
        QVERIFY(field(s, "table").string().find("adam") != std::string::npos);
        // The same seeds give the same curves as optimize.
        const Value one = ctx.value("optimize", {logistic(ctx)},
                                    {KeywordArg{"lr", 0.1}, KeywordArg{"batch", 8.0},
                                     KeywordArg{"steps", 100.0}, KeywordArg{"seeds", 2.0}});
        LEMMA_COMPARE_NEAR(arma::vec(field(s, "curves").real().row(0).t()),
                           field(one, "loss").real(), 0.0);
    }

    void theory() {
        FakeContext ctx;
        const Value g = ctx.value("gd_optimal", {1.0, 9.0});
        QCOMPARE(fieldNames(g), (std::vector<std::string>{"lr", "rate", "kappa"}));
        LEMMA_COMPARE_NEAR(number(g, "lr"), 0.2, 1e-15);
        LEMMA_COMPARE_NEAR(number(g, "rate"), 0.8, 1e-15);
        const Value h = ctx.value("heavy_ball", {1.0, 9.0});
        LEMMA_COMPARE_NEAR(number(h, "rate"), 0.5, 1e-15);
        LEMMA_COMPARE_NEAR(number(h, "momentum"), 0.25, 1e-15);
        LEMMA_COMPARE_NEAR(number(h, "lr"), 0.25, 1e-15);
        QCOMPARE(ctx.errorOf("gd_optimal", {2.0, 1.0}),
                 std::string("gd_optimal: needs 0 < mu ≤ L, both finite"));
        const Value ns = ctx.value("noise_scale", {logistic(ctx)});
        LEMMA_COMPARE_NEAR(number(ns, "B_noise"),
                           number(ns, "trace_sigma") / number(ns, "grad_norm2"), 1e-12);
        QCOMPARE(ctx.errorOf("noise_scale", {ctx.value("rosenbrock", {})}),
                 std::string("noise_scale: the problem has no examples (rosenbrock), so its "
                             "gradient has no noise"));
        const Value t =
            ctx.value("batch_tradeoff", {Value(arma::mat{{10, 100}}), Value(arma::mat{{30, 12}})});
        LEMMA_COMPARE_NEAR(number(t, "S_min"), 10.0, 1e-12);
        LEMMA_COMPARE_NEAR(number(t, "E_min"), 200.0, 1e-10);
        LEMMA_COMPARE_NEAR(number(t, "B_crit"), 20.0, 1e-12);
    }

    void statistics() {
        FakeContext ctx;
        const Value b = ctx.value("bootstrap_ci", {Value(arma::mat{{1, 2, 3}})},
                                  {KeywordArg{"n", "exact"}, KeywordArg{"level", 0.8}});
        QCOMPARE(fieldNames(b),
                 (std::vector<std::string>{"lo", "hi", "ci", "se", "estimate", "resamples"}));
        LEMMA_COMPARE_NEAR(field(b, "ci").real(), arma::mat({{4.0 / 3, 8.0 / 3}}), 1e-15);
        const Value w = ctx.value("ttest2", {Value(arma::mat{{1, 3}}), Value(arma::mat{{2, 4}})});
        QCOMPARE(fieldNames(w),
                 (std::vector<std::string>{"t", "df", "p", "ci", "h", "estimate", "se"}));
        LEMMA_COMPARE_NEAR(number(w, "df"), 2.0, 1e-15);
        const Value pooled =
            ctx.value("ttest2", {Value(arma::mat{{1, 2, 3}}), Value(arma::mat{{4, 6, 8}})},
                      {KeywordArg{"vartype", "equal"}});
        QCOMPARE(number(pooled, "df"), 4.0);
        const Value paired =
            ctx.value("ttest", {Value(arma::mat{{2, 4, 7}}), Value(arma::mat{{1, 2, 3}})});
        const Value diff = ctx.value("ttest", {Value(arma::mat{{1, 2, 4}})});
        QCOMPARE(number(paired, "t"), number(diff, "t"));
        const Value mu = ctx.value("ttest", {Value(arma::mat{{1, 2, 4}}), 1.0});
        LEMMA_COMPARE_NEAR(number(mu, "estimate"), 7.0 / 3, 1e-15);
        QCOMPARE(ctx.errorOf("ttest2", {Value(arma::mat{{1, 2}}), Value(arma::mat{{1, 2}})}, 1,
                             {KeywordArg{"vartype", "pooled"}}),
                 std::string("ttest2: vartype must be \"unequal\" or \"equal\", got \"pooled\""));
        QCOMPARE(ctx.errorOf("bootstrap_ci", {Value(arma::mat{{1, 2}})}, 1,
                             {KeywordArg{"stat", "mode"}}),
                 std::string("bootstrap_ci: unknown statistic 'mode' (use \"mean\", \"median\", "
                             "\"std\", \"var\" or a function)"));
    }
};

QTEST_APPLESS_MAIN(TstOptimBuiltins)
#include "tst_OptimBuiltins.moc"
