// Random matrices drawn from the run's generator (rand, randn, randi, randperm) and rng(seed).
// Every cell starts the generator from the notebook's seed, so a cell's numbers do not depend
// on what ran before it; matrices are filled in column-major order. rand and randn take one
// word of the run's generator as the seed of a fast stream (engine/math/Random.h) and fill
// the matrix from it.
#include <cmath>
#include <numeric>

#include "engine/builtins/Draws.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"
#include "engine/math/Random.h"

namespace lemma::builtins {

using namespace support;

namespace {

template <class Draw>
std::vector<Value> filled(Call& c, std::size_t first, Draw draw) {
    c.requireCount(first, first + 2);
    const auto [m, n] = shapeArgs(c, first);
    arma::mat out(m, n);
    std::mt19937_64& rng = c.context().rng();
    for (arma::uword i = 0; i < out.n_elem; ++i) {
        if (i % 65536 == 65535)
            c.context().checkCancelled();
        out(i) = draw(rng);
    }
    return {Value(std::move(out))};
}

}  // namespace

void registerRandom(Registry& r) {
    r.add("rand", "rand, rand(n), rand(m, n), rand([m n])",
          "Uniform random numbers in (0, 1), reproducible from the notebook's seed.", [](Call& c) {
              c.requireCount(0, 2);
              const auto [m, n] = shapeArgs(c, 0);
              return std::vector<Value>{math::uniformMatrix(c.context().rng(), m, n)};
          });
    r.add("randn", "randn, randn(n), randn(m, n), randn([m n])",
          "Standard normal random numbers (mean 0, variance 1), reproducible from the seed.",
          [](Call& c) {
              c.requireCount(0, 2);
              const auto [m, n] = shapeArgs(c, 0);
              return std::vector<Value>{math::gaussianMatrix(c.context().rng(), m, n)};
          });
    r.add("randi", "randi(imax), randi(imax, n), randi(imax, m, n), randi([lo hi], m, n)",
          "Uniform random integers in 1…imax (or lo…hi).", [](Call& c) {
              c.requireCount(1, 3);
              const Value& range = numeric(c, 0);
              double lo = 1.0;
              double hi = 0.0;
              if (range.isScalar()) {
                  hi = c.scalar(0);
              } else if (range.isReal() && range.numel() == 2) {
                  lo = range.real()(0);
                  hi = range.real()(1);
              } else {
                  c.fail("argument 1 must be imax or [lo hi], got " + describe(range));
              }
              if (lo != std::floor(lo) || hi != std::floor(hi) || !std::isfinite(lo) ||
                  !std::isfinite(hi) || std::abs(lo) > 9e15 || std::abs(hi) > 9e15)
                  c.fail("the range must hold integers, got " + shortest(lo) + "…" + shortest(hi));
              if (hi < lo)
                  c.fail("the range " + shortest(lo) + "…" + shortest(hi) + " is empty");
              const auto count = static_cast<std::uint64_t>(hi - lo) + 1;
              return filled(c, 1, [lo, count](std::mt19937_64& rng) {
                  return lo + static_cast<double>(uniformBelow(rng, count));
              });
          });
    r.add("randperm", "randperm(n), randperm(n, k)",
          "A random permutation of 1…n as a row (its first k entries with k).", [](Call& c) {
              c.requireCount(1, 2);
              const long long n = c.integer(0);
              const long long k = c.has(1) ? c.integer(1) : n;
              if (n < 0)
                  c.fail("n must be non-negative, got " + std::to_string(n));
              if (k < 0 || k > n)
                  c.fail("k must be between 0 and n = " + std::to_string(n) + ", got " +
                         std::to_string(k));
              checkSize(c, 1.0, static_cast<double>(n));
              std::vector<double> items(static_cast<std::size_t>(n));
              std::iota(items.begin(), items.end(), 1.0);
              std::mt19937_64& rng = c.context().rng();
              // Fisher–Yates, front to back: the first k positions are a uniform k-sample.
              for (long long i = 0; i < k; ++i) {
                  const auto left = static_cast<std::uint64_t>(n - i);
                  const auto j = static_cast<std::size_t>(i) + uniformBelow(rng, left);
                  std::swap(items[static_cast<std::size_t>(i)], items[j]);
              }
              arma::mat out(1, static_cast<arma::uword>(k));
              for (long long i = 0; i < k; ++i)
                  out(i) = items[static_cast<std::size_t>(i)];
              return std::vector<Value>{out};
          });
    r.add("rng", "rng(seed)",
          "Restarts the random generator from seed (a non-negative integer) for the rest of the "
          "cell.",
          [](Call& c) {
              c.requireCount(1, 1);
              const long long seed = c.integer(0);
              if (seed < 0)
                  c.fail("seed must be non-negative, got " + std::to_string(seed));
              c.context().reseed(static_cast<std::uint64_t>(seed));
              return std::vector<Value>{};
          });
}

}  // namespace lemma::builtins
