// Helpers for builtins that call function values and read options (see Callbacks.h).
#include "engine/builtins/Callbacks.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include "engine/builtins/Support.h"

namespace lemma::builtins::callbacks {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

Value functionArg(Call& call, std::size_t i) {
    const Value& v = call.arg(i);
    if (v.isFunction())
        return v;
    if (v.isString()) {
        auto f = std::make_shared<lang::FunctionData>();
        f->kind = lang::FunctionData::Kind::Builtin;
        f->name = v.string();
        return Value(std::shared_ptr<const lang::FunctionData>(std::move(f)));
    }
    call.fail("argument " + std::to_string(i + 1) + " must be a function, got " +
              support::describe(v));
}

namespace {
const Value& single(Call& call, const std::vector<Value>& results) {
    if (results.empty())
        call.fail("the function returned no value");
    return results.front();
}
}  // namespace

double scalarCall(Call& call, const Value& f, double x) {
    call.context().checkCancelled();
    const auto results = call.context().call(f, {Value(x)}, 1);
    const Value& y = single(call, results);
    if (!y.isReal() || !y.isScalar())
        call.fail("the function must return a real scalar, got " + support::describe(y));
    return y.real()(0, 0);
}

double scalarCall(Call& call, const Value& f, const arma::vec& x, arma::uword rows,
                  arma::uword cols) {
    call.context().checkCancelled();
    const auto results =
        call.context().call(f, {Value(arma::mat(arma::reshape(x, rows, cols)))}, 1);
    const Value& y = single(call, results);
    if (!y.isReal() || !y.isScalar())
        call.fail("the function must return a real scalar, got " + support::describe(y));
    return y.real()(0, 0);
}

arma::rowvec rowCall(Call& call, const Value& f, const arma::rowvec& x) {
    call.context().checkCancelled();
    std::vector<Value> results;
    try {
        results = call.context().call(f, {Value(arma::mat(x))}, 1);
    } catch (const Error& e) {
        call.fail("the function failed on a row of " + std::to_string(x.n_elem) +
                  " points (write it element-wise with .* ./ .^): " + e.what());
    }
    const Value& y = single(call, results);
    if (!y.isReal())
        call.fail("the function must return real values, got " + support::describe(y));
    const arma::mat& m = y.real();
    if (m.n_elem == 1 && x.n_elem != 1)
        call.fail("the function returned one value for " + std::to_string(x.n_elem) +
                  " points; write it element-wise (.* ./ .^) so that f(x) has the size of x");
    if (m.n_elem != x.n_elem)
        call.fail("the function returned " + support::describe(y) + " for a 1×" +
                  std::to_string(x.n_elem) + " input; f(x) must have the size of x");
    return arma::rowvec(arma::vectorise(m).t());
}

void warn(Call& call, const std::string& message) {
    call.context().emit(output::Text{"warning: " + call.name() + ": " + message + "\n"});
}

Options::Options(Call& call, std::size_t first, std::vector<std::string> known) : m_call(call) {
    std::vector<std::string> knownLower;
    for (const auto& k : known)
        knownLower.push_back(lower(k));
    auto accept = [&](const std::string& name, const Value& value) {
        const std::string key = lower(name);
        if (std::find(knownLower.begin(), knownLower.end(), key) == knownLower.end()) {
            std::string list;
            for (const auto& k : known)
                list += (list.empty() ? "" : ", ") + k;
            call.fail("unknown option '" + name + "' (options: " + list + ")");
        }
        m_values.emplace_back(key, value);
    };
    std::size_t i = first;
    while (i < call.count()) {
        const Value& v = call.arg(i);
        if (v.isStruct()) {
            for (const auto& [name, value] : v.structure().fields) {
                if (!value.isEmpty())
                    accept(name, value);
            }
            ++i;
            continue;
        }
        if (!v.isString())
            call.fail("argument " + std::to_string(i + 1) + " must be an option name, got " +
                      support::describe(v));
        if (i + 1 >= call.count())
            call.fail("option '" + v.string() + "' has no value");
        accept(v.string(), call.arg(i + 1));
        i += 2;
    }
    for (const auto& k : known) {
        if (auto v = call.keyword(k))
            m_values.emplace_back(lower(k), *v);
    }
}

std::optional<Value> Options::get(const std::string& name) const {
    const std::string key = lower(name);
    for (auto it = m_values.rbegin(); it != m_values.rend(); ++it) {
        if (it->first == key)
            return it->second;
    }
    return std::nullopt;
}

double Options::scalar(const std::string& name, double fallback) const {
    const auto v = get(name);
    if (!v)
        return fallback;
    if (!v->isReal() || !v->isScalar())
        m_call.fail("option '" + name + "' must be a real scalar, got " + support::describe(*v));
    return v->real()(0, 0);
}

bool Options::boolean(const std::string& name, bool fallback) const {
    const auto v = get(name);
    if (!v)
        return fallback;
    if (!v->isReal() || !v->isScalar())
        m_call.fail("option '" + name + "' must be true or false, got " + support::describe(*v));
    return v->real()(0, 0) != 0.0;
}

std::string Options::string(const std::string& name, const std::string& fallback) const {
    const auto v = get(name);
    if (!v)
        return fallback;
    if (!v->isString())
        m_call.fail("option '" + name + "' must be a string, got " + support::describe(*v));
    return v->string();
}

}  // namespace lemma::builtins::callbacks
