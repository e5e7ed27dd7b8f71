// Cycles: strongly connected components and the shortest loop shown to the user.
#include <QtTest>

#include "engine/notebook/Cycles.h"

using namespace lemma::notebook;

namespace {

DependencyGraph graphOf(int nodes, const std::vector<std::pair<CellId, CellId>>& edges) {
    DependencyGraph g;
    for (int i = 1; i <= nodes; ++i)
        g.addNode(CellId(i));
    for (const auto& [a, b] : edges)
        g.addEdge(a, b);
    return g;
}

using Ids = std::vector<CellId>;

}  // namespace

class tst_Cycles : public QObject {
    Q_OBJECT

private slots:
    void acyclicHasNone() {
        const DependencyGraph g = graphOf(4, {{1, 2}, {2, 3}, {1, 3}, {3, 4}});
        QVERIFY(findCycles(g).empty());
        QCOMPARE(stronglyConnectedComponents(g).size(), std::size_t(4));
        for (CellId id = 1; id <= 4; ++id)
            QVERIFY(shortestCycleThrough(g, id).empty());
    }

    void twoCellCycle() {
        const DependencyGraph g = graphOf(3, {{2, 3}, {3, 2}, {1, 2}});
        QCOMPARE(findCycles(g), (std::vector<Ids>{{2, 3}}));
        QCOMPARE(shortestCycleThrough(g, 2), (Ids{2, 3, 2}));
        QCOMPARE(shortestCycleThrough(g, 3), (Ids{3, 2, 3}));
        QVERIFY(shortestCycleThrough(g, 1).empty());
    }

    void separateCycles() {
        const DependencyGraph g = graphOf(6, {{1, 2}, {2, 1}, {3, 4}, {4, 5}, {5, 3}, {2, 3}});
        QCOMPARE(findCycles(g), (std::vector<Ids>{{1, 2}, {3, 4, 5}}));
        QCOMPARE(shortestCycleThrough(g, 4), (Ids{4, 5, 3, 4}));
    }

    void shortestOfSeveralLoops() {
        // 1 → 2 → 3 → 1 and 1 → 4 → 1: the loop through 4 is shorter.
        const DependencyGraph g = graphOf(4, {{1, 2}, {2, 3}, {3, 1}, {1, 4}, {4, 1}});
        QCOMPARE(findCycles(g), (std::vector<Ids>{{1, 2, 3, 4}}));
        QCOMPARE(shortestCycleThrough(g, 1), (Ids{1, 4, 1}));
        QCOMPARE(shortestCycleThrough(g, 2), (Ids{2, 3, 1, 2}));
    }

    // A million cells, each using the one before: the search is iterative, so the chain does
    // not overflow the call stack (the recursive one crashed near 160,000 cells), and a loop
    // closed from the last cell back to the first is one component of all of them.
    void millionCellChain() {
        const int n = 1'000'000;
        DependencyGraph g;
        for (int i = 1; i <= n; ++i)
            g.addNode(CellId(i));
        for (int i = 1; i < n; ++i)
            g.addEdge(CellId(i), CellId(i + 1));
        QCOMPARE(stronglyConnectedComponents(g).size(), std::size_t(n));
        QVERIFY(findCycles(g).empty());
        g.addEdge(CellId(n), CellId(1));
        const std::vector<Ids> cycles = findCycles(g);
        QCOMPARE(cycles.size(), std::size_t(1));
        QCOMPARE(cycles.front().size(), std::size_t(n));
        QCOMPARE(cycles.front().back(), CellId(n));
    }

    void everyMemberIsOnItsLoop() {
        const DependencyGraph g =
            graphOf(5, {{1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 1}, {2, 5}, {4, 2}});
        for (const Ids& cycle : findCycles(g)) {
            for (CellId id : cycle) {
                const Ids path = shortestCycleThrough(g, id);
                QVERIFY(path.size() >= 3);
                QCOMPARE(path.front(), id);
                QCOMPARE(path.back(), id);
                for (std::size_t i = 0; i + 1 < path.size(); ++i) {
                    QVERIFY(g.children(path[i]).count(path[i + 1]));
                }
            }
        }
    }
};

QTEST_APPLESS_MAIN(tst_Cycles)
#include "tst_Cycles.moc"
