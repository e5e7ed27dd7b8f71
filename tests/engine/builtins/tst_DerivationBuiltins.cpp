// Tests of the derivation and information builtins through the registry: the struct fields
// they return (the interface), keyword handling, and errors that start with the builtin's name.
#include <QTest>
#include <cmath>
#include <string>
#include <vector>

#include "engine/Compare.h"
#include "engine/builtins/FakeContext.h"

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

}  // namespace

class tst_DerivationBuiltins : public QObject {
    Q_OBJECT

private slots:
    void deriveFields() {
        FakeContext ctx;
        const Value d = ctx.value("derive", {Value("softmax_jacobian")});
        QCOMPARE(fieldNames(d), (std::vector<std::string>{"title", "inputs", "steps", "result"}));
        const auto& steps = field(d, "steps").items();
        QCOMPARE(steps.size(), std::size_t(4));
        QCOMPARE(fieldNames(steps[0]), (std::vector<std::string>{"tex", "note", "lhs", "rhs",
                                                                 "diff", "tol", "pass", "kind"}));
        QVERIFY(field(steps[0], "pass").isBool());
        QCOMPARE(field(steps[3], "kind").string(), std::string("expected-failure"));
        QVERIFY(!field(steps[3], "pass").isTrue());
        // eps= reaches LayerNorm.
        const Value ln = ctx.value("derive", {Value("layernorm_grad")}, {KeywordArg{"eps", 0.5}});
        QCOMPARE(field(field(ln, "inputs"), "eps").real()(0), 0.5);
    }

    void stepWithValues() {
        FakeContext ctx;
        Value d = ctx.value("derivation", {Value("t")}, {KeywordArg{"inputs", Value(2.0)}});
        d = ctx.value("step", {d, Value("a"), Value(1.0), Value(1.0 + 1e-7)},
                      {KeywordArg{"tol", 1e-6}, KeywordArg{"note", Value("n")}});
        d = ctx.value("step", {d, Value("b"), Value(1.0), Value(2.0)},
                      {KeywordArg{"kind", Value("expected-failure")}});
        const auto& steps = field(d, "steps").items();
        QCOMPARE(steps.size(), std::size_t(2));
        QVERIFY(field(steps[0], "pass").isTrue());
        QCOMPARE(field(steps[0], "note").string(), std::string("n"));
        QCOMPARE(field(steps[1], "diff").real()(0), 1.0);
        // Function sides need the interpreter: FakeContext calls builtins only, e.g. sum.
        d = ctx.value(
            "step",
            {d, Value("sum"),
             Value(std::make_shared<const lemma::lang::FunctionData>(lemma::lang::FunctionData{
                 lemma::lang::FunctionData::Kind::Builtin, "sum", nullptr, nullptr, {}})),
             Value(2.0)});
        QVERIFY(field(field(d, "steps").items()[2], "pass").isTrue());
        QCOMPARE(ctx.errorOf("step", {d, Value("s"), Value(arma::mat(1, 2)), Value(1.0)}),
                 std::string("step: step 4 (s): the left side is 1×2 but the right side is 1×1 "
                             "(they must have the same shape)"));
    }

    void gradcheckFields() {
        FakeContext ctx;
        const auto sum =
            Value(std::make_shared<const lemma::lang::FunctionData>(lemma::lang::FunctionData{
                lemma::lang::FunctionData::Kind::Builtin, "sum", nullptr, nullptr, {}}));
        const Value g = ctx.value("gradcheck", {sum, Value(arma::mat({{1.0, 2.0, 3.0}}))},
                                  {KeywordArg{"grad", Value(arma::mat({{1.0, 1.0, 1.0}}))}});
        QCOMPARE(fieldNames(g), (std::vector<std::string>{"numeric", "analytic", "rel_error",
                                                          "max_rel_error", "pass"}));
        QVERIFY(field(g, "pass").isTrue());
        const Value bad = ctx.value("gradcheck", {sum, Value(arma::mat({{1.0, 2.0, 3.0}}))},
                                    {KeywordArg{"grad", Value(arma::mat({{1.0, 1.001, 1.0}}))}});
        QVERIFY(!field(bad, "pass").isTrue());
        QCOMPARE(ctx.errorOf("gradcheck", {sum, Value(arma::mat(1, 1, arma::fill::value(1.0)))}),
                 std::string("gradcheck: missing the analytic gradient: gradcheck(f, x, grad=g)"));
    }

    void informationBuiltins() {
        FakeContext ctx;
        // A matrix is one distribution per row: a column of results.
        const arma::mat P = {{0.5, 0.5}, {1.0, 0.0}};
        LEMMA_COMPARE_NEAR(ctx.mat("entropy", {Value(P)}, {KeywordArg{"base", 2.0}}),
                           arma::vec({1.0, 0.0}), 1e-15);
        const arma::mat Q = {{0.25, 0.75}, {0.5, 0.5}};
        LEMMA_COMPARE_NEAR(ctx.mat("cross_entropy", {Value(P), Value(Q)}),
                           ctx.mat("entropy", {Value(P)}) + ctx.mat("kl", {Value(P), Value(Q)}),
                           1e-12);
        QCOMPARE(
            ctx.scalar("perplexity", {Value(arma::mat(1, 4, arma::fill::value(-std::log(7.0))))}),
            7.0);
        LEMMA_COMPARE_NEAR(
            ctx.scalar("nll", {Value(arma::mat({{0.25, 0.75}})), Value(arma::mat({{2.0, 1.0}}))}),
            -(std::log(0.75) + std::log(0.25)) / 2, 1e-15);
        QCOMPARE(
            ctx.errorOf("kl", {Value(arma::mat({{0.5, 0.5}})), Value(arma::mat({{1.0, 0.0}}))}),
            std::string("kl: q(2) is 0 where p(2) = 0.5 is not (the result would be infinite)"));
    }

    void mleAndNgramFields() {
        FakeContext ctx;
        const Value g =
            ctx.value("mle", {Value(arma::mat({{1.0, 2.0, 3.0, 4.0}})), Value("gaussian")});
        QCOMPARE(fieldNames(g),
                 (std::vector<std::string>{"estimate", "loglik", "se", "ci", "unbiased_var"}));
        const Value b = ctx.value("mle", {Value(arma::mat({{1.0, 0.0}})), Value("bernoulli")});
        QVERIFY(!b.structure().find("unbiased_var"));
        // A surface: mu a row, sigma2 a column.
        const arma::mat surface =
            ctx.mat("loglik",
                    {Value("gaussian"), Value(arma::mat({{1.0, 2.0}})),
                     Value(arma::mat({{1.0, 1.5, 2.0}})), Value(arma::mat(arma::vec({1.0, 2.0})))});
        QCOMPARE(surface.n_rows, arma::uword(2));
        QCOMPARE(surface.n_cols, arma::uword(3));
        const Value model =
            ctx.value("ngram", {Value(arma::mat({{1.0, 2.0, 1.0, 2.0}})), Value(2.0)},
                      {KeywordArg{"smoothing", Value("laplace")},
                       KeywordArg{"heldout", Value(arma::mat({{2.0, 1.0}}))}});
        QCOMPARE(fieldNames(model),
                 (std::vector<std::string>{"order", "vocab", "contexts", "counts", "probs",
                                           "loglik", "perplexity", "heldout_perplexity"}));
        // P(1 | 2) = (1 + 1) / (1 + 2) under add-one.
        LEMMA_COMPARE_NEAR(field(model, "heldout_perplexity").real()(0), 1.5, 1e-14);
    }

    void samplingFieldsAndDraws() {
        FakeContext ctx;
        const Value s = ctx.value("sampling", {Value(arma::mat({{2.0, 1.0, 0.0}}))},
                                  {KeywordArg{"top_k", 2.0}});
        QCOMPARE(fieldNames(s), (std::vector<std::string>{"p", "entropy", "kept", "mass"}));
        LEMMA_COMPARE_NEAR(field(s, "kept").real(), arma::mat({{1.0, 2.0}}), 0.0);
        // Deterministic per seed, and the frequencies follow p.
        const arma::mat p = {{0.2, 0.5, 0.3}};
        const arma::mat a =
            ctx.mat("sample", {Value(p), Value(100000.0)}, {KeywordArg{"seed", 5.0}});
        const arma::mat again =
            ctx.mat("sample", {Value(p), Value(100000.0)}, {KeywordArg{"seed", 5.0}});
        QVERIFY(arma::approx_equal(a, again, "absdiff", 0.0));
        arma::rowvec freq(3, arma::fill::zeros);
        for (const double x : a)
            freq(static_cast<arma::uword>(x) - 1) += 1e-5;
        LEMMA_COMPARE_NEAR(freq, p, 0.0064);
    }
};

QTEST_APPLESS_MAIN(tst_DerivationBuiltins)
#include "tst_DerivationBuiltins.moc"
