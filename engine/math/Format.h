// Small text helpers for the mathematics' error messages (shapes and numbers).
#pragma once

#include <armadillo>
#include <string>

namespace lemma::math {

// "3×2"
std::string shapeOf(const arma::mat& m);
std::string shapeOf(arma::uword rows, arma::uword cols);
// A number as a person would type it: "0.5", "1e-08", "4096".
std::string formatNumber(double x);

}  // namespace lemma::math
