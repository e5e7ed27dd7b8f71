// The transformer's gradient check by the five-point central difference.
#include "engine/math/TransformerGradCheck.h"

#include <algorithm>
#include <cmath>

namespace lemma::math {

TransformerGradCheck checkTransformerGradients(const TransformerConfig& config,
                                               const TransformerParams& params,
                                               const TransformerBatch& batch,
                                               const TransformerParams& analytic,
                                               const GradCheckOptions& options) {
    TransformerGradCheck check;
    check.pass = true;
    TransformerParams probe = params;
    const double h = options.step;
    for (const auto& [name, member] : TransformerParams::fields()) {
        GradCheckEntry e;
        e.name = name;
        e.analytic = analytic.*member;
        arma::mat& theta = probe.*member;
        e.numeric.set_size(arma::size(theta));
        for (arma::uword i = 0; i < theta.n_elem; ++i) {
            const double saved = theta(i);
            const auto lossAt = [&](double offset) {
                theta(i) = saved + offset;
                return transformerLoss(config, probe, batch);
            };
            const double near = lossAt(h) - lossAt(-h);
            const double far = lossAt(2.0 * h) - lossAt(-2.0 * h);
            theta(i) = saved;
            e.numeric(i) = (8.0 * near - far) / (12.0 * h);
        }
        const arma::mat scale =
            arma::max(arma::max(arma::abs(e.analytic), arma::abs(e.numeric)),
                      arma::mat(arma::size(theta), arma::fill::value(options.floor)));
        e.rel_error = arma::abs(e.analytic - e.numeric) / scale;
        // NaN compares false, so a NaN anywhere fails the check.
        e.max_rel_error = e.rel_error.is_finite() ? e.rel_error.max() : arma::datum::nan;
        e.pass = e.max_rel_error <= options.tolerance;
        check.pass = check.pass && e.pass;
        check.max_rel_error = std::isnan(e.max_rel_error) || std::isnan(check.max_rel_error)
                                  ? arma::datum::nan
                                  : std::max(check.max_rel_error, e.max_rel_error);
        check.params.push_back(std::move(e));
    }
    return check;
}

}  // namespace lemma::math
