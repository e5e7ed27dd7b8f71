// Fuzz target: the .npy and CSV readers. The first byte picks the reader; the rest is the
// file. Bad files fail with lemma::Error naming the problem.
#include <cstdint>
#include <string_view>

#include "engine/core/Error.h"
#include "engine/math/DataFiles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        if (data[0] & 1)
            (void)lemma::math::parseNpy(bytes, "fuzz.npy");
        else
            (void)lemma::math::parseCsv(bytes, "fuzz.csv");
    } catch (const lemma::Error&) {
    }
    return 0;
}
