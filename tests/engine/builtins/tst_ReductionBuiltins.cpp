// Tests of the element-wise, reduction and sorting builtins: MATLAB's defaults for dimensions
// and normalisation, indices, stability of softmax and logsumexp, and complex results.
#include <QTest>

#include "engine/Compare.h"
#include "engine/builtins/FakeContext.h"

using lemma::builtins::KeywordArg;
using lemma::lang::Value;
using lemma::test::FakeContext;

namespace {
const arma::mat kA{{1, 2, 3}, {4, 5, 6}};
}

class TstReductionBuiltins : public QObject {
    Q_OBJECT

private slots:
    void sumAlongDefaultDimension() {
        FakeContext ctx;
        QCOMPARE(ctx.scalar("sum", {Value(arma::mat{{1, 2, 3}})}), 6.0);
        QCOMPARE(ctx.scalar("sum", {Value(arma::mat(arma::vec{1, 2, 3}))}), 6.0);
        LEMMA_COMPARE_NEAR(ctx.mat("sum", {Value(kA)}), arma::rowvec({5, 7, 9}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("sum", {Value(kA), 2.0}), arma::vec({6, 15}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("sum", {Value(kA)}, {KeywordArg{"dim", 2.0}}),
                           arma::vec({6, 15}), 0.0);
        QCOMPARE(ctx.scalar("sum", {Value(arma::mat())}), 0.0);
        QCOMPARE(ctx.scalar("prod", {Value(arma::mat())}), 1.0);
        QVERIFY(std::isnan(ctx.scalar("mean", {Value(arma::mat())})));
        QCOMPARE(ctx.scalar("sum", {Value::logical(arma::mat{{1, 0, 1, 1}})}), 3.0);
        QVERIFY(!ctx.value("sum", {Value::logical(arma::mat{{1, 1}})}).isBool());
        LEMMA_COMPARE_NEAR(ctx.mat("prod", {Value(kA)}), arma::rowvec({4, 10, 18}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("mean", {Value(kA), 2.0}), arma::vec({2, 5}), 0.0);
        QCOMPARE(ctx.scalar("median", {Value(arma::mat{{3, 1, 4, 1, 5}})}), 3.0);
        const Value z(arma::cx_mat({std::complex<double>(1, 2), std::complex<double>(3, -2)}));
        QCOMPARE(ctx.scalar("sum", {z}), 4.0);  // the imaginary parts cancel: real again
    }

    void varianceNormalisation() {
        FakeContext ctx;
        const Value x(arma::mat{{1, 2, 3, 4}});
        LEMMA_COMPARE_NEAR(ctx.scalar("var", {x}), 5.0 / 3.0, 1e-15);
        LEMMA_COMPARE_NEAR(ctx.scalar("var", {x, 1.0}), 1.25, 1e-15);
        LEMMA_COMPARE_NEAR(ctx.scalar("std", {x}), std::sqrt(5.0 / 3.0), 1e-15);
        LEMMA_COMPARE_NEAR(ctx.scalar("std", {x, 1.0}), std::sqrt(1.25), 1e-15);
        LEMMA_COMPARE_NEAR(ctx.mat("var", {Value(kA)}), arma::rowvec({4.5, 4.5, 4.5}), 1e-15);
        LEMMA_COMPARE_NEAR(ctx.mat("var", {Value(kA), 0.0, 2.0}), arma::vec({1, 1}), 1e-15);
        LEMMA_COMPARE_NEAR(ctx.mat("var", {Value(kA), Value(arma::mat()), 2.0}), arma::vec({1, 1}),
                           1e-15);
        QCOMPARE(ctx.scalar("var", {7.0}), 0.0);
        QCOMPARE(ctx.errorOf("var", {x, 2.0}),
                 std::string("var: normalisation w must be 0 (by n - 1) or 1 (by n), got 2"));
    }

    void maxAndMinWithIndices() {
        FakeContext ctx;
        const auto mi = ctx.run("max", {Value(arma::mat{{3, 7, 7, 1}})}, 2);
        QCOMPARE(mi[0].real()(0), 7.0);
        QCOMPARE(mi[1].real()(0), 2.0);  // the first of equal maxima, 1-based
        const auto ni = ctx.run("min", {Value(arma::mat{{3, 7, 7, 1}})}, 2);
        QCOMPARE(ni[0].real()(0), 1.0);
        QCOMPARE(ni[1].real()(0), 4.0);
        LEMMA_COMPARE_NEAR(ctx.mat("max", {Value(kA)}), arma::rowvec({4, 5, 6}), 0.0);
        const auto rows = ctx.run("max", {Value(kA), Value(arma::mat()), 2.0}, 2);
        LEMMA_COMPARE_NEAR(rows[0].real(), arma::vec({3, 6}), 0.0);
        LEMMA_COMPARE_NEAR(rows[1].real(), arma::vec({3, 3}), 0.0);
        // NaN is ignored unless everything is NaN.
        const double nan = arma::datum::nan;
        QCOMPARE(ctx.scalar("max", {Value(arma::mat{{nan, 2, 1}})}), 2.0);
        QVERIFY(std::isnan(ctx.scalar("max", {Value(arma::mat{{nan, nan}})})));
        // Two matrices: element-wise with broadcasting.
        LEMMA_COMPARE_NEAR(ctx.mat("max", {Value(kA), 3.5}),
                           arma::mat({{3.5, 3.5, 3.5}, {4, 5, 6}}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("min", {Value(kA), Value(arma::mat(arma::vec{2, 5}))}),
                           arma::mat({{1, 2, 2}, {4, 5, 5}}), 0.0);
        QCOMPARE(ctx.errorOf("max", {Value(kA), Value(arma::mat{{1, 2}})}),
                 std::string("max: dimension mismatch: 2×3 and 1×2"));
        // Complex values compare by modulus.
        const Value z(arma::cx_mat({std::complex<double>(3, 0), std::complex<double>(0, -4)}));
        LEMMA_COMPARE_NEAR(ctx.value("max", {z}).toComplex()(0), std::complex<double>(0, -4), 0.0);
    }

    void cumulativeAndDifferences() {
        FakeContext ctx;
        LEMMA_COMPARE_NEAR(ctx.mat("cumsum", {Value(arma::mat{{1, 2, 3}})}),
                           arma::rowvec({1, 3, 6}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("cumsum", {Value(kA)}), arma::mat({{1, 2, 3}, {5, 7, 9}}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("cumprod", {Value(kA), 2.0}),
                           arma::mat({{1, 2, 6}, {4, 20, 120}}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("diff", {Value(arma::mat{{1, 4, 9, 16}})}),
                           arma::rowvec({3, 5, 7}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("diff", {Value(arma::mat{{1, 4, 9, 16}}), 2.0}),
                           arma::rowvec({2, 2}), 0.0);
        QVERIFY(ctx.mat("diff", {5.0}).is_empty());
    }

    void anyAllDotCross() {
        FakeContext ctx;
        const Value m(arma::mat{{0, 1}, {0, 0}});
        LEMMA_COMPARE_NEAR(ctx.mat("any", {m}), arma::rowvec({0, 1}), 0.0);
        QVERIFY(ctx.value("any", {m}).isBool());
        LEMMA_COMPARE_NEAR(ctx.mat("all", {Value(arma::mat{{1, 1}, {0, 2}}), 2.0}),
                           arma::vec({1, 0}), 0.0);
        QVERIFY(ctx.value("all", {Value(arma::mat())}).isTrue());
        QVERIFY(!ctx.value("any", {Value(arma::mat())}).isTrue());
        QCOMPARE(
            ctx.scalar("dot", {Value(arma::mat{{1, 2, 3}}), Value(arma::mat(arma::vec{4, 5, 6}))}),
            32.0);
        QCOMPARE(ctx.scalar("dot", {Value(arma::mat()), Value(arma::mat())}), 0.0);
        QCOMPARE(ctx.errorOf("dot", {Value(arma::mat{{1, 2, 3}}), Value(arma::mat{{1, 2}})}),
                 std::string("dot: dimension mismatch: 1×3 and 1×2"));
        LEMMA_COMPARE_NEAR(
            ctx.mat("cross", {Value(arma::mat{{1, 0, 0}}), Value(arma::mat{{0, 1, 0}})}),
            arma::rowvec({0, 0, 1}), 0.0);
        QCOMPARE(ctx.errorOf("cross", {Value(arma::mat{{1, 0}}), Value(arma::mat{{0, 1, 0}})}),
                 std::string("cross: both arguments must be 3-element vectors, got 1×2 and 1×3"));
    }

    void softmaxIsStable() {
        FakeContext ctx;
        const arma::mat X{{1, 2, 3}, {1000, 1000, 1000}, {-1000, 0, 1000}};
        const arma::mat S = ctx.mat("softmax", {Value(X)});
        QVERIFY(S.is_finite());
        LEMMA_COMPARE_NEAR(arma::vec(arma::sum(S, 1)), 1.0, 1e-15);
        LEMMA_COMPARE_NEAR(arma::rowvec(S.row(1)), 1.0 / 3.0, 1e-15);
        LEMMA_COMPARE_NEAR(arma::rowvec(S.row(2)), arma::rowvec({0, 0, 1}), 1e-300);
        const double z = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
        LEMMA_COMPARE_NEAR(arma::rowvec(S.row(0)),
                           arma::rowvec({std::exp(1.0) / z, std::exp(2.0) / z, std::exp(3.0) / z}),
                           1e-15);
        // A column vector is one distribution; dim=1 normalises columns.
        LEMMA_COMPARE_NEAR(arma::accu(ctx.mat("softmax", {Value(arma::mat(arma::vec{1, 2, 3}))})),
                           1.0, 1e-15);
        LEMMA_COMPARE_NEAR(
            arma::rowvec(arma::sum(ctx.mat("softmax", {Value(X)}, {KeywordArg{"dim", 1.0}}), 0)),
            1.0, 1e-15);
        // Masked entries (-Inf) get probability 0.
        const double inf = arma::datum::inf;
        LEMMA_COMPARE_NEAR(ctx.mat("softmax", {Value(arma::mat{{0, -inf}})}), arma::rowvec({1, 0}),
                           0.0);
    }

    void logsumexpIsStable() {
        FakeContext ctx;
        QCOMPARE(ctx.scalar("logsumexp", {Value(arma::mat{{1000, 1000}})}), 1000.0 + std::log(2.0));
        QCOMPARE(ctx.scalar("logsumexp", {Value(arma::mat{{-1000, -1000}})}),
                 -1000.0 + std::log(2.0));
        const double inf = arma::datum::inf;
        QCOMPARE(ctx.scalar("logsumexp", {Value(arma::mat{{-inf, -inf}})}), -inf);
        QCOMPARE(ctx.scalar("logsumexp", {Value(arma::mat{{0, -inf}})}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("logsumexp", {Value(kA)}),
                           arma::vec({std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0)),
                                      std::log(std::exp(4.0) + std::exp(5.0) + std::exp(6.0))}),
                           1e-15);
    }

    void sortWithIndices() {
        FakeContext ctx;
        const Value v(arma::mat{{3, 1, 2, 1}});
        const auto si = ctx.run("sort", {v}, 2);
        LEMMA_COMPARE_NEAR(si[0].real(), arma::rowvec({1, 1, 2, 3}), 0.0);
        LEMMA_COMPARE_NEAR(si[1].real(), arma::rowvec({2, 4, 3, 1}), 0.0);  // stable
        const auto di = ctx.run("sort", {v, "descend"}, 2);
        LEMMA_COMPARE_NEAR(di[0].real(), arma::rowvec({3, 2, 1, 1}), 0.0);
        LEMMA_COMPARE_NEAR(di[1].real(), arma::rowvec({1, 3, 2, 4}), 0.0);
        const double nan = arma::datum::nan;
        const arma::mat withNaN = ctx.mat("sort", {Value(arma::mat{{2, nan, 1}})});
        QCOMPARE(withNaN(0), 1.0);
        QVERIFY(std::isnan(withNaN(2)));
        LEMMA_COMPARE_NEAR(ctx.mat("sort", {Value(arma::mat{{3, 1}, {1, 2}})}),
                           arma::mat({{1, 1}, {3, 2}}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("sort", {Value(arma::mat{{3, 1}, {1, 2}}), 2.0, "descend"}),
                           arma::mat({{3, 1}, {2, 1}}), 0.0);
        QCOMPARE(ctx.errorOf("sort", {v, "up"}),
                 std::string("sort: mode must be \"ascend\" or \"descend\", got \"up\""));
    }

    void findAndUnique() {
        FakeContext ctx;
        LEMMA_COMPARE_NEAR(ctx.mat("find", {Value(arma::mat{{0, 3, 0, 5}})}), arma::rowvec({2, 4}),
                           0.0);
        const arma::mat m{{0, 1}, {2, 0}};
        LEMMA_COMPARE_NEAR(ctx.mat("find", {Value(m)}), arma::vec({2, 3}), 0.0);
        const auto rc = ctx.run("find", {Value(m)}, 3);
        LEMMA_COMPARE_NEAR(rc[0].real(), arma::vec({2, 1}), 0.0);
        LEMMA_COMPARE_NEAR(rc[1].real(), arma::vec({1, 2}), 0.0);
        LEMMA_COMPARE_NEAR(rc[2].real(), arma::vec({2, 1}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("find", {Value(arma::mat{{1, 1, 1}}), 2.0}),
                           arma::rowvec({1, 2}), 0.0);
        QCOMPARE(ctx.scalar("nnz", {Value(m)}), 2.0);

        const auto u = ctx.run("unique", {Value(arma::mat{{3, 1, 3, 2, 1}})}, 3);
        LEMMA_COMPARE_NEAR(u[0].real(), arma::rowvec({1, 2, 3}), 0.0);
        LEMMA_COMPARE_NEAR(u[1].real(), arma::rowvec({2, 4, 1}), 0.0);
        LEMMA_COMPARE_NEAR(u[2].real(), arma::rowvec({3, 1, 3, 2, 1}), 0.0);
    }

    void elementwiseReal() {
        FakeContext ctx;
        LEMMA_COMPARE_NEAR(ctx.mat("exp", {Value(arma::mat{{0, 1}})}),
                           arma::rowvec({1, std::exp(1.0)}), 0.0);
        QCOMPARE(ctx.scalar("log", {0.0}), -arma::datum::inf);
        LEMMA_COMPARE_NEAR(ctx.scalar("log1p", {1e-20}), 1e-20, 1e-15);
        LEMMA_COMPARE_NEAR(ctx.scalar("expm1", {1e-20}), 1e-20, 1e-15);
        QCOMPARE(ctx.scalar("log2", {8.0}), 3.0);
        QCOMPARE(ctx.scalar("log10", {1000.0}), 3.0);
        QCOMPARE(ctx.scalar("sigmoid", {0.0}), 0.5);
        QCOMPARE(ctx.scalar("sigmoid", {-800.0}), 0.0);
        QCOMPARE(ctx.scalar("sigmoid", {800.0}), 1.0);
        LEMMA_COMPARE_NEAR(ctx.mat("relu", {Value(arma::mat{{-1, 0, 2}})}), arma::rowvec({0, 0, 2}),
                           0.0);
        LEMMA_COMPARE_NEAR(ctx.scalar("softplus", {1000.0}), 1000.0, 1e-15);
        LEMMA_COMPARE_NEAR(ctx.scalar("softplus", {0.0}), std::log(2.0), 1e-15);
        // Exact GELU: x·Φ(x).
        LEMMA_COMPARE_NEAR(ctx.scalar("gelu", {1.0}), 0.5 * (1.0 + std::erf(1.0 / std::sqrt(2.0))),
                           1e-15);
        LEMMA_COMPARE_NEAR(ctx.scalar("gelu", {-1.0}), -0.15865525393145707, 1e-15);
        const double t = 0.5 * (1.0 + std::tanh(std::sqrt(2.0 / arma::datum::pi) * 1.044715));
        LEMMA_COMPARE_NEAR(ctx.scalar("gelu", {1.0}, {KeywordArg{"approximate", "tanh"}}), t,
                           1e-15);
        LEMMA_COMPARE_NEAR(ctx.mat("mod", {Value(arma::mat{{-1, 5, 7}}), 3.0}),
                           arma::rowvec({2, 2, 1}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("rem", {Value(arma::mat{{-1, 5, 7}}), 3.0}),
                           arma::rowvec({-1, 2, 1}), 0.0);
        QCOMPARE(ctx.scalar("mod", {5.0, 0.0}), 5.0);
        QCOMPARE(ctx.scalar("mod", {5.0, -3.0}), -1.0);
        QCOMPARE(ctx.errorOf("mod", {Value(kA), Value(arma::mat(arma::trans(kA)))}),
                 std::string("mod: dimension mismatch: 2×3 and 3×2"));
        LEMMA_COMPARE_NEAR(ctx.mat("round", {Value(arma::mat{{2.5, -2.5, 0.4}})}),
                           arma::rowvec({3, -3, 0}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("fix", {Value(arma::mat{{2.7, -2.7}})}), arma::rowvec({2, -2}),
                           0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("sign", {Value(arma::mat{{-3, 0, 2}})}),
                           arma::rowvec({-1, 0, 1}), 0.0);
        const double nan = arma::datum::nan;
        const double inf = arma::datum::inf;
        const Value special(arma::mat{{1, nan, inf}});
        LEMMA_COMPARE_NEAR(ctx.mat("isnan", {special}), arma::rowvec({0, 1, 0}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("isinf", {special}), arma::rowvec({0, 0, 1}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("isfinite", {special}), arma::rowvec({1, 0, 0}), 0.0);
        QVERIFY(ctx.value("isnan", {special}).isBool());
        QCOMPARE(ctx.errorOf("abs", {"text"}),
                 std::string("abs: argument 1 must be a matrix, got a string"));
        QCOMPARE(ctx.errorOf("sigmoid", {Value(std::complex<double>(1, 1))}),
                 std::string("sigmoid: argument 1 must be a real matrix, got a 1×1 complex"));
    }

    void elementwiseComplex() {
        FakeContext ctx;
        // Negative reals leave the reals, as in Octave.
        const Value r = ctx.value("sqrt", {-4.0});
        QVERIFY(r.isComplex());
        LEMMA_COMPARE_NEAR(r.complex()(0), std::complex<double>(0, 2), 1e-15);
        const Value mixed = ctx.value("sqrt", {Value(arma::mat{{4, -4}})});
        LEMMA_COMPARE_NEAR(mixed.complex(),
                           arma::cx_mat({std::complex<double>(2, 0), std::complex<double>(0, 2)}),
                           1e-15);
        QVERIFY(ctx.value("sqrt", {4.0}).isReal());
        LEMMA_COMPARE_NEAR(ctx.value("log", {-1.0}).complex()(0),
                           std::complex<double>(0, arma::datum::pi), 1e-15);
        LEMMA_COMPARE_NEAR(ctx.value("asin", {2.0}).toComplex()(0),
                           std::asin(std::complex<double>(2, 0)), 1e-15);
        const Value z(std::complex<double>(3, 4));
        QCOMPARE(ctx.scalar("abs", {z}), 5.0);
        QCOMPARE(ctx.scalar("real", {z}), 3.0);
        QCOMPARE(ctx.scalar("imag", {z}), 4.0);
        LEMMA_COMPARE_NEAR(ctx.scalar("angle", {z}), std::atan2(4.0, 3.0), 1e-15);
        QCOMPARE(ctx.scalar("angle", {-1.0}), arma::datum::pi);
        LEMMA_COMPARE_NEAR(ctx.value("conj", {z}).complex()(0), std::complex<double>(3, -4), 0.0);
        LEMMA_COMPARE_NEAR(ctx.value("sign", {z}).complex()(0), std::complex<double>(0.6, 0.8),
                           1e-15);
        LEMMA_COMPARE_NEAR(
            ctx.value("exp", {Value(std::complex<double>(0, arma::datum::pi))}).toComplex()(0),
            std::complex<double>(-1, 0), 1e-15);
        const Value zinf(std::complex<double>(1, arma::datum::inf));
        QVERIFY(!ctx.value("isfinite", {zinf}).isTrue());
        QVERIFY(ctx.value("isinf", {zinf}).isTrue());
    }
};

QTEST_APPLESS_MAIN(TstReductionBuiltins)
#include "tst_ReductionBuiltins.moc"
