// One-dimensional interpolation of tabulated data: nearest, linear, cubic spline (not-a-knot)
// and shape-preserving piecewise cubic Hermite (pchip), as MATLAB's interp1.
#pragma once

#include <armadillo>
#include <string>

namespace lemma::math {

enum class InterpMethod { Linear, Nearest, Spline, Pchip };

// Parses "linear", "nearest", "spline", "pchip" (also "cubic", MATLAB's name for pchip);
// returns false for anything else.
bool parseInterpMethod(const std::string& name, InterpMethod& method);

// Values at xq of the function through (x(k), y(k)). x must be strictly increasing (callers
// sort it) with at least 2 points; y has one row per point and one column per data series.
// Points outside [x(0), x(end)] get `extrap` for linear and nearest, or NaN when extrap is NaN;
// spline and pchip extrapolate from their end pieces when `extrapolate` is set, else NaN too.
arma::mat interpolate(const arma::vec& x, const arma::mat& y, const arma::vec& xq,
                      InterpMethod method, bool extrapolate, double extrapValue);

// The derivatives at the knots of the not-a-knot cubic spline through (x, y), one column per
// series (x strictly increasing, at least 2 points; 2 points give the line, 3 the parabola).
arma::mat splineSlopes(const arma::vec& x, const arma::mat& y);

// The derivatives at the knots of the pchip interpolant (Fritsch–Carlson, with MATLAB's
// weighted harmonic mean inside and its shape-preserving three-point formula at the ends).
arma::mat pchipSlopes(const arma::vec& x, const arma::mat& y);

}  // namespace lemma::math
