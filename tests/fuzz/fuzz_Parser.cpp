// Fuzz target: the lexer and parser, and the name analysis the session runs on every cell.
// Syntax errors are values (the program's diagnostics), never exceptions other than
// lemma::Error.
#include <cstdint>
#include <string_view>

#include "engine/core/Error.h"
#include "engine/lang/LikelyDefinitions.h"
#include "engine/lang/Parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    try {
        (void)lemma::lang::parseProgram(source);
    } catch (const lemma::Error&) {
    }
    try {
        (void)lemma::lang::likelyDefinitions(source);
    } catch (const lemma::Error&) {
    }
    return 0;
}
