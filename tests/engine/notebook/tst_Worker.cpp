// The worker's time limit: a cell past it is stopped and fails as timed out at the line it was
// running, the cells that do not need it still run, and the long loops of builtins notice.
#include <QtTest>

#include "engine/notebook/NotebookFormat.h"
#include "engine/notebook/Session.h"

using namespace lemma;
using namespace lemma::notebook;

namespace {

Notebook notebookOf(const std::vector<std::string>& sources) {
    std::string text;
    for (const std::string& s : sources)
        text += "```lemma\n" + s + "\n```\n\n";
    return parseNotebook(text).notebook;
}

std::vector<CellId> ids(const Session& s) {
    std::vector<CellId> out;
    for (const Cell& c : s.notebook().cells()) {
        if (c.isCode())
            out.push_back(c.id());
    }
    return out;
}

const output::Error* lastError(const Session& s, CellId cell, output::Outputs& keep) {
    keep = s.outputs(cell);
    for (const output::Output& o : s.notes(cell))
        keep.push_back(o);
    for (auto it = keep.rbegin(); it != keep.rend(); ++it) {
        if (const auto* e = std::get_if<output::Error>(&*it))
            return e;
    }
    return nullptr;
}

}  // namespace

class tst_Worker : public QObject {
    Q_OBJECT

private slots:
    void timeoutStopsTheCellAndTheRestRuns() {
        Session s;
        s.load(notebookOf(
            {"a = 1;", "x = 0;\nwhile true\n  x = x + 1;\nend", "b = a + 1;", "c = x + 1;"}));
        s.setLimits({0.3, 0});
        s.runAllBlocking();
        const auto c = ids(s);
        QCOMPARE(s.state(c[0]), CellState::Done);
        QCOMPARE(s.state(c[1]), CellState::Error);
        output::Outputs keep;
        const output::Error* e = lastError(s, c[1], keep);
        QVERIFY(e);
        QCOMPARE(e->message, std::string("timed out after 0.3 s (the time limit of a cell)"));
        QVERIFY2(e->pos.line >= 2 && e->pos.line <= 4, std::to_string(e->pos.line).c_str());
        // A cell that does not need it runs; one that does is held.
        QCOMPARE(s.state(c[2]), CellState::Done);
        QCOMPARE(s.state(c[3]), CellState::Stale);
        QVERIFY(s.notRun(c[3]));
    }

    void fastCellsAreUntouched() {
        Session s;
        s.load(notebookOf({"a = sum(1:1000);", "b = a * 2"}));
        s.setLimits({5, 0});
        s.runAllBlocking();
        for (CellId id : ids(s))
            QCOMPARE(s.state(id), CellState::Done);
    }

    // The long loops of builtins check for cancellation, so the time limit reaches into them.
    void builtinLoopsNotice_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("arrayfun") << "y = arrayfun(@(k) sum(1:1e6), 1:1e5);";
        QTest::newRow("cellfun") << "y = cellfun(@(k) sum(1:1e6), num2cell(1:1e5));";
        QTest::newRow("fminsearch")
            << "f = @(x) sum((x - 1).^2) + 0 * sum(1:2e4);\n"
               "x = fminsearch(f, zeros(1, 20), \"MaxIter\", 1e9, \"MaxFunEvals\", 1e9, "
               "\"TolX\", 0, \"TolFun\", 0);";
    }
    void builtinLoopsNotice() {
        QFETCH(QString, source);
        Session s;
        s.load(notebookOf({source.toStdString()}));
        s.setLimits({0.3, 0});
        const auto start = std::chrono::steady_clock::now();
        s.runAllBlocking();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto c = ids(s);
        QCOMPARE(s.state(c[0]), CellState::Error);
        output::Outputs keep;
        const output::Error* e = lastError(s, c[0], keep);
        QVERIFY(e);
        QCOMPARE(e->message, std::string("timed out after 0.3 s (the time limit of a cell)"));
        QVERIFY2(seconds < 60, std::to_string(seconds).c_str());
    }

    void memoryLimitReachesTheCell() {
        Session s;
        s.load(notebookOf({"A = zeros(1e5, 1e5);", "b = 1;"}));
        s.setLimits({0, std::uint64_t{1} << 30});
        s.runAllBlocking();
        const auto c = ids(s);
        output::Outputs keep;
        const output::Error* e = lastError(s, c[0], keep);
        QVERIFY(e);
        QCOMPARE(e->message, std::string("zeros(1e5, 1e5): 74.5 GiB requested, budget 1 GiB"));
        QCOMPARE(s.state(c[1]), CellState::Done);
    }
};

QTEST_APPLESS_MAIN(tst_Worker)
#include "tst_Worker.moc"
