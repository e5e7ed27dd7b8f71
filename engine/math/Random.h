// A seeded, reproducible source of uniform and Gaussian numbers and matrices.
#pragma once

#include <armadillo>
#include <cstdint>
#include <random>

#include "engine/math/Xoshiro256.h"

namespace lemma::math {

// One standard normal draw by the ziggurat method of Marsaglia & Tsang (2000) with 256
// layers: one 64-bit word gives the layer (8 bits), the sign (1 bit) and the abscissa (53
// bits), accepted at once about 99% of the time; the rest take the wedge or tail test. Our
// own transform rather than std::normal_distribution or arma::randn, which are
// implementation-defined or use a global generator: the same seed gives the same numbers on
// every platform and in every thread.
double standardNormal(Xoshiro256& generator);

// Fills a rows×cols matrix with independent N(0, stddev²) draws, column by column, from a
// Xoshiro256 stream seeded by one draw of `engine` (so `engine` advances by one word whatever
// the size, and the result depends only on its state).
arma::mat gaussianMatrix(std::mt19937_64& engine, arma::uword rows, arma::uword cols,
                         double stddev = 1.0);
// The same with uniform draws on the open interval (0, 1), 53 bits each.
arma::mat uniformMatrix(std::mt19937_64& engine, arma::uword rows, arma::uword cols);

// A seeded generator for the mathematics. Responsibilities: own one Xoshiro256, hand out
// uniform and standard normal numbers and Gaussian matrices, reproducibly from the seed.
// Not thread-safe; give each thread its own Random.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_generator(seed) {}

    // Uniform on [0, 1), 53 bits.
    double uniform() { return m_generator.uniform(); }
    double normal() { return standardNormal(m_generator); }
    // rows×cols independent N(0, stddev²) draws, column by column.
    arma::mat gaussian(arma::uword rows, arma::uword cols, double stddev = 1.0);

    Xoshiro256& generator() { return m_generator; }

private:
    Xoshiro256 m_generator;
};

}  // namespace lemma::math
