// Operators on values. Element-wise operators share one broadcasting kernel (zipWith) that
// works on real and complex matrices alike; complex results narrow back to real when every
// imaginary part is zero, as in Octave.
#include "engine/lang/Operators.h"

#include <cmath>
#include <complex>
#include <cstdio>
#include <limits>
#include <numbers>

#include "engine/core/Error.h"

namespace lemma::lang {

using ast::BinaryOp;
using cx = std::complex<double>;

namespace {

struct Shape {
    arma::uword rows;
    arma::uword cols;
};

[[noreturn]] void mismatch(const Value& a, BinaryOp op, const Value& b) {
    throw Error("dimension mismatch: " + a.sizeString() + " " + opSymbol(op) + " " +
                b.sizeString());
}

std::string plural(const Value& v) {
    return v.typeName() + "s";
}

[[noreturn]] void notDefined(const std::string& symbol, const Value& a, const Value& b) {
    if (a.typeName() == b.typeName())
        throw Error("operator '" + symbol + "' is not defined for " + plural(a));
    throw Error("operator '" + symbol + "' is not defined for " + describe(a) + " and " +
                describe(b));
}

[[noreturn]] void notDefined(const std::string& symbol, const Value& a) {
    throw Error("operator '" + symbol + "' is not defined for " + describe(a));
}

// The shape of a broadcast result: in each dimension the sizes agree, or one of them is 1.
Shape broadcastShape(const Value& a, BinaryOp op, const Value& b) {
    auto dim = [&](arma::uword x, arma::uword y) -> arma::uword {
        if (x == y || y == 1)
            return x;
        if (x == 1)
            return y;
        mismatch(a, op, b);
    };
    return {dim(a.rows(), b.rows()), dim(a.cols(), b.cols())};
}

// out(i, j) = f(a(i, j), b(i, j)) with singleton dimensions of a and b stretched to `s`.
template <class R, class T, class F>
arma::Mat<R> zipWith(const arma::Mat<T>& a, const arma::Mat<T>& b, Shape s, F f) {
    arma::Mat<R> out(s.rows, s.cols);
    R* po = out.memptr();
    const T* pa = a.memptr();
    const T* pb = b.memptr();
    const arma::uword n = out.n_elem;
    const bool aFull = a.n_elem == n;
    const bool bFull = b.n_elem == n;
    if (aFull && bFull) {
        for (arma::uword k = 0; k < n; ++k)
            po[k] = f(pa[k], pb[k]);
    } else if (aFull && b.n_elem == 1) {
        for (arma::uword k = 0; k < n; ++k)
            po[k] = f(pa[k], pb[0]);
    } else if (a.n_elem == 1 && bFull) {
        for (arma::uword k = 0; k < n; ++k)
            po[k] = f(pa[0], pb[k]);
    } else {
        const bool aRow = a.n_rows == 1, aCol = a.n_cols == 1;
        const bool bRow = b.n_rows == 1, bCol = b.n_cols == 1;
        for (arma::uword j = 0; j < s.cols; ++j) {
            for (arma::uword i = 0; i < s.rows; ++i) {
                out.at(i, j) =
                    f(a.at(aRow ? 0 : i, aCol ? 0 : j), b.at(bRow ? 0 : i, bCol ? 0 : j));
            }
        }
    }
    return out;
}

bool isFractional(double p) {
    return std::isfinite(p) && p != std::floor(p);
}

cx integerPower(cx base, long long p) {
    cx result(1.0, 0.0);
    const bool negative = p < 0;
    unsigned long long k = negative ? -static_cast<unsigned long long>(p) : p;
    while (k > 0) {
        if (k & 1U)
            result *= base;
        base *= base;
        k >>= 1U;
    }
    return negative ? cx(1.0, 0.0) / result : result;
}

// x^p on complex numbers, exact where people check it: integer powers by repeated squaring
// (so 1i^2 is exactly -1), and a negative real base with a real exponent through |x|^p·e^{iπp}
// with the half-integer angles exact (so (-4)^0.5 is exactly 2i, not 1.2e-16 + 2i).
cx complexPower(cx x, cx p) {
    if (x == cx(0.0, 0.0)) {
        if (p == cx(0.0, 0.0))
            return 1.0;
        if (p.real() > 0.0)
            return 0.0;
        return {std::numeric_limits<double>::infinity(), 0.0};
    }
    if (p.imag() == 0.0) {
        const double e = p.real();
        if (std::isfinite(e) && e == std::floor(e) && std::abs(e) <= 1024.0)
            return integerPower(x, static_cast<long long>(e));
        if (x.imag() == 0.0 && x.real() < 0.0) {
            const double m = std::pow(-x.real(), e);
            double r = std::fmod(e, 2.0);
            if (r < 0)
                r += 2.0;
            if (r == 0.5)
                return {0.0, m};
            if (r == 1.5)
                return {0.0, -m};
            return {m * std::cos(std::numbers::pi * r), m * std::sin(std::numbers::pi * r)};
        }
        if (x.imag() == 0.0 && x.real() >= 0.0)
            return std::pow(x.real(), e);
    }
    return std::pow(x, p);
}

template <class F>
Value arithmetic(const Value& a, BinaryOp op, const Value& b, F f) {
    const Shape s = broadcastShape(a, op, b);
    if (a.isReal() && b.isReal())
        return Value(zipWith<double>(a.real(), b.real(), s, f));
    return Value::narrowed(zipWith<cx>(a.toComplex(), b.toComplex(), s, f));
}

Value power(const Value& a, BinaryOp op, const Value& b) {
    const Shape s = broadcastShape(a, op, b);
    if (a.isReal() && b.isReal()) {
        bool needsComplex = false;
        arma::mat out = zipWith<double>(a.real(), b.real(), s, [&](double x, double p) {
            if (x < 0.0 && isFractional(p))
                needsComplex = true;
            return std::pow(x, p);
        });
        if (!needsComplex)
            return Value(std::move(out));
    }
    return Value::narrowed(zipWith<cx>(a.toComplex(), b.toComplex(), s, complexPower));
}

bool compareReal(BinaryOp op, double x, double y) {
    switch (op) {
        case BinaryOp::Eq:
            return x == y;
        case BinaryOp::Ne:
            return x != y;
        case BinaryOp::Lt:
            return x < y;
        case BinaryOp::Le:
            return x <= y;
        case BinaryOp::Gt:
            return x > y;
        default:
            return x >= y;
    }
}

// Complex operands: == and != compare both parts, ordering compares real parts (Octave).
Value compare(const Value& a, BinaryOp op, const Value& b) {
    const Shape s = broadcastShape(a, op, b);
    if (a.isReal() && b.isReal()) {
        return Value::logical(zipWith<double>(a.real(), b.real(), s, [op](double x, double y) {
            return compareReal(op, x, y) ? 1.0 : 0.0;
        }));
    }
    if (op == BinaryOp::Eq || op == BinaryOp::Ne) {
        const bool equal = op == BinaryOp::Eq;
        return Value::logical(zipWith<double>(a.toComplex(), b.toComplex(), s, [equal](cx x, cx y) {
            return (x == y) == equal ? 1.0 : 0.0;
        }));
    }
    const arma::mat ra = arma::real(a.toComplex());
    const arma::mat rb = arma::real(b.toComplex());
    return Value::logical(zipWith<double>(
        ra, rb, s, [op](double x, double y) { return compareReal(op, x, y) ? 1.0 : 0.0; }));
}

arma::mat truthOf(const Value& v) {
    if (v.isReal())
        return arma::conv_to<arma::mat>::from(v.real() != 0.0);
    return arma::conv_to<arma::mat>::from(arma::abs(v.complex()) != 0.0);
}

Value logical(const Value& a, BinaryOp op, const Value& b) {
    const Shape s = broadcastShape(a, op, b);
    const bool isAnd = op == BinaryOp::And;
    return Value::logical(zipWith<double>(truthOf(a), truthOf(b), s, [isAnd](double x, double y) {
        return (isAnd ? (x != 0.0 && y != 0.0) : (x != 0.0 || y != 0.0)) ? 1.0 : 0.0;
    }));
}

// Solves A·X = B: square systems by LU with the condition number estimated on the way
// (Armadillo's own path for square solves, called directly to keep the estimate), others in
// the least squares sense. A system singular to working precision is an error; Armadillo's
// own fallback would print a warning on stderr instead.
template <class M>
M solveSystem(const M& A, const M& B, double* rcond) {
    M X;
    if (A.is_square()) {
        M lu = A;
        double r = 0.0;
        const bool solved = arma::auxlib::solve_square_rcond(X, r, lu, B);
        if (rcond)
            *rcond = solved ? r : 0.0;
        if (solved && r >= std::numeric_limits<double>::epsilon())
            return X;
        if (!solved || r == 0.0)
            throw Error("matrix is singular to working precision (condition number " +
                        conditionText(0.0) + ")");
        throw Error("matrix is singular to working precision (condition number " +
                    conditionText(r) + ")");
    }
    if (arma::solve(X, A, B, arma::solve_opts::no_approx))
        return X;
    return M(arma::pinv(A) * B);
}

Value leftDivide(const Value& a, const Value& b, double* rcond = nullptr) {
    if (a.isReal() && b.isReal())
        return Value(solveSystem<arma::mat>(a.real(), b.real(), rcond));
    return Value::narrowed(solveSystem<arma::cx_mat>(a.toComplex(), b.toComplex(), rcond));
}

template <class M>
M matrixPower(M base, long long p) {
    if (p < 0) {
        M inverse;
        if (!arma::inv(inverse, base))
            throw Error("matrix is singular to working precision");
        base = std::move(inverse);
    }
    unsigned long long k = p < 0 ? -static_cast<unsigned long long>(p) : p;
    M result(base.n_rows, base.n_cols, arma::fill::eye);
    while (k > 0) {
        if (k & 1U)
            result = result * base;
        k >>= 1U;
        if (k > 0)
            base = base * base;
    }
    return result;
}

Value matrixPowerOp(const Value& a, const Value& b) {
    if (a.numel() == 1 && b.numel() == 1)
        return power(a, BinaryOp::MatPow, b);
    if (a.numel() == 1)
        throw Error(
            "a scalar raised to a matrix is not supported (use .^ for element-wise powers)");
    if (b.numel() != 1 || !b.isReal() || isFractional(b.real()(0, 0)) ||
        !std::isfinite(b.real()(0, 0)))
        throw Error("A^p needs an integer power p for a matrix A, got " + describe(b) +
                    " (use .^ for element-wise powers)");
    if (a.rows() != a.cols())
        throw Error("A^p needs a square matrix, got " + a.sizeString() +
                    " (use .^ for element-wise powers)");
    const double p = b.real()(0, 0);
    if (std::abs(p) > 9.0e15)
        throw Error("A^p: the power " + std::to_string(p) + " is too large");
    const auto k = static_cast<long long>(p);
    if (a.isReal())
        return Value(matrixPower<arma::mat>(a.real(), k));
    return Value::narrowed(matrixPower<arma::cx_mat>(a.complex(), k));
}

Value matrixProduct(const Value& a, const Value& b) {
    if (a.cols() != b.rows())
        mismatch(a, BinaryOp::MatMul, b);
    if (a.isReal() && b.isReal())
        return Value(arma::mat(a.real() * b.real()));
    return Value::narrowed(arma::cx_mat(a.toComplex() * b.toComplex()));
}

Value stringOp(BinaryOp op, const Value& a, const Value& b) {
    if (a.isString() && b.isString()) {
        if (op == BinaryOp::Add)
            return Value(a.string() + b.string());
        if (op == BinaryOp::Eq)
            return Value::boolean(a.string() == b.string());
        if (op == BinaryOp::Ne)
            return Value::boolean(a.string() != b.string());
    }
    notDefined(opSymbol(op), a, b);
}

}  // namespace

std::string conditionText(double rcond) {
    if (!(rcond > 0.0))
        return "Inf";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2g", 1.0 / rcond);
    return buffer;
}

Value divideOp(BinaryOp op, const Value& a, const Value& b, double& rcond) {
    rcond = 1.0;
    if (!a.isNumeric() || !b.isNumeric() || a.numel() == 1 || b.numel() == 1)
        return binaryOp(op, a, b);
    if (op == BinaryOp::MatLeftDiv) {
        if (a.rows() != b.rows())
            mismatch(a, op, b);
        return leftDivide(a, b, &rcond);
    }
    if (op != BinaryOp::MatDiv)
        return binaryOp(op, a, b);
    if (a.cols() != b.cols())
        mismatch(a, op, b);
    return postfixOp(ast::PostfixOp::Transpose,
                     leftDivide(postfixOp(ast::PostfixOp::Transpose, b),
                                postfixOp(ast::PostfixOp::Transpose, a), &rcond));
}

Value binaryOp(BinaryOp op, const Value& a, const Value& b) {
    if (a.isRealScalar() && b.isRealScalar()) {
        const double x = a.scalar();
        const double y = b.scalar();
        double out;
        if (scalarArithmetic(op, x, y, out))
            return Value(out);
        switch (op) {
            case BinaryOp::Eq:
            case BinaryOp::Ne:
            case BinaryOp::Lt:
            case BinaryOp::Le:
            case BinaryOp::Gt:
            case BinaryOp::Ge:
                return Value::boolean(compareReal(op, x, y));
            default:
                break;
        }
    }
    if (a.isString() || b.isString())
        return stringOp(op, a, b);
    if (!a.isNumeric() || !b.isNumeric())
        notDefined(opSymbol(op), a, b);

    const auto add = [](auto x, auto y) { return x + y; };
    const auto sub = [](auto x, auto y) { return x - y; };
    const auto mul = [](auto x, auto y) { return x * y; };
    const auto div = [](auto x, auto y) { return x / y; };
    const auto leftDiv = [](auto x, auto y) { return y / x; };
    switch (op) {
        case BinaryOp::Add:
            return arithmetic(a, op, b, add);
        case BinaryOp::Sub:
            return arithmetic(a, op, b, sub);
        case BinaryOp::ElMul:
            return arithmetic(a, op, b, mul);
        case BinaryOp::ElDiv:
            return arithmetic(a, op, b, div);
        case BinaryOp::ElLeftDiv:
            return arithmetic(a, op, b, leftDiv);
        case BinaryOp::ElPow:
            return power(a, op, b);
        case BinaryOp::MatMul:
            if (a.numel() == 1 || b.numel() == 1)
                return arithmetic(a, op, b, mul);
            return matrixProduct(a, b);
        case BinaryOp::MatDiv:
            if (b.numel() == 1)
                return arithmetic(a, op, b, div);
            if (a.cols() != b.cols())
                mismatch(a, op, b);
            return postfixOp(ast::PostfixOp::Transpose,
                             leftDivide(postfixOp(ast::PostfixOp::Transpose, b),
                                        postfixOp(ast::PostfixOp::Transpose, a)));
        case BinaryOp::MatLeftDiv:
            if (a.numel() == 1)
                return arithmetic(a, op, b, leftDiv);
            if (a.rows() != b.rows())
                mismatch(a, op, b);
            return leftDivide(a, b);
        case BinaryOp::MatPow:
            return matrixPowerOp(a, b);
        case BinaryOp::Eq:
        case BinaryOp::Ne:
        case BinaryOp::Lt:
        case BinaryOp::Le:
        case BinaryOp::Gt:
        case BinaryOp::Ge:
            return compare(a, op, b);
        case BinaryOp::And:
        case BinaryOp::Or:
            return logical(a, op, b);
        case BinaryOp::AndAnd:
        case BinaryOp::OrOr:
            return Value::boolean(scalarTruth(a, op) && scalarTruth(b, op));
    }
    throw Error("unknown operator");
}

Value unaryOp(ast::UnaryOp op, const Value& a) {
    const char* symbol = op == ast::UnaryOp::Neg ? "-" : op == ast::UnaryOp::Plus ? "+" : "!";
    if (!a.isNumeric())
        notDefined(symbol, a);
    switch (op) {
        case ast::UnaryOp::Neg:
            if (a.isRealScalar())
                return Value(-a.scalar());
            if (a.isReal())
                return Value(arma::mat(-a.real()));
            return Value(arma::cx_mat(-a.complex()));
        case ast::UnaryOp::Plus:
            if (a.isReal())
                return Value(a.real());
            return a;
        case ast::UnaryOp::Not: {
            arma::mat t = truthOf(a);
            return Value::logical(arma::mat(1.0 - t));
        }
    }
    throw Error("unknown operator");
}

Value postfixOp(ast::PostfixOp op, const Value& a) {
    const bool conjugate = op == ast::PostfixOp::Transpose;
    if (!a.isNumeric())
        notDefined(conjugate ? "'" : ".'", a);
    if (a.isBool())
        return Value::logical(a.real().t());
    if (a.isReal())
        return Value(arma::mat(a.real().t()));
    if (conjugate)
        return Value(arma::cx_mat(a.complex().t()));
    return Value(arma::cx_mat(a.complex().st()));
}

bool scalarTruth(const Value& v, ast::BinaryOp op) {
    if (!v.isNumeric() || v.numel() != 1)
        throw Error(std::string("the operands of '") + opSymbol(op) + "' must be scalars, got " +
                    describe(v));
    return v.isTrue();
}

const char* opSymbol(BinaryOp op) {
    switch (op) {
        case BinaryOp::Add:
            return "+";
        case BinaryOp::Sub:
            return "-";
        case BinaryOp::MatMul:
            return "*";
        case BinaryOp::MatDiv:
            return "/";
        case BinaryOp::MatLeftDiv:
            return "\\";
        case BinaryOp::MatPow:
            return "^";
        case BinaryOp::ElMul:
            return ".*";
        case BinaryOp::ElDiv:
            return "./";
        case BinaryOp::ElLeftDiv:
            return ".\\";
        case BinaryOp::ElPow:
            return ".^";
        case BinaryOp::Eq:
            return "==";
        case BinaryOp::Ne:
            return "!=";
        case BinaryOp::Lt:
            return "<";
        case BinaryOp::Le:
            return "<=";
        case BinaryOp::Gt:
            return ">";
        case BinaryOp::Ge:
            return ">=";
        case BinaryOp::And:
            return "&";
        case BinaryOp::Or:
            return "|";
        case BinaryOp::AndAnd:
            return "&&";
        case BinaryOp::OrOr:
            return "||";
    }
    return "?";
}

std::string describe(const Value& v) {
    const std::string type = v.typeName();
    if (v.isNumeric())
        return "a " + v.sizeString() + " " + type;
    const bool vowel = !type.empty() && std::string("aeiou").find(type[0]) != std::string::npos;
    return (vowel ? "an " : "a ") + type;
}

}  // namespace lemma::lang
