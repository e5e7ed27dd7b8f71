// Benchmark: the tiny transformer at the tour's sizes (vocabulary 10, d_model 6, d_ff 12):
// one forward and backward pass, one transformer_step with its finite-difference check, and a
// 300-step training run on the tour's corpus (the run a learning-rate slider repeats on every
// drag; it should stay well under 50 ms).
#include <QElapsedTimer>
#include <QTest>
#include <armadillo>
#include <ctime>

#include "engine/math/Transformer.h"
#include "engine/math/TransformerTraining.h"

using namespace lemma::math;

namespace {

TransformerConfig tourConfig(arma::uword length) {
    TransformerConfig c;
    c.vocab = 10;
    c.dModel = 6;
    c.dFF = 12;
    c.context = length;
    return c;
}

// The tour's corpus: a pattern whose next token depends on the token two back.
arma::urowvec tourCorpus() {
    const arma::urowvec period = {0, 1, 2, 0, 3, 4};
    return arma::repmat(period, 1, 4);
}

}  // namespace

class bench_Transformer : public QObject {
    Q_OBJECT

private slots:
    void forwardBackward() {
        const TransformerBatch b = nextTokenBatch(arma::urowvec{2, 5, 1, 7, 3, 4});
        const TransformerConfig c = tourConfig(5);
        const TransformerParams p = initTransformer(c, 1);
        QBENCHMARK {
            const TransformerForward f = transformerForward(c, p, b);
            const TransformerBackward g = transformerBackward(c, p, b, f);
            QVERIFY(g.nonfinite.empty());
        }
    }

    void stepWithGradCheck() {
        const TransformerBatch b = nextTokenBatch(arma::urowvec{2, 5, 1, 7, 3, 4});
        const TransformerConfig c = tourConfig(5);
        const TransformerParams p = initTransformer(c, 1);
        TransformerStepOptions o;
        QBENCHMARK {
            const TransformerStepResult s = transformerStep(c, p, b, o);
            QVERIFY(s.gradcheck.pass);
        }
    }

    void train300Steps() {
        const TransformerBatch b = windowBatch(tourCorpus(), 4);
        const TransformerConfig c = tourConfig(4);
        const TransformerParams p = initTransformer(c, 1);
        TransformerTrainOptions o;
        o.steps = 300;
        o.lr = 0.05;
        // CPU time as well as wall time: on a shared machine the wall clock also counts the
        // time other processes held the cores.
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpu = std::clock();
        int runs = 0;
        QBENCHMARK {
            const TransformerTrainResult r = transformerTrain(c, p, b, o);
            QVERIFY(r.divergedAt == 0);
            ++runs;
        }
        qInfo("300 steps on %llu windows: %.2f ms wall, %.2f ms CPU per run",
              static_cast<unsigned long long>(b.inputs.n_rows),
              static_cast<double>(timer.nsecsElapsed()) * 1e-6 / runs,
              1e3 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC / runs);
    }
};

QTEST_APPLESS_MAIN(bench_Transformer)
#include "bench_Transformer.moc"
