// What a variables panel shows about a value: its type, size and a short preview; for a matrix,
// on demand, its rank, norms and condition number, and a small heatmap of its entries.
#pragma once

#include <string>
#include <vector>

#include "engine/core/Value.h"
#include "engine/output/NumberStyle.h"

namespace lemma::output {

struct ValueSummary {
    std::string type;       // "double", "complex", "logical", "string", "struct", …
    std::string size;       // "3×4"
    std::string preview;    // one line: "0.001", "\"relu\"", "[1 2 3]", "3×4 double"
    bool isMatrix = false;  // numeric with more than one entry: facts and heatmap apply
};

// Type, size and a preview of at most about `width` characters, numbers in `style`.
ValueSummary summarize(const lang::Value& value, std::size_t width = 40,
                       NumberStyle style = NumberStyle::Short);

// The facts of a numeric matrix a person asks for on demand (they cost an SVD).
struct MatrixFacts {
    bool ok = false;     // false: `note` says why there are no facts
    std::string note;    // "contains NaN or Inf", "not a numeric matrix"
    int rank = 0;        // numerical rank: singular values above max(m, n)·σ₁·eps
    double norm1 = 0;    // largest column sum of |a_ij|
    double norm2 = 0;    // largest singular value
    double normInf = 0;  // largest row sum of |a_ij|
    double normFro = 0;
    double cond = 0;  // σ_max / σ_min over min(m, n) singular values (Inf when rank deficient)
};

// Precondition: none (non-matrices give ok = false).
MatrixFacts matrixFacts(const lang::Value& value);

// A matrix shrunk to at most maxSide × maxSide cells (by averaging blocks; the modulus for a
// complex matrix), each scaled to 0…1 between the smallest and the largest entry.
struct Heatmap {
    int rows = 0;
    int cols = 0;
    std::vector<float> cells;  // row-major, rows × cols, each in 0…1 (0.5 when all are equal)
    double min = 0;
    double max = 0;
};

// Empty (rows = 0) for non-numeric values and matrices with NaN or Inf only.
Heatmap heatmap(const lang::Value& value, int maxSide = 48);

}  // namespace lemma::output
