// Recognising derivations among values, and their text (see DerivationData.h).
#include "engine/output/DerivationData.h"

#include <cmath>
#include <cstdio>

#include "engine/output/Display.h"
#include "engine/output/Json.h"

namespace lemma::output {

namespace {

const lang::Value* field(const lang::StructData& s, const char* name) {
    return s.find(name);
}

std::optional<DerivationStepData> stepOf(const lang::Value& v) {
    if (!v.isStruct())
        return std::nullopt;
    const lang::StructData& s = v.structure();
    const lang::Value* tex = field(s, "tex");
    const lang::Value* lhs = field(s, "lhs");
    const lang::Value* rhs = field(s, "rhs");
    const lang::Value* pass = field(s, "pass");
    const lang::Value* kind = field(s, "kind");
    if (!tex || !tex->isString() || !lhs || !rhs || !pass || !pass->isScalar() || !kind ||
        !kind->isString())
        return std::nullopt;
    DerivationStepData d;
    d.tex = tex->string();
    d.lhs = *lhs;
    d.rhs = *rhs;
    d.pass = pass->isTrue();
    d.kind = kind->string();
    if (const lang::Value* note = field(s, "note"); note && note->isString())
        d.note = note->string();
    if (const lang::Value* diff = field(s, "diff"); diff && diff->isScalar() && diff->isReal())
        d.diff = diff->real()(0);
    if (const lang::Value* tol = field(s, "tol"); tol && tol->isScalar() && tol->isReal())
        d.tol = tol->real()(0);
    return d;
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

Verdict DerivationStepData::verdict() const {
    if (kind == "expected-failure")
        return pass ? Verdict::HoldsUnexpectedly : Verdict::FailsAsExpected;
    return pass ? Verdict::Verified : Verdict::Fails;
}

std::size_t DerivationData::flaggedCount() const {
    std::size_t n = 0;
    for (const DerivationStepData& s : steps) {
        const Verdict v = s.verdict();
        n += (v == Verdict::Fails || v == Verdict::HoldsUnexpectedly) ? 1 : 0;
    }
    return n;
}

std::string DerivationData::summary() const {
    std::size_t counts[4] = {0, 0, 0, 0};
    for (const DerivationStepData& s : steps)
        ++counts[static_cast<int>(s.verdict())];
    std::string text = plural(steps.size(), "step", "steps");
    std::string parts;
    auto add = [&](const std::string& part) { parts += (parts.empty() ? "" : ", ") + part; };
    if (counts[0])
        add(std::to_string(counts[0]) + " verified");
    if (counts[1])
        add(plural(counts[1], "fails", "fail"));
    if (counts[2])
        add(std::to_string(counts[2]) + " " + (counts[2] == 1 ? "fails" : "fail") + " as expected");
    if (counts[3])
        add(std::to_string(counts[3]) + " " + (counts[3] == 1 ? "holds" : "hold") +
            " but should fail");
    return parts.empty() ? text : text + ": " + parts;
}

std::optional<DerivationData> derivationOf(const lang::Value& v) {
    if (!v.isStruct())
        return std::nullopt;
    const lang::StructData& s = v.structure();
    const lang::Value* title = field(s, "title");
    const lang::Value* steps = field(s, "steps");
    if (!title || !title->isString() || !steps || !steps->isList())
        return std::nullopt;
    DerivationData d;
    d.title = title->string();
    for (const lang::Value& item : steps->items()) {
        std::optional<DerivationStepData> step = stepOf(item);
        if (!step)
            return std::nullopt;
        d.steps.push_back(std::move(*step));
    }
    if (const lang::Value* result = field(s, "result"))
        d.result = *result;
    return d;
}

std::string verdictText(Verdict v) {
    switch (v) {
        case Verdict::Verified:
            return "verified ✓";
        case Verdict::Fails:
            return "fails ✗";
        case Verdict::FailsAsExpected:
            return "fails as expected";
        case Verdict::HoldsUnexpectedly:
            return "holds but should fail ✗";
    }
    return {};
}

std::string verdictKey(Verdict v) {
    switch (v) {
        case Verdict::Verified:
            return "verified";
        case Verdict::Fails:
            return "fails";
        case Verdict::FailsAsExpected:
            return "fails-as-expected";
        case Verdict::HoldsUnexpectedly:
            return "holds-unexpectedly";
    }
    return {};
}

std::string formatDiff(double diff) {
    if (diff == 0.0)
        return "0";
    if (!std::isfinite(diff))
        return shortestNumber(diff);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2g", diff);
    return buffer;
}

std::string derivationText(const std::string& name, const DerivationData& d) {
    std::string out = name;
    out.append(" = derivation \"").append(d.title).append("\" (").append(d.summary());
    out.append(")\n");
    for (std::size_t i = 0; i < d.steps.size(); ++i) {
        const DerivationStepData& s = d.steps[i];
        std::string verdict = verdictText(s.verdict());
        // Pad by characters, not bytes (✓ and ✗ are three bytes each in UTF-8).
        std::size_t width = 0;
        for (const char ch : verdict)
            width += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
        verdict.append(width < 24 ? 24 - width : 1, ' ');
        std::string diff = "diff " + formatDiff(s.diff);
        diff.append(diff.size() < 14 ? 14 - diff.size() : 1, ' ');
        out.append("  ").append(std::to_string(i + 1)).append(". ").append(verdict);
        out.append(diff).append(s.tex).append("\n");
    }
    if (!d.result.isEmpty() || !d.result.isNumeric())
        out.append(formatDisplay(name + ".result", d.result));
    return out;
}

std::string derivationJson(const DerivationData& d) {
    std::size_t verified = 0;
    for (const DerivationStepData& s : d.steps)
        verified += s.verdict() == Verdict::Verified ? 1 : 0;
    std::string out = "{\"steps\": " + std::to_string(d.steps.size()) +
                      ", \"verified\": " + std::to_string(verified) +
                      ", \"flagged\": " + std::to_string(d.flaggedCount()) + ", \"verdicts\": [";
    for (std::size_t i = 0; i < d.steps.size(); ++i)
        out += (i ? ", " : "") + jsonString(verdictKey(d.steps[i].verdict()));
    return out + "]}";
}

}  // namespace lemma::output
