// What a report's reproducibility stamp says about the numerical stack: Lemma's version and
// commit, Armadillo's version, and the BLAS library with its thread count.
#pragma once

#include <string>

namespace lemma::math {

struct BuildInfo {
    std::string lemmaVersion;  // "0.1.0"
    std::string commit;        // the git commit the build was configured at, or "unknown"
    std::string armadillo;     // "11.4.2 (Ready to Eat)"
    std::string blas;          // "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64"
    int blasThreads = 0;       // 0 when the BLAS library does not say
};

// Asks the libraries that are linked in (OpenBLAS through its C API when it is the BLAS).
BuildInfo buildInfo();

}  // namespace lemma::math
