// The optimizers' update rules, written as in MATH.md §6.
#include "engine/math/Optimizers.h"

#include <cmath>

#include "engine/core/Error.h"

namespace lemma::math::optim {

namespace {

struct Named {
    const char* name;
    Method method;
};
constexpr Named kMethods[] = {{"sgd", Method::Sgd},           {"momentum", Method::Momentum},
                              {"nesterov", Method::Nesterov}, {"adagrad", Method::AdaGrad},
                              {"rmsprop", Method::RmsProp},   {"adam", Method::Adam},
                              {"adamw", Method::AdamW}};

double orDefault(double value, double fallback) {
    return std::isnan(value) ? fallback : value;
}

}  // namespace

Method parseMethod(const std::string& name, const std::string& who) {
    for (const Named& n : kMethods) {
        if (name == n.name)
            return n.method;
    }
    throw Error(who + ": unknown optimizer '" + name +
                "' (use \"sgd\", \"momentum\", \"nesterov\", \"adagrad\", \"rmsprop\", \"adam\" "
                "or \"adamw\")");
}

std::string methodName(Method method) {
    for (const Named& n : kMethods) {
        if (n.method == method)
            return n.name;
    }
    return "?";
}

OptimizerSettings withDefaults(OptimizerSettings s, const std::string& who) {
    const bool adaptive =
        s.method == Method::RmsProp || s.method == Method::Adam || s.method == Method::AdamW;
    s.lr = orDefault(s.lr, adaptive ? 1e-3 : 1e-2);
    s.momentum = orDefault(s.momentum, 0.9);
    s.beta1 = orDefault(s.beta1, 0.9);
    s.beta2 = orDefault(s.beta2, s.method == Method::RmsProp ? 0.99 : 0.999);
    s.eps = orDefault(s.eps, s.method == Method::AdaGrad ? 1e-10 : 1e-8);
    s.weight_decay = orDefault(s.weight_decay, s.method == Method::AdamW ? 0.01 : 0.0);
    auto require = [&who](bool ok, const char* message) {
        if (!ok)
            throw Error(who + ": " + message);
    };
    require(std::isfinite(s.lr) && s.lr > 0, "lr must be a positive number");
    require(s.momentum >= 0 && s.momentum < 1, "momentum must lie in [0, 1)");
    require(s.beta1 >= 0 && s.beta1 < 1, "beta1 must lie in [0, 1)");
    require(s.beta2 >= 0 && s.beta2 < 1, "beta2 must lie in [0, 1)");
    require(std::isfinite(s.eps) && s.eps >= 0, "eps must be a number ≥ 0");
    require(std::isfinite(s.weight_decay) && s.weight_decay >= 0,
            "weight_decay must be a number ≥ 0");
    return s;
}

Stepper::Stepper(const OptimizerSettings& settings, arma::uword dim)
    : m_s(settings), m_a(dim, arma::fill::zeros), m_b(dim, arma::fill::zeros) {}

void Stepper::step(arma::vec& x, arma::vec& g, double lr, arma::uword t) {
    const double lambda = m_s.weight_decay;
    if (lambda != 0.0 && m_s.method != Method::AdamW)
        g += lambda * x;
    const arma::uword n = x.n_elem;
    double* xp = x.memptr();
    const double* gp = g.memptr();
    double* a = m_a.memptr();
    double* b = m_b.memptr();
    switch (m_s.method) {
        case Method::Sgd:
            for (arma::uword i = 0; i < n; ++i)
                xp[i] -= lr * gp[i];
            break;
        case Method::Momentum:
            for (arma::uword i = 0; i < n; ++i) {
                a[i] = m_s.momentum * a[i] - lr * gp[i];
                xp[i] += a[i];
            }
            break;
        case Method::Nesterov:
            for (arma::uword i = 0; i < n; ++i) {
                a[i] = m_s.momentum * a[i] + gp[i];
                xp[i] -= lr * (gp[i] + m_s.momentum * a[i]);
            }
            break;
        case Method::AdaGrad:
            for (arma::uword i = 0; i < n; ++i) {
                a[i] += gp[i] * gp[i];
                xp[i] -= lr * gp[i] / (std::sqrt(a[i]) + m_s.eps);
            }
            break;
        case Method::RmsProp:
            for (arma::uword i = 0; i < n; ++i) {
                a[i] = m_s.beta2 * a[i] + (1.0 - m_s.beta2) * gp[i] * gp[i];
                xp[i] -= lr * gp[i] / (std::sqrt(a[i]) + m_s.eps);
            }
            break;
        case Method::Adam:
        case Method::AdamW: {
            if (m_s.method == Method::AdamW && lambda != 0.0)
                x *= 1.0 - lr * lambda;
            const double c1 = 1.0 - std::pow(m_s.beta1, static_cast<double>(t));
            const double c2 = 1.0 - std::pow(m_s.beta2, static_cast<double>(t));
            for (arma::uword i = 0; i < n; ++i) {
                a[i] = m_s.beta1 * a[i] + (1.0 - m_s.beta1) * gp[i];
                b[i] = m_s.beta2 * b[i] + (1.0 - m_s.beta2) * gp[i] * gp[i];
                xp[i] -= lr * (a[i] / c1) / (std::sqrt(b[i] / c2) + m_s.eps);
            }
            break;
        }
    }
}

}  // namespace lemma::math::optim
