// Reading numeric data files (.npy and .csv) into matrices, only from inside a given folder.
#pragma once

#include <armadillo>
#include <filesystem>
#include <string>
#include <string_view>

namespace lemma::math {

// Reads a NumPy .npy file (format versions 1.0, 2.0 and 3.0) holding float64 or float32 in
// either byte order, C or Fortran order, of shape () → 1×1, (n,) → n×1 or (m, n) → m×n.
// Anything else throws lemma::Error naming the file and what is unsupported, e.g.
// "data.npy: unsupported dtype '<i8' (only float32 and float64)". `name` is how messages refer
// to the file; empty means its file name.
arma::mat readNpy(const std::filesystem::path& file, const std::string& name = {});

// Reads comma-separated numbers, one matrix row per line. A first line that is not all
// numbers is a header and skipped; blank lines are skipped; rows of different lengths, empty
// fields and non-numbers throw lemma::Error naming the line ("data.csv: line 4 has 2 fields
// but line 2 has 3").
arma::mat readCsv(const std::filesystem::path& file, const std::string& name = {});

// The same readers on bytes already in memory (the fuzzers' entry points); `name` labels
// messages.
arma::mat parseNpy(std::string_view bytes, const std::string& name);
arma::mat parseCsv(std::string_view bytes, const std::string& name);

// The file `name` (relative to `base`, or absolute) after resolving "..", "." and symbolic
// links, provided it lies inside `base` or below and is a regular file. Otherwise throws
// lemma::Error: "load: 'x' is outside the notebook's folder", "load: cannot find 'x' in the
// notebook's folder", "load: 'x' is not a file", or a message for an empty `base`.
std::filesystem::path resolveDataPath(const std::filesystem::path& base, const std::string& name);

// resolveDataPath, then readNpy or readCsv by the extension (case-insensitive); the readers'
// messages are prefixed with "load: ".
arma::mat loadDataFile(const std::filesystem::path& base, const std::string& name);

}  // namespace lemma::math
