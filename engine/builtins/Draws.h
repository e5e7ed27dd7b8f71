// Deterministic random draws from the run's generator. The transforms are Lemma's own (not
// std::uniform_real_distribution, whose algorithm differs between standard libraries, nor
// Armadillo's global generator), so a seed gives the same numbers on every machine.
#pragma once

#include <cstdint>
#include <random>

namespace lemma::builtins {

// Uniform on the open interval (0, 1), from the top 53 bits of one draw.
double uniform01(std::mt19937_64& rng);

// Standard normal by the Box–Muller transform (two uniform draws per value).
double standardNormal(std::mt19937_64& rng);

// Uniform on {0, …, n - 1} without modulo bias; n ≥ 1.
std::uint64_t uniformBelow(std::mt19937_64& rng, std::uint64_t n);

}  // namespace lemma::builtins
