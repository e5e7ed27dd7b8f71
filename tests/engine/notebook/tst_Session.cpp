// Session: reactive re-runs (exactly the dependents), static errors on every cell involved,
// no hidden state, lazy cells, seeds, cancellation and progress on the worker thread.
#include <QtTest>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "engine/notebook/NotebookFormat.h"
#include "engine/notebook/Session.h"
#include "engine/output/OutputText.h"

using namespace lemma::notebook;
using lemma::output::Display;
using lemma::output::Error;
using lemma::output::Outputs;

namespace {

// Records what the session reports, from whichever thread reports it.
class Recorder : public SessionListener {
public:
    void cellStateChanged(CellId cell, CellState state) override {
        std::lock_guard lock(m_mutex);
        m_states[cell].push_back(state);
        if (state == CellState::Running)
            ++m_runs[cell];
    }
    void cellProgress(CellId cell, double fraction) override {
        std::lock_guard lock(m_mutex);
        m_progress[cell].push_back(fraction);
    }
    int runs(CellId cell) {
        std::lock_guard lock(m_mutex);
        return m_runs[cell];
    }
    int totalRuns() {
        std::lock_guard lock(m_mutex);
        int n = 0;
        for (const auto& [_, r] : m_runs)
            n += r;
        return n;
    }
    std::vector<CellState> states(CellId cell) {
        std::lock_guard lock(m_mutex);
        return m_states[cell];
    }
    std::vector<double> progress(CellId cell) {
        std::lock_guard lock(m_mutex);
        return m_progress[cell];
    }
    void reset() {
        std::lock_guard lock(m_mutex);
        m_runs.clear();
        m_states.clear();
    }

private:
    std::mutex m_mutex;
    std::map<CellId, int> m_runs;
    std::map<CellId, std::vector<CellState>> m_states;
    std::map<CellId, std::vector<double>> m_progress;
};

Notebook notebookOf(const std::vector<std::string>& sources, const std::string& header = {}) {
    std::string text = header;
    for (const std::string& s : sources)
        text += "```lemma\n" + s + "\n```\n\n";
    return parseNotebook(text).notebook;
}

// The ids of the code cells, in order.
std::vector<CellId> ids(const Session& s) {
    std::vector<CellId> out;
    for (const Cell& c : s.notebook().cells()) {
        if (c.isCode())
            out.push_back(c.id());
    }
    return out;
}

// The value the cell displayed under `name`, or NaN.
double shown(const Session& s, CellId cell, const std::string& name) {
    for (const auto& out : s.outputs(cell)) {
        const auto* d = std::get_if<Display>(&out);
        if (d && d->name == name && d->value.isReal())
            return d->value.real()(0, 0);
    }
    return std::nan("");
}

// The errors the cell shows: why it did not run, then those of its last run.
QStringList errors(const Session& s, CellId cell) {
    QStringList out;
    Outputs all = s.notes(cell);
    for (const auto& o : s.outputs(cell))
        all.push_back(o);
    for (const auto& o : all) {
        if (const auto* e = std::get_if<Error>(&o))
            out << QString::fromStdString(e->message);
    }
    return out;
}

bool waitFor(const std::function<bool()>& condition, int ms = 5000) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!condition()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return true;
}

}  // namespace

class tst_Session : public QObject {
    Q_OBJECT

private slots:
    void runAllRunsEveryCell() {
        Recorder rec;
        Session s(&rec);
        s.load(notebookOf({"z = y * 2", "x = 1", "y = x + 1"}));
        const auto c = ids(s);
        for (CellId id : c)
            QCOMPARE(s.state(id), CellState::Idle);
        s.runAllBlocking();
        for (CellId id : c)
            QCOMPARE(s.state(id), CellState::Done);
        // Topological order, not notebook order: z sees y.
        QCOMPARE(shown(s, c[0], "z"), 4.0);
        QCOMPARE(rec.states(c[0]),
                 (std::vector<CellState>{CellState::Queued, CellState::Running, CellState::Done}));
        QCOMPARE(s.cellNumber(c[2]), 3);
        QCOMPARE(s.definitions(c[2]), std::vector<std::string>{"y"});
    }

    // A long notebook, each cell using the one before: it runs, and an edit of the first cell
    // re-runs all of them. Neither takes work quadratic in the number of cells (a cell's
    // laziness was found by a linear search per cell), nor recursion as deep as the chain
    // (the cycle search overflowed the stack near 160,000 cells).
    void longChainRunsAndReruns() {
        const int n = 200'000;
        std::string text;
        text.reserve(std::size_t(n) * 32);
        text += "```lemma\nx0 = 1\n```\n";
        for (int i = 1; i < n; ++i) {
            text.append("\n```lemma\nx").append(std::to_string(i)).append(" = x");
            text.append(std::to_string(i - 1)).append(" + 1\n```\n");
        }
        Recorder rec;
        Session s(&rec);
        s.load(parseNotebook(text).notebook);
        s.runAllBlocking();
        const auto c = ids(s);
        QCOMPARE(c.size(), std::size_t(n));
        QCOMPARE(s.state(c.back()), CellState::Done);
        const std::string last = std::string("x").append(std::to_string(n - 1));
        QCOMPARE(shown(s, c.back(), last), double(n));
        rec.reset();
        s.edit(c.front(), "x0 = 2");
        s.wait();
        QCOMPARE(rec.totalRuns(), n);
        QCOMPARE(shown(s, c.back(), last), double(n + 1));
    }

    void editRerunsExactlyTheDependents() {
        Recorder rec;
        Session s(&rec);
        s.load(notebookOf({"a = 1", "b = a + 1", "c = 10", "d = b + c", "e = c", "f = d"}));
        const auto c = ids(s);
        s.runAllBlocking();
        rec.reset();
        s.edit(c[0], "a = 5");
        s.wait();
        QCOMPARE(rec.runs(c[0]), 1);
        QCOMPARE(rec.runs(c[1]), 1);
        QCOMPARE(rec.runs(c[3]), 1);
        QCOMPARE(rec.runs(c[5]), 1);
        QCOMPARE(rec.totalRuns(), 4);
        QCOMPARE(shown(s, c[5], "f"), 16.0);

        rec.reset();
        s.edit(c[2], "c = 20");
        s.wait();
        QCOMPARE(rec.totalRuns(), 4);  // c, d, e, f
        QCOMPARE(rec.runs(c[0]), 0);
        QCOMPARE(shown(s, c[5], "f"), 26.0);

        rec.reset();
        s.edit(c[5], "f = d * 2");
        s.wait();
        QCOMPARE(rec.totalRuns(), 1);
        QCOMPARE(shown(s, c[5], "f"), 52.0);
    }

    void markdownEditsRunNothing() {
        Recorder rec;
        Session s(&rec);
        s.load(parseNotebook("# T\n\n```lemma\nx = 1\n```\n").notebook);
        s.runAllBlocking();
        rec.reset();
        s.edit(s.notebook().at(0).id(), "# New title");
        s.wait();
        QCOMPARE(rec.totalRuns(), 0);
        QCOMPARE(s.notebook().at(0).source(), std::string("# New title"));
    }

    void doubleDefinitionIsAnErrorOnTheLaterDefinerOnly() {
        Recorder rec;
        Session s(&rec);
        s.load(notebookOf({"x = 1", "y = 2", "x = 3", "w = y", "v = x", "x = 4"}));
        const auto c = ids(s);
        s.runAllBlocking();
        // The established definer (first in the file) keeps running; its readers too.
        QCOMPARE(s.state(c[0]), CellState::Done);
        QCOMPARE(shown(s, c[4], "v"), 1.0);
        for (int i : {2, 5}) {
            QCOMPARE(s.state(c[i]), CellState::Error);
            QCOMPARE(errors(s, c[i]), QStringList{"'x' is already defined in cell 1"});
            QCOMPARE(rec.runs(c[i]), 0);
            QCOMPARE(s.redefinitions(c[i]),
                     (std::vector<std::pair<std::string, CellId>>{{"x", c[0]}}));
        }
        QVERIFY(s.redefinitions(c[0]).empty());
        QCOMPARE(s.state(c[1]), CellState::Done);
        QCOMPARE(s.state(c[3]), CellState::Done);

        // Adding a definition later breaks only the cell that added it.
        rec.reset();
        s.edit(c[3], "w = y; v = 7");
        s.wait();
        QCOMPARE(errors(s, c[3]), QStringList{"'v' is already defined in cell 5"});
        QCOMPARE(s.state(c[4]), CellState::Done);
        QCOMPARE(rec.runs(c[4]), 0);
        s.edit(c[3], "w = y");
        s.wait();

        // Removing the established definition hands the name to the next definer.
        s.removeCell(c[0]);
        s.wait();
        QCOMPARE(s.state(c[2]), CellState::Done);
        QCOMPARE(shown(s, c[4], "v"), 3.0);
        QCOMPARE(errors(s, c[5]), QStringList{"'x' is already defined in cell 2"});
    }

    void cycleIsAnErrorOnEveryCellInIt() {
        Session s;
        s.load(notebookOf({"c = 5", "a = b + 1", "b = a + 1", "d = a", "e = c"}));
        const auto c = ids(s);
        s.runAllBlocking();
        QCOMPARE(errors(s, c[1]), QStringList{"cycle: cell 2 → cell 3 → cell 2"});
        QCOMPARE(errors(s, c[2]), QStringList{"cycle: cell 3 → cell 2 → cell 3"});
        QCOMPARE(errors(s, c[3]), QStringList{"not run: depends on 'a' from cell 2, which failed"});
        QCOMPARE(s.state(c[0]), CellState::Done);
        QCOMPARE(s.state(c[4]), CellState::Done);

        s.edit(c[2], "b = 1");
        s.wait();
        for (CellId id : c)
            QCOMPARE(s.state(id), CellState::Done);
        QCOMPARE(shown(s, c[3], "d"), 2.0);
    }

    void longerCycle() {
        Session s;
        s.load(notebookOf({"a = c", "b = a", "c = b"}));
        const auto c = ids(s);
        s.runAllBlocking();
        QCOMPARE(errors(s, c[0]), QStringList{"cycle: cell 1 → cell 2 → cell 3 → cell 1"});
        QCOMPARE(errors(s, c[2]), QStringList{"cycle: cell 3 → cell 1 → cell 2 → cell 3"});
    }

    void deletingACellDeletesItsNames() {
        Recorder rec;
        Session s(&rec);
        s.load(notebookOf({"x = 5", "y = x", "k = 1"}));
        const auto c = ids(s);
        s.runAllBlocking();
        QCOMPARE(shown(s, c[1], "y"), 5.0);
        rec.reset();
        s.removeCell(c[0]);
        s.wait();
        QCOMPARE(s.state(c[1]), CellState::Error);
        QCOMPARE(errors(s, c[1]).size(), 1);
        QVERIFY2(errors(s, c[1])[0].contains("'x'"), qPrintable(errors(s, c[1])[0]));
        QCOMPARE(rec.totalRuns(), 1);
        QCOMPARE(s.cellNumber(c[1]), 1);
    }

    void noHiddenState() {
        Session s;
        s.load(notebookOf({"x = 1; y = 2;", "z = y"}));
        const auto c = ids(s);
        s.runAllBlocking();
        QCOMPARE(shown(s, c[1], "z"), 2.0);
        // y is no longer defined anywhere: its reader fails as a fresh run would.
        s.edit(c[0], "x = 1;");
        s.wait();
        QCOMPARE(s.state(c[1]), CellState::Error);
        // A cell's own previous values are gone before it runs again.
        s.edit(c[1], "z = 3");
        s.wait();
        s.edit(c[1], "w = z");
        s.wait();
        QCOMPARE(s.state(c[1]), CellState::Error);
    }

    void nameMovesBetweenCells() {
        Session s;
        s.load(notebookOf({"x = 1", "y = x"}));
        auto c = ids(s);
        s.runAllBlocking();
        const CellId third = s.insertCell(s.notebook().size(), CellKind::Code, "x = 5");
        s.wait();
        QCOMPARE(errors(s, third), QStringList{"'x' is already defined in cell 1"});
        QCOMPARE(s.state(c[0]), CellState::Done);
        QCOMPARE(shown(s, c[1], "y"), 1.0);
        s.edit(c[0], "w = 1");
        s.wait();
        QCOMPARE(s.state(third), CellState::Done);
        QCOMPARE(shown(s, c[1], "y"), 5.0);
    }

    void syntaxErrorDoesNotStopIndependentCells() {
        Session s;
        s.load(notebookOf({"x = 1", "y = x + 1", "z = 2"}));
        const auto c = ids(s);
        s.runAllBlocking();
        s.edit(c[0], "x = (1 +");
        s.wait();
        QCOMPARE(s.state(c[0]), CellState::Error);
        const Outputs notes = s.notes(c[0]);
        QCOMPARE(notes.size(), std::size_t(1));
        const auto* e = std::get_if<Error>(&notes[0]);
        QVERIFY(e);
        QCOMPARE(e->pos.line, 1);
        QVERIFY(e->pos.column > 0);
        // Nothing runs while the cell does not parse; every cell keeps its last outputs.
        QCOMPARE(shown(s, c[0], "x"), 1.0);
        QCOMPARE(s.state(c[1]), CellState::Stale);
        QVERIFY(s.notRun(c[1]));
        QCOMPARE(errors(s, c[1]), QStringList{"not run: depends on 'x' from cell 1, which failed"});
        QCOMPARE(shown(s, c[1], "y"), 2.0);
        QCOMPARE(s.state(c[2]), CellState::Done);
        // The globals are as they were.
        QCOMPARE(s.globals()->count("x"), std::size_t(1));
        QCOMPARE(s.globals()->count("y"), std::size_t(1));

        s.edit(c[0], "x = 10");
        s.wait();
        QCOMPARE(shown(s, c[1], "y"), 11.0);
    }

    void syntaxErrorOnLoad() {
        Session s;
        s.load(notebookOf({"a = [1 2", "b = 3", "c = b"}));
        const auto c = ids(s);
        s.runAllBlocking();
        QCOMPARE(s.state(c[0]), CellState::Error);
        QCOMPARE(s.state(c[1]), CellState::Done);
        QCOMPARE(shown(s, c[2], "c"), 3.0);
    }

    void failedCellStopsItsDependentsOnly() {
        Session s;
        s.load(notebookOf({"x = [1 2] * [3 4]", "y = x + 1", "w = y", "k = 3"}));
        const auto c = ids(s);
        s.runAllBlocking();
        QCOMPARE(s.state(c[0]), CellState::Error);
        QCOMPARE(errors(s, c[1]), QStringList{"not run: depends on 'x' from cell 1, which failed"});
        QCOMPARE(errors(s, c[2]),
                 QStringList{"not run: depends on 'y' from cell 2, which did not run"});
        QCOMPARE(s.state(c[3]), CellState::Done);
    }

    void seedsMakeCellsIndependentOfOrder() {
        Session alone;
        alone.load(notebookOf({"r = rand(1, 3)"}));
        alone.runAllBlocking();
        const auto a = ids(alone);
        QCOMPARE(alone.state(a[0]), CellState::Done);

        Session after;
        after.load(notebookOf({"s = rand(5, 5);", "t = randn(3);", "r = rand(1, 3)"}));
        after.runAllBlocking();
        const auto b = ids(after);
        const auto value = [](const Session& s, CellId id) {
            for (const auto& o : s.outputs(id)) {
                if (const auto* d = std::get_if<Display>(&o))
                    return arma::mat(d->value.real());
            }
            return arma::mat();
        };
        const arma::mat r1 = value(alone, a[0]);
        QCOMPARE(r1.n_elem, arma::uword(3));
        QVERIFY(arma::approx_equal(r1, value(after, b[2]), "absdiff", 0.0));

        // Running again, alone, gives the same numbers.
        alone.run(a[0]);
        alone.wait();
        QVERIFY(arma::approx_equal(r1, value(alone, a[0]), "absdiff", 0.0));

        // The front matter's seed changes them.
        Session seeded;
        seeded.load(notebookOf({"r = rand(1, 3)"}, "---\nseed: 7\n---\n"));
        seeded.runAllBlocking();
        QVERIFY(!arma::approx_equal(r1, value(seeded, ids(seeded)[0]), "absdiff", 0.0));
    }

    void cancelStopsAnEndlessLoop() {
        Recorder rec;
        Session s(&rec);
        s.load(notebookOf({"k = 1", "while true end", "x = k", "y = 2"}));
        const auto c = ids(s);
        s.runAll();
        QVERIFY(waitFor([&] { return s.state(c[1]) == CellState::Running; }));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        QCOMPARE(s.state(c[1]), CellState::Running);

        const auto start = std::chrono::steady_clock::now();
        s.cancel();
        QVERIFY(waitFor([&] { return s.state(c[1]) == CellState::Cancelled; }));
        const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
        QVERIFY2(elapsed.count() <= 100, qPrintable(QString("took %1 ms").arg(elapsed.count())));
        s.wait();
        QCOMPARE(errors(s, c[1]), QStringList{"cancelled"});
        // The rest of the run was dropped.
        QCOMPARE(s.state(c[0]), CellState::Done);
        QCOMPARE(s.state(c[2]), CellState::Stale);
        QCOMPARE(s.state(c[3]), CellState::Stale);
        QCOMPARE(rec.runs(c[3]), 0);

        // The session still works, and what was dropped runs when asked.
        s.edit(c[1], "z = 1");
        s.wait();
        QCOMPARE(s.state(c[1]), CellState::Done);
        s.run(c[3]);
        s.wait();
        QCOMPARE(s.state(c[3]), CellState::Done);
    }

    void stoppedOrFailedRunLeavesTheGlobalsAsBefore() {
        Session s;
        s.load(notebookOf({"k = 1", "s = 0; for i = 1:1e8; s = s + i; end"}));
        const auto c = ids(s);
        s.runAll();
        QVERIFY(waitFor([&] { return s.state(c[1]) == CellState::Running; }));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        s.cancel();
        s.wait();
        QCOMPARE(s.state(c[1]), CellState::Cancelled);
        QCOMPARE(s.globals()->count("s"), std::size_t(0));
        QCOMPARE(s.globals()->count("i"), std::size_t(0));
        QCOMPARE(s.globals()->count("k"), std::size_t(1));

        // A run that fails half-way adds nothing either.
        s.edit(c[1], "a = 2; b = a + nosuchname");
        s.wait();
        QCOMPARE(s.state(c[1]), CellState::Error);
        QCOMPARE(s.globals()->count("a"), std::size_t(0));
        QCOMPARE(s.globals()->count("b"), std::size_t(0));
    }

    void editingARunningCellRestartsIt() {
        Recorder rec;
        Session s(&rec);
        s.load(notebookOf({"while true end", "y = 1"}));
        const auto c = ids(s);
        s.runAll();
        QVERIFY(waitFor([&] { return s.state(c[0]) == CellState::Running; }));
        const auto start = std::chrono::steady_clock::now();
        s.edit(c[0], "x = 1");
        s.wait();
        QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1000));
        QCOMPARE(shown(s, c[0], "x"), 1.0);
        // Dropped from the first run, queued again with the edit.
        QCOMPARE(s.state(c[1]), CellState::Done);
        QCOMPARE(rec.runs(c[1]), 1);
        const std::vector<CellState> states = rec.states(c[0]);
        const std::vector<CellState> tail(states.end() - 4, states.end());
        QCOMPARE(tail, (std::vector<CellState>{CellState::Cancelled, CellState::Queued,
                                               CellState::Running, CellState::Done}));
    }

    void callerIsNeverBlocked() {
        Session s;
        s.load(notebookOf({"while true end"}));
        const auto start = std::chrono::steady_clock::now();
        s.runAll();
        QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(50));
        QVERIFY(waitFor([&] { return s.state(ids(s)[0]) == CellState::Running; }));
        // Destroying a session with a running cell cancels it.
    }

    void lazyCellsWaitUntilAsked() {
        Recorder rec;
        Session s(&rec);
        s.load(parseNotebook("```lemma\na = 1\n```\n\n```lemma lazy\nb = a + 1\n```\n\n"
                             "```lemma\nc = b + 1\n```\n\n```lemma\nd = a\n```\n")
                   .notebook);
        const auto c = ids(s);
        s.runAllBlocking();
        QCOMPARE(shown(s, c[2], "c"), 3.0);
        rec.reset();

        s.edit(c[0], "a = 10");
        s.wait();
        QCOMPARE(s.state(c[0]), CellState::Done);
        QCOMPARE(s.state(c[1]), CellState::Stale);
        QCOMPARE(s.state(c[2]), CellState::Stale);
        QCOMPARE(s.state(c[3]), CellState::Done);
        QCOMPARE(rec.totalRuns(), 2);

        s.run(c[1]);
        s.wait();
        QCOMPARE(s.state(c[2]), CellState::Done);
        QCOMPARE(shown(s, c[2], "c"), 12.0);
        QCOMPARE(rec.totalRuns(), 4);
    }

    void lazyNotebook() {
        Recorder rec;
        Session s(&rec);
        s.load(notebookOf({"a = 1", "b = a + 1", "c = b + 1"}, "---\nlazy: true\n---\n"));
        QVERIFY(s.lazy());
        const auto c = ids(s);
        s.runAllBlocking();
        rec.reset();
        s.edit(c[0], "a = 2");
        s.wait();
        QCOMPARE(rec.totalRuns(), 0);
        for (CellId id : c)
            QCOMPARE(s.state(id), CellState::Stale);
        // Asking for the last cell runs what it needs first.
        s.run(c[2]);
        s.wait();
        QCOMPARE(rec.totalRuns(), 3);
        QCOMPARE(shown(s, c[2], "c"), 4.0);
    }

    void lazyOptionToggled() {
        Session s;
        s.load(parseNotebook("```lemma lazy\na = 1\n```\n").notebook);
        const CellId a = ids(s)[0];
        s.edit(a, "a = 2");
        s.wait();
        QCOMPARE(s.state(a), CellState::Stale);
        s.setInfoString(a, "lemma");
        s.wait();
        QCOMPARE(shown(s, a, "a"), 2.0);
    }

    void progressIsForwardedWithTheCell() {
        Recorder rec;
        lemma::builtins::Registry registry = lemma::builtins::Registry::standard();
        registry.add("work", "work()", "reports progress", [](lemma::builtins::Call& call) {
            call.context().progress(0.25);
            call.context().progress(1.0);
            return std::vector<lemma::lang::Value>{lemma::lang::Value(1.0)};
        });
        Session s(&rec, std::move(registry));
        s.load(notebookOf({"x = 1", "w = work()"}));
        s.runAllBlocking();
        const auto c = ids(s);
        QCOMPARE(s.state(c[1]), CellState::Done);
        QCOMPARE(rec.progress(c[1]), (std::vector<double>{0.25, 1.0}));
        QVERIFY(rec.progress(c[0]).empty());
    }

    void movingCellsRenumbersMessages() {
        Session s;
        s.load(notebookOf({"x = 1", "y = 2", "x = 3"}));
        const auto c = ids(s);
        s.runAllBlocking();
        QCOMPARE(errors(s, c[2]), QStringList{"'x' is already defined in cell 1"});
        s.moveCell(c[2], 0);
        s.wait();
        QCOMPARE(errors(s, c[2]), QStringList{"'x' is already defined in cell 2"});
        QCOMPARE(s.cellNumber(c[2]), 1);
    }

    void insertedCellRunsAndFeedsOthers() {
        Session s;
        s.load(notebookOf({"y = x * 2"}));
        const CellId y = ids(s)[0];
        s.runAllBlocking();
        QCOMPARE(s.state(y), CellState::Error);
        const CellId x = s.insertCell(0, CellKind::Code, "x = 21");
        s.wait();
        QCOMPARE(s.state(x), CellState::Done);
        QCOMPARE(shown(s, y, "y"), 42.0);
        QCOMPARE(s.notebook().at(0).id(), x);
    }

    void runAllStartsFromFreshGlobals() {
        Session s;
        s.load(notebookOf({"x = 1"}));
        const CellId x = ids(s)[0];
        s.runAllBlocking();
        // Even a name the static analysis cannot see (a cell that once ran) does not survive.
        s.edit(x, "z = 1");
        s.wait();
        const CellId r = s.insertCell(1, CellKind::Code, "q = x");
        s.wait();
        QCOMPARE(s.state(r), CellState::Error);
        s.runAllBlocking();
        QCOMPARE(s.state(r), CellState::Error);
        QCOMPARE(s.state(x), CellState::Done);
    }

    // `format long` changes the rest of its own cell only, whatever ran before; the front
    // matter's `format: long` is every cell's start; a global shows in its defining cell's
    // format.
    void formatIsPerCellWithTheNotebookDefault() {
        const auto texts = [](const Session& s, CellId cell) {
            QStringList out;
            for (const auto& o : s.outputs(cell)) {
                if (const auto* d = std::get_if<Display>(&o))
                    out << QString::fromStdString(lemma::output::outputText(*d)).trimmed();
            }
            return out;
        };
        Session s;
        s.load(notebookOf({"a = pi\nformat long\nb = pi", "c = pi", "d = a + 0"}));
        s.runAllBlocking();
        const auto c = ids(s);
        QCOMPARE(texts(s, c[0]), (QStringList{"a = 3.1416", "b = 3.141592653589793"}));
        QCOMPARE(texts(s, c[1]), QStringList{"c = 3.1416"});
        QCOMPARE(texts(s, c[2]), QStringList{"d = 3.1416"});
        QCOMPARE(s.numberStyle("b"), lemma::output::NumberStyle::Long);
        QCOMPARE(s.numberStyle("c"), lemma::output::NumberStyle::Short);
        // Re-running a later cell after the `format long` cell does not inherit it.
        s.run(c[1]);
        s.wait();
        QCOMPARE(texts(s, c[1]), QStringList{"c = 3.1416"});

        Session longByDefault;
        longByDefault.load(
            notebookOf({"a = pi", "format short\nb = pi"}, "---\nformat: long\n---\n"));
        longByDefault.runAllBlocking();
        const auto l = ids(longByDefault);
        QCOMPARE(texts(longByDefault, l[0]), QStringList{"a = 3.141592653589793"});
        QCOMPARE(texts(longByDefault, l[1]), QStringList{"b = 3.1416"});
        QCOMPARE(longByDefault.numberStyle("a"), lemma::output::NumberStyle::Long);
        QCOMPARE(longByDefault.numberStyle("b"), lemma::output::NumberStyle::Short);
        QCOMPARE(longByDefault.numberStyle("nobody"), lemma::output::NumberStyle::Long);
    }
};

QTEST_APPLESS_MAIN(tst_Session)
#include "tst_Session.moc"
