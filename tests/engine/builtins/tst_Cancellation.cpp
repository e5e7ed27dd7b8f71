// Stop reaches into builtins' long loops: a cancel set from another thread while a builtin
// iterates (rsvd's power iterations, spectrum's restarted Arnoldi, element-by-element lists,
// resampling) ends the call at its next poll with Cancelled, not an error and not a result.
#include <QTest>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "engine/builtins/FakeContext.h"
#include "engine/core/Error.h"

using lemma::builtins::KeywordArg;
using lemma::lang::Value;

namespace {

// A context whose Stop is pressed by another thread at a chosen poll: poll number `at` waits
// until the test thread has set the flag (so the cancel really comes from outside, while the
// call is inside its loop), and every poll throws once the flag is set. Event-driven: nothing
// here depends on how fast either thread runs.
class StoppableContext : public lemma::test::FakeContext {
public:
    explicit StoppableContext(int at) : m_at(at) {}

    void checkCancelled() override {
        const int n = ++polls;
        if (n == m_at) {
            std::unique_lock lock(m_mutex);
            m_reached = true;
            m_changed.notify_all();
            m_changed.wait(lock, [&] { return cancel.load(); });
        }
        if (cancel.load())
            throw lemma::Cancelled();
    }

    // Waits until the call reached poll `at` or finished; true when it reached it.
    bool waitForPoll() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_reached || m_finished; });
        return m_reached;
    }

    void finished() {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_changed.notify_all();
    }

    void pressStop() {
        std::lock_guard lock(m_mutex);
        cancel = true;
        m_changed.notify_all();
    }

    std::atomic<bool> cancel{false};
    std::atomic<int> polls{0};

private:
    const int m_at;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_reached = false;
    bool m_finished = false;
};

struct Case {
    std::string name;
    std::vector<Value> args;
    std::vector<KeywordArg> keywords;
};

}  // namespace

Q_DECLARE_METATYPE(Case)

class TestCancellation : public QObject {
    Q_OBJECT

private slots:
    void stopReachesTheLoop_data() {
        QTest::addColumn<Case>("call");
        arma::arma_rng::set_seed(3);
        const arma::mat W = arma::randn(300, 200);
        QTest::newRow("rsvd power iterations")
            << Case{"rsvd", {Value(W), Value(5.0)}, {KeywordArg{"power", 50.0}}};
        // Positive, so not stochastic and not triangular: the Krylov path (n > 64).
        const arma::mat A = arma::randu(300, 300);
        QTest::newRow("spectrum(A, k) restarted Arnoldi")
            << Case{"spectrum", {Value(A), Value(4.0)}, {}};
        const Value many(arma::mat(1, 10'000'000, arma::fill::zeros));
        QTest::newRow("num2cell of 10^7 entries") << Case{"num2cell", {many}, {}};
        QTest::newRow("arrayfun over 10^7 entries")
            << Case{"arrayfun", {Value(std::string("abs")), many}, {}};
        QTest::newRow("lora_fit steps") << Case{"lora_fit",
                                                {Value(arma::mat(40, 30, arma::fill::zeros)),
                                                 Value(arma::mat(arma::randn(40, 30))), Value(2.0)},
                                                {KeywordArg{"steps", 1e6}}};
        // std::regex recursed once per character here (and crashed); the matcher polls.
        QTest::newRow("regexp over 5×10^7 characters") << Case{
            "regexp", {Value(std::string(50'000'000, 'a')), Value(std::string("(a|b)*c"))}, {}};
        QTest::newRow("regexp with 10^7 matches")
            << Case{"regexp", {Value(std::string(10'000'000, 'a')), Value(std::string("a"))}, {}};
        QTest::newRow("strsplit of 10^8 characters without a delimiter") << Case{
            "strsplit", {Value(std::string(100'000'000, 'a')), Value(std::string(","))}, {}};
        QTest::newRow("strsplit into 10^7 parts")
            << Case{"strsplit",
                    {Value(std::string(10'000'000, ',')), Value(std::string(",")),
                     Value(std::string("CollapseDelimiters")), Value(false)},
                    {}};
        QTest::newRow("repmat of a string 10^8 times")
            << Case{"repmat", {Value(std::string("ab")), Value(1.0), Value(1e8)}, {}};
        QTest::newRow("conv of two 10^6-long vectors")
            << Case{"conv",
                    {Value(arma::mat(1, 1'000'000, arma::fill::ones)),
                     Value(arma::mat(1, 1'000'000, arma::fill::ones))},
                    {}};
        QTest::newRow("filter of 10^7 samples")
            << Case{"filter",
                    {Value(arma::mat(1, 50, arma::fill::ones)), Value(1.0),
                     Value(arma::mat(1, 10'000'000, arma::fill::ones))},
                    {}};
        QTest::newRow("transformer_train steps")
            << Case{"transformer_train",
                    {Value(arma::mat(arma::regspace<arma::rowvec>(0, 4095)).transform([](double x) {
                        return 1.0 + std::fmod(x, 10.0);
                    }))},
                    {KeywordArg{"steps", 1e5}}};
        // Trial division by up to 5×10^7 odd numbers for each prime near 2^53.
        QTest::newRow("isprime of large primes") << Case{
            "isprime", {Value(arma::mat(1, 1000, arma::fill::value(9007199254740881.0)))}, {}};
        QTest::newRow("primes up to 10^9") << Case{"primes", {Value(1e9)}, {}};
        QTest::newRow("bootstrap_ci, 10^7 resamples")
            << Case{"bootstrap_ci",
                    {Value(arma::mat(arma::randn(1, 1000)))},
                    {KeywordArg{"n", 1e7}, KeywordArg{"stat", Value(std::string("median"))}}};
    }

    void stopReachesTheLoop() {
        QFETCH(Case, call);
        // The third poll: the loop is running (past its first polls), not about to start.
        constexpr int kAt = 3;
        StoppableContext ctx(kAt);
        std::atomic<bool> cancelled{false};
        std::string other;
        std::thread worker([&] {
            try {
                ctx.run(call.name, call.args, 1, call.keywords);
            } catch (const lemma::Cancelled&) {
                cancelled = true;
            } catch (const std::exception& e) {
                other = e.what();
            }
            ctx.finished();
        });
        const bool reached = ctx.waitForPoll();
        ctx.pressStop();
        worker.join();
        QVERIFY2(reached, qPrintable(QString("finished after %1 polls without reaching poll %2 %3")
                                         .arg(ctx.polls.load())
                                         .arg(kAt)
                                         .arg(QString::fromStdString(other))));
        QVERIFY2(cancelled, other.c_str());
        // It stopped at the poll where Stop was seen: no further iteration ran.
        QCOMPARE(ctx.polls.load(), kAt);
    }

    // Without Stop the same calls finish: the polls do not change results.
    void withoutStopTheCallsFinish() {
        lemma::test::FakeContext ctx;
        const arma::mat W = arma::randn(60, 3) * arma::randn(3, 40);  // rank 3: rsvd is exact
        const arma::mat s = ctx.mat("rsvd", {Value(W), Value(3.0)}, {KeywordArg{"power", 4.0}});
        const arma::vec exact = arma::svd(W);
        QVERIFY(arma::approx_equal(arma::vec(arma::vectorise(s)), exact.head(3), "reldiff", 1e-6));
        QCOMPARE(
            ctx.value("num2cell", {Value(arma::mat(1, 70'000, arma::fill::ones))}).items().size(),
            std::size_t(70'000));
    }
};

QTEST_GUILESS_MAIN(TestCancellation)
#include "tst_Cancellation.moc"
