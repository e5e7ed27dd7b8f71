// Fuzz target: the notebook file reader. Any bytes either read (and then write back unchanged)
// or fail with lemma::Error; nothing else.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/core/Error.h"
#include "engine/notebook/NotebookFormat.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const auto parsed = lemma::notebook::parseNotebook(bytes, "fuzz.md");
        // Reading then writing changes no byte.
        if (lemma::notebook::serializeNotebook(parsed.notebook) != bytes)
            std::abort();
    } catch (const lemma::Error&) {
    }
    return 0;
}
