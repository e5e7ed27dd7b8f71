// Problem values: building them from keywords and turning them into engine/math problems.
#include "engine/builtins/ProblemValue.h"

#include <cmath>
#include <utility>
#include <vector>

namespace lemma::builtins {

namespace {

using lang::StructData;
using namespace math::optim;

double field(const Call& c, const StructData& s, const char* name) {
    const Value* v = s.find(name);
    if (!v || !v->isReal() || !v->isScalar())
        c.fail(std::string("the problem's field '") + name + "' must be a real scalar");
    return v->real()(0, 0);
}

arma::uword count(const Call& c, const StructData& s, const char* name) {
    const double x = field(c, s, name);
    if (!(x >= 1) || x != std::floor(x) || x > 1e9)
        c.fail(std::string("the problem's field '") + name + "' must be a whole number ≥ 1");
    return static_cast<arma::uword>(x);
}

std::uint64_t seedField(const Call& c, const StructData& s) {
    const double x = field(c, s, "seed");
    if (!(x >= 0) || x != std::floor(x) || x > 9e15)
        c.fail("the problem's field 'seed' must be a whole number ≥ 0");
    return static_cast<std::uint64_t>(x);
}

// A whole-number keyword ≥ lowest.
double countKeyword(Call& c, const char* name, long long fallback, long long lowest = 1) {
    const long long v = c.keywordInteger(name, fallback);
    if (v < lowest)
        c.fail(std::string(name) + " must be at least " + std::to_string(lowest));
    return static_cast<double>(v);
}

Value problemValue(std::vector<std::pair<const char*, Value>> fields) {
    StructData s;
    for (auto& [name, value] : fields)
        s.set(name, std::move(value));
    return Value(std::move(s));
}

}  // namespace

std::unique_ptr<Problem> problemArg(Call& c, std::size_t i) {
    const Value& v = c.arg(i);
    const Value* kind = v.isStruct() ? v.structure().find("kind") : nullptr;
    if (!kind || !kind->isString())
        c.fail("argument " + std::to_string(i + 1) +
               " must be a problem (from quadratic, rosenbrock, logistic, softmax_regression, "
               "mlp or problem), got a " +
               v.typeName());
    const StructData& s = v.structure();
    const std::string& k = kind->string();
    if (k == "quadratic") {
        return std::make_unique<QuadraticProblem>(field(c, s, "kappa"), count(c, s, "dim"),
                                                  field(c, s, "rotate") != 0, seedField(c, s));
    }
    if (k == "rosenbrock")
        return std::make_unique<RosenbrockProblem>(field(c, s, "a"), field(c, s, "b"));
    if (k == "logistic") {
        return std::make_unique<LogisticProblem>(count(c, s, "n"), count(c, s, "d"),
                                                 field(c, s, "noise"), seedField(c, s));
    }
    if (k == "softmax_regression") {
        return std::make_unique<SoftmaxProblem>(count(c, s, "n"), count(c, s, "d"),
                                                count(c, s, "classes"), field(c, s, "noise"),
                                                seedField(c, s));
    }
    if (k == "mlp") {
        return std::make_unique<MlpProblem>(count(c, s, "n"), count(c, s, "d"),
                                            count(c, s, "hidden"), field(c, s, "noise"),
                                            seedField(c, s));
    }
    if (k == "user") {
        const Value* f = s.find("f");
        const Value* grad = s.find("grad");
        const Value* x0 = s.find("x0");
        if (!f || !f->isFunction() || !grad || !grad->isFunction() || !x0 || !x0->isReal())
            c.fail("a user problem needs fields f and grad (functions) and x0 (a vector)");
        Context& context = c.context();
        const std::string name = c.name();
        Value fv = *f;
        Value gv = *grad;
        auto loss = [&context, fv, name](const arma::vec& x) {
            const std::vector<Value> out = context.call(fv, {Value(arma::mat(x))}, 1);
            if (out.empty() || !out[0].isReal() || !out[0].isScalar())
                throw Error(name + ": the problem's f must return a real scalar");
            return out[0].real()(0, 0);
        };
        auto gradient = [&context, gv, name](const arma::vec& x) {
            const std::vector<Value> out = context.call(gv, {Value(arma::mat(x))}, 1);
            if (out.empty() || !out[0].isReal())
                throw Error(name + ": the problem's grad must return a real vector");
            return arma::vec(arma::vectorise(out[0].real()));
        };
        return std::make_unique<UserProblem>(loss, gradient, arma::vectorise(x0->real()));
    }
    c.fail("unknown problem kind '" + k + "'");
}

void registerProblems(Registry& r) {
    r.add("quadratic", "quadratic(kappa=10, dim=2, rotate=false, seed=1) -> problem",
          "f(x) = x'Ax/2 with eigenvalues from mu = 1 to L = kappa (rotated by a random "
          "orthogonal matrix when rotate=true); starts at ones. Fields mu, L for gd_optimal.",
          [](Call& c) {
              c.requireCount(0, 0);
              const double kappa = c.keywordScalar("kappa", 10.0);
              const double dim = countKeyword(c, "dim", 2);
              const bool rotate = c.keywordBool("rotate", false);
              const double seed = countKeyword(c, "seed", 1, 0);
              QuadraticProblem check(kappa, static_cast<arma::uword>(dim), false);
              return std::vector<Value>{problemValue({{"kind", Value("quadratic")},
                                                      {"kappa", Value(kappa)},
                                                      {"dim", Value(dim)},
                                                      {"rotate", Value::boolean(rotate)},
                                                      {"seed", Value(seed)},
                                                      {"mu", Value(1.0)},
                                                      {"L", Value(kappa)}})};
          });
    r.add("rosenbrock", "rosenbrock(a=1, b=100) -> problem",
          "f(x, y) = (a - x)^2 + b(y - x^2)^2, minimum at (a, a^2); starts at (-1.2, 1).",
          [](Call& c) {
              c.requireCount(0, 0);
              const double a = c.keywordScalar("a", 1.0);
              const double b = c.keywordScalar("b", 100.0);
              if (!std::isfinite(a) || !std::isfinite(b) || b < 0)
                  c.fail("a must be finite and b a finite number ≥ 0");
              return std::vector<Value>{problemValue({{"kind", Value("rosenbrock")},
                                                      {"a", Value(a)},
                                                      {"b", Value(b)},
                                                      {"minimum", Value(arma::mat{{a, a * a}})}})};
          });
    auto dataProblem = [](const char* kind, Call& c, long long n, long long d, double noise,
                          std::vector<std::pair<const char*, Value>> extra) {
        std::vector<std::pair<const char*, Value>> fields = {{"kind", Value(kind)},
                                                             {"n", Value(countKeyword(c, "n", n))},
                                                             {"d", Value(countKeyword(c, "d", d))}};
        for (auto& e : extra)
            fields.push_back(std::move(e));
        const double sigma = c.keywordScalar("noise", noise);
        if (!(sigma >= 0) || !std::isfinite(sigma))
            c.fail("noise must be a finite number ≥ 0");
        fields.push_back({"noise", Value(sigma)});
        fields.push_back({"seed", Value(countKeyword(c, "seed", 1, 0))});
        return problemValue(std::move(fields));
    };
    r.add("logistic", "logistic(n=1000, d=10, noise=1, seed=1) -> problem",
          "Binary logistic regression on n synthetic examples x ~ N(0, I_d) labelled by a "
          "teacher with logit noise; mean log-loss; starts at 0.",
          [dataProblem](Call& c) {
              c.requireCount(0, 0);
              return std::vector<Value>{dataProblem("logistic", c, 1000, 10, 1.0, {})};
          });
    r.add("softmax_regression",
          "softmax_regression(n=1000, d=10, classes=3, noise=1, seed=1) -> problem",
          "Multinomial logistic regression on synthetic data; mean cross-entropy; starts at 0.",
          [dataProblem](Call& c) {
              c.requireCount(0, 0);
              return std::vector<Value>{
                  dataProblem("softmax_regression", c, 1000, 10, 1.0,
                              {{"classes", Value(countKeyword(c, "classes", 3))}})};
          });
    r.add("mlp", "mlp(n=1000, d=5, hidden=16, noise=0.1, seed=1) -> problem",
          "A one-hidden-layer tanh network regressing a random teacher network: a non-convex "
          "problem; loss 0.5*mean squared error.",
          [dataProblem](Call& c) {
              c.requireCount(0, 0);
              return std::vector<Value>{dataProblem(
                  "mlp", c, 1000, 5, 0.1, {{"hidden", Value(countKeyword(c, "hidden", 16))}})};
          });
    r.add("problem", "problem(f, grad, x0) -> problem",
          "A problem from a loss function f(x), its gradient grad(x) and a start x0 (runs on "
          "one thread; its minibatch gradient is the full one).",
          [](Call& c) {
              c.requireCount(3, 3);
              c.function(0);
              c.function(1);
              const arma::mat x0 = c.matrix(2);
              if (x0.is_empty() || !x0.is_finite())
                  c.fail("x0 must be a non-empty finite vector");
              return std::vector<Value>{
                  problemValue({{"kind", Value("user")},
                                {"f", c.arg(0)},
                                {"grad", c.arg(1)},
                                {"x0", Value(arma::mat(arma::vectorise(x0)))}})};
          });
}

}  // namespace lemma::builtins
