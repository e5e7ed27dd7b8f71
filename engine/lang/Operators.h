// The operators of the language on values: element-wise arithmetic with MATLAB broadcasting,
// matrix products, solves and powers, comparisons, logical operators and transposes.
//
// Every function throws lemma::Error without a position on a type or shape error; the
// interpreter adds the operator's position.
#pragma once

#include <cmath>
#include <string>

#include "engine/core/Value.h"
#include "engine/lang/Ast.h"

namespace lemma::lang {

// `a op b` for every binary operator except the short-circuit && and ||.
Value binaryOp(ast::BinaryOp op, const Value& a, const Value& b);

// `a op b` on two real scalars when the result is a real scalar, without making values: false
// when `op` is not arithmetic or the result would be complex ((-8)^(1/3)). The interpreter's
// fast path; binaryOp gives the same result.
inline bool isFractionalPower(double p) {
    return p != std::floor(p);
}
inline bool scalarArithmetic(ast::BinaryOp op, double a, double b, double& out) {
    using ast::BinaryOp;
    switch (op) {
        case BinaryOp::Add:
            out = a + b;
            return true;
        case BinaryOp::Sub:
            out = a - b;
            return true;
        case BinaryOp::ElMul:
        case BinaryOp::MatMul:
            out = a * b;
            return true;
        case BinaryOp::ElDiv:
        case BinaryOp::MatDiv:
            out = a / b;
            return true;
        case BinaryOp::ElLeftDiv:
        case BinaryOp::MatLeftDiv:
            out = b / a;
            return true;
        case BinaryOp::ElPow:
        case BinaryOp::MatPow:
            if (a < 0.0 && std::isfinite(b) && isFractionalPower(b))
                return false;
            out = std::pow(a, b);
            return true;
        default:
            return false;
    }
}

// The operators whose Inf results come from dividing by zero rather than from overflow.
inline bool isDivision(ast::BinaryOp op) {
    using ast::BinaryOp;
    return op == BinaryOp::ElDiv || op == BinaryOp::MatDiv || op == BinaryOp::ElLeftDiv ||
           op == BinaryOp::MatLeftDiv;
}

// a \ b and a / b (MatLeftDiv, MatDiv) as binaryOp gives them, and the reciprocal condition
// number of the square system solved (1 when there was none: scalars, least squares). An
// exactly singular system is an error naming its condition number.
Value divideOp(ast::BinaryOp op, const Value& a, const Value& b, double& rcond);

// Below this reciprocal condition number a solve warns that its result may be inaccurate (a
// condition number above 1e12 leaves about four correct digits of sixteen).
inline constexpr double kIllConditioned = 1e-12;
// The condition number 1/rcond as messages print it: "1.2e+13", "Inf".
std::string conditionText(double rcond);

// -a, +a, !a.
Value unaryOp(ast::UnaryOp op, const Value& a);

// a' (conjugate transpose) and a.'.
Value postfixOp(ast::PostfixOp op, const Value& a);

// The truth of an operand of && or ||, which must be a numeric scalar.
bool scalarTruth(const Value& v, ast::BinaryOp op);

// The operator as written: "+", ".*", "&&" …
const char* opSymbol(ast::BinaryOp op);

// "a 3×2 double", "a string": how error messages name a value.
std::string describe(const Value& v);

}  // namespace lemma::lang
