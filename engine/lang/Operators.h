// The operators of the language on values: element-wise arithmetic with MATLAB broadcasting,
// matrix products, solves and powers, comparisons, logical operators and transposes.
//
// Every function throws lemma::Error without a position on a type or shape error; the
// interpreter adds the operator's position.
#pragma once

#include <string>

#include "engine/core/Value.h"
#include "engine/lang/Ast.h"

namespace lemma::lang {

// `a op b` for every binary operator except the short-circuit && and ||.
Value binaryOp(ast::BinaryOp op, const Value& a, const Value& b);

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
