// Tests of the built-in derivations: on random inputs over many seeds every identity and
// definition step holds and every deliberately wrong step fails; the results match closed forms
// worked out by hand; bad inputs give errors that name the derivation.
#include <QTest>
#include <cmath>
#include <string>

#include "engine/Compare.h"
#include "engine/math/DerivationLibrary.h"
#include "engine/math/GradientDerivations.h"
#include "engine/math/InformationDerivations.h"
#include "engine/math/MleDerivations.h"

using lemma::math::Derivation;
using lemma::math::DerivationStep;
using lemma::math::StepKind;
using lemma::test::errorOf;

namespace {

constexpr int kSeeds = 60;

// Empty when every right step passes and every wrong one fails; otherwise which step did not.
std::string verdictProblem(const Derivation& d, int seed) {
    for (std::size_t i = 0; i < d.steps.size(); ++i) {
        const DerivationStep& s = d.steps[i];
        if (s.flagged())
            return d.title + ", seed " + std::to_string(seed) + ": step " + std::to_string(i + 1) +
                   " (" + s.tex + ") " + (s.pass ? "holds" : "fails") + " with diff " +
                   std::to_string(s.diff) + ", tol " + std::to_string(s.tol);
    }
    return {};
}

bool hasExpectedFailure(const Derivation& d) {
    for (const DerivationStep& s : d.steps) {
        if (s.kind == StepKind::ExpectedFailure)
            return true;
    }
    return false;
}

#define VERIFY_VERDICTS(d, seed)                               \
    do {                                                       \
        const std::string problem_ = verdictProblem((d), seed); \
        QVERIFY2(problem_.empty(), problem_.c_str());          \
        QVERIFY(hasExpectedFailure(d));                        \
    } while (false)

// A random distribution with every entry positive.
arma::vec randomDistribution(arma::uword n) {
    arma::vec p = -arma::log(arma::randu<arma::vec>(n));  // Dirichlet(1, …, 1)
    return p / arma::accu(p);
}

int randomInt(int lo, int hi) {
    return lo + static_cast<int>(std::floor(arma::randu() * (hi - lo + 1)));
}

}  // namespace

class tst_DerivationLibrary : public QObject {
    Q_OBJECT

private slots:
    void defaultsRunAndVerify() {
        for (const auto& spec : lemma::math::derivationSpecs()) {
            const Derivation d = lemma::math::builtinDerivation(spec.name, {});
            VERIFY_VERDICTS(d, 0);
            QVERIFY(!d.result.is_empty());
            QVERIFY(!d.title.empty());
            for (const DerivationStep& s : d.steps) {
                QVERIFY(!s.tex.empty());
                QVERIFY(!s.note.empty());
            }
        }
    }

    void mleCrossEntropy() {
        for (int seed = 1; seed <= kSeeds; ++seed) {
            arma::arma_rng::set_seed(seed);
            const int V = randomInt(2, 6);
            int N = randomInt(5, 40);
            if (N % V == 0)
                ++N;  // counts can then never be uniform, so the wrong step must fail
            arma::vec tokens(N);
            for (int i = 0; i < N; ++i)
                tokens(i) = randomInt(1, V);
            VERIFY_VERDICTS(lemma::math::mleCrossEntropy(tokens, std::nullopt), seed);
            const arma::vec theta = randomDistribution(V);
            const Derivation d = lemma::math::mleCrossEntropy(tokens, theta);
            VERIFY_VERDICTS(d, seed);
            double nll = 0.0;
            for (const double t : tokens)
                nll -= std::log(theta(static_cast<arma::uword>(t) - 1));
            LEMMA_COMPARE_NEAR(d.result(0), nll / N, 1e-12);
        }
    }

    void mleCrossEntropyByHand() {
        // "the cat sat on the mat the cat ate": counts 3, 2, 1, 1, 1, 1 of N = 9.
        const Derivation d = lemma::math::builtinDerivation("mle_cross_entropy", {});
        const double expected = -(3 * std::log(3.0 / 9) + 2 * std::log(2.0 / 9) +
                                  4 * std::log(1.0 / 9)) / 9;
        LEMMA_COMPARE_NEAR(d.result(0), expected, 1e-14);
        QCOMPARE(d.steps.size(), std::size_t(6));
    }

    void bernoulli() {
        for (int seed = 1; seed <= kSeeds; ++seed) {
            arma::arma_rng::set_seed(seed);
            const int n = randomInt(2, 60);
            arma::vec x = arma::conv_to<arma::vec>::from(arma::randu<arma::vec>(n) < arma::randu());
            x(0) = 1.0;
            x(1) = 0.0;
            const Derivation d = lemma::math::bernoulliMle(x);
            VERIFY_VERDICTS(d, seed);
            LEMMA_COMPARE_NEAR(d.result(0), arma::accu(x) / n, 1e-15);
        }
        // 7 of 10.
        const Derivation d = lemma::math::builtinDerivation("bernoulli_mle", {});
        QCOMPARE(d.result(0), 0.7);
        LEMMA_COMPARE_NEAR(d.steps[5].rhs(0), std::sqrt(0.7 * 0.3 / 10), 1e-15);
        QCOMPARE(errorOf([] { lemma::math::bernoulliMle(arma::vec({1, 1, 1})); }),
                 std::string("derive: bernoulli_mle: x needs both outcomes (k = 3 of n = 3); at "
                             "p̂ = 1 the score is undefined"));
    }

    void gaussian() {
        for (int seed = 1; seed <= kSeeds; ++seed) {
            arma::arma_rng::set_seed(seed);
            const int n = randomInt(2, 60);
            const double scale = std::exp(arma::randu() * std::log(100.0)) / 10.0;  // 0.1 … 10
            const arma::vec x = scale * arma::randn<arma::vec>(n) + 10.0 * (arma::randu() - 0.5);
            VERIFY_VERDICTS(lemma::math::gaussianMle(x), seed);
        }
        // [1 2 3 4]: μ̂ = 2.5, σ̂² = 5/4 (and s² = 5/3).
        const Derivation d = lemma::math::gaussianMle(arma::vec({1, 2, 3, 4}));
        LEMMA_COMPARE_NEAR(d.result, arma::mat({{2.5, 1.25}}), 1e-15);
        QCOMPARE(errorOf([] { lemma::math::gaussianMle(arma::vec({2, 2})); }),
                 std::string("derive: gaussian_mle: the numbers in x are all equal, so σ̂² = 0"));
    }

    void categorical() {
        for (int seed = 1; seed <= kSeeds; ++seed) {
            arma::arma_rng::set_seed(seed);
            const int K = randomInt(2, 8);
            arma::mat counts = arma::floor(20.0 * arma::randu<arma::mat>(1, K));
            counts(0) += 1.0;
            VERIFY_VERDICTS(lemma::math::categoricalMle(counts), seed);
        }
        const Derivation d = lemma::math::categoricalMle(arma::mat({{6, 3, 1, 0}}));
        LEMMA_COMPARE_NEAR(d.result, arma::mat({{0.6, 0.3, 0.1, 0.0}}), 1e-15);
    }

    void softmaxJacobian() {
        for (int seed = 1; seed <= kSeeds; ++seed) {
            arma::arma_rng::set_seed(seed);
            const arma::vec z = 3.0 * arma::randn<arma::vec>(randomInt(2, 8));
            const Derivation d = lemma::math::softmaxJacobian(z);
            VERIFY_VERDICTS(d, seed);
            const arma::vec s = arma::exp(z) / arma::accu(arma::exp(z));
            LEMMA_COMPARE_NEAR(d.result, arma::diagmat(s) - s * s.t(), 1e-14);
        }
        // Two equal logits: σ = ½, J = [¼ −¼; −¼ ¼].
        const Derivation d = lemma::math::softmaxJacobian(arma::mat({{0.0, 0.0}}));
        LEMMA_COMPARE_NEAR(d.result, arma::mat({{0.25, -0.25}, {-0.25, 0.25}}), 1e-15);
    }

    void softmaxCrossEntropy() {
        for (int seed = 1; seed <= kSeeds; ++seed) {
            arma::arma_rng::set_seed(seed);
            const int dim = randomInt(2, 8);
            const arma::vec z = 3.0 * arma::randn<arma::vec>(dim);
            const arma::mat y = seed % 2 ? arma::mat(1, 1, arma::fill::value(randomInt(1, dim)))
                                         : arma::mat(randomDistribution(dim));
            const Derivation d = lemma::math::softmaxCrossEntropyGradient(z, y);
            VERIFY_VERDICTS(d, seed);
        }
        const Derivation d =
            lemma::math::softmaxCrossEntropyGradient(arma::mat({{0.0, 0.0}}), arma::mat(1, 1, arma::fill::value(2.0)));
        LEMMA_COMPARE_NEAR(d.result, arma::mat({{0.5, -0.5}}), 1e-15);
        QCOMPARE(errorOf([] {
                     lemma::math::softmaxCrossEntropyGradient(arma::mat({{0.0, 0.0}}),
                                                              arma::mat(1, 1, arma::fill::value(3.0)));
                 }),
                 std::string("derive: softmax_ce_grad: the class y = 3 is not one of 1…2"));
    }

    void layerNorm() {
        for (int seed = 1; seed <= kSeeds; ++seed) {
            arma::arma_rng::set_seed(seed);
            const int dim = randomInt(2, 8);
            const arma::vec x = (0.5 + 2.5 * arma::randu()) * arma::randn<arma::vec>(dim) +
                                4.0 * (arma::randu() - 0.5);
            const arma::mat gamma = seed % 2 ? arma::mat(arma::randn<arma::vec>(dim))
                                             : arma::mat(1, 1, arma::fill::value(arma::randn()));
            const arma::mat beta = arma::randn<arma::vec>(dim);
            const arma::vec dy = arma::randn<arma::vec>(dim);
            VERIFY_VERDICTS(lemma::math::layerNormGradient(x, gamma, beta, dy, 1e-5), seed);
        }
        QCOMPARE(errorOf([] {
                     lemma::math::layerNormGradient(arma::vec({1, 2, 3}), arma::vec({1, 2}),
                                                    arma::mat(1, 1, arma::fill::value(0.0)), arma::vec({1, 1, 1}),
                                                    1e-5);
                 }),
                 std::string("derive: layernorm_grad: gamma has 2 entries but x has 3 (give a "
                             "scalar or one per feature)"));
    }

    void chainRule() {
        for (int seed = 1; seed <= kSeeds; ++seed) {
            arma::arma_rng::set_seed(seed);
            const arma::mat w = 1.5 * arma::randn<arma::mat>(1, randomInt(1, 5));
            VERIFY_VERDICTS(lemma::math::chainRule(w), seed);
        }
        // At w = 1: e^{sin 1} cos(1) · 2.
        const Derivation d = lemma::math::chainRule(arma::mat(1, 1, arma::fill::value(1.0)));
        LEMMA_COMPARE_NEAR(d.result(0), std::exp(std::sin(1.0)) * std::cos(1.0) * 2.0, 1e-15);
    }

    void crossEntropyKl() {
        for (int seed = 1; seed <= kSeeds; ++seed) {
            arma::arma_rng::set_seed(seed);
            const int n = randomInt(2, 10);
            VERIFY_VERDICTS(lemma::math::crossEntropyKl(randomDistribution(n), randomDistribution(n)),
                            seed);
        }
        // A one-hot p: H(p, q) = −log q₁, H(p) = 0, KL(q‖p) = Inf: the wrong step fails.
        const Derivation d =
            lemma::math::crossEntropyKl(arma::mat({{1.0, 0.0}}), arma::mat({{0.25, 0.75}}));
        LEMMA_COMPARE_NEAR(d.result(0), std::log(4.0), 1e-15);
        VERIFY_VERDICTS(d, 0);
        QCOMPARE(errorOf([] {
                     lemma::math::crossEntropyKl(arma::mat({{0.5, 0.5}}), arma::mat({{1.0, 0.0}}));
                 }),
                 std::string("derive: ce_kl: q(2) is 0 where p(2) = 0.5 is not (the result would "
                             "be infinite)"));
    }

    void perplexity() {
        for (int seed = 1; seed <= kSeeds; ++seed) {
            arma::arma_rng::set_seed(seed);
            const arma::vec logprobs = arma::log(arma::randu<arma::vec>(randomInt(2, 30)));
            VERIFY_VERDICTS(lemma::math::perplexityDerivation(logprobs), seed);
        }
        // Uniform over 8: perplexity 8, and the wrong step (1/mean p) holds, so it is flagged.
        const Derivation d =
            lemma::math::perplexityDerivation(arma::mat(1, 5, arma::fill::value(-std::log(8.0))));
        LEMMA_COMPARE_NEAR(d.result(0), 8.0, 1e-14);
        QVERIFY(d.steps.back().kind == StepKind::ExpectedFailure);
        QVERIFY(d.steps.back().pass);
        QCOMPARE(d.flaggedCount(), std::size_t(1));
    }

    void mapWeightDecay() {
        for (int seed = 1; seed <= kSeeds; ++seed) {
            arma::arma_rng::set_seed(seed);
            const int dim = randomInt(1, 4);
            const int n = randomInt(dim + 1, 12);
            const arma::mat X = arma::randn<arma::mat>(n, dim);
            const arma::vec y = arma::randn<arma::vec>(n);
            const double lambda = 0.1 + 5.0 * arma::randu();
            const Derivation d = lemma::math::mapWeightDecay(X, y, lambda);
            VERIFY_VERDICTS(d, seed);
            LEMMA_COMPARE_NEAR(d.result,
                               arma::solve(X.t() * X + lambda * arma::eye(dim, dim), X.t() * y),
                               1e-12);
        }
        QCOMPARE(errorOf([] {
                     lemma::math::mapWeightDecay(arma::eye(2, 2), arma::vec({1, 2}), 0.0);
                 }),
                 std::string("derive: map_weight_decay: lambda must be positive, got 0"));
    }

    void errorsNameTheDerivation() {
        QCOMPARE(errorOf([] { lemma::math::builtinDerivation("softmax", {}); })
                     .rfind("derive: unknown derivation \"softmax\" (one of mle_cross_entropy, ", 0),
                 std::size_t(0));
        QCOMPARE(errorOf([] {
                     lemma::math::builtinDerivation("ce_kl", {arma::mat(), arma::mat(), arma::mat()});
                 }),
                 std::string("derive: ce_kl takes at most 2 inputs (p, q), got 3"));
    }
};

QTEST_APPLESS_MAIN(tst_DerivationLibrary)
#include "tst_DerivationLibrary.moc"
