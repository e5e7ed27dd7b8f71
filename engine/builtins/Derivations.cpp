// Derivations you step through, as builtins: derivation and step for writing your own, derive
// for the built-in ones (engine/math/DerivationLibrary.h), and gradcheck. A derivation is a
// plain struct value (see DerivationValues.h); a failing step is a finding recorded in it, not
// an error.
#include <cmath>
#include <string>
#include <vector>

#include "engine/lang/Builtin.h"
#include "engine/builtins/DerivationValues.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/math/Derivation.h"
#include "engine/math/DerivationLibrary.h"
#include "engine/math/GradCheck.h"

namespace lemma::builtins {

namespace {

using lang::StructData;

// The struct fields of a derivation value, or a failure naming what the argument is.
const StructData& derivationArg(Call& c, std::size_t i) {
    const Value& v = c.arg(i);
    if (v.isStruct()) {
        const StructData& s = v.structure();
        const Value* steps = s.find("steps");
        const Value* title = s.find("title");
        if (steps && steps->isList() && title && title->isString())
            return s;
    }
    c.fail("argument " + std::to_string(i + 1) +
           " must be a derivation (made by derivation(…) or derive(…)), got " +
           support::describe(v));
}

// The values a function side is called with: a struct's fields in order, a list's items, no
// argument for an empty matrix, or the value itself.
std::vector<Value> inputArgs(const StructData& d) {
    const Value* inputs = d.find("inputs");
    if (!inputs || inputs->isEmpty())
        return {};
    if (inputs->isStruct()) {
        std::vector<Value> args;
        for (const auto& [name, value] : inputs->structure().fields)
            args.push_back(value);
        return args;
    }
    if (inputs->isList())
        return inputs->items();
    return {*inputs};
}

// One side of a step: the value itself, or a function called at the inputs.
arma::mat side(Call& c, const Value& v, const StructData& d, const std::string& which,
               const std::string& stepName) {
    Value value = v;
    if (v.isFunction()) {
        std::vector<Value> out = c.context().call(v, inputArgs(d), 1);
        if (out.empty())
            c.fail(stepName + ": the " + which + " side's function returned nothing");
        value = out.front();
    }
    if (!value.isReal())
        c.fail(stepName + ": the " + which + " side must be a real number or matrix, got " +
               support::describe(value));
    return value.real();
}

// A real scalar function of a matrix, through the language.
math::ScalarFunction scalarFunction(Call& c, const Value& f) {
    return [&c, f](const arma::mat& x) {
        c.context().checkCancelled();
        std::vector<Value> out = c.context().call(f, {Value(x)}, 1);
        if (out.empty() || !out.front().isReal() || !out.front().isScalar())
            c.fail("f must return a real scalar, got " +
                   (out.empty() ? std::string("nothing") : support::describe(out.front())));
        return out.front().real()(0);
    };
}

void registerWritten(Registry& r) {
    r.add("derivation", "derivation(title, inputs=struct_or_list) -> derivation",
          "A new derivation with no steps: a struct with fields title, inputs, steps (a list) "
          "and result; add steps with step(…).",
          [](Call& c) {
              c.requireCount(1, 1);
              const std::string title = c.string(0);
              Value inputs = Value(StructData{});
              if (std::optional<Value> given = c.keyword("inputs"))
                  inputs = *given;
              return std::vector<Value>{makeStruct({{"title", Value(title)},
                                                    {"inputs", inputs},
                                                    {"steps", Value::list({})},
                                                    {"result", Value(arma::mat())}})};
          });

    r.add("step", "step(d, tex, lhs, rhs, note=\"\", tol=1e-10, kind=\"identity\") -> derivation",
          "Appends a step checked in numbers: lhs and rhs are values or functions called with "
          "d.inputs; it passes when every |lhs - rhs| <= tol*max(1, |rhs|). kind is "
          "\"identity\", \"definition\" or \"expected-failure\" (a deliberately wrong step that "
          "must fail).",
          [](Call& c) {
              c.requireCount(4, 4);
              const StructData& d = derivationArg(c, 0);
              const std::string tex = c.string(1);
              const std::size_t number = d.find("steps")->items().size() + 1;
              const std::string stepName = "step " + std::to_string(number) + " (" + tex + ")";
              const std::string kindName = c.keywordString("kind", "identity");
              const std::optional<math::StepKind> kind = math::stepKindFrom(kindName);
              if (!kind)
                  c.fail(
                      "kind must be \"identity\", \"definition\" or \"expected-failure\", got "
                      "\"" +
                      kindName + "\"");
              const std::string note = c.keywordString("note", "");
              const double tol = c.keywordScalar("tol", math::kStepTolerance);
              const arma::mat lhs = side(c, c.arg(2), d, "left", stepName);
              const arma::mat rhs = side(c, c.arg(3), d, "right", stepName);
              math::DerivationStep s;
              try {
                  s = math::checkStep(tex, lhs, rhs, note, *kind, tol, number);
              } catch (const Error& e) {
                  c.fail(e.what());
              }
              StructData out = d;
              std::vector<Value> steps = d.find("steps")->items();
              steps.push_back(stepValue(s));
              out.set("steps", Value::list(std::move(steps)));
              return std::vector<Value>{Value(std::move(out))};
          });
}

void registerBuiltIn(Registry& r) {
    std::string names;
    for (const math::DerivationSpec& s : math::derivationSpecs()) {
        names += (names.empty() ? "" : "; ") + s.name + "(";
        for (std::size_t i = 0; i < s.parameters.size(); ++i)
            names += (i ? ", " : "") + s.parameters[i];
        names += ")";
    }
    r.add("derive", "derive(name, inputs…, eps=1e-5) -> derivation",
          "A built-in derivation on your numbers (inputs left out take defaults): " + names +
              ". Every step shows its formula and is checked on the inputs.",
          [](Call& c) {
              if (c.count() < 1)
                  c.fail("expected a derivation name, e.g. derive(\"softmax_jacobian\")");
              const std::string name = c.string(0);
              std::vector<arma::mat> args;
              for (std::size_t i = 1; i < c.count(); ++i)
                  args.push_back(c.matrix(i));
              const double eps = c.keywordScalar("eps", 1e-5);
              return std::vector<Value>{derivationValue(math::builtinDerivation(name, args, eps))};
          });

    r.add("gradcheck", "gradcheck(f, x, grad=g, tol=1e-6) -> struct",
          "Checks an analytic gradient g (a matrix, or a function of x) of the scalar function f "
          "at x against central differences: fields numeric, analytic, rel_error, "
          "max_rel_error and pass.",
          [](Call& c) {
              c.requireCount(2, 3);
              const Value f = c.function(0);
              const arma::mat x = c.matrix(1);
              std::optional<Value> g =
                  c.has(2) ? std::optional<Value>(c.arg(2)) : c.keyword("grad");
              if (!g)
                  c.fail("missing the analytic gradient: gradcheck(f, x, grad=g)");
              arma::mat analytic;
              if (g->isFunction()) {
                  std::vector<Value> out = c.context().call(*g, {Value(x)}, 1);
                  if (out.empty() || !out.front().isReal())
                      c.fail("grad must return a real matrix");
                  analytic = out.front().real();
              } else if (g->isReal()) {
                  analytic = g->real();
              } else {
                  c.fail("grad must be a real matrix or a function, got " + support::describe(*g));
              }
              const double tol = c.keywordScalar("tol", math::kGradCheckTolerance);
              const math::GradCheckResult result =
                  math::gradcheck(scalarFunction(c, f), x, analytic, tol);
              return std::vector<Value>{makeStruct({{"numeric", Value(result.numeric)},
                                                    {"analytic", Value(result.analytic)},
                                                    {"rel_error", Value(result.rel_error)},
                                                    {"max_rel_error", Value(result.max_rel_error)},
                                                    {"pass", Value::boolean(result.pass)}})};
          });
}

}  // namespace

void registerDerivations(Registry& r) {
    registerWritten(r);
    registerBuiltIn(r);
}

}  // namespace lemma::builtins
