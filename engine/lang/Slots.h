// Numbers every name of a parsed cell by its scope, so the interpreter finds a variable by
// index instead of by string.
#pragma once

#include "engine/lang/Ast.h"

namespace lemma::lang {

// A scope is the cell's top level, one `function … end` body or one anonymous function's body.
// Within a scope each distinct name gets a slot 0, 1, …; every IdentExpr, assignment target
// and loop variable records its slot, and the scope records how many there are. The
// interpreter keeps, per running frame, one cached location per slot (see Evaluator::Frame),
// filled on first use; the names themselves stay the truth, so a node without a slot (-1)
// still works by name.
void assignSlots(ast::Program& program);

}  // namespace lemma::lang
