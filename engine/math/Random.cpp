// Seeded uniform and Gaussian numbers (mt19937_64 with a Box–Muller transform).
#include "engine/math/Random.h"

#include <cmath>
#include <numbers>

namespace lemma::math {

namespace {

double uniform53(std::mt19937_64& engine) {
    return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

// One Box–Muller pair. u1 is taken from (0, 1] so that log(u1) is finite.
void normalPair(std::mt19937_64& engine, double& z0, double& z1) {
    const double u1 = 1.0 - uniform53(engine);
    const double u2 = uniform53(engine);
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    z0 = radius * std::cos(angle);
    z1 = radius * std::sin(angle);
}

}  // namespace

arma::mat gaussianMatrix(std::mt19937_64& engine, arma::uword rows, arma::uword cols,
                         double stddev) {
    arma::mat m(rows, cols);
    double* p = m.memptr();
    const arma::uword n = m.n_elem;
    arma::uword i = 0;
    for (; i + 1 < n; i += 2) {
        normalPair(engine, p[i], p[i + 1]);
    }
    if (i < n) {
        double unused = 0.0;
        normalPair(engine, p[i], unused);
    }
    m *= stddev;
    return m;
}

double Random::uniform() {
    return uniform53(m_engine);
}

double Random::normal() {
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    double z0 = 0.0;
    normalPair(m_engine, z0, m_spare);
    m_hasSpare = true;
    return z0;
}

arma::mat Random::gaussian(arma::uword rows, arma::uword cols, double stddev) {
    return gaussianMatrix(m_engine, rows, cols, stddev);
}

}  // namespace lemma::math
