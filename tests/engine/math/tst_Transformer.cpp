// Tests of the tiny transformer: the forward pass against a computation written out here with
// loops, every gradient against central finite differences, the causal mask, one SGD and one
// Adam step, training on a toy corpus, and the naive softmax and cross-entropy that make a
// loss NaN next to the stable ones that do not.
#include <QTest>
#include <armadillo>
#include <cmath>
#include <map>
#include <string>
#include <algorithm>
#include <vector>

#include "engine/Compare.h"
#include "engine/math/Transformer.h"
#include "engine/math/TransformerGradCheck.h"
#include "engine/math/TransformerTraining.h"

using namespace lemma::math;

namespace {

using Matrix = std::vector<std::vector<double>>;

Matrix toRows(const arma::mat& m) {
    Matrix out(m.n_rows, std::vector<double>(m.n_cols));
    for (arma::uword i = 0; i < m.n_rows; ++i) {
        for (arma::uword j = 0; j < m.n_cols; ++j)
            out[i][j] = m(i, j);
    }
    return out;
}

arma::mat fromRows(const Matrix& rows) {
    arma::mat m(rows.size(), rows.empty() ? 0 : rows[0].size());
    for (arma::uword i = 0; i < m.n_rows; ++i) {
        for (arma::uword j = 0; j < m.n_cols; ++j)
            m(i, j) = rows[i][j];
    }
    return m;
}

Matrix multiply(const Matrix& a, const Matrix& b) {
    Matrix c(a.size(), std::vector<double>(b[0].size(), 0.0));
    for (std::size_t i = 0; i < a.size(); ++i) {
        for (std::size_t k = 0; k < b.size(); ++k) {
            for (std::size_t j = 0; j < b[0].size(); ++j)
                c[i][j] += a[i][k] * b[k][j];
        }
    }
    return c;
}

// One position's softmax over the first `count` entries of z (the rest get 0).
std::vector<double> softmaxPrefix(const std::vector<double>& z, std::size_t count) {
    double top = z[0];
    for (std::size_t j = 1; j < count; ++j)
        top = std::max(top, z[j]);
    std::vector<double> p(z.size(), 0.0);
    double total = 0.0;
    for (std::size_t j = 0; j < count; ++j) {
        p[j] = std::exp(z[j] - top);
        total += p[j];
    }
    for (std::size_t j = 0; j < count; ++j)
        p[j] /= total;
    return p;
}

struct Direct {
    Matrix weights;
    Matrix logits;
    double loss = 0.0;
};

// The forward pass of one sequence written out with loops, from the formulas of MATH.md §0,
// sharing no code with engine/math/Transformer.cpp.
Direct directForward(const TransformerParams& p, const std::vector<arma::uword>& inputs,
                     const std::vector<arma::uword>& targets, bool relu) {
    const std::size_t n = inputs.size();
    const std::size_t d = p.E.n_cols;
    Matrix x(n, std::vector<double>(d));
    for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t k = 0; k < d; ++k)
            x[t][k] = p.E(inputs[t], k) + p.P(t, k);
    }
    const Matrix q = multiply(x, toRows(p.Wq));
    const Matrix key = multiply(x, toRows(p.Wk));
    const Matrix v = multiply(x, toRows(p.Wv));
    Direct out;
    out.weights.assign(n, std::vector<double>(n, 0.0));
    Matrix mixed(n, std::vector<double>(d, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<double> s(n, 0.0);
        for (std::size_t j = 0; j <= i; ++j) {
            for (std::size_t k = 0; k < d; ++k)
                s[j] += q[i][k] * key[j][k];
            s[j] /= std::sqrt(static_cast<double>(d));
        }
        out.weights[i] = softmaxPrefix(s, i + 1);
        for (std::size_t j = 0; j <= i; ++j) {
            for (std::size_t k = 0; k < d; ++k)
                mixed[i][k] += out.weights[i][j] * v[j][k];
        }
    }
    const Matrix attn = multiply(mixed, toRows(p.Wo));
    Matrix r1(n, std::vector<double>(d));
    for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t k = 0; k < d; ++k)
            r1[t][k] = x[t][k] + attn[t][k];
    }
    Matrix h = multiply(r1, toRows(p.W1));
    for (auto& row : h) {
        for (std::size_t j = 0; j < row.size(); ++j) {
            const double z = row[j] + p.b1(0, j);
            row[j] = relu ? std::max(z, 0.0) : 0.5 * z * (1.0 + std::erf(z / std::sqrt(2.0)));
        }
    }
    const Matrix f = multiply(h, toRows(p.W2));
    Matrix normed(n, std::vector<double>(d));
    for (std::size_t t = 0; t < n; ++t) {
        std::vector<double> r2(d);
        double mean = 0.0;
        for (std::size_t k = 0; k < d; ++k) {
            r2[k] = r1[t][k] + f[t][k] + p.b2(0, k);
            mean += r2[k] / static_cast<double>(d);
        }
        double var = 0.0;
        for (std::size_t k = 0; k < d; ++k)
            var += (r2[k] - mean) * (r2[k] - mean) / static_cast<double>(d);
        for (std::size_t k = 0; k < d; ++k)
            normed[t][k] = p.gamma(0, k) * (r2[k] - mean) / std::sqrt(var + 1e-5) + p.beta(0, k);
    }
    out.logits = multiply(normed, toRows(p.Wout));
    for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t j = 0; j < out.logits[t].size(); ++j)
            out.logits[t][j] += p.bout(0, j);
        const std::vector<double> probs = softmaxPrefix(out.logits[t], out.logits[t].size());
        out.loss -= std::log(probs[targets[t]]) / static_cast<double>(n);
    }
    return out;
}

TransformerConfig configFor(arma::uword length, Activation a = Activation::Gelu) {
    TransformerConfig c;
    c.vocab = 10;
    c.dModel = 6;
    c.dFF = 12;
    c.context = length;
    c.activation = a;
    return c;
}

// A random parameter set with non-trivial biases, γ and β, so every gradient is exercised.
TransformerParams randomParams(const TransformerConfig& c, std::uint64_t seed) {
    TransformerParams p = initTransformer(c, seed);
    arma::arma_rng::set_seed(seed + 1000);
    p.b1 = 0.1 * arma::randn(arma::size(p.b1));
    p.b2 = 0.1 * arma::randn(arma::size(p.b2));
    p.gamma = 1.0 + 0.2 * arma::randn(arma::size(p.gamma));
    p.beta = 0.1 * arma::randn(arma::size(p.beta));
    p.bout = 0.1 * arma::randn(arma::size(p.bout));
    return p;
}

const arma::urowvec kTokens = {2, 5, 1, 7, 3, 4};  // 0-based ids, 5 predictions

double paramNorm(const TransformerParams& p) {
    double s = 0.0;
    for (const auto& [name, member] : TransformerParams::fields())
        s += arma::accu(arma::square(p.*member));
    return std::sqrt(s);
}

// A repeating pattern in which the next token after 0 depends on the token before it: after
// "2 0" comes 3, after "4 0" comes 1.
arma::urowvec patternCorpus() {
    const arma::urowvec period = {0, 1, 2, 0, 3, 4};
    return arma::repmat(period, 1, 4);
}

// The least mean loss any model can reach on a batch: the conditional entropy of the target
// given everything a position sees (its sequence up to itself), over all positions. A window
// that starts with 0 cannot know which of 1 and 3 comes next.
double lossFloor(const TransformerBatch& b) {
    std::map<std::vector<arma::uword>, std::map<arma::uword, double>> counts;
    for (arma::uword s = 0; s < b.inputs.n_rows; ++s) {
        for (arma::uword t = 0; t < b.inputs.n_cols; ++t) {
            const arma::urowvec prefix = b.inputs.row(s).head(t + 1);
            counts[std::vector<arma::uword>(prefix.begin(), prefix.end())][b.targets(s, t)] += 1;
        }
    }
    double total = 0.0;
    for (const auto& [prefix, next] : counts) {
        double n = 0.0;
        for (const auto& [token, k] : next)
            n += k;
        for (const auto& [token, k] : next)
            total -= k * std::log(k / n);
    }
    return total / static_cast<double>(b.inputs.n_elem);
}

}  // namespace

class tst_Transformer : public QObject {
    Q_OBJECT

private slots:
    void forwardMatchesDirectComputation_data() {
        QTest::addColumn<int>("seed");
        QTest::addColumn<bool>("relu");
        for (int seed : {1, 2, 3, 42}) {
            QTest::newRow(qPrintable(QString("gelu seed %1").arg(seed))) << seed << false;
            QTest::newRow(qPrintable(QString("relu seed %1").arg(seed))) << seed << true;
        }
    }

    void forwardMatchesDirectComputation() {
        QFETCH(int, seed);
        QFETCH(bool, relu);
        const TransformerBatch b = nextTokenBatch(kTokens);
        const TransformerConfig c =
            configFor(b.inputs.n_cols, relu ? Activation::Relu : Activation::Gelu);
        const TransformerParams p = randomParams(c, static_cast<std::uint64_t>(seed));
        const TransformerForward f = transformerForward(c, p, b);
        const Direct direct = directForward(p, {2, 5, 1, 7, 3}, {5, 1, 7, 3, 4}, relu);
        LEMMA_COMPARE_NEAR(f.weights, fromRows(direct.weights), 1e-13);
        LEMMA_COMPARE_NEAR(f.logits, fromRows(direct.logits), 1e-12);
        LEMMA_COMPARE_NEAR(f.loss, direct.loss, 1e-12);
        QVERIFY(f.nonfinite.empty());
        // Probabilities are distributions; the loss is the mean of −log p(target).
        LEMMA_COMPARE_NEAR(arma::sum(f.probs, 1), 1.0, 1e-14);
        LEMMA_COMPARE_NEAR(f.loss, arma::mean(-arma::log(f.targetProbs)), 1e-14);
    }

    // Two sequences stacked in one batch give the same numbers as each alone, and the loss is
    // the mean of the two.
    void batchEqualsSequencesAlone() {
        const arma::urowvec a = {1, 2, 3, 4, 5};
        const arma::urowvec bTokens = {9, 0, 9, 0, 8};
        TransformerBatch both;
        both.inputs = arma::join_cols(a.head(4), bTokens.head(4));
        both.targets = arma::join_cols(a.tail(4), bTokens.tail(4));
        const TransformerConfig c = configFor(4);
        const TransformerParams p = randomParams(c, 5);
        const TransformerForward f = transformerForward(c, p, both);
        const TransformerForward fa = transformerForward(c, p, nextTokenBatch(a));
        const TransformerForward fb = transformerForward(c, p, nextTokenBatch(bTokens));
        LEMMA_COMPARE_NEAR(f.logits, arma::join_cols(fa.logits, fb.logits), 1e-13);
        LEMMA_COMPARE_NEAR(f.loss, 0.5 * (fa.loss + fb.loss), 1e-14);
        LEMMA_COMPARE_NEAR(f.weights, arma::join_cols(fa.weights, fb.weights), 1e-14);
        const TransformerBackward g = transformerBackward(c, p, both, f);
        const TransformerBackward ga = transformerBackward(c, p, nextTokenBatch(a), fa);
        const TransformerBackward gb = transformerBackward(c, p, nextTokenBatch(bTokens), fb);
        LEMMA_COMPARE_NEAR(g.grads.Wq, 0.5 * (ga.grads.Wq + gb.grads.Wq), 1e-14);
        LEMMA_COMPARE_NEAR(g.grads.E, 0.5 * (ga.grads.E + gb.grads.E), 1e-14);
    }

    void causalMaskKeepsTheFutureAtZero_data() {
        QTest::addColumn<double>("scale");
        QTest::newRow("ordinary weights") << 1.0;
        QTest::newRow("large weights") << 4.0;
    }

    // Every weight above the diagonal is exactly 0, and changing a later token changes
    // nothing at earlier positions.
    void causalMaskKeepsTheFutureAtZero() {
        QFETCH(double, scale);
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            TransformerConfig c = configFor(5);
            c.scale = scale;
            const TransformerParams p = initTransformer(c, seed);
            const TransformerForward f = transformerForward(c, p, nextTokenBatch(kTokens));
            for (arma::uword i = 0; i < 5; ++i) {
                for (arma::uword j = i + 1; j < 5; ++j)
                    QCOMPARE(f.weights(i, j), 0.0);
            }
            LEMMA_COMPARE_NEAR(arma::sum(f.weights, 1), 1.0, 1e-14);
            arma::urowvec changed = kTokens;
            changed(3) = 9;
            const TransformerForward g = transformerForward(c, p, nextTokenBatch(changed));
            LEMMA_COMPARE_NEAR(g.logits.rows(0, 2), f.logits.rows(0, 2), 0.0);
            QVERIFY(arma::any(arma::vectorise(g.logits.row(3) != f.logits.row(3))));
        }
    }

    void gradientsMatchFiniteDifferences_data() {
        QTest::addColumn<int>("seed");
        QTest::addColumn<bool>("relu");
        QTest::addColumn<bool>("naiveCe");
        for (int seed : {1, 2, 3, 4, 5})
            QTest::newRow(qPrintable(QString("gelu seed %1").arg(seed))) << seed << false << false;
        // Seeds whose ReLU pre-activations all keep away from the kink.
        for (int seed : {1, 2, 3, 5, 8, 9, 11, 12})
            QTest::newRow(qPrintable(QString("relu seed %1").arg(seed))) << seed << true << false;
        QTest::newRow("gelu, naive cross-entropy") << 7 << false << true;
    }

    // Every entry of every parameter's gradient against this test's own central differences,
    // to 1e-6 relative (entries below 1e-6 in size compared absolutely at that scale); and the
    // engine's own check agrees.
    void gradientsMatchFiniteDifferences() {
        QFETCH(int, seed);
        QFETCH(bool, relu);
        QFETCH(bool, naiveCe);
        const TransformerBatch b = nextTokenBatch(kTokens);
        TransformerConfig c = configFor(5, relu ? Activation::Relu : Activation::Gelu);
        if (naiveCe)
            c.crossEntropy = CrossEntropyKind::Naive;
        const TransformerParams p = randomParams(c, static_cast<std::uint64_t>(seed));
        const TransformerForward f = transformerForward(c, p, b);
        const double h = 1e-3;
        if (relu) {
            // Differences of ±2h must not straddle a ReLU's kink.
            QVERIFY2(
                arma::abs(f.pre).min() > 10 * h,
                qPrintable(
                    QString("a pre-activation is near the kink: %1").arg(arma::abs(f.pre).min())));
        }
        const TransformerBackward g = transformerBackward(c, p, b, f);
        QVERIFY(g.nonfinite.empty());
        TransformerParams probe = p;
        for (const auto& [name, member] : TransformerParams::fields()) {
            arma::mat& theta = probe.*member;
            const arma::mat& analytic = g.grads.*member;
            QCOMPARE(arma::size(analytic), arma::size(theta));
            for (arma::uword i = 0; i < theta.n_elem; ++i) {
                const double saved = theta(i);
                double at[4];
                const double offsets[4] = {-2 * h, -h, h, 2 * h};
                for (int k = 0; k < 4; ++k) {
                    theta(i) = saved + offsets[k];
                    at[k] = transformerLoss(c, probe, b);
                }
                theta(i) = saved;
                const double numeric = (at[0] - 8 * at[1] + 8 * at[2] - at[3]) / (12 * h);
                const double size = std::max({std::abs(numeric), std::abs(analytic(i)), 1e-6});
                QVERIFY2(std::abs(numeric - analytic(i)) <= 1e-6 * size,
                         qPrintable(QString("%1(%2): analytic %3, numeric %4")
                                        .arg(name)
                                        .arg(i)
                                        .arg(analytic(i), 0, 'g', 12)
                                        .arg(numeric, 0, 'g', 12)));
            }
        }
        const TransformerGradCheck check = checkTransformerGradients(c, p, b, g.grads);
        QVERIFY2(check.pass, qPrintable(QString::number(check.max_rel_error)));
        QVERIFY(check.max_rel_error < 1e-6);
        QCOMPARE(check.params.size(), TransformerParams::kCount);
    }

    // The plain two-point central difference, (L(θ+h) − L(θ−h))/2h, agrees too, at its own
    // accuracy: its truncation error is O(h²).
    void gradientsMatchTwoPointDifferences() {
        const TransformerBatch b = nextTokenBatch(kTokens);
        const TransformerConfig c = configFor(5);
        const TransformerParams p = randomParams(c, 11);
        const TransformerBackward g = transformerBackward(c, p, b, transformerForward(c, p, b));
        TransformerParams probe = p;
        const double h = 1e-5;
        for (const auto& [name, member] : TransformerParams::fields()) {
            arma::mat& theta = probe.*member;
            const arma::mat& analytic = g.grads.*member;
            for (arma::uword i = 0; i < theta.n_elem; ++i) {
                const double saved = theta(i);
                theta(i) = saved + h;
                const double up = transformerLoss(c, probe, b);
                theta(i) = saved - h;
                const double down = transformerLoss(c, probe, b);
                theta(i) = saved;
                const double numeric = (up - down) / (2 * h);
                QVERIFY2(
                    std::abs(numeric - analytic(i)) <= 1e-6 * std::max(1e-3, std::abs(numeric)),
                    qPrintable(QString("%1(%2): analytic %3, numeric %4")
                                   .arg(name)
                                   .arg(i)
                                   .arg(analytic(i), 0, 'g', 12)
                                   .arg(numeric, 0, 'g', 12)));
            }
        }
    }

    // The check is not a rubber stamp: an analytic gradient off by 1e-3 in one entry fails.
    void gradCheckCatchesAWrongGradient() {
        const TransformerBatch b = nextTokenBatch(kTokens);
        const TransformerConfig c = configFor(5);
        const TransformerParams p = randomParams(c, 3);
        TransformerParams wrong = transformerBackward(c, p, b, transformerForward(c, p, b)).grads;
        wrong.Wk(2, 3) += 1e-3;
        const TransformerGradCheck check = checkTransformerGradients(c, p, b, wrong);
        QVERIFY(!check.pass);
        for (const GradCheckEntry& e : check.params)
            QCOMPARE(e.pass, e.name != "Wk");
        QVERIFY(check.params[3].rel_error(2, 3) > 1e-3);
        QCOMPARE(check.params[3].rel_error.index_max(), arma::uword(2 + 3 * 6));
    }

    // Stage by stage: ∂L/∂z = (p − y)/M at the output, and the naive cross-entropy's longer
    // path through the probabilities reaches the same gradient while nothing underflows.
    void outputGradientIsPMinusY() {
        const TransformerBatch b = nextTokenBatch(kTokens);
        TransformerConfig c = configFor(5);
        const TransformerParams p = randomParams(c, 4);
        const TransformerForward f = transformerForward(c, p, b);
        const TransformerBackward g = transformerBackward(c, p, b, f);
        arma::mat y(5, 10, arma::fill::zeros);
        for (arma::uword t = 0; t < 5; ++t)
            y(t, b.targets(0, t)) = 1.0;
        LEMMA_COMPARE_NEAR(g.logits, (f.probs - y) / 5.0, 1e-16);
        QVERIFY(g.probs.is_empty());
        c.crossEntropy = CrossEntropyKind::Naive;
        const TransformerForward fn = transformerForward(c, p, b);
        const TransformerBackward gn = transformerBackward(c, p, b, fn);
        LEMMA_COMPARE_NEAR(fn.loss, f.loss, 1e-14);
        LEMMA_COMPARE_NEAR(gn.logits, g.logits, 1e-15);
        LEMMA_COMPARE_NEAR(gn.grads.Wq, g.grads.Wq, 1e-13);
        // Tokens that never appear as inputs get no gradient in E.
        QCOMPARE(arma::accu(arma::abs(g.grads.E.row(0))), 0.0);
    }

    void smallSgdStepLowersTheLoss() {
        const TransformerBatch b = nextTokenBatch(kTokens);
        const TransformerConfig c = configFor(5);
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            TransformerStepOptions o;
            o.lr = 0.05;
            o.check = false;
            const TransformerStepResult s = transformerStep(c, initTransformer(c, seed), b, o);
            QVERIFY2(
                s.lossAfter < s.lossBefore,
                qPrintable(
                    QString("seed %1: %2 -> %3").arg(seed).arg(s.lossBefore).arg(s.lossAfter)));
            LEMMA_COMPARE_NEAR(s.update.Wout, -0.05 * s.backward.grads.Wout, 1e-15);
            // First order: the decrease is about lr·‖g‖².
            const double predicted = 0.05 * std::pow(paramNorm(s.backward.grads), 2);
            QVERIFY(std::abs((s.lossBefore - s.lossAfter) - predicted) < 0.3 * predicted);
            QVERIFY(s.nonfinite.empty());
        }
    }

    // Adam's first step from zero moments moves every parameter with a gradient by lr against
    // its sign: m̂ = g and v̂ = g², so the step is lr·g/(|g| + ε).
    void adamFirstStepIsASignStep() {
        const TransformerBatch b = nextTokenBatch(kTokens);
        const TransformerConfig c = configFor(5);
        TransformerStepOptions o;
        o.lr = 0.01;
        o.optimizer = TransformerOptimizer::Adam;
        o.check = false;
        const TransformerStepResult s = transformerStep(c, initTransformer(c, 9), b, o);
        const arma::mat& g = s.backward.grads.Wv;
        LEMMA_COMPARE_NEAR(s.update.Wv, -0.01 * g / (arma::abs(g) + 1e-8), 1e-15);
        QVERIFY(s.lossAfter < s.lossBefore);
    }

    void trainingOnTheToyCorpusReachesTheThreshold_data() {
        QTest::addColumn<int>("optimizer");
        QTest::addColumn<double>("lr");
        QTest::addColumn<double>("threshold");
        // The floor is 0.0607 here (7 of 80 positions are a coin toss between two tokens).
        QTest::newRow("adam") << int(TransformerOptimizer::Adam) << 0.03 << 0.065;
        QTest::newRow("sgd") << int(TransformerOptimizer::Sgd) << 0.3 << 0.07;
    }

    // 300 full-batch steps on the pattern bring the loss to within 0.01 of the least any model
    // can reach, and the model ranks every predictable next token first. Without attention
    // a position with input 0 could not tell 1 from 3, so the accuracy says attention learned
    // to look back.
    void trainingOnTheToyCorpusReachesTheThreshold() {
        QFETCH(int, optimizer);
        QFETCH(double, lr);
        QFETCH(double, threshold);
        const TransformerBatch b = windowBatch(patternCorpus(), 4);
        QCOMPARE(b.inputs.n_rows, arma::uword(20));
        const double floor = lossFloor(b);
        QVERIFY(std::abs(floor - 7.0 * std::log(2.0) / 80.0) < 0.01);
        const TransformerConfig c = configFor(4);
        TransformerTrainOptions o;
        o.steps = 300;
        o.lr = lr;
        o.optimizer = static_cast<TransformerOptimizer>(optimizer);
        const TransformerTrainResult r = transformerTrain(c, initTransformer(c, 1), b, o);
        QCOMPARE(r.loss.n_elem, arma::uword(301));
        QCOMPARE(r.divergedAt, arma::uword(0));
        QVERIFY2(r.loss(300) < threshold,
                 qPrintable(QString("%1 (floor %2)").arg(r.loss(300)).arg(floor)));
        QVERIFY(r.loss(300) >= floor - 1e-12);
        QVERIFY(r.accuracy >= 1.0 - 7.0 / 80.0);
        // Training on the same windows from the same start is deterministic.
        const TransformerTrainResult again = transformerTrain(c, initTransformer(c, 1), b, o);
        QCOMPARE(again.loss(300), r.loss(300));
        LEMMA_COMPARE_NEAR(r.weightsBefore.t(), arma::trimatu(r.weightsBefore.t()), 0.0);
        LEMMA_COMPARE_NEAR(r.weightsAfter.t(), arma::trimatu(r.weightsAfter.t()), 0.0);
    }

    // The attention rows sharpen as the model learns: their mean entropy falls.
    void trainingSharpensAttention() {
        const TransformerBatch b = windowBatch(patternCorpus(), 4);
        const TransformerConfig c = configFor(4);
        TransformerTrainOptions o;
        o.steps = 300;
        o.lr = 0.03;
        // Over a dozen initialisations the attention's entropy falls by a fifth or more for the
        // typical one (the median), and for at least two thirds of them.
        std::vector<double> ratios;
        for (int seed = 1; seed <= 12; ++seed) {
            const TransformerTrainResult r = transformerTrain(c, initTransformer(c, seed), b, o);
            ratios.push_back(r.entropy(300) / r.entropy(0));
        }
        std::sort(ratios.begin(), ratios.end());
        QVERIFY2(ratios[6] < 0.8, qPrintable(QString::number(ratios[6])));
        QVERIFY(std::count_if(ratios.begin(), ratios.end(), [](double x) { return x < 0.8; }) >= 8);
    }

    // A learning rate past the stable range makes SGD diverge: the loss grows to overflow and
    // the run stops at the first non-finite value, saying where it appeared.
    void trainingDivergesPastTheStableRange() {
        const TransformerBatch b = windowBatch(patternCorpus(), 4);
        const TransformerConfig c = configFor(4);
        TransformerTrainOptions o;
        o.steps = 300;
        o.lr = 10.0;
        o.optimizer = TransformerOptimizer::Sgd;
        const TransformerTrainResult r = transformerTrain(c, initTransformer(c, 1), b, o);
        QVERIFY(r.divergedAt > 1);
        QVERIFY(!r.nonfinite.empty());
        QVERIFY(!std::isfinite(r.loss(r.divergedAt - 1)));
        QVERIFY(std::isfinite(r.loss(r.divergedAt - 2)));
        QVERIFY(r.loss.head(r.divergedAt - 1).max() > 100.0 * r.loss(0));
    }

    // Scores past ~709 overflow exp: the naive softmax gives ∞/∞ = NaN in the attention
    // weights; subtracting the row maximum keeps everything finite.
    void naiveSoftmaxOverflowsStableDoesNot() {
        const TransformerBatch b = nextTokenBatch(kTokens);
        TransformerConfig c = configFor(5);
        c.scale = 30.0;
        c.softmax = SoftmaxKind::Naive;
        const TransformerParams p = initTransformer(c, 1);
        const TransformerForward naive = transformerForward(c, p, b);
        QVERIFY(naive.scores.is_finite());
        QVERIFY(naive.scores.max() > 710.0);
        QCOMPARE(naive.nonfinite, std::string("forward.attention.weights"));
        QVERIFY(std::isnan(naive.loss));
        c.softmax = SoftmaxKind::Stable;
        const TransformerForward stable = transformerForward(c, p, b);
        QVERIFY2(stable.nonfinite.empty(), stable.nonfinite.c_str());
        QVERIFY(std::isfinite(stable.loss));
        QVERIFY(transformerBackward(c, p, b, stable).nonfinite.empty());
        // With ordinary weights the two agree.
        c.scale = 1.0;
        const TransformerParams q = initTransformer(c, 1);
        const double stableLoss = transformerLoss(c, q, b);
        c.softmax = SoftmaxKind::Naive;
        LEMMA_COMPARE_NEAR(transformerLoss(c, q, b), stableLoss, 1e-14);
    }

    // A target probability that underflows to 0 makes −log p = ∞ and the gradient NaN; the
    // log-sum-exp form log Σ e^z − z_y stays finite.
    void naiveCrossEntropyTakesLogOfZero() {
        const TransformerBatch b = nextTokenBatch(kTokens);
        TransformerConfig c = configFor(5);
        c.scale = 1000.0;
        c.crossEntropy = CrossEntropyKind::Naive;
        const TransformerParams p = initTransformer(c, 1);
        const TransformerForward naive = transformerForward(c, p, b);
        QVERIFY(naive.logits.is_finite());
        QCOMPARE(arma::min(naive.targetProbs), 0.0);
        QCOMPARE(naive.nonfinite, std::string("forward.cross_entropy.nll"));
        QVERIFY(std::isinf(naive.loss));
        const TransformerBackward g = transformerBackward(c, p, b, naive);
        QCOMPARE(g.nonfinite, std::string("backward.output.probs"));
        c.crossEntropy = CrossEntropyKind::LogSumExp;
        const TransformerForward stable = transformerForward(c, p, b);
        QVERIFY(stable.nonfinite.empty());
        QVERIFY(std::isfinite(stable.loss) && stable.loss > 100.0);
        QVERIFY(transformerBackward(c, p, b, stable).nonfinite.empty());
    }

    // A step far past the stable range raises the loss; training at that rate diverges.
    void learningRateTooLargeBlowsUp() {
        const TransformerBatch b = nextTokenBatch(kTokens);
        const TransformerConfig c = configFor(5);
        TransformerStepOptions o;
        o.check = false;
        o.lr = 500.0;
        const TransformerStepResult big = transformerStep(c, initTransformer(c, 1), b, o);
        QVERIFY2(big.lossAfter > big.lossBefore,
                 qPrintable(QString("%1 -> %2").arg(big.lossBefore).arg(big.lossAfter)));
        o.lr = 0.05;
        const TransformerStepResult small = transformerStep(c, initTransformer(c, 1), b, o);
        QVERIFY(small.lossAfter < small.lossBefore);
    }

    void stepRefusesBadBatches() {
        const TransformerConfig c = configFor(3);
        const TransformerParams p = initTransformer(c, 1);
        TransformerStepOptions o;
        QCOMPARE(lemma::test::errorOf(
                     [&] { transformerStep(c, p, nextTokenBatch(arma::urowvec{1}), o); }),
                 std::string("transformer_step: give at least two tokens (inputs and the next "
                             "token to predict)"));
        QCOMPARE(lemma::test::errorOf([&] {
                     transformerStep(c, p, nextTokenBatch(arma::urowvec{1, 2, 3, 4, 5}), o);
                 }),
                 std::string("transformer_step: 4 input positions do not fit the context of 3"));
        QCOMPARE(lemma::test::errorOf([&] {
                     transformerStep(c, p, nextTokenBatch(arma::urowvec{1, 12}), o);
                 }),
                 std::string("transformer_step: token ids must be between 1 and vocab = 10, "
                             "got 13"));
        QCOMPARE(lemma::test::errorOf([] { parseActivation("tanh"); }),
                 std::string("unknown activation 'tanh' (use \"relu\" or \"gelu\")"));
    }
};

QTEST_APPLESS_MAIN(tst_Transformer)
#include "tst_Transformer.moc"
