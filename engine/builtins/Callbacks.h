// Helpers for builtins that call a function value (fzero, integral, cellfun …) and read
// MATLAB-style options: calls with checked results, warnings, and "Name", value pairs.
#pragma once

#include <armadillo>
#include <optional>
#include <string>
#include <vector>

#include "engine/lang/Builtin.h"

namespace lemma::builtins::callbacks {

// The function at argument i: a function value, or a builtin's name as a string ("sin").
Value functionArg(Call& call, std::size_t i);

// f(x) required to be a real scalar: "<name>: the function must return a real scalar, got …".
double scalarCall(Call& call, const Value& f, double x);
// f(x) for a column x, required to be a real scalar.
double scalarCall(Call& call, const Value& f, const arma::vec& x, arma::uword rows,
                  arma::uword cols);
// f(x) for a row x, required to be a real row of the same size (a vectorised integrand).
arma::rowvec rowCall(Call& call, const Value& f, const arma::rowvec& x);

// Prints "warning: <name>: <message>" as a cell output and goes on.
void warn(Call& call, const std::string& message);

// MATLAB's trailing options: "Name", value pairs from argument `first` on (names matched
// case-insensitively) and keyword arguments of the same names; a struct argument (as from
// struct("TolX", 1e-8)) counts as its fields. Unknown names are an error naming them.
class Options {
public:
    Options(Call& call, std::size_t first, std::vector<std::string> known);
    std::optional<Value> get(const std::string& name) const;
    double scalar(const std::string& name, double fallback) const;
    bool boolean(const std::string& name, bool fallback) const;
    std::string string(const std::string& name, const std::string& fallback) const;

private:
    Call& m_call;
    std::vector<std::pair<std::string, Value>> m_values;  // lower-case names
};

// "TolX" -> "tolx".
std::string lower(std::string s);

}  // namespace lemma::builtins::callbacks
