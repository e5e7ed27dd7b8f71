// UTF-8 validation for files the notebook reader is asked to open.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace lemma::notebook {

// The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF), or nullopt when all is valid.
std::optional<std::size_t> findInvalidUtf8(std::string_view bytes);

}  // namespace lemma::notebook
