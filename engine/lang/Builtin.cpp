// Checked argument access for builtins, and the registry of builtins.
#include "engine/lang/Builtin.h"

#include <cmath>

namespace lemma::builtins {

namespace {
std::string ordinal(std::size_t i) {
    return "argument " + std::to_string(i + 1);
}

std::string describe(const Value& v) {
    if (v.isNumeric())
        return "a " + v.sizeString() + " " + v.typeName();
    return "a " + v.typeName();
}
}  // namespace

Call::Call(std::string_view name, std::vector<Value> args, std::vector<KeywordArg> keywords,
           int nargout, Context& context)
    : m_name(name),
      m_args(std::move(args)),
      m_keywords(std::move(keywords)),
      m_nargout(nargout),
      m_context(context) {}

const Value& Call::arg(std::size_t i) const {
    if (i >= m_args.size())
        fail("missing " + ordinal(i));
    return m_args[i];
}

void Call::requireCount(std::size_t min, std::size_t max) {
    const std::size_t n = m_args.size();
    if (n >= min && n <= max)
        return;
    auto plural = [](std::size_t k) {
        return std::to_string(k) + (k == 1 ? " argument" : " arguments");
    };
    std::string expected;
    if (min == max) {
        expected = plural(min);
    } else if (max == static_cast<std::size_t>(-1)) {
        expected = "at least " + plural(min);
    } else {
        expected = std::to_string(min) + " to " + plural(max);
    }
    fail("expected " + expected + ", got " + std::to_string(n));
}

const arma::mat& Call::matrix(std::size_t i) const {
    const Value& v = arg(i);
    if (!v.isReal())
        fail(ordinal(i) + " must be a real matrix, got " + describe(v));
    return v.real();
}

arma::cx_mat Call::complexMatrix(std::size_t i) const {
    const Value& v = arg(i);
    if (!v.isNumeric())
        fail(ordinal(i) + " must be a matrix, got " + describe(v));
    return v.toComplex();
}

double Call::scalar(std::size_t i) const {
    const Value& v = arg(i);
    if (!v.isReal() || !v.isScalar())
        fail(ordinal(i) + " must be a real scalar, got " + describe(v));
    return v.real()(0, 0);
}

long long Call::integer(std::size_t i) const {
    const double x = scalar(i);
    if (!std::isfinite(x) || x != std::floor(x) || std::abs(x) > 9.0e15)
        fail(ordinal(i) + " must be an integer, got " + std::to_string(x));
    return static_cast<long long>(x);
}

bool Call::boolean(std::size_t i) const {
    const Value& v = arg(i);
    if (!v.isReal() || !v.isScalar())
        fail(ordinal(i) + " must be true or false, got " + describe(v));
    return v.real()(0, 0) != 0.0;
}

const std::string& Call::string(std::size_t i) const {
    const Value& v = arg(i);
    if (!v.isString())
        fail(ordinal(i) + " must be a string, got " + describe(v));
    return v.string();
}

const Value& Call::function(std::size_t i) const {
    const Value& v = arg(i);
    if (!v.isFunction())
        fail(ordinal(i) + " must be a function, got " + describe(v));
    return v;
}

bool Call::hasKeyword(std::string_view name) {
    for (const auto& k : m_keywords) {
        if (k.name == name) {
            m_used.emplace(name);
            return true;
        }
    }
    return false;
}

std::optional<Value> Call::keyword(std::string_view name) {
    for (const auto& k : m_keywords) {
        if (k.name == name) {
            m_used.emplace(name);
            return k.value;
        }
    }
    return std::nullopt;
}

double Call::keywordScalar(std::string_view name, double fallback) {
    const auto v = keyword(name);
    if (!v)
        return fallback;
    if (!v->isReal() || !v->isScalar())
        fail("keyword '" + std::string(name) + "' must be a real scalar, got " + describe(*v));
    return v->real()(0, 0);
}

long long Call::keywordInteger(std::string_view name, long long fallback) {
    const auto v = keyword(name);
    if (!v)
        return fallback;
    const double x = v->isReal() && v->isScalar() ? v->real()(0, 0) : NAN;
    if (!std::isfinite(x) || x != std::floor(x))
        fail("keyword '" + std::string(name) + "' must be an integer, got " + describe(*v));
    return static_cast<long long>(x);
}

bool Call::keywordBool(std::string_view name, bool fallback) {
    const auto v = keyword(name);
    if (!v)
        return fallback;
    if (!v->isReal() || !v->isScalar())
        fail("keyword '" + std::string(name) + "' must be true or false, got " + describe(*v));
    return v->real()(0, 0) != 0.0;
}

std::string Call::keywordString(std::string_view name, std::string fallback) {
    const auto v = keyword(name);
    if (!v)
        return fallback;
    if (!v->isString())
        fail("keyword '" + std::string(name) + "' must be a string, got " + describe(*v));
    return v->string();
}

std::vector<std::string> Call::unusedKeywords() const {
    std::vector<std::string> unused;
    for (const auto& k : m_keywords) {
        if (!m_used.contains(k.name))
            unused.push_back(k.name);
    }
    return unused;
}

void Call::fail(const std::string& message) const {
    throw Error(m_name + ": " + message);
}

void Registry::add(std::string name, std::string usage, std::string help, Function fn,
                   ScalarKernel scalar) {
    Builtin b{name, std::move(usage), std::move(help), std::move(fn), scalar};
    m_builtins.insert_or_assign(std::move(name), std::move(b));
}

const Builtin* Registry::find(std::string_view name) const {
    const auto it = m_builtins.find(name);
    return it == m_builtins.end() ? nullptr : &it->second;
}

std::vector<std::string> Registry::names() const {
    std::vector<std::string> out;
    out.reserve(m_builtins.size());
    for (const auto& [name, b] : m_builtins)
        out.push_back(name);
    return out;
}

}  // namespace lemma::builtins
