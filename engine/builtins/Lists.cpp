// MATLAB's cell-array and struct functions, mapped onto Lemma's lists and structs: cell,
// num2cell, cell2mat, cellfun, arrayfun, struct, isfield, fieldnames, feval, func2str and
// str2func.
//
// Lemma has no cell arrays. A list {a, b, c} plays their part: it is one-dimensional (a 1×n
// "cell"), holds any values, and is read with L{k}. So cell(n) is a list of n empty matrices,
// and functions that return a cell array in MATLAB return a list here.
#include <cmath>
#include <memory>

#include "engine/builtins/Budget.h"
#include "engine/builtins/Callbacks.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Ast.h"
#include "engine/lang/Builtin.h"
#include "engine/lang/Parser.h"

namespace lemma::builtins {

using namespace support;
using namespace callbacks;

namespace {

// "UniformOutput", false (MATLAB's name-value pair) or the keyword UniformOutput=false, from
// argument `first` on; returns the number of data arguments before it.
std::size_t uniformOption(Call& c, std::size_t first, bool& uniform) {
    uniform = true;
    std::size_t end = c.count();
    for (std::size_t i = first; i < c.count(); ++i) {
        if (c.arg(i).isString() && lower(c.arg(i).string()) == "uniformoutput") {
            if (i + 1 >= c.count())
                c.fail("\"UniformOutput\" needs a value (true or false)");
            uniform = c.boolean(i + 1);
            if (i + 2 != c.count())
                c.fail("\"UniformOutput\", value must come last");
            end = i;
            break;
        }
    }
    uniform = c.keywordBool("UniformOutput", uniform);
    return end;
}

// Applies f to the k-th element of each input, k = 0 … n − 1, collecting nargout results.
// Uniform output: every result must be a scalar (numeric or logical), gathered in a matrix of
// the given shape; otherwise each output is a list of the results.
std::vector<Value> applyEach(Call& c, const Value& f, std::size_t n,
                             const std::function<std::vector<Value>(std::size_t)>& argsAt,
                             bool uniform, arma::uword rows, arma::uword cols) {
    const int nout = std::max(1, c.nargout());
    std::vector<arma::mat> numbers(nout, arma::mat(rows, cols));
    std::vector<bool> logical(nout, true);
    std::vector<std::vector<Value>> lists(nout);
    if (!uniform)
        budget::requireList(c, static_cast<double>(n) * nout);
    for (std::size_t k = 0; k < n; ++k) {
        c.context().checkCancelled();
        const std::vector<Value> results = c.context().call(f, argsAt(k), nout);
        if (int(results.size()) < nout)
            c.fail("the function returned " + std::to_string(results.size()) + " values, " +
                   std::to_string(nout) + " were asked for");
        for (int o = 0; o < nout; ++o) {
            const Value& v = results[o];
            if (!uniform) {
                lists[o].push_back(v);
                continue;
            }
            if (!v.isReal() || !v.isScalar())
                c.fail("the function returned " + describe(v) + " for element " +
                       std::to_string(k + 1) +
                       "; use \"UniformOutput\", false to collect non-scalar results in a list");
            numbers[o](k) = v.real()(0, 0);
            logical[o] = logical[o] && v.isBool();
        }
    }
    std::vector<Value> out;
    for (int o = 0; o < nout; ++o) {
        if (!uniform)
            out.push_back(Value::list(std::move(lists[o])));
        else if (logical[o] && n > 0)
            out.push_back(Value::logical(numbers[o]));
        else
            out.push_back(Value(numbers[o]));
    }
    return out;
}

// The elements of a list, or of a matrix as 1×1 values (arrayfun), or the characters of a
// string as one-character strings: a list of as many items, checked against the memory budget
// first and cancellable while it is made.
std::vector<Value> elementsOf(Call& c, const Value& v) {
    if (v.isList())
        return v.items();
    std::vector<Value> out;
    if (v.isString()) {
        budget::requireList(c, static_cast<double>(v.string().size()));
        out.reserve(v.string().size());
        for (char ch : v.string()) {
            out.emplace_back(std::string(1, ch));
            budget::itemDone(c, out.size(), false);
        }
        return out;
    }
    if (v.isComplex()) {
        budget::requireList(c, static_cast<double>(v.numel()));
        out.reserve(v.numel());
        for (const auto& z : v.complex()) {
            out.push_back(Value::narrowed(arma::cx_mat(1, 1, arma::fill::value(z))));
            budget::itemDone(c, out.size(), false);
        }
        return out;
    }
    if (v.isReal()) {
        budget::requireList(c, static_cast<double>(v.numel()));
        out.reserve(v.numel());
        for (double x : v.real()) {
            out.push_back(v.isBool() ? Value::boolean(x != 0.0) : Value(x));
            budget::itemDone(c, out.size(), false);
        }
        return out;
    }
    out.push_back(v);  // a struct or function counts as one element
    return out;
}

Value handleNamed(const std::string& name) {
    auto f = std::make_shared<lang::FunctionData>();
    f->kind = lang::FunctionData::Kind::Builtin;
    f->name = name;
    return Value(std::shared_ptr<const lang::FunctionData>(std::move(f)));
}

// str2func("@(x) x.^2"): the text read as a statement that is one anonymous function. As in
// MATLAB it captures nothing from the cell; names in its body that are not its parameters are
// looked up when it runs (builtins, functions).
Value anonymousFrom(Call& c, const std::string& text) {
    std::shared_ptr<const lang::ast::Program> program;
    try {
        program = lang::parseProgram(text);
    } catch (const Error& e) {
        const std::string at =
            e.pos().known() ? " (column " + std::to_string(e.pos().column) + ")" : std::string();
        c.fail("cannot read \"" + text + "\"" + at + ": " + e.what());
    }
    const lang::ast::AnonFnExpr* fn = nullptr;
    if (program->body.size() == 1 && program->body.front()->kind == lang::ast::StmtKind::Expr) {
        const lang::ast::Expr& e =
            *static_cast<const lang::ast::ExprStmt&>(*program->body.front()).expr;
        if (e.kind == lang::ast::ExprKind::AnonFn)
            fn = static_cast<const lang::ast::AnonFnExpr*>(&e);
    }
    if (!fn)
        c.fail("\"" + text + "\" is not one anonymous function such as \"@(x) x.^2\"");
    auto f = std::make_shared<lang::FunctionData>();
    f->kind = lang::FunctionData::Kind::Anonymous;
    f->name = fn->source;
    f->anonymous = std::shared_ptr<const lang::ast::AnonFnExpr>(program, fn);
    return Value(std::shared_ptr<const lang::FunctionData>(std::move(f)));
}

}  // namespace

void registerLists(Registry& r) {
    r.add("cell", "cell(n), cell(1, n), cell(n, 1)",
          "A list of n empty matrices: MATLAB's cell array maps onto Lemma's lists, which are "
          "one-dimensional, so cell(m, n) needs m or n to be 1 (cell(n) gives n elements, not "
          "n×n). Fill it with L{k} = value.",
          [](Call& c) {
              c.requireCount(1, 2);
              double n = c.scalar(0);
              if (c.has(1)) {
                  const double m = c.scalar(1);
                  if (n != 1 && m != 1 && n > 0 && m > 0)
                      c.fail("lists are one-dimensional: cell(" + shortest(n) + ", " + shortest(m) +
                             ") needs one size to be 1");
                  n = n * m;
              }
              if (n < 0 || n != std::floor(n))
                  c.fail("the size must be a non-negative integer, got " + shortest(n));
              budget::requireList(c, n);
              checkSize(c, n, 1);
              return std::vector<Value>{Value::list(std::vector<Value>(std::size_t(n), Value()))};
          });
    r.add("num2cell", "num2cell(A)",
          "A list of the entries of A, one value each, in column order (MATLAB's cell of the "
          "same shape becomes a flat list).",
          [](Call& c) {
              c.requireCount(1, 1);
              return std::vector<Value>{Value::list(elementsOf(c, c.arg(0)))};
          });
    r.add("cell2mat", "cell2mat(L)",
          "The elements of a list joined side by side into one matrix ([L{1} L{2} …]); they "
          "must have equal row counts. A list of strings joins into one string.",
          [](Call& c) {
              c.requireCount(1, 1);
              const Value& l = c.arg(0);
              if (!l.isList())
                  c.fail("argument 1 must be a list, got " + describe(l));
              const auto& items = l.items();
              if (items.empty())
                  return std::vector<Value>{Value(arma::mat())};
              bool strings = true, complex = false;
              for (const Value& v : items) {
                  strings = strings && v.isString();
                  if (!v.isNumeric() && !v.isString())
                      c.fail("list elements must be matrices, got " + describe(v));
                  complex = complex || v.isComplex();
              }
              if (strings) {
                  std::string s;
                  for (const Value& v : items)
                      s += v.string();
                  return std::vector<Value>{Value(s)};
              }
              arma::cx_mat out;
              bool logical = true;
              for (std::size_t k = 0; k < items.size(); ++k) {
                  const Value& v = items[k];
                  if (!v.isNumeric())
                      c.fail("cannot join " + describe(v) + " with matrices");
                  logical = logical && v.isBool();
                  const arma::cx_mat m = v.toComplex();
                  if (m.is_empty())
                      continue;
                  if (!out.is_empty() && m.n_rows != out.n_rows)
                      c.fail("element " + std::to_string(k + 1) + " has " +
                             std::to_string(m.n_rows) + " rows, the ones before it " +
                             std::to_string(out.n_rows));
                  out = out.is_empty() ? m : arma::cx_mat(arma::join_rows(out, m));
              }
              Value v = Value::narrowed(out);
              if (logical && v.isReal())
                  v = Value::logical(v.real());
              return std::vector<Value>{v};
          });
    r.add("cellfun", "cellfun(f, L), cellfun(f, L1, L2, …), cellfun(…, \"UniformOutput\", false)",
          "Calls f on each element of the list L (and the matching elements of L2, …). With "
          "uniform output (the default) each result must be a scalar and they form a row; "
          "with \"UniformOutput\", false the results form a list. f may be a handle or a "
          "builtin's name (\"isempty\", \"length\").",
          [](Call& c) {
              c.requireCount(2, static_cast<std::size_t>(-1));
              const Value f = functionArg(c, 0);
              bool uniform = true;
              const std::size_t end = uniformOption(c, 1, uniform);
              std::vector<std::vector<Value>> inputs;
              for (std::size_t i = 1; i < end; ++i) {
                  if (!c.arg(i).isList())
                      c.fail("argument " + std::to_string(i + 1) + " must be a list, got " +
                             describe(c.arg(i)));
                  inputs.push_back(c.arg(i).items());
                  if (inputs.back().size() != inputs.front().size())
                      c.fail("the lists must have the same length, got " +
                             std::to_string(inputs.front().size()) + " and " +
                             std::to_string(inputs.back().size()));
              }
              if (inputs.empty())
                  c.fail("missing the list to apply the function to");
              const std::size_t n = inputs.front().size();
              return applyEach(
                  c, f, n,
                  [&](std::size_t k) {
                      std::vector<Value> args;
                      for (const auto& in : inputs)
                          args.push_back(in[k]);
                      return args;
                  },
                  uniform, 1, arma::uword(n));
          });
    r.add("arrayfun", "arrayfun(f, A), arrayfun(f, A, B, …), arrayfun(…, \"UniformOutput\", false)",
          "Calls f on each entry of A (and the matching entries of B, …), which must have the "
          "same size. Uniform output (the default) gives a matrix of A's size; with "
          "\"UniformOutput\", false the results form a list in column order. A list argument "
          "is walked element by element.",
          [](Call& c) {
              c.requireCount(2, static_cast<std::size_t>(-1));
              const Value f = functionArg(c, 0);
              bool uniform = true;
              const std::size_t end = uniformOption(c, 1, uniform);
              if (end < 2)
                  c.fail("missing the array to apply the function to");
              std::vector<std::vector<Value>> inputs;
              const Value& first = c.arg(1);
              for (std::size_t i = 1; i < end; ++i) {
                  const Value& v = c.arg(i);
                  if (v.isNumeric() && first.isNumeric() &&
                      (v.rows() != first.rows() || v.cols() != first.cols()))
                      c.fail("all arrays must have the same size, got " + first.sizeString() +
                             " and " + v.sizeString());
                  inputs.push_back(elementsOf(c, v));
                  if (inputs.back().size() != inputs.front().size())
                      c.fail("all arrays must have the same number of elements");
              }
              const std::size_t n = inputs.front().size();
              const arma::uword rows = first.isNumeric() ? first.rows() : 1;
              const arma::uword cols = first.isNumeric() ? first.cols() : arma::uword(n);
              return applyEach(
                  c, f, n,
                  [&](std::size_t k) {
                      std::vector<Value> args;
                      for (const auto& in : inputs)
                          args.push_back(in[k]);
                      return args;
                  },
                  uniform, rows, cols);
          });
    r.add("struct", "struct(), struct(\"name\", value, …)",
          "A struct with the given fields, in order. (MATLAB's struct array from a cell value "
          "does not exist here: a list value is stored as the field's value.)",
          [](Call& c) {
              if (c.count() % 2 != 0)
                  c.fail("expected \"name\", value pairs, got " + std::to_string(c.count()) +
                         " arguments");
              lang::StructData s;
              for (std::size_t i = 0; i < c.count(); i += 2)
                  s.set(c.string(i), c.arg(i + 1));
              return std::vector<Value>{Value(std::move(s))};
          });
    r.add("isfield", "isfield(s, \"name\"), isfield(s, {\"a\", \"b\"})",
          "True when the struct s has a field of that name; with a list of names, a logical "
          "row with one answer each. False when s is not a struct.",
          [](Call& c) {
              c.requireCount(2, 2);
              const Value& s = c.arg(0);
              const Value& names = c.arg(1);
              auto has = [&](const Value& name) {
                  return s.isStruct() && name.isString() && s.structure().find(name.string());
              };
              if (names.isList()) {
                  arma::mat out(1, names.items().size());
                  for (std::size_t k = 0; k < names.items().size(); ++k)
                      out(k) = has(names.items()[k]) ? 1.0 : 0.0;
                  return std::vector<Value>{Value::logical(out)};
              }
              return std::vector<Value>{Value::boolean(has(names))};
          });
    r.add("fieldnames", "fieldnames(s)",
          "The field names of a struct as a list of strings, in the order they were set.",
          [](Call& c) {
              c.requireCount(1, 1);
              const Value& s = c.arg(0);
              if (!s.isStruct())
                  c.fail("argument 1 must be a struct, got " + describe(s));
              std::vector<Value> names;
              for (const auto& [name, value] : s.structure().fields)
                  names.emplace_back(name);
              return std::vector<Value>{Value::list(std::move(names))};
          });
    r.add("feval", "feval(f, args…)",
          "Calls f with the arguments: f is a function value or a builtin's name (\"sin\").",
          [](Call& c) {
              c.requireCount(1, static_cast<std::size_t>(-1));
              const Value f = functionArg(c, 0);
              std::vector<Value> args;
              for (std::size_t i = 1; i < c.count(); ++i)
                  args.push_back(c.arg(i));
              return c.context().call(f, args, std::max(1, c.nargout()));
          });
    r.add("func2str", "func2str(f)",
          "The text of a function value: an anonymous function's source (\"@(x) x.^2\") or a "
          "named function's name (\"sin\").",
          [](Call& c) {
              c.requireCount(1, 1);
              return std::vector<Value>{Value(c.function(0).function().name)};
          });
    r.add("str2func", "str2func(\"name\"), str2func(\"@(x) …\")",
          "A function from its text: a builtin's name gives a handle to it (str2func(\"sin\") "
          "is @sin), anonymous-function text gives that function (str2func(\"@(x) x.^2\")). As "
          "in MATLAB, the function captures no variable of the cell; the names in its body "
          "other than its parameters are looked up when it runs.",
          [](Call& c) {
              c.requireCount(1, 1);
              const std::string& text = c.string(0);
              const std::size_t first = text.find_first_not_of(" \t");
              if (first != std::string::npos && text[first] == '@')
                  return std::vector<Value>{anonymousFrom(c, text)};
              return std::vector<Value>{handleNamed(text)};
          });
}

}  // namespace lemma::builtins
