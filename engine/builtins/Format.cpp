// Text output and conversion: disp, printf, fprintf, sprintf, num2str, int2str, mat2str, and
// error / warning with printf-style messages.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "engine/builtins/Budget.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Printf.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"
#include "engine/lang/NanCheck.h"
#include "engine/output/Display.h"

namespace lemma::builtins {

using namespace support;

namespace {

std::vector<Value> restFrom(const Call& c, std::size_t first) {
    std::vector<Value> rest;
    for (std::size_t i = first; i < c.count(); ++i)
        rest.push_back(c.arg(i));
    return rest;
}

void emitText(Call& c, std::string text) {
    if (!text.empty())
        c.context().emit(output::Text{std::move(text)});
}

std::string withPrecision(double x, int digits) {
    if (std::isnan(x))
        return "NaN";
    if (std::isinf(x))
        return x > 0 ? "Inf" : "-Inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, x == 0.0 ? 0.0 : x);
    return buf;
}

// Octave's choice of significant digits for num2str: 4 after the point of the largest entry,
// at least 5 and at most 16.
int num2strDigits(const arma::mat& parts) {
    double maxAbs = 0.0;
    for (const double x : parts) {
        if (std::isfinite(x))
            maxAbs = std::max(maxAbs, std::abs(x));
    }
    const int magnitude = maxAbs > 0 ? static_cast<int>(std::floor(std::log10(maxAbs))) : 0;
    return std::clamp(magnitude + 5, 5, 16);
}

// Entries as text in rows, right-aligned to a common width, columns two spaces apart, without
// the blank margin all rows share on the left.
std::string grid(const std::vector<std::string>& cells, arma::uword rows, arma::uword cols) {
    std::size_t width = 0;
    for (const auto& s : cells)
        width = std::max(width, s.size());
    std::vector<std::string> lines(rows);
    std::size_t margin = std::string::npos;
    for (arma::uword i = 0; i < rows; ++i) {
        for (arma::uword j = 0; j < cols; ++j) {
            const std::string& s = cells[j * rows + i];
            if (j > 0)
                lines[i] += "  ";
            lines[i] += std::string(width - s.size(), ' ');
            lines[i] += s;
        }
        margin = std::min(margin, lines[i].find_first_not_of(' '));
    }
    std::string out;
    for (arma::uword i = 0; i < rows; ++i) {
        if (i > 0)
            out += '\n';
        out += lines[i].substr(std::min(margin, lines[i].size()));
    }
    return out;
}

std::string num2str(const Call& c, const Value& v, std::optional<int> digits) {
    if (v.isString())
        return v.string();
    if (!v.isNumeric())
        c.fail("argument 1 must be a number or a string, got " + describe(v));
    std::vector<std::string> cells;
    if (v.isComplex()) {
        const arma::cx_mat& z = v.complex();
        const int d = digits.value_or(num2strDigits(arma::join_cols(arma::real(z), arma::imag(z))));
        for (const auto& x : z) {
            const std::string im = withPrecision(std::abs(x.imag()), d);
            cells.push_back(withPrecision(x.real(), d) + (std::signbit(x.imag()) ? "-" : "+") + im +
                            "i");
        }
        return grid(cells, z.n_rows, z.n_cols);
    }
    const arma::mat& m = v.real();
    bool integers = true;
    for (const double x : m)
        integers = integers && (!std::isfinite(x) || x == std::floor(x));
    const int d = digits.value_or(integers ? 17 : num2strDigits(m));
    for (const double x : m)
        cells.push_back(withPrecision(x, d));
    return grid(cells, m.n_rows, m.n_cols);
}

std::string mat2strNumber(double x, int digits) {
    return withPrecision(x, digits);
}

std::string mat2strEntry(const Value& v, arma::uword i, int digits) {
    if (v.isBool())
        return v.real()(i) != 0.0 ? "true" : "false";
    if (v.isComplex()) {
        const auto z = v.complex()(i);
        return mat2strNumber(z.real(), digits) + (std::signbit(z.imag()) ? "-" : "+") +
               mat2strNumber(std::abs(z.imag()), digits) + "i";
    }
    return mat2strNumber(v.real()(i), digits);
}

// formatPrintf for a builtin: polls Stop every kItemChunk conversions and checks the growing
// text against the memory budget every 64 MiB (the text so far counts as held by the cell).
std::string formatChecked(Call& c, std::string_view format, const std::vector<Value>& args) {
    constexpr std::size_t kStep = std::size_t(64) << 20;
    std::size_t conversions = 0;
    std::size_t checkedTo = kStep;
    return formatPrintf(c.name(), format, args, [&](std::size_t size) {
        if (++conversions % budget::kItemChunk == 0)
            c.context().checkCancelled();
        if (size >= checkedTo) {
            c.context().checkCancelled();
            budget::require(c, static_cast<double>(kStep));
            checkedTo = size + kStep;
        }
    });
}

std::string messageFrom(Call& c) {
    const std::string& format = c.string(0);
    if (c.count() == 1)
        return format;
    return formatChecked(c, format, restFrom(c, 1));
}

}  // namespace

void registerFormat(Registry& r) {
    r.add("disp", "disp(x)",
          "Prints x without its name: a matrix as aligned columns, a string as it is.",
          [](Call& c) {
              c.requireCount(1, 1);
              const Value& v = c.arg(0);
              if (v.isEmpty())
                  return std::vector<Value>{};
              emitText(c, output::formatValue(v, c.context().numberStyle()));
              return std::vector<Value>{};
          });
    r.add("format", "format long, format short, format, format(\"long\")",
          "Sets how many digits the cell's values show from here on: format short (five "
          "significant digits, the default) or format long (sixteen). It applies to the rest "
          "of the cell only; every cell starts from the notebook's default (front matter "
          "`format: long`). `format` alone returns to format short.",
          [](Call& c) {
              c.requireCount(0, 1);
              output::NumberStyle style = output::NumberStyle::Short;
              if (c.count() == 1) {
                  const std::string& word = c.string(0);
                  const std::optional<output::NumberStyle> parsed = output::parseNumberStyle(word);
                  if (!parsed)
                      c.fail("unknown format \"" + word + "\"; use format short or format long");
                  style = *parsed;
              }
              c.context().setNumberStyle(style);
              return std::vector<Value>{};
          });
    r.add("printf", "printf(format, args…)",
          "Prints C-style formatted text (%d %i %f %e %g %s %x %c %%, widths, precisions); the "
          "format repeats over all the entries of matrix arguments.",
          [](Call& c) {
              c.requireCount(1, static_cast<std::size_t>(-1));
              emitText(c, formatChecked(c, c.string(0), restFrom(c, 1)));
              return std::vector<Value>{};
          });
    r.add("fprintf", "fprintf(format, args…), fprintf(1, format, args…)",
          "Same as printf; a leading 1 (output) or 2 (errors) is accepted, files are not.",
          [](Call& c) {
              c.requireCount(1, static_cast<std::size_t>(-1));
              std::size_t first = 0;
              if (c.arg(0).isNumeric()) {
                  const long long fid = c.integer(0);
                  if (fid != 1 && fid != 2)
                      c.fail(
                          "only 1 (output) and 2 (errors) can be written; notebooks write no "
                          "files");
                  first = 1;
                  if (!c.has(1))
                      return std::vector<Value>{};
              }
              emitText(c, formatChecked(c, c.string(first), restFrom(c, first + 1)));
              return std::vector<Value>{};
          });
    r.add("sprintf", "sprintf(format, args…) -> string",
          "Formats like printf and returns the text as a string.", [](Call& c) {
              c.requireCount(1, static_cast<std::size_t>(-1));
              return std::vector<Value>{formatChecked(c, c.string(0), restFrom(c, 1))};
          });

    r.add("num2str", "num2str(x), num2str(x, digits), num2str(x, format)",
          "x as a string: integers exactly, other numbers to 4 decimals of the largest (at least "
          "5 significant digits); a matrix gives one line per row.",
          [](Call& c) {
              c.requireCount(1, 2);
              if (c.has(1) && c.arg(1).isString())
                  return std::vector<Value>{formatChecked(c, c.string(1), {c.arg(0)})};
              std::optional<int> digits;
              if (c.has(1)) {
                  const long long d = c.integer(1);
                  if (d < 1 || d > 17)
                      c.fail("digits must be between 1 and 17, got " + std::to_string(d));
                  digits = static_cast<int>(d);
              }
              return std::vector<Value>{num2str(c, c.arg(0), digits)};
          });
    r.add("int2str", "int2str(x)", "x rounded to integers, as a string.", [](Call& c) {
        c.requireCount(1, 1);
        return std::vector<Value>{num2str(c, Value(arma::mat(arma::round(c.matrix(0)))), 17)};
    });
    r.add("mat2str", "mat2str(A), mat2str(A, digits)",
          "A as the text of a matrix literal, e.g. \"[1 2;3 4]\", to 15 significant digits.",
          [](Call& c) {
              c.requireCount(1, 2);
              const Value& v = c.arg(0);
              if (v.isString())
                  return std::vector<Value>{"\"" + v.string() + "\""};
              numeric(c, 0);
              const int digits =
                  c.has(1) ? static_cast<int>(std::clamp(c.integer(1), 1LL, 17LL)) : 15;
              if (v.isScalar())
                  return std::vector<Value>{mat2strEntry(v, 0, digits)};
              if (v.isEmpty())
                  return std::vector<Value>{"zeros(" + std::to_string(v.rows()) + "," +
                                            std::to_string(v.cols()) + ")"};
              std::string out = "[";
              for (arma::uword i = 0; i < v.rows(); ++i) {
                  if (i > 0)
                      out += ';';
                  for (arma::uword j = 0; j < v.cols(); ++j) {
                      if (j > 0)
                          out += ' ';
                      out += mat2strEntry(v, j * v.rows() + i, digits);
                  }
              }
              out += "]";
              return std::vector<Value>{out};
          });

    r.add("error", "error(message), error(format, args…)",
          "Stops the cell with the message (formatted like sprintf when there are arguments).",
          [](Call& c) -> std::vector<Value> {
              c.requireCount(1, static_cast<std::size_t>(-1));
              throw Error(messageFrom(c));
          });
    r.add("warning", "warning(message), warning(format, args…)",
          "Prints \"warning: \" and the message, and goes on.", [](Call& c) {
              c.requireCount(1, static_cast<std::size_t>(-1));
              emitText(c, "warning: " + messageFrom(c) + "\n");
              return std::vector<Value>{};
          });
    r.add("nancheck", "nancheck off, nancheck on",
          "Switches off (or back on) the cell's warning about the first operation that turns "
          "finite numbers into NaN or Inf; `nancheck off` holds for the whole cell it is in.",
          [](Call& c) {
              c.requireCount(1, 1);
              const std::string& mode = c.string(0);
              if (mode != "on" && mode != "off")
                  c.fail("expected \"on\" or \"off\", got \"" + mode + "\"");
              c.context().runState<lang::NanCheck>().setEnabled(mode == "on");
              return std::vector<Value>{};
          });
}

}  // namespace lemma::builtins
