// Tests of transformer_step and transformer_train as builtins: the struct fields they return
// (by stage, mirrored by the backward pass), reproducibility from the seed, the gradient check,
// the non-finite detection, and the errors for bad arguments.
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

const Value& path(const Value& v, std::initializer_list<const char*> names) {
    const Value* at = &v;
    for (const char* name : names)
        at = &field(*at, name);
    return *at;
}

const std::vector<std::string> kParams = {"E",  "P",  "Wq", "Wk",    "Wv",   "Wo",   "W1",
                                          "b1", "W2", "b2", "gamma", "beta", "Wout", "bout"};

Value tokens() {
    return Value(arma::mat{{3, 6, 2, 8, 4, 5}});
}

}  // namespace

class tst_TransformerBuiltins : public QObject {
    Q_OBJECT

private slots:
    void stepStruct() {
        FakeContext ctx;
        const Value s = ctx.value("transformer_step", {tokens()}, {KeywordArg{"seed", 7.0}});
        QCOMPARE(fieldNames(s),
                 (std::vector<std::string>{"inputs", "targets", "params", "forward", "backward",
                                           "grads", "gradcheck", "update", "params_after",
                                           "loss_before", "loss_after", "nonfinite", "lr",
                                           "optimizer", "activation", "parameters"}));
        LEMMA_COMPARE_NEAR(field(s, "inputs").real(), arma::mat({{3, 6, 2, 8, 4}}), 0.0);
        LEMMA_COMPARE_NEAR(field(s, "targets").real(), arma::mat({{6, 2, 8, 4, 5}}), 0.0);
        QCOMPARE(fieldNames(field(s, "forward")),
                 (std::vector<std::string>{"embedding", "attention", "feedforward", "layernorm",
                                           "output", "cross_entropy"}));
        QCOMPARE(fieldNames(field(s, "backward")),
                 (std::vector<std::string>{"output", "layernorm", "feedforward", "attention",
                                           "embedding"}));
        QCOMPARE(fieldNames(field(s, "params")), kParams);
        QCOMPARE(fieldNames(field(s, "grads")), kParams);
        QCOMPARE(fieldNames(field(s, "update")), kParams);
        // Sizes: vocabulary 10, d_model 6, d_ff 12, five positions.
        QCOMPARE(path(s, {"params", "E"}).sizeString(), std::string("10×6"));
        QCOMPARE(path(s, {"params", "P"}).sizeString(), std::string("5×6"));
        QCOMPARE(path(s, {"params", "W1"}).sizeString(), std::string("6×12"));
        QCOMPARE(path(s, {"forward", "attention", "weights"}).sizeString(), std::string("5×5"));
        QCOMPARE(path(s, {"forward", "output", "probs"}).sizeString(), std::string("5×10"));
        QCOMPARE(field(s, "parameters").real()(0),
                 60.0 + 30 + 4 * 36 + 72 + 12 + 72 + 6 * 3 + 60 + 10);
        // The embedding is the rows of E for the inputs plus the positions.
        const arma::mat E = path(s, {"params", "E"}).real();
        const arma::mat X = path(s, {"forward", "embedding", "X"}).real();
        LEMMA_COMPARE_NEAR(X.row(0), E.row(2) + path(s, {"params", "P"}).real().row(0), 1e-15);
        // The loss is the last stage's, and the update is SGD's −lr·g with lr = 0.1.
        QCOMPARE(field(s, "loss_before").real()(0),
                 path(s, {"forward", "cross_entropy", "loss"}).real()(0));
        LEMMA_COMPARE_NEAR(path(s, {"update", "Wq"}).real(), -0.1 * path(s, {"grads", "Wq"}).real(),
                           1e-15);
        QVERIFY(field(s, "loss_after").real()(0) < field(s, "loss_before").real()(0));
        QCOMPARE(field(s, "nonfinite").string(), std::string());
    }

    void gradcheckFields() {
        FakeContext ctx;
        const Value s = ctx.value("transformer_step", {tokens()}, {KeywordArg{"seed", 7.0}});
        const Value& g = field(s, "gradcheck");
        const Value& wq = field(g, "Wq");
        QCOMPARE(fieldNames(wq), (std::vector<std::string>{"numeric", "analytic", "rel_error",
                                                           "max_rel_error", "pass"}));
        LEMMA_COMPARE_NEAR(field(wq, "analytic").real(), path(s, {"grads", "Wq"}).real(), 0.0);
        LEMMA_COMPARE_NEAR(field(wq, "numeric").real(), field(wq, "analytic").real(), 1e-8);
        QVERIFY(field(wq, "pass").isTrue());
        QVERIFY(field(g, "pass").isTrue());
        QVERIFY(field(g, "max_rel_error").real()(0) < 1e-6);
        QCOMPARE(field(g, "names").items().size(), kParams.size());
        QCOMPARE(field(g, "max_rel_errors").real().n_elem, kParams.size());
        // check=false leaves the check out.
        const Value quick =
            ctx.value("transformer_step", {tokens()},
                      {KeywordArg{"seed", 7.0}, KeywordArg{"check", Value::boolean(false)}});
        QVERIFY(!quick.structure().find("gradcheck"));
    }

    // The same seed gives the same weights; without one, the run's generator decides.
    void seedReproducibility() {
        FakeContext a;
        FakeContext b;
        const double la = a.value("transformer_step", {tokens()}, {KeywordArg{"seed", 3.0}})
                              .structure()
                              .find("loss_before")
                              ->real()(0);
        const double lb = b.value("transformer_step", {tokens()}, {KeywordArg{"seed", 3.0}})
                              .structure()
                              .find("loss_before")
                              ->real()(0);
        QCOMPARE(la, lb);
        const double fromRng =
            a.value("transformer_step", {tokens()}, {KeywordArg{"check", Value::boolean(false)}})
                .structure()
                .find("loss_before")
                ->real()(0);
        FakeContext c;
        QCOMPARE(
            c.value("transformer_step", {tokens()}, {KeywordArg{"check", Value::boolean(false)}})
                .structure()
                .find("loss_before")
                ->real()(0),
            FakeContext()
                .value("transformer_step", {tokens()}, {KeywordArg{"check", Value::boolean(false)}})
                .structure()
                .find("loss_before")
                ->real()(0));
        QVERIFY(std::isfinite(fromRng));
    }

    // The three ways to a NaN loss, each found at its stage.
    void nonfiniteIsLocated() {
        FakeContext ctx;
        const auto step = [&](std::vector<KeywordArg> keywords) {
            keywords.push_back(KeywordArg{"seed", 1.0});
            keywords.push_back(KeywordArg{"check", Value::boolean(false)});
            return ctx.value("transformer_step", {tokens()}, std::move(keywords));
        };
        const Value naive = step({{"scale", 30.0}, {"softmax", Value("naive")}});
        QCOMPARE(field(naive, "nonfinite").string(), std::string("forward.attention.weights"));
        QVERIFY(std::isnan(field(naive, "loss_before").real()(0)));
        const Value stable = step({{"scale", 30.0}});
        QCOMPARE(field(stable, "nonfinite").string(), std::string());
        const Value logZero = step({{"scale", 1000.0}, {"ce", Value("naive")}});
        QCOMPARE(field(logZero, "nonfinite").string(), std::string("forward.cross_entropy.nll"));
        QVERIFY(std::isinf(field(logZero, "loss_before").real()(0)));
        QVERIFY(path(logZero, {"backward", "output"}).structure().find("probs"));
        const Value lse = step({{"scale", 1000.0}});
        QVERIFY(std::isfinite(field(lse, "loss_before").real()(0)));
    }

    void trainStruct() {
        FakeContext ctx;
        const Value corpus(arma::mat(arma::repmat(arma::rowvec{1, 2, 3, 1, 4, 5}, 1, 2)));
        const Value t =
            ctx.value("transformer_train", {corpus},
                      {KeywordArg{"steps", 50.0}, KeywordArg{"lr", 0.03}, KeywordArg{"seed", 1.0}});
        QCOMPARE(fieldNames(t), (std::vector<std::string>{
                                    "step", "loss", "entropy", "inputs", "targets",
                                    "weights_before", "weights_after", "loss_before", "loss_after",
                                    "accuracy", "windows", "params", "diverged_at", "nonfinite"}));
        QCOMPARE(field(t, "loss").sizeString(), std::string("1×51"));
        QCOMPARE(field(t, "step").real()(50), 50.0);
        QCOMPARE(field(t, "windows").real()(0), 8.0);
        QCOMPARE(field(t, "weights_after").sizeString(), std::string("4×4"));
        LEMMA_COMPARE_NEAR(field(t, "inputs").real(), arma::mat({{1, 2, 3, 1}}), 0.0);
        QVERIFY(field(t, "loss_after").real()(0) < field(t, "loss_before").real()(0));
        QCOMPARE(field(t, "diverged_at").real()(0), 0.0);
        QCOMPARE(ctx.lastProgress, 1.0);
        const Value blown =
            ctx.value("transformer_train", {corpus},
                      {KeywordArg{"lr", 30.0}, KeywordArg{"optimizer", Value("sgd")},
                       KeywordArg{"seed", 1.0}});
        QVERIFY(field(blown, "diverged_at").real()(0) > 1);
        QVERIFY(!field(blown, "nonfinite").string().empty());
    }

    void errors() {
        FakeContext ctx;
        QCOMPARE(ctx.errorOf("transformer_step", {Value(1.0)}),
                 std::string("transformer_step: give between 2 and 17 tokens, got 1"));
        QCOMPARE(ctx.errorOf("transformer_step", {Value(arma::mat{{1, 11}})}),
                 std::string("transformer_step: token 2 must be a whole number from 1 to vocab = "
                             "10, got 11"));
        QCOMPARE(ctx.errorOf("transformer_step", {Value(arma::mat{{1, 2.5}})}),
                 std::string("transformer_step: token 2 must be a whole number from 1 to vocab = "
                             "10, got 2.5"));
        QCOMPARE(
            ctx.errorOf("transformer_step", {tokens()}, 1,
                        {KeywordArg{"optimizer", Value("lbfgs")}}),
            std::string("transformer_step: unknown optimizer 'lbfgs' (use \"sgd\" or \"adam\")"));
        QCOMPARE(
            ctx.errorOf("transformer_step", {tokens()}, 1, {KeywordArg{"softmax", Value("fast")}}),
            std::string("transformer_step: unknown softmax 'fast' (use \"stable\" or \"naive\")"));
        QCOMPARE(ctx.errorOf("transformer_step", {tokens()}, 1, {KeywordArg{"d_model", 100.0}}),
                 std::string("transformer_step: d_model must be between 1 and 16, got 100"));
        QCOMPARE(ctx.errorOf("transformer_step", {tokens()}, 1, {KeywordArg{"lr", -1.0}}),
                 std::string("transformer_step: lr must be a non-negative finite number"));
        QCOMPARE(ctx.errorOf("transformer_train", {Value(arma::mat{{1, 2, 3}})}),
                 std::string("transformer_train: the corpus needs at least length + 1 = 5 tokens, "
                             "got 3"));
        QCOMPARE(ctx.errorOf("transformer_step", {Value(arma::mat{{1, 2}, {3, 4}})}),
                 std::string("transformer_step: tokens must be a vector of token ids, got a 2×2 "
                             "matrix"));
    }
};

QTEST_APPLESS_MAIN(tst_TransformerBuiltins)
#include "tst_TransformerBuiltins.moc"
