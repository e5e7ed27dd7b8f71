// Tests of the worked-example builtins (attention, spectrum, low rank, LoRA, load): the struct
// fields they return, keyword handling, and that they agree with engine/math.
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

const arma::mat kQ = {{1.0, 0.5}, {0.3, 0.8}, {0.1, 0.9}};
const arma::mat kK = {{0.9, 0.2}, {0.4, 0.7}, {0.2, 0.8}};

}  // namespace

class TstMathBuiltins : public QObject {
    Q_OBJECT

private slots:
    void attentionStruct() {
        FakeContext ctx;
        const Value a = ctx.value("attention", {Value(kQ), Value(kK)});
        QCOMPARE(fieldNames(a), (std::vector<std::string>{"scores", "weights", "output"}));
        const arma::mat A = field(a, "weights").real();
        const double e0 = std::exp(1.0 / std::sqrt(2.0));
        const double e1 = std::exp(0.75 / std::sqrt(2.0));
        const double e2 = std::exp(0.6 / std::sqrt(2.0));
        LEMMA_COMPARE_NEAR(arma::rowvec(A.row(0)), arma::rowvec({e0, e1, e2}) / (e0 + e1 + e2),
                           1e-12);
        const arma::mat V = arma::eye(3, 3);
        const Value withV =
            ctx.value("attention", {Value(kQ), Value(kK), Value(V)},
                      {KeywordArg{"causal", Value::boolean(true)}, KeywordArg{"temperature", 2.0}});
        const arma::mat W = field(withV, "weights").real();
        QCOMPARE(W(0, 1), 0.0);
        LEMMA_COMPARE_NEAR(field(withV, "output").real(), W, 1e-15);
        QCOMPARE(ctx.errorOf("attention", {Value(kQ), Value(arma::mat(3, 4, arma::fill::ones))}),
                 std::string("attention: Q is 3×2 but K is 3×4 (their columns must match)"));
    }

    void spectrumStruct() {
        FakeContext ctx;
        const arma::mat A = {{0.7, 0.3}, {0.1, 0.9}};
        const Value s = ctx.value("spectrum", {Value(A)});
        QCOMPARE(fieldNames(s),
                 (std::vector<std::string>{"eigenvalues", "lambda1", "lambda2", "gap", "stationary",
                                           "row_sums", "stochastic", "entropy", "effective_rank"}));
        QVERIFY(field(s, "eigenvalues").isComplex());
        QVERIFY(field(s, "lambda2").isReal());
        LEMMA_COMPARE_NEAR(field(s, "lambda2").real(), 0.6, 1e-14);
        LEMMA_COMPARE_NEAR(field(s, "stationary").real(), arma::rowvec({0.25, 0.75}), 1e-13);
        QVERIFY(field(s, "stochastic").isBool());
        QVERIFY(field(s, "stochastic").isTrue());

        const Value p = ctx.value("attention_power", {Value(A), 5.0});
        LEMMA_COMPARE_NEAR(field(p, "predicted").real(),
                           arma::vec({0.6, 0.36, 0.216, 0.1296, 0.07776}), 1e-14);
    }

    void rankCollapseAndSweeps() {
        FakeContext ctx;
        const arma::mat X = arma::reshape(arma::regspace(1, 24), 6, 4) / 10.0;
        const std::vector<KeywordArg> seed = {KeywordArg{"seed", 3.0}};
        const Value r1 = ctx.value("rank_collapse", {Value(X), 2.0, 4.0}, seed);
        const Value r2 = ctx.value(
            "rank_collapse", {Value(X)},
            {KeywordArg{"heads", 2.0}, KeywordArg{"depth", 4.0}, KeywordArg{"seed", 3.0}});
        QCOMPARE(field(r1, "residual").real().n_elem, arma::uword(5));
        LEMMA_COMPARE_NEAR(field(r1, "residual").real(), field(r2, "residual").real(), 0.0);

        const Value t = ctx.value("attention_sweep",
                                  {Value(kQ), Value(kK), Value(arma::rowvec({0.5, 1.0, 2.0}))});
        QCOMPARE(fieldNames(t),
                 (std::vector<std::string>{"temperature", "abs_lambda2", "gap", "entropy"}));
        const Value n = ctx.value("attention_sweep", {},
                                  {KeywordArg{"n", Value(arma::rowvec({4, 8}))},
                                   KeywordArg{"d_k", 4.0}, KeywordArg{"seed", 1.0}});
        QCOMPARE(fieldNames(n).front(), std::string("n"));
        QCOMPARE(field(n, "entropy").real().n_elem, arma::uword(2));
    }

    void lowRankAndLora() {
        FakeContext ctx;
        const arma::mat W = {{3, 1, 0}, {1, 2, 1}, {0, 1, 1}, {1, 0, 2}};
        const Value l = ctx.value("lowrank", {Value(W), 2.0});
        LEMMA_COMPARE_NEAR(field(l, "err_fro").real(), field(l, "ey_fro").real(), 1e-12);
        QCOMPARE(field(l, "params_factored").real()(0), 14.0);

        const auto usv = ctx.run("rsvd", {Value(W), 3.0}, 3, {KeywordArg{"seed", 5.0}});
        QCOMPARE(usv.size(), std::size_t(3));
        LEMMA_COMPARE_NEAR(
            arma::mat(usv[0].real() * arma::diagmat(usv[1].real()) * usv[2].real().t()), W, 1e-10);

        const Value p = ctx.value("lora_params", {4096.0, 4096.0, 8.0});
        QCOMPARE(field(p, "full").real()(0), 16777216.0);
        QCOMPARE(field(p, "lora").real()(0), 65536.0);
        QCOMPARE(field(p, "ratio").real()(0), 256.0);

        const Value f = ctx.value(
            "lora_fit", {Value(arma::mat(W * 0.0)), Value(W), 2.0},
            {KeywordArg{"lr", 0.05}, KeywordArg{"steps", 400.0}, KeywordArg{"seed", 1.0}});
        QCOMPARE(field(f, "loss").real().n_elem, arma::uword(401));
        QCOMPARE(ctx.lastProgress, 1.0);
        LEMMA_COMPARE_NEAR(field(f, "floor").real(),
                           0.5 * std::pow(field(l, "ey_fro").real()(0), 2), 1e-12);
        QCOMPARE(ctx.errorOf("lora_fit", {Value(W), Value(W), 2.0}, 1,
                             {KeywordArg{"optimizer", "rmsprop"}}),
                 std::string("lora_fit: unknown optimizer 'rmsprop' (use \"adam\" or \"sgd\")"));
        QCOMPARE(ctx.errorOf("lowrank", {Value(W), -1.0}),
                 std::string("lowrank: r must not be negative, got -1"));
    }

    void loadNeedsAFolder() {
        FakeContext ctx;  // its dataDir() is empty, like an unsaved notebook
        QCOMPARE(ctx.errorOf("load", {"data.csv"}),
                 std::string("load: the notebook has no folder yet (save it first)"));
    }
};

QTEST_APPLESS_MAIN(TstMathBuiltins)
#include "tst_MathBuiltins.moc"
