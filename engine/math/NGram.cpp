// n-gram conditional tables and perplexity (see NGram.h).
#include "engine/math/NGram.h"

#include <cmath>
#include <limits>

#include "engine/core/Error.h"
#include "engine/math/Format.h"

namespace lemma::math {

namespace {

std::vector<arma::uword> contextAt(const arma::vec& tokens, arma::uword i, arma::uword n) {
    std::vector<arma::uword> context;
    for (arma::uword k = i + 1 - n; k < i; ++k)
        context.push_back(static_cast<arma::uword>(tokens(k)));
    return context;
}

}  // namespace

arma::uword checkTokens(const arma::vec& tokens, const std::string& who, const std::string& arg) {
    double largest = 0.0;
    for (arma::uword i = 0; i < tokens.n_elem; ++i) {
        const double t = tokens(i);
        if (!(t >= 1.0) || t != std::floor(t) || t > 1e7)
            throw Error(who + ": " + arg + "(" + std::to_string(i + 1) + ") = " + formatNumber(t) +
                        " is not a token number 1, 2, …");
        largest = std::max(largest, t);
    }
    return static_cast<arma::uword>(largest);
}

NGramModel ngram(const arma::vec& tokens, arma::uword n, const NGramOptions& options,
                 const std::string& who) {
    if (n < 1)
        throw Error(who + ": the order n must be at least 1, got " + std::to_string(n));
    if (!(options.smoothing >= 0.0) || !std::isfinite(options.smoothing))
        throw Error(who + ": smoothing must be ≥ 0, got " + formatNumber(options.smoothing));
    const arma::uword largest = checkTokens(tokens, who, "tokens");
    if (tokens.n_elem < n)
        throw Error(who + ": a model of order " + std::to_string(n) + " needs at least " +
                    std::to_string(n) + " tokens, got " + std::to_string(tokens.n_elem));
    NGramModel m;
    m.order = n;
    m.smoothing = options.smoothing;
    m.vocab = std::max(options.vocab, largest);
    if (m.vocab > 100000)
        throw Error(who + ": a vocabulary of " + std::to_string(m.vocab) +
                    " tokens is too large for a count table (at most 100000)");

    // Every position's context is a key of n − 1 tokens: bounded before any is made (an order
    // near half the corpus would otherwise build tens of gigabytes of keys, for hours).
    const double keyTokens =
        static_cast<double>(tokens.n_elem - n + 1) * static_cast<double>(n - 1);
    if (keyTokens > kMaxContextTokens)
        throw Error(who + ": an order of " + std::to_string(n) + " over " +
                    std::to_string(tokens.n_elem) + " tokens makes " + formatNumber(keyTokens) +
                    " context tokens (at most " + formatNumber(kMaxContextTokens) +
                    "); use a lower order");
    for (arma::uword i = n - 1; i < tokens.n_elem; ++i)
        m.rowOf.emplace(contextAt(tokens, i, n), 0);
    if (static_cast<double>(m.rowOf.size()) * static_cast<double>(m.vocab) > 5e7)
        throw Error(who + ": " + std::to_string(m.rowOf.size()) + " contexts × " +
                    std::to_string(m.vocab) + " tokens is too large a table");
    m.contexts.set_size(m.rowOf.size(), n - 1);
    arma::uword row = 0;
    for (auto& [context, r] : m.rowOf) {
        r = row;
        for (arma::uword k = 0; k + 1 < n; ++k)
            m.contexts(row, k) = static_cast<double>(context[k]);
        ++row;
    }
    m.counts.zeros(m.rowOf.size(), m.vocab);
    for (arma::uword i = n - 1; i < tokens.n_elem; ++i) {
        const arma::uword r = m.rowOf.at(contextAt(tokens, i, n));
        m.counts(r, static_cast<arma::uword>(tokens(i)) - 1) += 1.0;
    }
    m.probs = m.counts + m.smoothing;
    m.probs.each_col() /= arma::sum(m.probs, 1);

    m.perplexity = ngramPerplexity(m, tokens, who);
    const double scored = static_cast<double>(tokens.n_elem - (n - 1));
    m.loglik = -std::log(m.perplexity) * scored;
    return m;
}

double ngramLogProb(const NGramModel& model, const std::vector<arma::uword>& context,
                    arma::uword token) {
    const auto it = model.rowOf.find(context);
    if (it == model.rowOf.end()) {
        return model.smoothing > 0.0 ? -std::log(static_cast<double>(model.vocab))
                                     : -std::numeric_limits<double>::infinity();
    }
    return std::log(model.probs(it->second, token - 1));
}

double ngramPerplexity(const NGramModel& model, const arma::vec& tokens, const std::string& who) {
    const arma::uword largest = checkTokens(tokens, who, "heldout");
    if (largest > model.vocab)
        throw Error(who + ": token " + std::to_string(largest) + " is outside the vocabulary 1…" +
                    std::to_string(model.vocab) + " (give vocab= to size it)");
    const arma::uword n = model.order;
    if (tokens.n_elem < n)
        throw Error(who + ": held-out text needs at least " + std::to_string(n) + " tokens");
    const double keyTokens =
        static_cast<double>(tokens.n_elem - n + 1) * static_cast<double>(n - 1);
    if (keyTokens > kMaxContextTokens)
        throw Error(who + ": scoring " + std::to_string(tokens.n_elem) + " tokens with order " +
                    std::to_string(n) + " makes " + formatNumber(keyTokens) +
                    " context tokens (at most " + formatNumber(kMaxContextTokens) + ")");
    double total = 0.0;
    for (arma::uword i = n - 1; i < tokens.n_elem; ++i)
        total += ngramLogProb(model, contextAt(tokens, i, n), static_cast<arma::uword>(tokens(i)));
    const double scored = static_cast<double>(tokens.n_elem - (n - 1));
    return std::exp(-total / scored);
}

}  // namespace lemma::math
