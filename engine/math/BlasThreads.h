// OpenBLAS's own thread count, reached through its C API when the BLAS in use is OpenBLAS.
#pragma once

#include <string>

namespace lemma::math {

// While alive, OpenBLAS runs single-threaded (so that one worker per core does not fight
// OpenBLAS's own threads); the previous count is restored on destruction. A no-op with any
// other BLAS.
class SingleThreadedBlas {
public:
    SingleThreadedBlas();
    ~SingleThreadedBlas();
    SingleThreadedBlas(const SingleThreadedBlas&) = delete;
    SingleThreadedBlas& operator=(const SingleThreadedBlas&) = delete;

private:
    int m_previous = 0;
};

// "OpenBLAS 0.3.21 … (kernel Haswell)" or "not OpenBLAS", for benchmark reports.
std::string blasDescription();

}  // namespace lemma::math
