// xoshiro256** (Blackman & Vigna, 2018): a small, fast 64-bit generator for bulk draws.
#pragma once

#include <cstdint>
#include <limits>

namespace lemma::math {

// Responsibilities: hold 256 bits of state, seeded through SplitMix64 from a 64-bit seed and
// a stream number (distinct streams of one seed are unrelated sequences), and return 64-bit
// words and 53-bit uniforms. A UniformRandomBitGenerator, so <random> adaptors accept it.
// About 1 ns a word; not thread-safe (give each thread its own).
class Xoshiro256 {
public:
    using result_type = std::uint64_t;

    explicit Xoshiro256(std::uint64_t seed, std::uint64_t stream = 0) {
        std::uint64_t z = mix(seed) ^ mix(stream + 0x632be59bd9b4e019ULL);
        for (std::uint64_t& word : m_state) {
            z += 0x9e3779b97f4a7c15ULL;
            word = mix(z);
        }
    }

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

    result_type operator()() {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform on [0, 1) from the top 53 bits of one word.
    double uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }
    // Uniform on the open interval (0, 1): (k + ½)/2⁵³, so log(u) is always finite.
    double uniformOpen() { return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    // The SplitMix64 finaliser: a bijection that scatters nearby seeds.
    static std::uint64_t mix(std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    std::uint64_t m_state[4];
};

}  // namespace lemma::math
