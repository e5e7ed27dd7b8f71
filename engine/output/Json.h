// JSON text for values and outputs, as `lemma run --json` prints them (schema in README.md).
#pragma once

#include <string>
#include <string_view>

#include "engine/core/Value.h"
#include "engine/output/Output.h"

namespace lemma::output {

// A JSON string literal, escaped.
std::string jsonString(std::string_view s);
// A number with 17 significant digits; NaN and ±Inf, which JSON lacks, as "NaN", "Inf", "-Inf".
std::string jsonNumber(double x);
// A value: a real scalar as a number, a matrix as an array of rows, a complex number as
// [re, im], a logical as true/false, a struct as an object of its fields, a list as an array,
// a string as a string, a function as its source text.
std::string jsonValue(const lang::Value& v);
// One output as an object with a "type" member: "text", "value", "error" or the object's kind.
std::string jsonOutput(const Output& out);

}  // namespace lemma::output
