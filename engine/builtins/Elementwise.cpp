// Element-wise mathematics: exp, log, trigonometry, rounding, activations (sigmoid, relu, gelu),
// complex parts, NaN tests and the two-argument functions mod, rem, atan2, hypot.
//
// Real functions whose result leaves the reals (sqrt and log of a negative number, asin of
// 2 …) switch the whole matrix to complex, as Octave does; results whose imaginary parts are
// all zero come back real.
#include <cmath>

#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"

namespace lemma::builtins {

using namespace support;

namespace {

struct Unary {
    const char* name;
    const char* help;
    double (*real)(double);
    cx (*complex)(cx);            // nullptr: real arguments only
    bool (*leavesReals)(double);  // nullptr: the real function is closed over the reals
};

bool negative(double x) {
    return x < 0;
}
bool belowMinusOne(double x) {
    return x < -1;
}
bool belowOne(double x) {
    return x < 1;
}
bool outsideUnit(double x) {
    return std::abs(x) > 1;
}

double sigmoid(double x) {
    if (x >= 0)
        return 1.0 / (1.0 + std::exp(-x));
    const double ex = std::exp(x);
    return ex / (1.0 + ex);
}

double softplus(double x) {
    return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x)));
}

double sign(double x) {
    if (std::isnan(x))
        return x;
    return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0;
}

cx signComplex(cx z) {
    return z == cx(0.0, 0.0) ? z : z / std::abs(z);
}

template <double (*F)(double)>
cx byParts(cx z) {
    return {F(z.real()), F(z.imag())};
}

const Unary kUnary[] = {
    {"sqrt", "Square root; negative entries give complex results.",
     [](double x) { return std::sqrt(x); }, [](cx z) { return std::sqrt(z); }, negative},
    {"exp", "The exponential e^x.", [](double x) { return std::exp(x); },
     [](cx z) { return std::exp(z); }, nullptr},
    {"log", "Natural logarithm; negative entries give complex results, log(0) = -Inf.",
     [](double x) { return std::log(x); }, [](cx z) { return std::log(z); }, negative},
    {"log2", "Base-2 logarithm.", [](double x) { return std::log2(x); },
     [](cx z) { return std::log(z) / std::log(2.0); }, negative},
    {"log10", "Base-10 logarithm.", [](double x) { return std::log10(x); },
     [](cx z) { return std::log10(z); }, negative},
    {"log1p", "log(1 + x), accurate for small x.", [](double x) { return std::log1p(x); },
     [](cx z) { return std::log(1.0 + z); }, belowMinusOne},
    {"expm1", "exp(x) - 1, accurate for small x.", [](double x) { return std::expm1(x); },
     [](cx z) { return std::exp(z) - 1.0; }, nullptr},
    {"sin", "Sine (radians).", [](double x) { return std::sin(x); },
     [](cx z) { return std::sin(z); }, nullptr},
    {"cos", "Cosine (radians).", [](double x) { return std::cos(x); },
     [](cx z) { return std::cos(z); }, nullptr},
    {"tan", "Tangent (radians).", [](double x) { return std::tan(x); },
     [](cx z) { return std::tan(z); }, nullptr},
    {"asin", "Inverse sine; |x| > 1 gives complex results.", [](double x) { return std::asin(x); },
     [](cx z) { return std::asin(z); }, outsideUnit},
    {"acos", "Inverse cosine; |x| > 1 gives complex results.",
     [](double x) { return std::acos(x); }, [](cx z) { return std::acos(z); }, outsideUnit},
    {"atan", "Inverse tangent.", [](double x) { return std::atan(x); },
     [](cx z) { return std::atan(z); }, nullptr},
    {"sinh", "Hyperbolic sine.", [](double x) { return std::sinh(x); },
     [](cx z) { return std::sinh(z); }, nullptr},
    {"cosh", "Hyperbolic cosine.", [](double x) { return std::cosh(x); },
     [](cx z) { return std::cosh(z); }, nullptr},
    {"tanh", "Hyperbolic tangent.", [](double x) { return std::tanh(x); },
     [](cx z) { return std::tanh(z); }, nullptr},
    {"asinh", "Inverse hyperbolic sine.", [](double x) { return std::asinh(x); },
     [](cx z) { return std::asinh(z); }, nullptr},
    {"acosh", "Inverse hyperbolic cosine; x < 1 gives complex results.",
     [](double x) { return std::acosh(x); }, [](cx z) { return std::acosh(z); }, belowOne},
    {"atanh", "Inverse hyperbolic tangent; |x| > 1 gives complex results.",
     [](double x) { return std::atanh(x); }, [](cx z) { return std::atanh(z); }, outsideUnit},
    {"sigmoid", "The logistic function 1 / (1 + exp(-x)), computed without overflow.", sigmoid,
     nullptr, nullptr},
    {"relu", "The rectifier max(x, 0).", [](double x) { return x > 0 ? x : (x == x ? 0.0 : x); },
     nullptr, nullptr},
    {"softplus", "log(1 + exp(x)), computed without overflow; a smooth relu.", softplus, nullptr,
     nullptr},
    {"sign", "-1, 0 or 1 by the sign of x; for complex z, z / |z|.", sign, signComplex, nullptr},
    {"round", "Rounds to the nearest integer, halves away from zero.",
     [](double x) { return std::round(x); }, byParts<std::round>, nullptr},
    {"floor", "Rounds toward -Inf.", [](double x) { return std::floor(x); }, byParts<std::floor>,
     nullptr},
    {"ceil", "Rounds toward +Inf.", [](double x) { return std::ceil(x); }, byParts<std::ceil>,
     nullptr},
    {"fix", "Rounds toward zero.", [](double x) { return std::trunc(x); }, byParts<std::trunc>,
     nullptr},
    {"erf", "The error function (2/√π) ∫₀ˣ exp(-t²) dt.", [](double x) { return std::erf(x); },
     nullptr, nullptr},
    {"erfc", "The complementary error function 1 - erf(x), accurate for large x.",
     [](double x) { return std::erfc(x); }, nullptr, nullptr},
    {"gamma", "The gamma function; gamma(n) = (n-1)!.", [](double x) { return std::tgamma(x); },
     nullptr, nullptr},
    {"gammaln", "The logarithm of |gamma(x)|, without overflow.",
     [](double x) { return std::lgamma(x); }, nullptr, nullptr},
};

Value applyUnary(Call& c, const Unary& f) {
    c.requireCount(1, 1);
    const Value& a = numeric(c, 0);
    if (a.isComplex()) {
        if (!f.complex)
            c.fail("argument 1 must be a real matrix, got " + describe(a));
        arma::cx_mat z = a.complex();
        z.transform([&](cx v) { return f.complex(v); });
        return result(z);
    }
    const arma::mat& m = a.real();
    if (f.leavesReals && f.complex) {
        bool leaves = false;
        for (const double x : m)
            leaves = leaves || f.leavesReals(x);
        if (leaves) {
            arma::cx_mat z = a.toComplex();
            z.transform([&](cx v) { return f.complex(v); });
            return result(z);
        }
    }
    arma::mat out = m;
    out.transform([&](double x) { return f.real(x); });
    return Value(std::move(out));
}

// A real function of a real or complex argument (abs, real, imag, angle).
void addToReal(Registry& r, const char* name, const char* help, double (*onReal)(double),
               double (*onComplex)(cx)) {
    r.add(name, std::string(name) + "(x)", help, [onReal, onComplex](Call& c) {
        c.requireCount(1, 1);
        const Value& a = numeric(c, 0);
        if (a.isComplex()) {
            const arma::cx_mat& z = a.complex();
            arma::mat out(z.n_rows, z.n_cols);
            for (arma::uword i = 0; i < z.n_elem; ++i)
                out(i) = onComplex(z(i));
            return std::vector<Value>{out};
        }
        arma::mat out = a.real();
        out.transform([&](double x) { return onReal(x); });
        return std::vector<Value>{out};
    }, {onReal, nullptr});
}

// A logical test per entry; a complex entry passes when either part does, or with `bothParts`
// when both do.
void addTest(Registry& r, const char* name, const char* help, bool (*test)(double),
             bool bothParts = false) {
    r.add(name, std::string(name) + "(x)", help, [test, bothParts](Call& c) {
        c.requireCount(1, 1);
        const Value& a = numeric(c, 0);
        arma::mat out(a.rows(), a.cols());
        if (a.isComplex()) {
            const arma::cx_mat& z = a.complex();
            for (arma::uword i = 0; i < z.n_elem; ++i) {
                const bool re = test(z(i).real());
                const bool im = test(z(i).imag());
                out(i) = (bothParts ? re && im : re || im) ? 1.0 : 0.0;
            }
        } else {
            const arma::mat& m = a.real();
            for (arma::uword i = 0; i < m.n_elem; ++i)
                out(i) = test(m(i)) ? 1.0 : 0.0;
        }
        return std::vector<Value>{Value::logical(std::move(out))};
    });
}

double modulo(double x, double y) {
    if (y == 0.0)
        return x;
    if (std::isinf(y) && std::isfinite(x))
        return (x == 0.0 || (x > 0) == (y > 0)) ? x : y;
    const double q = std::floor(x / y);
    return x - q * y;
}

double remainder(double x, double y) {
    if (y == 0.0)
        return x;
    if (std::isinf(y) && std::isfinite(x))
        return x;
    return x - std::trunc(x / y) * y;
}

void addBinary(Registry& r, const char* name, const char* usage, const char* help,
               double (*f)(double, double)) {
    r.add(name, usage, help, [f](Call& c) {
        c.requireCount(2, 2);
        return std::vector<Value>{arma::mat(broadcast(c, c.matrix(0), c.matrix(1), f))};
    });
}

arma::mat gelu(const arma::mat& x, bool tanhForm) {
    arma::mat out = x;
    if (tanhForm) {
        const double k = std::sqrt(2.0 / arma::datum::pi);
        out.transform(
            [k](double v) { return 0.5 * v * (1.0 + std::tanh(k * (v + 0.044715 * v * v * v))); });
    } else {
        // x·Φ(x) with Φ(x) = erfc(-x/√2)/2, which keeps its accuracy for negative x.
        out.transform([](double v) { return 0.5 * v * std::erfc(-v / std::sqrt(2.0)); });
    }
    return out;
}

}  // namespace

void registerElementwise(Registry& r) {
    for (const Unary& f : kUnary) {
        r.add(
            f.name, std::string(f.name) + "(x)", f.help,
            [&f](Call& c) { return std::vector<Value>{applyUnary(c, f)}; },
            {f.real, f.complex ? f.leavesReals : nullptr});
    }

    r.add("gelu", "gelu(x), gelu(x, approximate=\"tanh\")",
          "The GELU activation in its exact form x·Φ(x) = x·(1 + erf(x/√2))/2; "
          "approximate=\"tanh\" gives GPT-2's tanh approximation.",
          [](Call& c) {
              c.requireCount(1, 1);
              const std::string form = c.keywordString("approximate", "none");
              if (form != "none" && form != "tanh")
                  c.fail("approximate must be \"none\" or \"tanh\", got \"" + form + "\"");
              return std::vector<Value>{gelu(c.matrix(0), form == "tanh")};
          });

    addToReal(
        r, "abs", "The absolute value; for complex entries the modulus |z|.",
        [](double x) { return std::abs(x); }, [](cx z) { return std::abs(z); });
    addToReal(
        r, "real", "The real part.", [](double x) { return x; }, [](cx z) { return z.real(); });
    addToReal(
        r, "imag", "The imaginary part (zero for real entries).", [](double) { return 0.0; },
        [](cx z) { return z.imag(); });
    addToReal(
        r, "angle", "The phase angle in radians, in (-π, π].",
        [](double x) { return std::atan2(0.0, x); }, [](cx z) { return std::arg(z); });
    r.add("conj", "conj(z)", "The complex conjugate (real entries are unchanged).", [](Call& c) {
        c.requireCount(1, 1);
        const Value& a = numeric(c, 0);
        if (a.isComplex())
            return std::vector<Value>{arma::cx_mat(arma::conj(a.complex()))};
        return std::vector<Value>{arma::mat(a.real())};
    });

    addTest(r, "isnan", "True where x is NaN (either part, for complex entries).",
            [](double x) { return std::isnan(x); });
    addTest(r, "isinf", "True where x is +Inf or -Inf (either part, for complex entries).",
            [](double x) { return std::isinf(x); });
    addTest(
        r, "isfinite", "True where x is neither NaN nor infinite.",
        [](double x) { return static_cast<bool>(std::isfinite(x)); }, true);

    addBinary(r, "mod", "mod(x, y)",
              "The remainder x - floor(x./y).*y, with the sign of y; mod(x, 0) = x.", modulo);
    addBinary(r, "rem", "rem(x, y)",
              "The remainder x - fix(x./y).*y, with the sign of x; rem(x, 0) = x.", remainder);
    addBinary(r, "atan2", "atan2(y, x)", "The four-quadrant inverse tangent of y/x, in [-π, π].",
              [](double y, double x) { return std::atan2(y, x); });
    addBinary(r, "hypot", "hypot(x, y)", "sqrt(x.^2 + y.^2) without overflow or underflow.",
              [](double x, double y) { return std::hypot(x, y); });
}

}  // namespace lemma::builtins
