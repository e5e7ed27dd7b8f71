// The optimization problems: quadratic, Rosenbrock, logistic and softmax regression, a small
// MLP, and a problem given by user functions.
#include "engine/math/Problems.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <utility>

#include "engine/core/Error.h"
#include "engine/math/Random.h"

namespace lemma::math::optim {

namespace {

// A sum of softplus terms max(t, 0) + log1p(e), e = exp(−|t|) ∈ (0, 1], with one logarithm per
// block instead of one per term: the factors 1 + e ∈ (1, 2] are multiplied, and the product's
// binary exponent is taken out (exactly, by frexp) every kBlock factors, before it could
// overflow. Each product rounds by at most half an ulp, so n terms lose at most about n·2⁻⁵³ of
// the logarithm: below 10⁻¹² for a million terms, as good as summing log1p term by term. A NaN
// or infinite term makes the sum NaN or infinite, as it should (divergence is detected on it).
class SoftplusSum {
public:
    // Adds the term for t whose exp(−|t|) is e.
    void add(double t, double e) {
        m_linear += std::max(t, 0.0);
        m_product *= 1.0 + e;
        if (++m_count == kBlock) {
            int exponent = 0;
            m_product = std::frexp(m_product, &exponent);
            m_exponent += exponent;
            m_count = 0;
        }
    }
    void add(double t) { add(t, std::exp(-std::abs(t))); }
    double sum() const { return m_linear + std::log(m_product) + m_exponent * std::numbers::ln2; }

private:
    static constexpr int kBlock = 512;  // 2⁵¹² is far below the largest double
    double m_linear = 0.0;
    double m_product = 1.0;
    long m_exponent = 0;
    int m_count = 0;
};

// Copies the columns idx[0 … count) of X into out (resized only when its shape changes).
void gather(const arma::mat& X, const arma::uword* idx, arma::uword count, arma::mat& out) {
    if (out.n_rows != X.n_rows || out.n_cols != count)
        out.set_size(X.n_rows, count);
    const std::size_t bytes = sizeof(double) * X.n_rows;
    for (arma::uword k = 0; k < count; ++k)
        std::memcpy(out.colptr(k), X.colptr(idx[k]), bytes);
}

// A read-only rows×cols matrix over the memory of x (no copy).
const arma::mat viewOf(const arma::vec& x, arma::uword rows, arma::uword cols) {
    return arma::mat(const_cast<double*>(x.memptr()), rows, cols, false, true);
}

}  // namespace

double Problem::batchGradient(const arma::vec& x, const arma::uword*, arma::uword, arma::vec& g,
                              Scratch&) const {
    return gradient(x, g);
}

arma::vec Problem::losses(const arma::mat& X) const {
    arma::vec out(X.n_cols);
    for (arma::uword j = 0; j < X.n_cols; ++j)
        out(j) = loss(arma::vec(X.col(j)));
    return out;
}

// ---- quadratic ----

QuadraticProblem::QuadraticProblem(double kappa, arma::uword dim, bool rotate, std::uint64_t seed) {
    if (!(kappa >= 1.0) || !std::isfinite(kappa))
        throw Error("quadratic: kappa must be a finite number ≥ 1");
    if (dim < 1 || dim > 4096)
        throw Error("quadratic: dim must be between 1 and 4096");
    m_lambda = dim == 1 ? arma::vec{1.0} : arma::linspace(1.0, kappa, dim);
    if (!rotate) {
        m_A = arma::diagmat(m_lambda);
        return;
    }
    Random random(seed);
    arma::mat Q;
    arma::mat R;
    arma::qr(Q, R, random.gaussian(dim, dim));
    Q.each_row() %= arma::sign(R.diag().t());
    m_A = Q * arma::diagmat(m_lambda) * Q.t();
    m_A = 0.5 * (m_A + m_A.t());
}

double QuadraticProblem::loss(const arma::vec& x) const {
    return 0.5 * arma::dot(x, m_A * x);
}

double QuadraticProblem::gradient(const arma::vec& x, arma::vec& g) const {
    g = m_A * x;
    return 0.5 * arma::dot(x, g);
}

// ---- Rosenbrock ----

double RosenbrockProblem::loss(const arma::vec& x) const {
    const double u = m_a - x(0);
    const double v = x(1) - x(0) * x(0);
    return u * u + m_b * v * v;
}

double RosenbrockProblem::gradient(const arma::vec& x, arma::vec& g) const {
    const double u = m_a - x(0);
    const double v = x(1) - x(0) * x(0);
    g.set_size(2);
    g(0) = -2.0 * u - 4.0 * m_b * x(0) * v;
    g(1) = 2.0 * m_b * v;
    return u * u + m_b * v * v;
}

// ---- logistic regression ----

namespace {

void checkData(const char* name, arma::uword n, arma::uword d, double noise) {
    if (n < 1 || d < 1)
        throw Error(std::string(name) + ": n and d must be at least 1");
    if (static_cast<double>(n) * static_cast<double>(d) > 5e7)
        throw Error(std::string(name) + ": n·d must be at most 50,000,000");
    if (!(noise >= 0.0) || !std::isfinite(noise))
        throw Error(std::string(name) + ": noise must be a finite number ≥ 0");
}

}  // namespace

LogisticProblem::LogisticProblem(arma::uword n, arma::uword d, double noise, std::uint64_t seed) {
    checkData("logistic", n, d, noise);
    Random random(seed);
    m_X = random.gaussian(d, n);
    arma::vec teacher = random.gaussian(d, 1);
    teacher *= 3.0 / arma::norm(teacher);
    const arma::rowvec z = teacher.t() * m_X + noise * random.gaussian(1, n);
    m_s = arma::sign(z);
    m_s.replace(0.0, 1.0);
}

double LogisticProblem::loss(const arma::vec& x) const {
    const arma::rowvec z = x.t() * m_X;
    SoftplusSum sum;
    for (arma::uword i = 0; i < z.n_elem; ++i)
        sum.add(-m_s(i) * z(i));
    return sum.sum() / static_cast<double>(z.n_elem);
}

double LogisticProblem::gradient(const arma::vec& x, arma::vec& g) const {
    arma::rowvec z = x.t() * m_X;
    SoftplusSum sum;
    for (arma::uword i = 0; i < z.n_elem; ++i) {
        const double t = -m_s(i) * z(i);
        // One exponential for both softplus(t) and sigmoid(t).
        const double e = std::exp(-std::abs(t));
        sum.add(t, e);
        z(i) = -m_s(i) * (t >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
    }
    const double n = static_cast<double>(z.n_elem);
    g = m_X * z.t() / n;
    return sum.sum() / n;
}

double LogisticProblem::batchGradient(const arma::vec& x, const arma::uword* idx, arma::uword count,
                                      arma::vec& g, Scratch& scratch) const {
    // Gathering the batch's columns (memcpy) and two BLAS matrix-vector products measured
    // faster than one fused pass over the scattered columns.
    gather(m_X, idx, count, scratch.batch);
    arma::vec& z = scratch.labels;
    z = scratch.batch.t() * x;
    SoftplusSum sum;
    for (arma::uword k = 0; k < count; ++k) {
        const double s = m_s(idx[k]);
        const double t = -s * z(k);
        // One exponential for both softplus(t) and sigmoid(t).
        const double e = std::exp(-std::abs(t));
        sum.add(t, e);
        z(k) = -s * (t >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
    }
    g = scratch.batch * z;
    const double scale = 1.0 / static_cast<double>(count);
    g *= scale;
    return sum.sum() * scale;
}

arma::vec LogisticProblem::losses(const arma::mat& X) const {
    const arma::mat Z = m_X.t() * X;
    arma::vec out(X.n_cols);
    for (arma::uword j = 0; j < X.n_cols; ++j) {
        const double* zj = Z.colptr(j);
        SoftplusSum sum;
        for (arma::uword i = 0; i < Z.n_rows; ++i)
            sum.add(-m_s(i) * zj[i]);
        out(j) = sum.sum() / static_cast<double>(Z.n_rows);
    }
    return out;
}

// ---- softmax regression ----

SoftmaxProblem::SoftmaxProblem(arma::uword n, arma::uword d, arma::uword classes, double noise,
                               std::uint64_t seed)
    : m_classes(classes) {
    checkData("softmax_regression", n, d, noise);
    if (classes < 2 || classes > 1000)
        throw Error("softmax_regression: classes must be between 2 and 1000");
    Random random(seed);
    m_X = random.gaussian(d, n);
    arma::mat teacher = random.gaussian(classes, d);
    teacher = arma::normalise(teacher, 2, 1) * 3.0;
    const arma::mat logits = teacher * m_X + noise * random.gaussian(classes, n);
    m_labels = arma::index_max(logits, 0).t();
}

double SoftmaxProblem::evaluate(const arma::vec& x, const arma::mat& Xb, const arma::uword* labels,
                                arma::vec* g, Scratch& scratch) const {
    const arma::mat W = viewOf(x, m_classes, Xb.n_rows);
    arma::mat& P = scratch.hidden;
    P = W * Xb;
    double sum = 0.0;
    for (arma::uword k = 0; k < P.n_cols; ++k) {
        double* p = P.colptr(k);
        const double top = *std::max_element(p, p + m_classes);
        double z = 0.0;
        for (arma::uword c = 0; c < m_classes; ++c) {
            p[c] = std::exp(p[c] - top);
            z += p[c];
        }
        sum += std::log(z) + top - (std::log(p[labels[k]]) + top);
        for (arma::uword c = 0; c < m_classes; ++c)
            p[c] /= z;
        p[labels[k]] -= 1.0;
    }
    const double scale = 1.0 / static_cast<double>(Xb.n_cols);
    if (g) {
        g->set_size(dim());
        arma::mat G(g->memptr(), m_classes, Xb.n_rows, false, true);
        G = P * Xb.t();
        G *= scale;
    }
    return sum * scale;
}

double SoftmaxProblem::loss(const arma::vec& x) const {
    Scratch scratch;
    return evaluate(x, m_X, m_labels.memptr(), nullptr, scratch);
}

double SoftmaxProblem::gradient(const arma::vec& x, arma::vec& g) const {
    Scratch scratch;
    return evaluate(x, m_X, m_labels.memptr(), &g, scratch);
}

double SoftmaxProblem::batchGradient(const arma::vec& x, const arma::uword* idx, arma::uword count,
                                     arma::vec& g, Scratch& scratch) const {
    gather(m_X, idx, count, scratch.batch);
    thread_local arma::uvec labels;
    labels.set_size(count);
    for (arma::uword k = 0; k < count; ++k)
        labels(k) = m_labels(idx[k]);
    return evaluate(x, scratch.batch, labels.memptr(), &g, scratch);
}

arma::vec SoftmaxProblem::losses(const arma::mat& X) const {
    arma::vec out(X.n_cols);
    Scratch scratch;
    for (arma::uword j = 0; j < X.n_cols; ++j)
        out(j) = evaluate(arma::vec(X.col(j)), m_X, m_labels.memptr(), nullptr, scratch);
    return out;
}

// ---- MLP ----

MlpProblem::MlpProblem(arma::uword n, arma::uword d, arma::uword hidden, double noise,
                       std::uint64_t seed)
    : m_hidden(hidden) {
    checkData("mlp", n, d, noise);
    if (hidden < 1 || hidden > 4096)
        throw Error("mlp: hidden must be between 1 and 4096");
    Random random(seed);
    m_X = random.gaussian(d, n);
    const arma::mat W1 = random.gaussian(hidden, d, 2.0 / std::sqrt(static_cast<double>(d)));
    const arma::vec w2 = random.gaussian(hidden, 1, 1.0 / std::sqrt(static_cast<double>(hidden)));
    m_y = (w2.t() * arma::tanh(W1 * m_X)).t() + noise * random.gaussian(n, 1);
    m_start = arma::join_cols(
        arma::join_cols(
            arma::vectorise(random.gaussian(hidden, d, 1.0 / std::sqrt(static_cast<double>(d)))),
            arma::vec(hidden, arma::fill::zeros)),
        arma::join_cols(random.gaussian(hidden, 1, 1.0 / std::sqrt(static_cast<double>(hidden))),
                        arma::vec{0.0}));
}

double MlpProblem::evaluate(const arma::vec& x, const arma::mat& Xb, const double* y, arma::vec* g,
                            Scratch& scratch) const {
    const arma::uword h = m_hidden;
    const arma::uword d = Xb.n_rows;
    const arma::uword b = Xb.n_cols;
    const arma::mat W1 = viewOf(x, h, d);
    const double* b1 = x.memptr() + h * d;
    const double* w2 = b1 + h;
    const double b2 = w2[h];
    arma::mat& H = scratch.hidden;
    H = W1 * Xb;
    for (arma::uword k = 0; k < b; ++k) {
        double* col = H.colptr(k);
        for (arma::uword i = 0; i < h; ++i)
            col[i] = std::tanh(col[i] + b1[i]);
    }
    arma::vec& e = scratch.labels;
    e.set_size(b);
    double sum = 0.0;
    for (arma::uword k = 0; k < b; ++k) {
        const double* col = H.colptr(k);
        double out = b2;
        for (arma::uword i = 0; i < h; ++i)
            out += w2[i] * col[i];
        e(k) = out - y[k];
        sum += 0.5 * e(k) * e(k);
    }
    const double scale = 1.0 / static_cast<double>(b);
    if (!g)
        return sum * scale;
    g->set_size(dim());
    double* gb1 = g->memptr() + h * d;
    double* gw2 = gb1 + h;
    std::fill(gb1, gb1 + 2 * h + 1, 0.0);
    arma::mat& D = scratch.delta;
    D.set_size(h, b);
    for (arma::uword k = 0; k < b; ++k) {
        const double* col = H.colptr(k);
        double* dcol = D.colptr(k);
        for (arma::uword i = 0; i < h; ++i) {
            gw2[i] += e(k) * col[i];
            dcol[i] = e(k) * w2[i] * (1.0 - col[i] * col[i]);
            gb1[i] += dcol[i];
        }
        gw2[h] += e(k);
    }
    arma::mat G(g->memptr(), h, d, false, true);
    G = D * Xb.t();
    G *= scale;
    for (arma::uword i = 0; i < 2 * h + 1; ++i)
        gb1[i] *= scale;
    return sum * scale;
}

double MlpProblem::loss(const arma::vec& x) const {
    Scratch scratch;
    return evaluate(x, m_X, m_y.memptr(), nullptr, scratch);
}

double MlpProblem::gradient(const arma::vec& x, arma::vec& g) const {
    Scratch scratch;
    return evaluate(x, m_X, m_y.memptr(), &g, scratch);
}

double MlpProblem::batchGradient(const arma::vec& x, const arma::uword* idx, arma::uword count,
                                 arma::vec& g, Scratch& scratch) const {
    gather(m_X, idx, count, scratch.batch);
    thread_local arma::vec y;
    y.set_size(count);
    for (arma::uword k = 0; k < count; ++k)
        y(k) = m_y(idx[k]);
    return evaluate(x, scratch.batch, y.memptr(), &g, scratch);
}

// ---- user problem ----

UserProblem::UserProblem(Loss f, Gradient grad, arma::vec x0)
    : m_f(std::move(f)), m_grad(std::move(grad)), m_x0(std::move(x0)) {
    if (m_x0.is_empty())
        throw Error("problem: x0 must not be empty");
}

double UserProblem::loss(const arma::vec& x) const {
    return m_f(x);
}

double UserProblem::gradient(const arma::vec& x, arma::vec& g) const {
    g = m_grad(x);
    if (g.n_elem != x.n_elem)
        throw Error("problem: the gradient has " + std::to_string(g.n_elem) + " entries, x0 has " +
                    std::to_string(x.n_elem));
    return m_f(x);
}

}  // namespace lemma::math::optim
