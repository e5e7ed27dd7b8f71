// n-gram language models (MATH.md §4): conditional next-token tables from counts, with add-α
// smoothing, and their perplexity on the training text and on held-out text.
#pragma once

#include <armadillo>
#include <map>
#include <string>
#include <vector>

namespace lemma::math {

// At most this many context tokens (positions × (n − 1)) in the text a model is built from or
// scored on: each position's context is a key of its own.
inline constexpr double kMaxContextTokens = 5e7;

struct NGramOptions {
    // Add-α smoothing: P(v | context) = (count + α) / (total + αV). 0 is the MLE.
    double smoothing = 0.0;
    // Vocabulary size V; 0 means the largest token of the training and held-out text.
    arma::uword vocab = 0;
};

// Field names follow the language's struct fields. A model of order n conditions each token on
// the n − 1 before it (the Markov assumption); positions with fewer predecessors are not
// scored, and no start symbols are added.
struct NGramModel {
    arma::uword order = 1;
    arma::uword vocab = 0;
    arma::mat contexts;       // one row per context seen, (n − 1) tokens, in sorted order
    arma::mat counts;         // contexts × V: how often each token followed each context
    arma::mat probs;          // contexts × V: the conditional distributions (rows sum to 1)
    double loglik = 0.0;      // of the training text's scored positions, in nats
    double perplexity = 0.0;  // exp(−loglik / scored positions)
    std::map<std::vector<arma::uword>, arma::uword> rowOf;  // context → row
    double smoothing = 0.0;
};

// Tokens are positive integers (1…V). Throws naming `who` and the bad entry.
NGramModel ngram(const arma::vec& tokens, arma::uword n, const NGramOptions& options = {},
                 const std::string& who = "ngram");

// log P(token | context) under the model, token 1-based. An unseen context gives the uniform
// distribution when α > 0 and probability 0 (−Inf) when α = 0.
double ngramLogProb(const NGramModel& model, const std::vector<arma::uword>& context,
                    arma::uword token);

// exp(−mean log P) over the scored positions of `tokens` (Inf when a token has probability 0).
double ngramPerplexity(const NGramModel& model, const arma::vec& tokens,
                       const std::string& who = "ngram");

// The largest token of `tokens` after checking they are positive integers ("heldout(3) = 0 …").
arma::uword checkTokens(const arma::vec& tokens, const std::string& who, const std::string& arg);

}  // namespace lemma::math
