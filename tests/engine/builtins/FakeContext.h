// A Context for testing builtins without the interpreter: a seeded generator, collected outputs,
// and direct calls of the standard library's builtins by name.
#pragma once

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

// Qt's `emit` keyword macro would turn Context::emit into a syntax error when a Qt header was
// included first.
#pragma push_macro("emit")
#undef emit
#include "engine/lang/Builtin.h"

namespace lemma::test {

class FakeContext : public builtins::Context {
public:
    explicit FakeContext(std::uint64_t seed = 42)
        : m_registry(builtins::Registry::standard()), m_rng(seed) {}

    std::mt19937_64& rng() override { return m_rng; }
    void reseed(std::uint64_t seed) override { m_rng.seed(seed); }
    void emit(output::Output out) override { outputs.push_back(std::move(out)); }
    void checkCancelled() override {}
    void progress(double fraction) override { lastProgress = fraction; }
    std::filesystem::path dataDir() const override { return {}; }

    // Only builtins can be called here (there is no interpreter for user functions).
    std::vector<lang::Value> call(const lang::Value& fn, const std::vector<lang::Value>& args,
                                  int nargout) override {
        if (!fn.isFunction() || fn.function().kind != lang::FunctionData::Kind::Builtin)
            throw std::logic_error("FakeContext can only call builtins");
        return run(fn.function().name, args, nargout);
    }

    // Runs builtin `name` with positional arguments, keyword arguments and nargout, as the
    // interpreter would; throws lemma::Error as the builtin does.
    std::vector<lang::Value> run(const std::string& name, std::vector<lang::Value> args,
                                 int nargout = 1, std::vector<builtins::KeywordArg> keywords = {}) {
        const builtins::Builtin* b = m_registry.find(name);
        if (!b)
            throw std::logic_error("no builtin " + name);
        builtins::Call call(name, std::move(args), std::move(keywords), nargout, *this);
        std::vector<lang::Value> out = b->fn(call);
        const auto unused = call.unusedKeywords();
        if (!unused.empty())
            throw Error(name + ": unknown keyword argument '" + unused.front() + "'");
        return out;
    }

    // The first result of a call.
    lang::Value value(const std::string& name, std::vector<lang::Value> args,
                      std::vector<builtins::KeywordArg> keywords = {}) {
        auto out = run(name, std::move(args), 1, std::move(keywords));
        if (out.empty())
            throw std::logic_error(name + " returned nothing");
        return out.front();
    }

    // The first result as a real matrix.
    arma::mat mat(const std::string& name, std::vector<lang::Value> args,
                  std::vector<builtins::KeywordArg> keywords = {}) {
        return value(name, std::move(args), std::move(keywords)).real();
    }

    // The first result as a real scalar.
    double scalar(const std::string& name, std::vector<lang::Value> args,
                  std::vector<builtins::KeywordArg> keywords = {}) {
        const arma::mat m = mat(name, std::move(args), std::move(keywords));
        if (m.n_elem != 1)
            throw std::logic_error(name + " did not return a scalar");
        return m(0);
    }

    // The message of the lemma::Error a call throws, or "" when it does not throw.
    std::string errorOf(const std::string& name, std::vector<lang::Value> args, int nargout = 1,
                        std::vector<builtins::KeywordArg> keywords = {}) {
        try {
            run(name, std::move(args), nargout, std::move(keywords));
        } catch (const Error& e) {
            return e.what();
        }
        return {};
    }

    // Everything emitted as output::Text, concatenated; clears the outputs.
    std::string takeText() {
        std::string text;
        for (const auto& out : outputs) {
            if (const auto* t = std::get_if<output::Text>(&out))
                text += t->text;
        }
        outputs.clear();
        return text;
    }

    const builtins::Registry& registry() const { return m_registry; }

    output::Outputs outputs;
    double lastProgress = -1.0;

private:
    builtins::Registry m_registry;
    std::mt19937_64 m_rng;
};

}  // namespace lemma::test

#pragma pop_macro("emit")
