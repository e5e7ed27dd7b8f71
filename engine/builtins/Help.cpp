// help: the usage, description and runnable example of a builtin, the builtins of a family, or
// an index of all families.
//
// The registry keeps no families, so help rebuilds each known family into a scratch Registry to
// learn its names; builtins of families not listed here appear under "other".
#include <algorithm>
#include <set>
#include <string_view>

#include "engine/builtins/Examples.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"

namespace lemma::builtins {

namespace {

struct Family {
    const char* name;
    const char* about;
    void (*add)(Registry&);
};

const Family kFamilies[] = {
    {"core", "constants and building matrices", registerCore},
    {"shape", "sizes, types and comparisons", registerShape},
    {"elementwise", "functions applied entry by entry", registerElementwise},
    {"reductions", "sums, means, extremes and softmax along a dimension", registerReductions},
    {"sorting", "sorting and searching", registerSorting},
    {"linalg", "linear algebra on whole matrices", registerLinalg},
    {"decompositions", "eigenvalues and factorisations", registerDecompositions},
    {"random", "reproducible random numbers", registerRandom},
    {"format", "printing and converting to text", registerFormat},
    {"math", "the worked-example mathematics: attention, spectra, low rank, LoRA", registerMath},
    {"optim", "optimizers and batch sizes: problems, optimize, sweep, gd_optimal, noise_scale",
     registerOptim},
    {"stats", "comparing runs: bootstrap_ci, ttest, ttest2", registerStats},
    {"transformer", "the tour's tiny transformer: one training step, a short run",
     registerTransformer},
    {"controls", "sliders, choices and toggles that rewrite their value= when moved",
     registerControls},
    {"derivations", "step-by-step derivations checked in numbers: derive, step, gradcheck",
     registerDerivations},
    {"information", "entropy, cross-entropy, KL divergence, perplexity and sampling",
     registerInformation},
    {"likelihood", "negative log-likelihood, maximum likelihood and n-gram models",
     registerLikelihood},
    {"plotting", "figures: plot, scatter, bar, band, heatmap, contour, quiver, path, eigplot",
     registerPlot},
    {"numerics", "roots, minima, integrals, interpolation and the trapezoidal rule",
     registerNumerics},
    {"polynomials", "fitting and evaluating polynomials", registerPolynomials},
    {"statistics", "covariance, quantiles, histograms and the normal distribution",
     registerStatistics},
    {"matrices", "magic squares, shifts, grids, accumulation and integer functions",
     registerMatrices},
    {"signal", "convolution, filters and the Fourier transform", registerSignal},
    {"strings", "joining, splitting, case and regular expressions", registerStrings},
    {"lists", "MATLAB's cell and struct functions on Lemma's lists and structs", registerLists},
    {"solvers", "a few eigenvalues or singular values, linear solves", registerSolvers},
    {"timing", "stopwatch, timing and assertions", registerTiming},
    {"help", "this help", registerHelp},
};

std::vector<std::string> namesOf(const Family& f) {
    Registry scratch;
    f.add(scratch);
    return scratch.names();
}

// A family's heading, then its names wrapped at 100 columns on lines indented under it.
std::string familyBlock(const std::string& heading, const std::vector<std::string>& names) {
    const std::string indent(6, ' ');
    std::string out = heading + "\n" + indent;
    std::size_t column = indent.size();
    for (const auto& name : names) {
        if (column > indent.size() && column + 1 + name.size() > 100) {
            out += "\n" + indent;
            column = indent.size();
        }
        if (column > indent.size()) {
            out += ' ';
            ++column;
        }
        out += name;
        column += name.size();
    }
    return out + "\n";
}

// Usage, description and the example, indented under the usage.
std::string describeBuiltin(const Builtin& b) {
    std::string out = b.usage + "\n    " + b.help + "\n";
    const std::string_view example = exampleFor(b.name);
    if (!example.empty()) {
        out += "  Example:\n";
        std::size_t start = 0;
        while (start <= example.size()) {
            const std::size_t end = std::min(example.find('\n', start), example.size());
            out += "    " + std::string(example.substr(start, end - start)) + "\n";
            start = end + 1;
        }
    }
    return out;
}

std::string index(const Registry& all) {
    std::string out =
        "Builtins by family. help(\"name\") describes one; help(\"family\") lists a family.\n";
    std::set<std::string> listed;
    for (const Family& f : kFamilies) {
        const auto names = namesOf(f);
        listed.insert(names.begin(), names.end());
        out += familyBlock("  " + std::string(f.name) + " — " + f.about, names);
    }
    std::vector<std::string> others;
    for (const auto& name : all.names()) {
        if (!listed.contains(name))
            others.push_back(name);
    }
    if (!others.empty())
        out += familyBlock("  other", others);
    return out;
}

}  // namespace

void registerHelp(Registry& r) {
    r.add("help", "help, help(\"name\"), help(\"family\")",
          "Shows a builtin's usage and description, the builtins of a family, or all families.",
          [](Call& c) {
              c.requireCount(0, 1);
              const Registry all = Registry::standard();
              std::string text;
              if (!c.has(0)) {
                  text = index(all);
              } else {
                  const Value& v = c.arg(0);
                  std::string name;
                  if (v.isFunction()) {
                      name = v.function().name;
                  } else if (v.isString()) {
                      name = v.string();
                  } else {
                      c.fail("argument 1 must be a name as a string, got " + support::describe(v));
                  }
                  if (const Builtin* b = all.find(name)) {
                      text = describeBuiltin(*b);
                  } else {
                      for (const Family& f : kFamilies) {
                          if (name != f.name)
                              continue;
                          text = std::string(f.name) + ": " + f.about + "\n";
                          for (const auto& n : namesOf(f))
                              text += describeBuiltin(*all.find(n));
                      }
                      if (text.empty())
                          c.fail("no builtin named '" + name + "'");
                  }
              }
              c.context().emit(output::Text{text});
              return std::vector<Value>{};
          });
}

}  // namespace lemma::builtins
