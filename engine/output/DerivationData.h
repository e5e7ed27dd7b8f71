// Recognising a derivation among displayed values, and its text: a derivation is a plain struct
// (fields title, steps and result; each step tex, note, lhs, rhs, diff, tol, pass, kind), so
// anything with that shape is shown as a derivation, whoever built it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/Value.h"

namespace lemma::output {

// How a step came out: an identity or definition that holds is verified and one that does not
// fails; a deliberately wrong step (kind "expected-failure") that fails does so as expected,
// and one that holds is flagged.
enum class Verdict { Verified, Fails, FailsAsExpected, HoldsUnexpectedly };

struct DerivationStepData {
    std::string tex;
    std::string note;
    lang::Value lhs;
    lang::Value rhs;
    double diff = 0.0;
    double tol = 0.0;
    bool pass = false;
    std::string kind;  // "identity", "definition" or "expected-failure"

    Verdict verdict() const;
};

struct DerivationData {
    std::string title;
    std::vector<DerivationStepData> steps;
    lang::Value result;  // empty when the derivation has none yet

    // Steps that say something is wrong: fails, or holds unexpectedly.
    std::size_t flaggedCount() const;
    // "4 steps: 3 verified, 1 fails as expected".
    std::string summary() const;
};

// The derivation a value holds, when it has the shape; nullopt otherwise.
std::optional<DerivationData> derivationOf(const lang::Value& v);

// "verified ✓", "fails ✗", "fails as expected", "holds but should fail ✗".
std::string verdictText(Verdict v);
// "verified", "fails", "fails-as-expected", "holds-unexpectedly": for JSON.
std::string verdictKey(Verdict v);

// A difference in two significant digits: "3.1e-11", "0.068", "0".
std::string formatDiff(double diff);

// What `lemma run` prints for a displayed derivation: a header with the title and the counts,
// one line per step with its verdict, its difference and its TeX, then the result.
std::string derivationText(const std::string& name, const DerivationData& d);

// The JSON object `lemma run --json` adds to a displayed derivation: its counts and every
// step's verdict (the steps themselves are in the value).
std::string derivationJson(const DerivationData& d);

}  // namespace lemma::output
