// "Did you mean …?": the closest known name to a misspelt one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lemma::lang {

// The candidate closest to `name` by edit distance, or "" when none is close enough. A name
// differing only in case wins; otherwise at most 1 edit for names of 2–3 characters and 2 for
// longer ones (a one-letter name has too many neighbours to guess). Earlier candidates win
// ties, so callers list the likeliest names (variables) first.
std::string closestName(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace lemma::lang
