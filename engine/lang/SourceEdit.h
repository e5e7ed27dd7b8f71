// Edits of a cell's source text that keep everything else byte for byte: overriding a
// top-level assignment (`lemma run --set name=value`).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lemma::lang {

// Replaces the right-hand side of the first top-level statement `name = …` in `source` with
// `expression`, keeping the indentation, a trailing `;` and a trailing comment. "Top level"
// means outside if/for/while/function blocks. Returns nullopt when there is no such statement.
std::optional<std::string> replaceAssignment(std::string_view source, std::string_view name,
                                             std::string_view expression);

}  // namespace lemma::lang
