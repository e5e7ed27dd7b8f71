// A derivation as data: a title, its concrete inputs, a list of steps each checked in numbers,
// and the value it derives. Every step carries the two sides of its formula evaluated on the
// inputs and whether they agree.
#pragma once

#include <armadillo>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lemma::math {

// identity: the two sides must agree (a failure is a finding: the algebra or the code is
// wrong); definition: names a quantity, checked the same way; expected-failure: a deliberately
// wrong step (a common mistake) that must NOT agree.
enum class StepKind { Identity, Definition, ExpectedFailure };

std::string stepKindName(StepKind kind);  // "identity", "definition", "expected-failure"
std::optional<StepKind> stepKindFrom(const std::string& name);

inline constexpr double kStepTolerance = 1e-10;

// Field names follow the language's struct fields.
struct DerivationStep {
    std::string tex;
    std::string note;
    arma::mat lhs;
    arma::mat rhs;
    double diff = 0.0;  // largest |lhs − rhs|
    double tol = kStepTolerance;
    bool pass = false;  // every entry has |lhs − rhs| ≤ tol · max(1, |rhs|)
    StepKind kind = StepKind::Identity;

    // A step that says something went wrong: an identity or definition that fails, or an
    // expected failure that holds.
    bool flagged() const { return kind == StepKind::ExpectedFailure ? pass : !pass; }
};

// Compares the two sides. Throws lemma::Error naming the step (1-based `number` and its TeX)
// when their shapes differ or tol is not positive.
DerivationStep checkStep(std::string tex, arma::mat lhs, arma::mat rhs, std::string note,
                         StepKind kind, double tol, std::size_t number);

struct Derivation {
    std::string title;
    std::vector<std::pair<std::string, arma::mat>> inputs;
    std::vector<DerivationStep> steps;
    arma::mat result;

    // Appends a checked step (see checkStep).
    void add(std::string tex, const arma::mat& lhs, const arma::mat& rhs, std::string note,
             StepKind kind = StepKind::Identity, double tol = kStepTolerance);
    // How many steps are flagged.
    std::size_t flaggedCount() const;
};

}  // namespace lemma::math
