// Shape and type queries (size, numel, isempty, isequal, class …) and type conversions.
#include <cmath>

#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"

namespace lemma::builtins {

using namespace support;

namespace {

using Predicate = bool (*)(const Value&);

void addPredicate(Registry& r, const std::string& name, const std::string& help, Predicate p) {
    r.add(name, name + "(x)", help, [p](Call& c) {
        c.requireCount(1, 1);
        return std::vector<Value>{Value::boolean(p(c.arg(0)))};
    });
}

// MATLAB's isequal: same shape and values; logical and double compare by value; NaN ≠ NaN.
bool equalValues(const Value& a, const Value& b) {
    if (a.isNumeric() && b.isNumeric()) {
        if (a.rows() != b.rows() || a.cols() != b.cols())
            return false;
        if (a.isComplex() || b.isComplex()) {
            const arma::cx_mat x = a.toComplex();
            const arma::cx_mat y = b.toComplex();
            for (arma::uword i = 0; i < x.n_elem; ++i) {
                if (!(x(i) == y(i)))
                    return false;
            }
            return true;
        }
        const arma::mat& x = a.real();
        const arma::mat& y = b.real();
        for (arma::uword i = 0; i < x.n_elem; ++i) {
            if (!(x(i) == y(i)))
                return false;
        }
        return true;
    }
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
        case Value::Type::String:
            return a.string() == b.string();
        case Value::Type::Struct: {
            const auto& fa = a.structure().fields;
            const auto& fb = b.structure().fields;
            if (fa.size() != fb.size())
                return false;
            for (const auto& [name, value] : fa) {
                const Value* other = b.structure().find(name);
                if (!other || !equalValues(value, *other))
                    return false;
            }
            return true;
        }
        case Value::Type::List: {
            const auto& la = a.items();
            const auto& lb = b.items();
            if (la.size() != lb.size())
                return false;
            for (std::size_t i = 0; i < la.size(); ++i) {
                if (!equalValues(la[i], lb[i]))
                    return false;
            }
            return true;
        }
        case Value::Type::Function:
            return a.functionPtr() == b.functionPtr();
        case Value::Type::Object:
            return a.objectPtr() == b.objectPtr();
        default:
            return false;
    }
}

}  // namespace

void registerShape(Registry& r) {
    r.add("size", "size(A) -> [r c], size(A, d), [r, c] = size(A)",
          "The number of rows and columns of A; size(A, 1) rows, size(A, 2) columns.", [](Call& c) {
              c.requireCount(1, 2);
              const Value& a = c.arg(0);
              const double rows = static_cast<double>(a.rows());
              const double cols = static_cast<double>(a.cols());
              if (c.has(1)) {
                  const long long d = c.integer(1);
                  if (d < 1)
                      c.fail("dimension must be positive, got " + std::to_string(d));
                  return std::vector<Value>{d == 1 ? rows : d == 2 ? cols : 1.0};
              }
              if (c.nargout() <= 1)
                  return std::vector<Value>{arma::mat{{rows, cols}}};
              std::vector<Value> out{rows, cols};
              for (int i = 2; i < c.nargout(); ++i)
                  out.emplace_back(1.0);
              return out;
          });
    r.add("numel", "numel(A)", "The number of elements of A (rows × columns).", [](Call& c) {
        c.requireCount(1, 1);
        return std::vector<Value>{static_cast<double>(c.arg(0).numel())};
    });
    r.add("rows", "rows(A)", "The number of rows of A.", [](Call& c) {
        c.requireCount(1, 1);
        return std::vector<Value>{static_cast<double>(c.arg(0).rows())};
    });
    r.add("cols", "cols(A)", "The number of columns of A.", [](Call& c) {
        c.requireCount(1, 1);
        return std::vector<Value>{static_cast<double>(c.arg(0).cols())};
    });
    r.add("columns", "columns(A)", "The number of columns of A (same as cols).", [](Call& c) {
        c.requireCount(1, 1);
        return std::vector<Value>{static_cast<double>(c.arg(0).cols())};
    });
    r.add("length", "length(A)", "The larger of rows and columns; 0 when A is empty.", [](Call& c) {
        c.requireCount(1, 1);
        const Value& a = c.arg(0);
        const arma::uword n = a.numel() == 0 ? 0 : std::max(a.rows(), a.cols());
        return std::vector<Value>{static_cast<double>(n)};
    });
    r.add("ndims", "ndims(A)", "The number of dimensions: always 2 for Lemma's matrices.",
          [](Call& c) {
              c.requireCount(1, 1);
              return std::vector<Value>{2.0};
          });

    addPredicate(r, "isempty", "True when x has no elements (an empty matrix, string or list).",
                 [](const Value& v) {
                     return (v.isNumeric() || v.isString() || v.isList()) && v.numel() == 0;
                 });
    addPredicate(r, "isscalar", "True when x is a 1×1 matrix.",
                 [](const Value& v) { return v.isScalar(); });
    addPredicate(r, "isvector", "True when x is a non-empty matrix with one row or one column.",
                 [](const Value& v) {
                     return v.isNumeric() && v.numel() >= 1 && (v.rows() == 1 || v.cols() == 1);
                 });
    addPredicate(r, "isrow", "True when x is a matrix with one row.",
                 [](const Value& v) { return v.isNumeric() && v.rows() == 1; });
    addPredicate(r, "iscolumn", "True when x is a matrix with one column.",
                 [](const Value& v) { return v.isNumeric() && v.cols() == 1; });
    addPredicate(r, "issquare", "True when x is a matrix with as many rows as columns.",
                 [](const Value& v) { return v.isNumeric() && v.rows() == v.cols(); });
    addPredicate(r, "isnumeric", "True for real and complex matrices (not logical ones).",
                 [](const Value& v) { return v.isNumeric() && !v.isBool(); });
    addPredicate(r, "isreal", "True for real and logical matrices.",
                 [](const Value& v) { return v.isReal(); });
    addPredicate(r, "iscomplex", "True for complex matrices.",
                 [](const Value& v) { return v.isComplex(); });
    addPredicate(r, "islogical", "True for logical values (true, false, comparisons).",
                 [](const Value& v) { return v.isBool(); });
    addPredicate(r, "isstring", "True for strings.", [](const Value& v) { return v.isString(); });
    addPredicate(r, "ischar", "True for strings (same as isstring).",
                 [](const Value& v) { return v.isString(); });
    addPredicate(r, "isstruct", "True for structs.", [](const Value& v) { return v.isStruct(); });
    addPredicate(r, "islist", "True for lists ({a, b, …}).",
                 [](const Value& v) { return v.isList(); });
    addPredicate(r, "is_function_handle",
                 "True for function values (handles and anonymous functions).",
                 [](const Value& v) { return v.isFunction(); });

    r.add("isequal", "isequal(A, B, …)",
          "True when all arguments have the same size and values (NaN is not equal to itself).",
          [](Call& c) {
              c.requireCount(2, static_cast<std::size_t>(-1));
              for (std::size_t i = 1; i < c.count(); ++i) {
                  if (!equalValues(c.arg(0), c.arg(i)))
                      return std::vector<Value>{Value::boolean(false)};
              }
              return std::vector<Value>{Value::boolean(true)};
          });
    r.add("class", "class(x)",
          "The type of x as a string: double, complex, logical, string, struct, list, function …",
          [](Call& c) {
              c.requireCount(1, 1);
              return std::vector<Value>{c.arg(0).typeName()};
          });

    r.add("double", "double(x)", "x as a real (double) matrix; logical values become 0 and 1.",
          [](Call& c) {
              c.requireCount(1, 1);
              const Value& a = numeric(c, 0);
              if (a.isComplex())
                  return std::vector<Value>{a};
              return std::vector<Value>{arma::mat(a.real())};
          });
    r.add("logical", "logical(x)", "True where x is non-zero, as a logical matrix.", [](Call& c) {
        c.requireCount(1, 1);
        const Value& a = numeric(c, 0);
        if (a.isComplex())
            c.fail("argument 1 must be a real matrix, got " + describe(a));
        const arma::mat& m = a.real();
        if (m.has_nan())
            c.fail("NaN cannot be converted to logical");
        return std::vector<Value>{Value::logical(arma::conv_to<arma::mat>::from(m != 0.0))};
    });
    r.add("complex", "complex(a), complex(a, b)",
          "The complex matrix a + b·i (b = 0 by default); stays complex even when b is zero.",
          [](Call& c) {
              c.requireCount(1, 2);
              const arma::mat& re = c.matrix(0);
              const arma::mat im =
                  c.has(1) ? c.matrix(1) : arma::mat(re.n_rows, re.n_cols, arma::fill::zeros);
              return std::vector<Value>{arma::cx_mat(broadcast(
                  c, re, im, [](double x, double y) { return std::complex<double>(x, y); }))};
          });
}

}  // namespace lemma::builtins
