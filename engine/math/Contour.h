// Iso-lines of a function of two variables by marching squares, from a grid of values or from
// the function itself.
#pragma once

#include <armadillo>
#include <functional>
#include <vector>

namespace lemma::math {

// A polyline along which the sampled function equals `level`; closed when its last point
// joins its first (the first point is not repeated).
struct IsoLine {
    double level = 0.0;
    std::vector<double> x, y;
    bool closed = false;
};

// The iso-lines of z at each level, where z(i, j) is the value at (x(j), y(i)): rows follow y
// and columns follow x, both strictly increasing, as meshgrid lays them out. Values are
// interpolated linearly along cell edges; a cell with a NaN corner is skipped, so lines end
// at holes in the data. Each saddle cell is resolved by the mean of its corners. Segments are
// joined into polylines, in scan order.
// Requires z.n_rows == y.n_elem ≥ 2 and z.n_cols == x.n_elem ≥ 2 (std::invalid_argument).
std::vector<IsoLine> contourLines(const arma::vec& x, const arma::vec& y, const arma::mat& z,
                                  const std::vector<double>& levels);

// f sampled on the grid: z(i, j) = f(x(j), y(i)).
arma::mat sampleGrid(const std::function<double(double, double)>& f, const arma::vec& x,
                     const arma::vec& y);

// `count` levels spread evenly strictly between the smallest and largest finite values of z
// (the extremes themselves would give points or nothing). Empty when z has no finite spread.
std::vector<double> contourLevels(const arma::mat& z, int count);

}  // namespace lemma::math
