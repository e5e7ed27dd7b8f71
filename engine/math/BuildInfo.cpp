// The numerical stack as the running process sees it (see BuildInfo.h).
//
// OpenBLAS is reached through Debian's BLAS alternative, so its own entry points are looked up
// at run time: another BLAS simply reports its generic name and no thread count.
#include "engine/math/BuildInfo.h"

#include <armadillo>
#include <dlfcn.h>

#ifndef LEMMA_COMMIT
#define LEMMA_COMMIT "unknown"
#endif

namespace lemma::math {

BuildInfo buildInfo() {
    BuildInfo info;
    info.lemmaVersion = LEMMA_VERSION;
    info.commit = LEMMA_COMMIT;
    info.armadillo = arma::arma_version::as_string();
    using ConfigFn = char* (*)();
    using ThreadsFn = int (*)();
    auto config = reinterpret_cast<ConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
    auto threads = reinterpret_cast<ThreadsFn>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    auto core = reinterpret_cast<ConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    if (config) {
        info.blas = config();
        if (core)
            info.blas += std::string(" (") + core() + " kernels)";
    } else {
        info.blas = "BLAS (reference or unknown)";
    }
    info.blasThreads = threads ? threads() : 0;
    return info;
}

}  // namespace lemma::math
