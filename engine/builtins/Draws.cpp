// Deterministic random draws (see Draws.h).
#include "engine/builtins/Draws.h"

namespace lemma::builtins {

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
