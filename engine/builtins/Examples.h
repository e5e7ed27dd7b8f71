// The runnable example of each builtin, shown by help and the Help panel.
#pragma once

#include <string_view>

namespace lemma::builtins {

// A few lines of code that use the builtin `name` and run without error on their own; empty
// when the name has no example.
std::string_view exampleFor(std::string_view name);

}  // namespace lemma::builtins
