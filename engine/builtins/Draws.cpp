// Deterministic random draws (see Draws.h).
#include "engine/builtins/Draws.h"

namespace lemma::builtins {

double uniform01(std::mt19937_64& rng) {
    // (k + 1/2) / 2^53 for k in [0, 2^53): never exactly 0 or 1, so log(u) is finite.
    const std::uint64_t k = rng() >> 11;
    return (static_cast<double>(k) + 0.5) * 0x1.0p-53;
}

std::uint64_t uniformBelow(std::mt19937_64& rng, std::uint64_t n) {
    // Reject the first 2^64 mod n values so that every residue is equally likely.
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
        const std::uint64_t x = rng();
        if (x >= threshold)
            return x % n;
    }
}

}  // namespace lemma::builtins
