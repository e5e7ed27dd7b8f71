// The names a cell that does not parse probably defines, read from its tokens alone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lemma::lang {

// A best guess at the global names `source` assigns, for a cell with a syntax error, so its
// dependents can say "depends on 'y' from cell 3, which failed" rather than "undefined name".
// Counts `name = …`, `name(…) = …`, `name.field = …`, `[a, b] = …` and `for name = …` at the
// start of a statement, and the names of `function` definitions. Source the lexer rejects
// gives nothing. A guess: NameAnalysis is the authority for cells that parse.
std::vector<std::string> likelyDefinitions(std::string_view source);

}  // namespace lemma::lang
