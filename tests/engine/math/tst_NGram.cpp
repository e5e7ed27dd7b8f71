// Tests of n-gram models: conditional tables are normalised counts (by hand on a short text),
// add-α smoothing, the training log-likelihood, and held-out perplexity.
#include <QTest>
#include <cmath>

#include "engine/Compare.h"
#include "engine/math/NGram.h"

using lemma::test::errorOf;
namespace m = lemma::math;

class tst_NGram : public QObject {
    Q_OBJECT

private slots:
    void bigramByHand() {
        // 1 2 1 3 1 2: after 1 come 2, 3, 2; after 2 comes 1; after 3 comes 1.
        const arma::vec tokens = {1, 2, 1, 3, 1, 2};
        const m::NGramModel model = m::ngram(tokens, 2);
        QCOMPARE(model.vocab, arma::uword(3));
        LEMMA_COMPARE_NEAR(model.contexts, arma::vec({1, 2, 3}), 0.0);
        LEMMA_COMPARE_NEAR(model.counts, arma::mat({{0, 2, 1}, {1, 0, 0}, {1, 0, 0}}), 0.0);
        LEMMA_COMPARE_NEAR(model.probs, arma::mat({{0, 2.0 / 3, 1.0 / 3}, {1, 0, 0}, {1, 0, 0}}),
                           1e-15);
        const double ll = 2 * std::log(2.0 / 3) + std::log(1.0 / 3);  // 2→1 and 3→1 have P = 1
        LEMMA_COMPARE_NEAR(model.loglik, ll, 1e-14);
        LEMMA_COMPARE_NEAR(model.perplexity, std::exp(-ll / 5), 1e-14);
    }

    void smoothingAndHeldOut() {
        const arma::vec tokens = {1, 2, 1, 3, 1, 2};
        m::NGramOptions o;
        o.smoothing = 1.0;
        const m::NGramModel model = m::ngram(tokens, 2, o);
        LEMMA_COMPARE_NEAR(arma::mat(model.probs.row(0)), arma::mat({{1.0, 3.0, 2.0}}) / 6.0,
                           1e-15);
        LEMMA_COMPARE_NEAR(arma::sum(model.probs, 1), arma::vec(3, arma::fill::ones), 1e-15);
        // Held out 2 3: P(3 | 2) = 1/4 under add-one.
        LEMMA_COMPARE_NEAR(m::ngramPerplexity(model, arma::vec({2, 3})), 4.0, 1e-14);
        // Without smoothing an unseen pair has probability 0: infinite perplexity.
        QVERIFY(std::isinf(m::ngramPerplexity(m::ngram(tokens, 2), arma::vec({2, 3}))));
        // A unigram model of uniform text over V tokens has perplexity V.
        LEMMA_COMPARE_NEAR(m::ngram(arma::vec({1, 2, 3, 4, 4, 3, 2, 1}), 1).perplexity, 4.0, 1e-14);
    }

    void errors() {
        QCOMPARE(errorOf([] {
                     m::ngram(arma::vec({1, 0, 2}), 2);
                 }),
                 std::string("ngram: tokens(2) = 0 is not a token number 1, 2, …"));
        QCOMPARE(errorOf([] { m::ngram(arma::vec({1}), 2); }),
                 std::string("ngram: a model of order 2 needs at least 2 tokens, got 1"));
        QCOMPARE(errorOf([] {
                     m::ngramPerplexity(m::ngram(arma::vec({1, 2}), 1), arma::vec({3}));
                 }),
                 std::string("ngram: token 3 is outside the vocabulary 1…2 (give vocab= to size "
                             "it)"));
        // An order near half the text would make a key of n − 1 tokens at every position:
        // 10^5 × 10^5 of them (80 GB, hours) before any table. Refused up front; an order
        // just within the bound still works.
        const arma::vec ones(200'000, arma::fill::ones);
        QCOMPARE(errorOf([&] { m::ngram(ones, 100'000); }),
                 std::string("ngram: an order of 100000 over 200000 tokens makes 1e+10 context "
                             "tokens (at most 5e+07); use a lower order"));
        QCOMPARE(m::ngram(ones, 250).contexts.n_rows, arma::uword(1));
        const m::NGramModel small = m::ngram(arma::vec(1000, arma::fill::ones), 100);
        const arma::vec heldout(1'000'000, arma::fill::ones);
        QCOMPARE(
            errorOf([&] { m::ngramPerplexity(small, heldout); }),
            std::string("ngram: scoring 1000000 tokens with order 100 makes 9.89902e+07 context "
                        "tokens (at most 5e+07)"));
    }
};

QTEST_APPLESS_MAIN(tst_NGram)
#include "tst_NGram.moc"
