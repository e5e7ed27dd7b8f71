// The learning-rate schedules of MATH.md §6.
#include "engine/math/Schedules.h"

#include <algorithm>
#include <cmath>

#include "engine/core/Error.h"

namespace lemma::math::optim {

Schedule parseSchedule(const std::string& name, const std::string& who) {
    if (name == "constant")
        return Schedule::Constant;
    if (name == "inv_t")
        return Schedule::InvT;
    if (name == "inv_sqrt_t")
        return Schedule::InvSqrtT;
    if (name == "step")
        return Schedule::Step;
    if (name == "cosine")
        return Schedule::Cosine;
    if (name == "warmup_cosine")
        return Schedule::WarmupCosine;
    throw Error(who + ": unknown schedule '" + name +
                "' (use \"constant\", \"inv_t\", \"inv_sqrt_t\", \"step\", \"cosine\" or "
                "\"warmup_cosine\")");
}

double scheduleFactor(Schedule schedule, arma::uword t, arma::uword steps) {
    const double td = static_cast<double>(std::max<arma::uword>(t, 1));
    const double total = static_cast<double>(std::max<arma::uword>(steps, 1));
    switch (schedule) {
        case Schedule::Constant:
            return 1.0;
        case Schedule::InvT:
            return 1.0 / td;
        case Schedule::InvSqrtT:
            return 1.0 / std::sqrt(td);
        case Schedule::Step:
            if (4 * t >= 3 * steps)
                return 0.01;
            return 2 * t >= steps ? 0.1 : 1.0;
        case Schedule::Cosine:
            return 0.5 * (1.0 + std::cos(arma::datum::pi * (td - 1.0) / total));
        case Schedule::WarmupCosine: {
            const double warm = std::max(1.0, std::floor(total / 20.0));
            if (td <= warm)
                return td / warm;
            return 0.5 *
                   (1.0 + std::cos(arma::datum::pi * (td - warm) / std::max(1.0, total - warm)));
        }
    }
    return 1.0;
}

}  // namespace lemma::math::optim
