// OpenBLAS's thread control, declared weak: the library is reached through Debian's libblas
// alternative, so the symbols exist at run time only when that alternative is OpenBLAS.
#include "engine/math/BlasThreads.h"

extern "C" {
void openblas_set_num_threads(int) __attribute__((weak));
int openblas_get_num_threads() __attribute__((weak));
char* openblas_get_config() __attribute__((weak));
char* openblas_get_corename() __attribute__((weak));
}

namespace lemma::math {

SingleThreadedBlas::SingleThreadedBlas() {
    if (openblas_get_num_threads && openblas_set_num_threads) {
        m_previous = openblas_get_num_threads();
        openblas_set_num_threads(1);
    }
}

SingleThreadedBlas::~SingleThreadedBlas() {
    if (openblas_set_num_threads && m_previous > 0)
        openblas_set_num_threads(m_previous);
}

std::string blasDescription() {
    if (!openblas_get_config)
        return "not OpenBLAS";
    std::string out = openblas_get_config();
    if (openblas_get_corename)
        out += " (kernel " + std::string(openblas_get_corename()) + ")";
    if (openblas_get_num_threads)
        out += ", " + std::to_string(openblas_get_num_threads()) + " threads";
    return out;
}

}  // namespace lemma::math
