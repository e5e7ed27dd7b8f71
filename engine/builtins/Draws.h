// Deterministic uniform integer draws from the run's generator (uniform and normal matrices
// come from engine/math/Random.h). The transforms are Lemma's own, not std::uniform_*_distribution,
// whose algorithms differ between standard libraries, nor Armadillo's global generator, so a seed
// gives the same numbers on every machine.
#pragma once

#include <cstdint>
#include <random>

namespace lemma::builtins {

// Uniform on (0, 1): (k + 1/2) / 2^53 for a 53-bit k, never exactly 0 or 1.
double uniform01(std::mt19937_64& rng);

// Uniform on {0, …, n - 1} without modulo bias; n ≥ 1.
std::uint64_t uniformBelow(std::mt19937_64& rng, std::uint64_t n);

}  // namespace lemma::builtins
