// Checking a derivation's steps in numbers (see Derivation.h).
#include "engine/math/Derivation.h"

#include <cmath>

#include "engine/core/Error.h"
#include "engine/math/Format.h"

namespace lemma::math {

std::string stepKindName(StepKind kind) {
    switch (kind) {
        case StepKind::Identity:
            return "identity";
        case StepKind::Definition:
            return "definition";
        case StepKind::ExpectedFailure:
            return "expected-failure";
    }
    return "identity";
}

std::optional<StepKind> stepKindFrom(const std::string& name) {
    for (const StepKind k : {StepKind::Identity, StepKind::Definition, StepKind::ExpectedFailure}) {
        if (stepKindName(k) == name)
            return k;
    }
    return std::nullopt;
}

DerivationStep checkStep(std::string tex, arma::mat lhs, arma::mat rhs, std::string note,
                         StepKind kind, double tol, std::size_t number) {
    const std::string which = "step " + std::to_string(number) + " (" + tex + ")";
    if (lhs.n_rows != rhs.n_rows || lhs.n_cols != rhs.n_cols)
        throw Error(which + ": the left side is " + shapeOf(lhs) + " but the right side is " +
                    shapeOf(rhs) + " (they must have the same shape)");
    if (!(tol > 0.0) || !std::isfinite(tol))
        throw Error(which + ": tol must be positive, got " + formatNumber(tol));
    DerivationStep s;
    s.tex = std::move(tex);
    s.note = std::move(note);
    s.kind = kind;
    s.tol = tol;
    s.pass = true;
    for (arma::uword i = 0; i < lhs.n_elem; ++i) {
        const double a = lhs(i);
        const double b = rhs(i);
        // Equal infinities agree; NaN agrees with nothing.
        const double d = (a == b) ? 0.0 : std::abs(a - b);
        if (std::isnan(d))
            s.diff = d;
        else if (!std::isnan(s.diff))
            s.diff = std::max(s.diff, d);
        if (!std::isfinite(d) || !(d <= tol * std::max(1.0, std::abs(b))))
            s.pass = false;
    }
    s.lhs = std::move(lhs);
    s.rhs = std::move(rhs);
    return s;
}

void Derivation::add(std::string tex, const arma::mat& lhs, const arma::mat& rhs, std::string note,
                     StepKind kind, double tol) {
    steps.push_back(
        checkStep(std::move(tex), lhs, rhs, std::move(note), kind, tol, steps.size() + 1));
}

std::size_t Derivation::flaggedCount() const {
    std::size_t n = 0;
    for (const DerivationStep& s : steps)
        n += s.flagged() ? 1 : 0;
    return n;
}

}  // namespace lemma::math
