// A seeded, reproducible source of Gaussian numbers and matrices for the worked examples.
#pragma once

#include <armadillo>
#include <cstdint>
#include <random>

namespace lemma::math {

// Fills a rows×cols matrix with independent N(0, stddev²) draws from `engine`, column by
// column. The normal transform is our own (Box–Muller on 53-bit uniforms) because
// std::normal_distribution and arma::randn are implementation-defined or use a global
// generator: the same seed must give the same numbers on every platform and in every thread.
arma::mat gaussianMatrix(std::mt19937_64& engine, arma::uword rows, arma::uword cols,
                         double stddev = 1.0);

// A seeded generator for the mathematics. Responsibilities: own one std::mt19937_64, hand out
// uniform and standard normal numbers and Gaussian matrices, reproducibly from the seed.
// Not thread-safe; give each thread its own Random.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}

    // Uniform on [0, 1), from the top 53 bits of one engine draw.
    double uniform();
    // Standard normal (the second value of each Box–Muller pair is kept for the next call).
    double normal();
    // See gaussianMatrix(); does not use the cached normal.
    arma::mat gaussian(arma::uword rows, arma::uword cols, double stddev = 1.0);

    std::mt19937_64& engine() { return m_engine; }

private:
    std::mt19937_64 m_engine;
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

}  // namespace lemma::math
