// Benchmark: randomized SVD against Armadillo's full (economical) SVD for a rank-64
// compression of a d×d matrix with a decaying spectrum (d = 4096, or $LEMMA_BENCH_RSVD_D).
#include <QElapsedTimer>
#include <QTest>
#include <armadillo>
#include <cmath>
#include <cstdlib>

#include "engine/math/LowRank.h"
#include "engine/math/Random.h"

class bench_Rsvd : public QObject {
    Q_OBJECT

private:
    arma::uword m_d = 4096;
    const arma::uword m_r = 64;
    arma::mat m_W;
    arma::vec m_sigma;
    double m_rsvdSeconds = 0.0;
    double m_svdSeconds = 0.0;
    double m_rsvdFro = 0.0;
    double m_rsvdSpec = 0.0;
    double m_svdFro = 0.0;

    double residualFro(const arma::mat& U, const arma::vec& s, const arma::mat& V) const {
        const arma::mat approx = U * arma::diagmat(s) * V.t();
        return arma::norm(m_W - approx, "fro");
    }

private slots:
    void initTestCase() {
        if (const char* d = std::getenv("LEMMA_BENCH_RSVD_D")) {
            m_d = static_cast<arma::uword>(std::max(128, std::atoi(d)));
        }
        // W = U diag(σ) Vᵀ with random orthonormal U, V and σᵢ = exp(−i/32).
        lemma::math::Random random(2024);
        arma::mat U;
        arma::mat V;
        arma::mat R;
        arma::qr_econ(U, R, random.gaussian(m_d, m_d));
        arma::qr_econ(V, R, random.gaussian(m_d, m_d));
        m_sigma = arma::exp(-arma::regspace<arma::vec>(0, static_cast<double>(m_d) - 1) / 32.0);
        m_W = U * arma::diagmat(m_sigma) * V.t();
        qInfo("d = %llu, r = %llu", static_cast<unsigned long long>(m_d),
              static_cast<unsigned long long>(m_r));
    }

    void randomized() {
        lemma::math::RsvdResult f;
        QElapsedTimer timer;
        QBENCHMARK_ONCE {
            timer.start();
            f = lemma::math::rsvd(m_W, m_r);
            m_rsvdSeconds = static_cast<double>(timer.nsecsElapsed()) * 1e-9;
        }
        m_rsvdFro = residualFro(f.U, f.s, f.V);
        const arma::mat approx = f.U * arma::diagmat(f.s) * f.V.t();
        m_rsvdSpec = arma::norm(m_W - approx, 2);
    }

    void exact() {
        arma::mat U;
        arma::vec s;
        arma::mat V;
        QElapsedTimer timer;
        QBENCHMARK_ONCE {
            timer.start();
            QVERIFY(arma::svd_econ(U, s, V, m_W));
            m_svdSeconds = static_cast<double>(timer.nsecsElapsed()) * 1e-9;
        }
        m_svdFro = residualFro(U.head_cols(m_r), s.head(m_r), V.head_cols(m_r));
    }

    void report() {
        const double optimalFro =
            std::sqrt(arma::accu(arma::square(m_sigma.tail(m_sigma.n_elem - m_r))));
        const double optimalSpec = m_sigma(m_r);
        qInfo("rsvd %.3f s, full svd %.3f s: rsvd is %.1f times faster", m_rsvdSeconds,
              m_svdSeconds, m_svdSeconds / m_rsvdSeconds);
        qInfo("relative error vs optimal: Frobenius %+.3e, spectral %+.3e (full svd: %+.3e)",
              m_rsvdFro / optimalFro - 1.0, m_rsvdSpec / optimalSpec - 1.0,
              m_svdFro / optimalFro - 1.0);
        // The Eckart–Young (Frobenius) error is the compression error the notebook reports;
        // the spectral error of rsvd with p = 10, q = 2 is looser on slow decays and is only
        // reported.
        QVERIFY(m_rsvdFro <= 1.01 * optimalFro);
    }
};

QTEST_APPLESS_MAIN(bench_Rsvd)
#include "bench_Rsvd.moc"
