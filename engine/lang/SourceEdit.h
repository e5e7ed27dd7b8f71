// Edits of a cell's source text that keep everything else byte for byte: overriding a
// top-level assignment (`lemma run --set name=value`), moving a control (`value=`).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lemma::lang {

// Replaces the right-hand side of the first top-level statement `name = …` in `source` with
// `expression`, keeping the indentation, a trailing `;` and a trailing comment. "Top level"
// means outside if/for/while/function blocks. Returns nullopt when there is no such statement.
std::optional<std::string> replaceAssignment(std::string_view source, std::string_view name,
                                             std::string_view expression);

// Sets the `value=` keyword argument of the index-th (0-based) call of slider, choice or toggle
// in `source` to `literal`: replaces the argument's expression, or adds `, value=literal`
// (`value=literal` to an empty argument list) before the closing parenthesis. Calls count in
// source order, outside strings and comments; `x.slider(…)` is not a call of the builtin.
// Returns nullopt when there is no such call, its parentheses are not closed, or the source
// cannot be tokenized.
std::optional<std::string> replaceControlValue(std::string_view source, std::size_t index,
                                               std::string_view literal);

// One call of slider, choice or toggle in a cell's source, in the order replaceControlValue
// counts them: the name its statement assigns (`B = slider(…)` gives "B"; "" when the call is
// not the whole right-hand side of a plain assignment) and the text of its `value=` argument
// ("" when it has none).
struct ControlCall {
    std::string name;
    std::string value;
};

// The control calls of `source`; empty when it cannot be tokenized.
std::vector<ControlCall> controlCalls(std::string_view source);

}  // namespace lemma::lang
