// The parser of the cell language: source text in, syntax tree with its defs and uses out.
#pragma once

#include <memory>
#include <string_view>

#include "engine/lang/Ast.h"

namespace lemma::lang {

// Parses one cell. Throws lemma::Error at the first syntax error, with its 1-based line and
// column ("expected ')' to close '(' at 2:5, found end of line").
std::shared_ptr<const ast::Program> parseProgram(std::string_view source);

}  // namespace lemma::lang
