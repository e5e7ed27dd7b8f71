// Seeded uniform and Gaussian numbers: xoshiro256** words and a 256-layer ziggurat.
#include "engine/math/Random.h"

#include <array>
#include <cmath>

namespace lemma::math {

namespace {

constexpr int kLayers = 256;
// The base layer's right edge r and the common area v of the layers (rectangles plus the
// base's tail) for 256 layers under f(x) = exp(−x²/2), from Marsaglia & Tsang (2000).
constexpr double kTailStart = 3.6541528853610088;
constexpr double kLayerArea = 0.00492867323399;

double density(double x) {
    return std::exp(-0.5 * x * x);
}

// edge[i] is the right edge of layer i (edge[0] the base layer's virtual width v/f(r), so
// that a uniform point of the base rectangle beyond r stands for the tail), edge[256] = 0;
// ratio[i] = edge[i + 1]/edge[i] is the share of layer i that lies wholly under the curve;
// height[i] = f(edge[i]).
struct Tables {
    std::array<double, kLayers + 1> edge{};
    std::array<double, kLayers> ratio{};
    std::array<double, kLayers + 1> height{};

    Tables() {
        edge[0] = kLayerArea / density(kTailStart);
        edge[1] = kTailStart;
        for (int i = 1; i < kLayers - 1; ++i) {
            edge[i + 1] = std::sqrt(-2.0 * std::log(kLayerArea / edge[i] + density(edge[i])));
        }
        edge[kLayers] = 0.0;
        for (int i = 0; i <= kLayers; ++i) {
            height[i] = density(edge[i]);
        }
        for (int i = 0; i < kLayers; ++i) {
            ratio[i] = edge[i + 1] / edge[i];
        }
    }
};

const Tables& tables() {
    static const Tables t;
    return t;
}

double slowNormal(Xoshiro256& generator, const Tables& t, std::uint64_t word);

inline double fastNormal(Xoshiro256& generator, const Tables& t) {
    const std::uint64_t word = generator();
    const unsigned layer = static_cast<unsigned>(word & 0xff);
    const double u = static_cast<double>(word >> 11) * 0x1.0p-53;
    if (u < t.ratio[layer]) {
        const double x = u * t.edge[layer];
        return (word & 0x100) != 0 ? -x : x;
    }
    return slowNormal(generator, t, word);
}

// The draws that fall outside a layer's inner rectangle: the tail beyond r for the base
// layer (Marsaglia's exponential rejection), the wedge test for the others; a rejected
// point starts over with a fresh word.
double slowNormal(Xoshiro256& generator, const Tables& t, std::uint64_t word) {
    for (;;) {
        const unsigned layer = static_cast<unsigned>(word & 0xff);
        const bool negative = (word & 0x100) != 0;
        const double u = static_cast<double>(word >> 11) * 0x1.0p-53;
        const double x = u * t.edge[layer];
        if (u < t.ratio[layer]) {
            return negative ? -x : x;
        }
        if (layer == 0) {
            double a = 0.0;
            double b = 0.0;
            do {
                a = -std::log(generator.uniformOpen()) / kTailStart;
                b = -std::log(generator.uniformOpen());
            } while (b + b < a * a);
            return negative ? -(kTailStart + a) : kTailStart + a;
        }
        const double y =
            t.height[layer] + generator.uniform() * (t.height[layer + 1] - t.height[layer]);
        if (y < density(x)) {
            return negative ? -x : x;
        }
        word = generator();
    }
}

}  // namespace

double standardNormal(Xoshiro256& generator) {
    return fastNormal(generator, tables());
}

arma::mat gaussianMatrix(std::mt19937_64& engine, arma::uword rows, arma::uword cols,
                         double stddev) {
    Random random(engine());
    return random.gaussian(rows, cols, stddev);
}

arma::mat uniformMatrix(std::mt19937_64& engine, arma::uword rows, arma::uword cols) {
    Xoshiro256 generator(engine());
    arma::mat m(rows, cols, arma::fill::none);  // every entry is drawn below
    for (double& x : m) {
        x = generator.uniformOpen();
    }
    return m;
}

arma::mat Random::gaussian(arma::uword rows, arma::uword cols, double stddev) {
    const Tables& t = tables();
    arma::mat m(rows, cols, arma::fill::none);  // every entry is drawn below
    double* p = m.memptr();
    const arma::uword n = m.n_elem;
    for (arma::uword i = 0; i < n; ++i) {
        p[i] = stddev * fastNormal(m_generator, t);
    }
    return m;
}

}  // namespace lemma::math
