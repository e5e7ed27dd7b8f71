// The Nelder–Mead simplex method as MATLAB's fminsearch runs it (see NelderMead.h).
#include "engine/math/NelderMead.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace lemma::math {

NelderMeadResult nelderMead(const std::function<double(const arma::vec&)>& f, const arma::vec& x0,
                            NelderMeadOptions options) {
    const arma::uword n = x0.n_elem;
    const int maxIter = options.maxIterations > 0 ? options.maxIterations : int(200 * n);
    const int maxEval = options.maxEvaluations > 0 ? options.maxEvaluations : int(200 * n);
    NelderMeadResult out;

    std::vector<arma::vec> v(n + 1, x0);
    std::vector<double> fv(n + 1);
    fv[0] = f(x0);
    for (arma::uword j = 0; j < n; ++j) {
        arma::vec y = x0;
        y(j) = y(j) != 0.0 ? 1.05 * y(j) : 0.00025;
        v[j + 1] = y;
        fv[j + 1] = f(y);
    }
    out.evaluations = int(n + 1);
    std::vector<arma::uword> order(n + 1);
    auto sortSimplex = [&] {
        std::iota(order.begin(), order.end(), arma::uword{0});
        std::stable_sort(order.begin(), order.end(),
                         [&](arma::uword a, arma::uword b) { return fv[a] < fv[b]; });
        std::vector<arma::vec> v2(n + 1);
        std::vector<double> f2(n + 1);
        for (arma::uword k = 0; k <= n; ++k) {
            v2[k] = v[order[k]];
            f2[k] = fv[order[k]];
        }
        v.swap(v2);
        fv.swap(f2);
    };
    sortSimplex();
    out.iterations = 1;

    while (out.evaluations < maxEval && out.iterations < maxIter) {
        double fSpread = 0.0;
        double xSpread = 0.0;
        for (arma::uword k = 1; k <= n; ++k) {
            fSpread = std::max(fSpread, std::abs(fv[0] - fv[k]));
            xSpread = std::max(xSpread, arma::abs(v[k] - v[0]).max());
        }
        if (fSpread <= options.tolFun && xSpread <= options.tolX) {
            out.converged = true;
            break;
        }
        arma::vec centroid(n, arma::fill::zeros);
        for (arma::uword k = 0; k < n; ++k)
            centroid += v[k];
        centroid /= double(n);
        const arma::vec xr = 2.0 * centroid - v[n];
        const double fr = f(xr);
        ++out.evaluations;
        if (fr < fv[0]) {
            const arma::vec xe = 3.0 * centroid - 2.0 * v[n];
            const double fe = f(xe);
            ++out.evaluations;
            if (fe < fr) {
                v[n] = xe;
                fv[n] = fe;
            } else {
                v[n] = xr;
                fv[n] = fr;
            }
        } else if (fr < fv[n - 1]) {
            v[n] = xr;
            fv[n] = fr;
        } else {
            bool shrink = false;
            if (fr < fv[n]) {
                const arma::vec xc = 1.5 * centroid - 0.5 * v[n];
                const double fc = f(xc);
                ++out.evaluations;
                if (fc <= fr) {
                    v[n] = xc;
                    fv[n] = fc;
                } else {
                    shrink = true;
                }
            } else {
                const arma::vec xcc = 0.5 * centroid + 0.5 * v[n];
                const double fcc = f(xcc);
                ++out.evaluations;
                if (fcc < fv[n]) {
                    v[n] = xcc;
                    fv[n] = fcc;
                } else {
                    shrink = true;
                }
            }
            if (shrink) {
                for (arma::uword k = 1; k <= n; ++k) {
                    v[k] = v[0] + 0.5 * (v[k] - v[0]);
                    fv[k] = f(v[k]);
                }
                out.evaluations += int(n);
            }
        }
        sortSimplex();
        ++out.iterations;
    }
    out.x = v[0];
    out.fval = fv[0];
    if (!out.converged) {
        out.message =
            out.iterations >= maxIter
                ? "exceeded the maximum number of iterations (" + std::to_string(maxIter) + ")"
                : "exceeded the maximum number of function evaluations (" +
                      std::to_string(maxEval) + ")";
    }
    return out;
}

}  // namespace lemma::math
