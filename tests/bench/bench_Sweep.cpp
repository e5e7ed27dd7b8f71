// Benchmark: the optimizer sweep of issue 14 (logistic regression, n = 20,000, d = 100, × {SGD,
// momentum, Adam} × batch {16, 64, 256, 1024} × 3 seeds × 2,000 steps, minibatch loss every
// step, full loss every 50) on all cores, beside the same sweep written plainly in NumPy
// (sweep_numpy.py, run with /usr/bin/python3 when NumPy is installed), with the ratio.
// LEMMA_BENCH_SWEEP_STEPS shortens both sides.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTest>
#include <cstdlib>
#include <thread>

#include "engine/math/BlasThreads.h"
#include "engine/math/Sweep.h"

using namespace lemma::math::optim;

class bench_Sweep : public QObject {
    Q_OBJECT

private:
    arma::uword m_steps = 2000;
    double m_lemmaSeconds = 0.0;

private slots:
    void initTestCase() {
        if (const char* s = std::getenv("LEMMA_BENCH_SWEEP_STEPS"))
            m_steps = static_cast<arma::uword>(std::max(50, std::atoi(s)));
        const char* coretype = std::getenv("OPENBLAS_CORETYPE");
        qInfo("BLAS: %s", lemma::math::blasDescription().c_str());
        qInfo("OPENBLAS_CORETYPE: %s", coretype ? coretype : "(not set)");
        qInfo("cores: %u", std::thread::hardware_concurrency());
    }

    void lemmaSweep() {
        QElapsedTimer data;
        data.start();
        const LogisticProblem problem(20000, 100, 1.0, 1);
        qInfo("data: %.3f s", data.nsecsElapsed() * 1e-9);
        std::vector<RunSpec> specs;
        const std::pair<Method, double> methods[] = {
            {Method::Sgd, 0.1}, {Method::Momentum, 0.01}, {Method::Adam, 1e-3}};
        for (const auto& [method, lr] : methods) {
            for (arma::uword batch : {16, 64, 256, 1024}) {
                for (std::uint64_t seed : {1, 2, 3}) {
                    OptimizerSettings s;
                    s.method = method;
                    s.lr = lr;
                    specs.push_back({withDefaults(s, "bench"), Schedule::Constant, batch, seed});
                }
            }
        }
        SweepOptions options;
        options.steps = m_steps;
        options.evalEvery = 50;
        QElapsedTimer timer;
        timer.start();
        const std::vector<RunRecord> records = runAll(problem, specs, options);
        m_lemmaSeconds = timer.nsecsElapsed() * 1e-9;
        double finals = 0.0;
        for (const RunRecord& r : records)
            finals += r.full_loss(r.full_loss.n_elem - 1);
        qInfo("lemma: %zu runs × %llu steps in %.3f s, mean final loss %.4f", records.size(),
              static_cast<unsigned long long>(m_steps), m_lemmaSeconds,
              finals / static_cast<double>(records.size()));
    }

    void numpySweep() {
        // __FILE__ is relative to the build directory, the parent of this executable's.
        const QString source = QDir(QCoreApplication::applicationDirPath() + "/..")
                                   .absoluteFilePath(QStringLiteral(__FILE__));
        const QString script = QFileInfo(source).absolutePath() + QStringLiteral("/sweep_numpy.py");
        QProcess python;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LEMMA_BENCH_SWEEP_STEPS"), QString::number(m_steps));
        python.setProcessEnvironment(env);
        python.start(QStringLiteral("/usr/bin/python3"), {script});
        if (!python.waitForStarted() || !python.waitForFinished(-1) || python.exitCode() != 0) {
            QSKIP(qPrintable("NumPy side did not run (install python3-numpy): " +
                             QString::fromUtf8(python.readAllStandardError()).left(300)));
        }
        const QString out = QString::fromUtf8(python.readAllStandardOutput());
        double numpySeconds = 0.0;
        for (const QString& line : out.split('\n')) {
            if (line.startsWith(QStringLiteral("numpy_seconds ")))
                numpySeconds = line.mid(14).toDouble();
            else if (!line.isEmpty())
                qInfo("%s", qPrintable(line));
        }
        QVERIFY(numpySeconds > 0);
        qInfo("numpy: %.3f s", numpySeconds);
        qInfo("RESULT sweep: lemma %.3f s, numpy %.3f s, lemma is %.1f× faster (goal ≥ 5×)",
              m_lemmaSeconds, numpySeconds, numpySeconds / m_lemmaSeconds);
    }
};

QTEST_GUILESS_MAIN(bench_Sweep)
#include "bench_Sweep.moc"
