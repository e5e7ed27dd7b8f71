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
