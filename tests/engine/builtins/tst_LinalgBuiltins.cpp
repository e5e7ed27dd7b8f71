// Tests of the linear-algebra builtins by closed forms and identities: factors multiply back,
// inverses invert, the attention matrix of MATH.md §1 is row-stochastic with λ₁ = 1.
#include <QTest>

#include "engine/Compare.h"
#include "engine/builtins/FakeContext.h"

using lemma::builtins::KeywordArg;
using lemma::lang::Value;
using lemma::test::FakeContext;

namespace {

// A fixed, well-conditioned test matrix with no special structure.
arma::mat sample(arma::uword rows, arma::uword cols, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    arma::mat m(rows, cols);
    for (auto& x : m)
        x = static_cast<double>(rng() % 2001) / 1000.0 - 1.0;
    return m;
}

arma::mat spd(arma::uword n) {
    const arma::mat b = sample(n, n, 3);
    return arma::mat(b.t() * b) + arma::mat(arma::eye(n, n));
}

bool isUpperTriangular(const arma::mat& m) {
    for (arma::uword j = 0; j < m.n_cols; ++j) {
        for (arma::uword i = j + 1; i < m.n_rows; ++i) {
            if (m(i, j) != 0.0)
                return false;
        }
    }
    return true;
}

const arma::mat kQ{{1.0, 0.5}, {0.3, 0.8}, {0.1, 0.9}};
const arma::mat kK{{0.9, 0.2}, {0.4, 0.7}, {0.2, 0.8}};

}  // namespace

class TstLinalgBuiltins : public QObject {
    Q_OBJECT

private slots:
    void attentionRowMatchesHandComputation() {
        FakeContext ctx;
        const arma::mat scores = kQ * kK.t() / std::sqrt(2.0);
        const arma::mat A = ctx.mat("softmax", {Value(scores)});
        const double e0 = std::exp(1.0 / std::sqrt(2.0));
        const double e1 = std::exp(0.75 / std::sqrt(2.0));
        const double e2 = std::exp(0.6 / std::sqrt(2.0));
        const double total = e0 + e1 + e2;
        LEMMA_COMPARE_NEAR(arma::rowvec(A.row(0)),
                           arma::rowvec({e0 / total, e1 / total, e2 / total}), 1e-12);
        LEMMA_COMPARE_NEAR(arma::rowvec(A.row(0)), arma::rowvec({0.386, 0.323, 0.291}), 5e-4);
        LEMMA_COMPARE_NEAR(arma::vec(arma::sum(A, 1)), 1.0, 1e-15);
    }

    void rowStochasticSpectrum() {
        FakeContext ctx;
        const arma::mat A = ctx.mat("softmax", {Value(arma::mat(kQ * kK.t() / std::sqrt(2.0)))});
        const Value lambda = ctx.value("eig_gen", {Value(A)});
        const arma::cx_mat l = lambda.toComplex();
        QCOMPARE(l.n_rows, arma::uword{3});
        QCOMPARE(l.n_cols, arma::uword{1});
        // Largest modulus first, and it is 1 (the right eigenvector is all ones).
        LEMMA_COMPARE_NEAR(l(0), std::complex<double>(1.0, 0.0), 1e-14);
        for (arma::uword i = 1; i < l.n_elem; ++i)
            QVERIFY(std::abs(l(i)) <= std::abs(l(i - 1)));
        QVERIFY(arma::abs(l).max() <= 1.0 + 1e-14);
        // [V, D] satisfies A·V = V·D.
        const auto vd = ctx.run("eig_gen", {Value(A)}, 2);
        const arma::cx_mat V = vd[0].toComplex();
        const arma::cx_mat D = vd[1].toComplex();
        LEMMA_COMPARE_NEAR(arma::cx_mat(arma::cx_mat(A, arma::zeros(3, 3)) * V),
                           arma::cx_mat(V * D), 1e-13);
    }

    void eigGenComplexPairs() {
        FakeContext ctx;
        const Value rotation(arma::mat{{0, -1}, {1, 0}});
        const Value l = ctx.value("eig_gen", {rotation});
        QVERIFY(l.isComplex());
        LEMMA_COMPARE_NEAR(l.complex(), arma::cx_vec({{0, 1}, {0, -1}}), 1e-15);
        // Real spectra come back real.
        QVERIFY(ctx.value("eig_gen", {Value(arma::mat{{2, 1}, {0, 3}})}).isReal());
    }

    void symmetricEig() {
        FakeContext ctx;
        const arma::mat A{{2, 1}, {1, 2}};
        LEMMA_COMPARE_NEAR(ctx.mat("eig", {Value(A)}), arma::vec({1.0, 3.0}), 1e-15);
        const auto vd = ctx.run("eig", {Value(spd(5))}, 2);
        const arma::mat V = vd[0].real();
        const arma::mat D = vd[1].real();
        LEMMA_COMPARE_NEAR(arma::mat(spd(5) * V), arma::mat(V * D), 1e-13);
        LEMMA_COMPARE_NEAR(arma::mat(V.t() * V), arma::eye(5, 5), 1e-14);
        const arma::vec d = D.diag();
        QVERIFY(d.is_sorted("ascend"));
        QCOMPARE(ctx.errorOf("eig", {Value(arma::mat{{1, 2}, {3, 4}})}),
                 std::string("eig: matrix is not symmetric; use eig_gen for general matrices"));
        QCOMPARE(ctx.errorOf("eig", {Value(arma::mat(2, 3, arma::fill::ones))}),
                 std::string("eig: matrix must be square, got 2×3"));
        // Symmetric up to rounding is accepted.
        arma::mat nearly = spd(4);
        nearly(0, 1) += 1e-14;
        QCOMPARE(ctx.errorOf("eig", {Value(nearly)}), std::string());
    }

    void svdMultipliesBack() {
        FakeContext ctx;
        const arma::mat A = sample(5, 3, 1);
        const auto usv = ctx.run("svd", {Value(A)}, 3);
        const arma::mat U = usv[0].real();
        const arma::mat S = usv[1].real();
        const arma::mat V = usv[2].real();
        QCOMPARE(U.n_rows, arma::uword{5});
        QCOMPARE(U.n_cols, arma::uword{5});
        QCOMPARE(S.n_rows, arma::uword{5});
        QCOMPARE(S.n_cols, arma::uword{3});
        LEMMA_COMPARE_NEAR(arma::mat(U * S * V.t()), A, 1e-14);
        LEMMA_COMPARE_NEAR(arma::mat(U.t() * U), arma::eye(5, 5), 1e-14);
        LEMMA_COMPARE_NEAR(arma::mat(V.t() * V), arma::eye(3, 3), 1e-14);
        const arma::mat s = ctx.mat("svd", {Value(A)});
        QCOMPARE(s.n_cols, arma::uword{1});
        LEMMA_COMPARE_NEAR(s, arma::vec(S.diag()), 1e-15);
        QVERIFY(arma::vec(s).is_sorted("descend"));

        for (const auto& econ :
             {ctx.run("svd", {Value(A), "econ"}, 3),
              ctx.run("svd", {Value(A)}, 3, {KeywordArg{"econ", Value::boolean(true)}})}) {
            QCOMPARE(econ[0].real().n_cols, arma::uword{3});
            QCOMPARE(econ[1].real().n_rows, arma::uword{3});
            LEMMA_COMPARE_NEAR(arma::mat(econ[0].real() * econ[1].real() * econ[2].real().t()), A,
                               1e-14);
        }
    }

    void qrFactors() {
        FakeContext ctx;
        const arma::mat A = sample(4, 3, 2);
        const auto qr = ctx.run("qr", {Value(A)}, 2);
        const arma::mat Q = qr[0].real();
        const arma::mat R = qr[1].real();
        LEMMA_COMPARE_NEAR(arma::mat(Q.t() * Q), arma::eye(4, 4), 1e-14);
        LEMMA_COMPARE_NEAR(arma::mat(Q * R), A, 1e-14);
        QVERIFY(isUpperTriangular(R));
        const auto thin = ctx.run("qr", {Value(A), "econ"}, 2);
        QCOMPARE(thin[0].real().n_cols, arma::uword{3});
        LEMMA_COMPARE_NEAR(arma::mat(thin[0].real() * thin[1].real()), A, 1e-14);
        const auto pivoted = ctx.run("qr", {Value(A)}, 3);
        LEMMA_COMPARE_NEAR(arma::mat(A * pivoted[2].real()),
                           arma::mat(pivoted[0].real() * pivoted[1].real()), 1e-14);
    }

    void choleskyFactors() {
        FakeContext ctx;
        const arma::mat A = spd(4);
        const arma::mat R = ctx.mat("chol", {Value(A)});
        LEMMA_COMPARE_NEAR(arma::mat(R.t() * R), A, 1e-14);
        QVERIFY(isUpperTriangular(R));
        const arma::mat L = ctx.mat("chol", {Value(A), "lower"});
        LEMMA_COMPARE_NEAR(arma::mat(L * L.t()), A, 1e-14);
        QCOMPARE(ctx.errorOf("chol", {Value(arma::mat{{1, 2}, {2, 1}})}),
                 std::string("chol: matrix is not positive definite"));
        QCOMPARE(ctx.errorOf("chol", {Value(arma::mat{{1, 2}, {0, 1}})}),
                 std::string("chol: matrix is not symmetric"));
    }

    void luFactors() {
        FakeContext ctx;
        const arma::mat A = sample(4, 4, 5);
        const auto lup = ctx.run("lu", {Value(A)}, 3);
        LEMMA_COMPARE_NEAR(arma::mat(lup[2].real() * A), arma::mat(lup[0].real() * lup[1].real()),
                           1e-14);
        const auto lu = ctx.run("lu", {Value(A)}, 2);
        LEMMA_COMPARE_NEAR(arma::mat(lu[0].real() * lu[1].real()), A, 1e-14);
    }

    void inverseAndDeterminant() {
        FakeContext ctx;
        const arma::mat A = sample(4, 4, 7);
        LEMMA_COMPARE_NEAR(arma::mat(ctx.mat("inv", {Value(A)}) * A), arma::eye(4, 4), 1e-13);
        QCOMPARE(ctx.errorOf("inv", {Value(arma::mat{{1, 2}, {2, 4}})}),
                 std::string("inv: matrix is singular to working precision (condition number "
                             "Inf)"));
        QCOMPARE(ctx.errorOf("inv", {Value(arma::mat(2, 3, arma::fill::ones))}),
                 std::string("inv: matrix must be square, got 2×3"));
        LEMMA_COMPARE_NEAR(ctx.scalar("det", {Value(arma::mat{{1, 2}, {3, 4}})}), -2.0, 1e-15);
        LEMMA_COMPARE_NEAR(ctx.scalar("det", {Value(arma::mat(2.0 * arma::eye(3, 3)))}), 8.0,
                           1e-15);
        LEMMA_COMPARE_NEAR(ctx.scalar("det", {Value(arma::mat{{2, 5, 7}, {0, 3, 1}, {0, 0, 4}})}),
                           24.0, 1e-14);
        LEMMA_COMPARE_NEAR(ctx.scalar("det", {Value(A)}), arma::det(A), 1e-14);
        QCOMPARE(ctx.scalar("trace", {Value(arma::mat{{1, 2}, {3, 4}})}), 5.0);
        QCOMPARE(ctx.scalar("rank", {Value(arma::mat{{1, 2}, {2, 4}})}), 1.0);
        QCOMPARE(ctx.scalar("rank", {Value(A)}), 4.0);
    }

    void solveSystems() {
        FakeContext ctx;
        const arma::mat A = sample(3, 3, 9);
        const arma::vec x{1.0, -2.0, 0.5};
        const arma::mat b = A * x;
        LEMMA_COMPARE_NEAR(ctx.mat("solve", {Value(A), Value(b)}), x, 1e-13);
        // Least squares for a tall system agrees with the pseudo-inverse.
        const arma::mat T = sample(6, 2, 4);
        const arma::mat y = sample(6, 1, 6);
        LEMMA_COMPARE_NEAR(ctx.mat("solve", {Value(T), Value(y)}), arma::mat(arma::pinv(T) * y),
                           1e-13);
        QCOMPARE(ctx.errorOf("solve", {Value(A), Value(arma::mat(2, 1, arma::fill::ones))}),
                 std::string("solve: dimension mismatch: 3×3 \\ 2×1"));
        QCOMPARE(ctx.errorOf("solve", {Value(arma::mat{{1, 2}, {2, 4}}), Value(arma::vec({1, 1}))}),
                 std::string("solve: matrix is singular to working precision (condition number "
                             "Inf)"));
        // An ill-conditioned system is solved, with a warning naming the condition number.
        const arma::mat ill{{1, 1}, {1, 1 + 1e-13}};
        const arma::mat sol = ctx.mat("solve", {Value(ill), Value(arma::vec({2, 2}))});
        LEMMA_COMPARE_NEAR(sol, arma::mat(arma::vec({2, 0})), 0.1);
        const std::string warning = ctx.takeText();
        QVERIFY2(warning.starts_with("warning: solve: matrix is ill-conditioned (condition number "
                                     "4e+13); the result may be inaccurate"),
                 warning.c_str());
        ctx.mat("inv", {Value(ill)});
        QVERIFY(ctx.takeText().starts_with("warning: inv: matrix is ill-conditioned"));
    }

    void matrixExponential() {
        FakeContext ctx;
        LEMMA_COMPARE_NEAR(ctx.mat("expm", {Value(arma::mat{{1, 0}, {0, 2}})}),
                           arma::mat({{std::exp(1.0), 0.0}, {0.0, std::exp(2.0)}}), 1e-14);
        // Nilpotent: expm(N) = I + N exactly.
        LEMMA_COMPARE_NEAR(ctx.mat("expm", {Value(arma::mat{{0, 1}, {0, 0}})}),
                           arma::mat({{1, 1}, {0, 1}}), 1e-15);
        const arma::mat S = sample(3, 3, 8);
        LEMMA_COMPARE_NEAR(ctx.mat("expm", {Value(S)}) * ctx.mat("expm", {Value(arma::mat(-S))}),
                           arma::eye(3, 3), 1e-13);
        const arma::mat P = spd(3);
        LEMMA_COMPARE_NEAR(arma::mat(ctx.mat("sqrtm", {Value(P)}) * ctx.mat("sqrtm", {Value(P)})),
                           P, 1e-13);
        LEMMA_COMPARE_NEAR(ctx.mat("expm", {ctx.value("logm", {Value(P)})}), P, 1e-10);
    }

    void pseudoInverse() {
        FakeContext ctx;
        const arma::mat A = sample(3, 2, 10);
        const arma::mat P = ctx.mat("pinv", {Value(A)});
        QCOMPARE(P.n_rows, arma::uword{2});
        LEMMA_COMPARE_NEAR(arma::mat(A * P * A), A, 1e-14);
        LEMMA_COMPARE_NEAR(arma::mat(P * A * P), P, 1e-14);
        LEMMA_COMPARE_NEAR(arma::mat(A * P), arma::mat((A * P).t()), 1e-14);
        LEMMA_COMPARE_NEAR(arma::mat(P * A), arma::mat((P * A).t()), 1e-14);
        const arma::mat B = sample(3, 3, 11);
        LEMMA_COMPARE_NEAR(ctx.mat("pinv", {Value(B)}), arma::mat(arma::inv(B)), 1e-12);
    }

    void kroneckerAndTranspose() {
        FakeContext ctx;
        LEMMA_COMPARE_NEAR(
            ctx.mat("kron", {Value(arma::mat{{1, 2}}), Value(arma::mat(arma::vec{1, 3}))}),
            arma::mat({{1, 2}, {3, 6}}), 0.0);
        LEMMA_COMPARE_NEAR(
            ctx.mat("kron", {Value(arma::mat(arma::eye(2, 2))), Value(arma::mat{{1, 2}, {3, 4}})}),
            arma::mat({{1, 2, 0, 0}, {3, 4, 0, 0}, {0, 0, 1, 2}, {0, 0, 3, 4}}), 0.0);
        const Value z(arma::cx_mat({{{1, 2}, {3, 4}}}));
        const arma::cx_mat t = ctx.value("transpose", {z}).complex();
        LEMMA_COMPARE_NEAR(arma::mat(arma::real(t)), arma::vec({1, 3}), 0.0);
        LEMMA_COMPARE_NEAR(arma::mat(arma::imag(t)), arma::vec({2, 4}), 0.0);
        const arma::cx_mat h = ctx.value("ctranspose", {z}).complex();
        LEMMA_COMPARE_NEAR(arma::mat(arma::imag(h)), arma::vec({-2, -4}), 0.0);
    }

    void norms() {
        FakeContext ctx;
        const Value v(arma::mat{{3, -4}});
        QCOMPARE(ctx.scalar("norm", {v}), 5.0);
        QCOMPARE(ctx.scalar("norm", {v, 1.0}), 7.0);
        QCOMPARE(ctx.scalar("norm", {v, arma::datum::inf}), 4.0);
        QCOMPARE(ctx.scalar("norm", {v, "inf"}), 4.0);
        QCOMPARE(ctx.scalar("norm", {v, -arma::datum::inf}), 3.0);
        LEMMA_COMPARE_NEAR(ctx.scalar("norm", {v, 3.0}), std::cbrt(27.0 + 64.0), 1e-15);
        const arma::mat A{{1, -2}, {3, 4}};
        QCOMPARE(ctx.scalar("norm", {Value(A), 1.0}), 6.0);
        QCOMPARE(ctx.scalar("norm", {Value(A), arma::datum::inf}), 7.0);
        LEMMA_COMPARE_NEAR(ctx.scalar("norm", {Value(A), "fro"}), std::sqrt(30.0), 1e-15);
        LEMMA_COMPARE_NEAR(ctx.scalar("norm", {Value(A)}), arma::svd(A).max(), 1e-15);
        QCOMPARE(ctx.errorOf("norm", {Value(A), 3.0}),
                 std::string("norm: p must be 1, 2, Inf or \"fro\" for a matrix, got 3"));
        LEMMA_COMPARE_NEAR(ctx.scalar("cond", {Value(arma::mat{{2, 0}, {0, 0.5}})}), 4.0, 1e-15);
    }

    void subspaces() {
        FakeContext ctx;
        const arma::mat A{{1, 2, 3}, {2, 4, 6}};
        const arma::mat N = ctx.mat("null", {Value(A)});
        QCOMPARE(N.n_cols, arma::uword{2});
        LEMMA_COMPARE_NEAR(arma::mat(A * N), 0.0, 1e-14);
        LEMMA_COMPARE_NEAR(arma::mat(N.t() * N), arma::eye(2, 2), 1e-14);
        const arma::mat O = ctx.mat("orth", {Value(A)});
        QCOMPARE(O.n_cols, arma::uword{1});
        QCOMPARE(ctx.mat("null", {Value(arma::mat(arma::eye(3, 3)))}).n_rows, arma::uword{3});
        QCOMPARE(ctx.mat("null", {Value(arma::mat(arma::eye(3, 3)))}).n_cols, arma::uword{0});
    }

    void complexInputs() {
        FakeContext ctx;
        const arma::cx_mat H{{{2, 0}, {0, 1}}, {{0, -1}, {3, 0}}};  // Hermitian
        const arma::mat l = ctx.mat("eig", {Value(H)});
        const double tr = 5.0;
        const double det = 6.0 - 1.0;
        const double root = std::sqrt(tr * tr - 4 * det);
        LEMMA_COMPARE_NEAR(l, arma::vec({(tr - root) / 2, (tr + root) / 2}), 1e-14);
        const arma::cx_mat Hi = ctx.value("inv", {Value(H)}).complex();
        LEMMA_COMPARE_NEAR(arma::cx_mat(Hi * H), arma::cx_mat(arma::eye(2, 2), arma::zeros(2, 2)),
                           1e-14);
    }
};

QTEST_APPLESS_MAIN(TstLinalgBuiltins)
#include "tst_LinalgBuiltins.moc"
