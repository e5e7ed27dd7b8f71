// Relative-tolerance comparison of numbers and matrices for Qt tests, printing both sides on
// failure: LEMMA_COMPARE_NEAR(actual, expected, tolerance). Either side may be a number, a
// matrix or vector, or an unevaluated Armadillo expression; a number compared with a matrix
// stands for a matrix filled with it.
#pragma once

#include <QTest>
#include <algorithm>
#include <armadillo>
#include <cmath>
#include <complex>
#include <sstream>
#include <string>
#include <type_traits>

#include "engine/core/Error.h"

namespace lemma::test {

// The message of the lemma::Error that f() throws, or "no error".
std::string errorOf(auto&& f) {
    try {
        f();
    } catch (const lemma::Error& e) {
        return e.what();
    }
    return "no error";
}

// A number or an Armadillo object as a matrix (complex when its elements are).
template <class X>
auto asMatrix(const X& x) {
    if constexpr (std::is_arithmetic_v<X>) {
        return arma::mat(1, 1, arma::fill::value(static_cast<double>(x)));
    } else if constexpr (std::is_same_v<X, std::complex<double>>) {
        return arma::cx_mat(1, 1, arma::fill::value(x));
    } else if constexpr (arma::is_cx<typename X::elem_type>::value) {
        return arma::cx_mat(x);
    } else {
        return arma::mat(x);
    }
}

template <class T>
arma::cx_mat asComplex(const arma::Mat<T>& m) {
    return arma::conv_to<arma::cx_mat>::from(m);
}

// Empty when every entry of `actual` is within tol · max(1, max|expected|) of `expected`
// (relative for large values, absolute near zero); otherwise a message showing both sides.
// Shapes must agree; NaN matches only NaN and an infinity only the same infinity.
inline std::string mismatchOf(const arma::cx_mat& actual, const arma::cx_mat& expected, double tol,
                              const char* actualText, const char* expectedText) {
    std::ostringstream msg;
    msg.precision(17);
    if (actual.n_rows != expected.n_rows || actual.n_cols != expected.n_cols) {
        msg << actualText << " is " << actual.n_rows << "x" << actual.n_cols << " but "
            << expectedText << " is " << expected.n_rows << "x" << expected.n_cols;
        return msg.str();
    }
    double scale = 1.0;
    for (const auto& e : expected) {
        if (std::isfinite(std::abs(e)))
            scale = std::max(scale, std::abs(e));
    }
    double worst = 0.0;
    bool bad = false;
    for (arma::uword i = 0; i < actual.n_elem; ++i) {
        const auto a = actual(i);
        const auto e = expected(i);
        const bool aNaN = std::isnan(a.real()) || std::isnan(a.imag());
        const bool eNaN = std::isnan(e.real()) || std::isnan(e.imag());
        if (aNaN || eNaN) {
            bad = bad || aNaN != eNaN;
            continue;
        }
        if (a == e)
            continue;  // also equal infinities
        const double d = std::abs(a - e);
        if (!std::isfinite(d)) {
            bad = true;
            continue;
        }
        worst = std::max(worst, d);
    }
    if (!bad && worst <= tol * scale)
        return {};
    msg << actualText << " differs from " << expectedText << " by " << worst << " (tolerance "
        << tol * scale << ")\n  actual:\n";
    actual.raw_print(msg);
    msg << "  expected:\n";
    expected.raw_print(msg);
    return msg.str();
}

template <class A, class E>
std::string mismatch(const A& actualIn, const E& expectedIn, double tol, const char* actualText,
                     const char* expectedText) {
    arma::cx_mat actual = asComplex(asMatrix(actualIn));
    arma::cx_mat expected = asComplex(asMatrix(expectedIn));
    if (expected.n_elem == 1 && actual.n_elem != 1)
        expected = arma::cx_mat(actual.n_rows, actual.n_cols, arma::fill::value(expected(0)));
    const bool real = !arma::is_cx<typename decltype(asMatrix(actualIn))::elem_type>::value &&
                      !arma::is_cx<typename decltype(asMatrix(expectedIn))::elem_type>::value;
    std::string out = mismatchOf(actual, expected, tol, actualText, expectedText);
    if (real && out.find("\n  actual:") != std::string::npos) {
        // Show real matrices without their zero imaginary parts.
        std::ostringstream msg;
        msg.precision(17);
        const std::size_t cut = out.find("\n  actual:");
        msg << out.substr(0, cut) << "\n  actual:\n";
        arma::mat(arma::real(actual)).raw_print(msg);
        msg << "  expected:\n";
        arma::mat(arma::real(expected)).raw_print(msg);
        out = msg.str();
    }
    return out;
}

}  // namespace lemma::test

#define LEMMA_COMPARE_NEAR(actual, expected, tol)                                     \
    do {                                                                              \
        const std::string lemmaMismatch_ =                                            \
            ::lemma::test::mismatch((actual), (expected), (tol), #actual, #expected); \
        if (!lemmaMismatch_.empty())                                                  \
            QFAIL(lemmaMismatch_.c_str());                                            \
    } while (false)
