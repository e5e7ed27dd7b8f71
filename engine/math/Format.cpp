// Shapes and numbers as text for the mathematics' error messages.
#include "engine/math/Format.h"

#include <cstdio>

namespace lemma::math {

std::string shapeOf(arma::uword rows, arma::uword cols) {
    return std::to_string(rows) + "\u00d7" + std::to_string(cols);
}

std::string shapeOf(const arma::mat& m) {
    return shapeOf(m.n_rows, m.n_cols);
}

std::string formatNumber(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", x);
    return buffer;
}

}  // namespace lemma::math
