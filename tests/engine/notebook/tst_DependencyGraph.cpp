// DependencyGraph: edges, reachability and a topological order that respects every edge,
// breaks ties by rank and keeps cycles together.
#include <QtTest>

#include <numeric>
#include <random>

#include "engine/notebook/DependencyGraph.h"

using lemma::notebook::CellId;
using lemma::notebook::DependencyGraph;

using Edges = QList<QPair<int, int>>;

namespace {

DependencyGraph graphOf(int nodes, const std::vector<std::pair<CellId, CellId>>& edges) {
    DependencyGraph g;
    for (int i = 1; i <= nodes; ++i)
        g.addNode(CellId(i));
    for (const auto& [a, b] : edges)
        g.addEdge(a, b);
    return g;
}

std::size_t byId(CellId id) {
    return std::size_t(id);
}

QList<CellId> list(const std::vector<CellId>& v) {
    return QList<CellId>(v.begin(), v.end());
}
QList<CellId> list(const std::set<CellId>& v) {
    return QList<CellId>(v.begin(), v.end());
}

}  // namespace

class tst_DependencyGraph : public QObject {
    Q_OBJECT

private slots:
    void edgesBothWays() {
        const DependencyGraph g = graphOf(3, {{1, 2}, {1, 3}, {2, 3}});
        QCOMPARE(list(g.children(1)), (QList<CellId>{2, 3}));
        QCOMPARE(list(g.parents(3)), (QList<CellId>{1, 2}));
        QVERIFY(g.parents(1).empty());
        QVERIFY(g.children(99).empty());
    }

    void selfEdgesAreDropped() {
        const DependencyGraph g = graphOf(1, {{1, 1}});
        QVERIFY(g.children(1).empty());
        QVERIFY(g.descendants({1}).empty());
    }

    void unknownNodeIsRejected() {
        DependencyGraph g = graphOf(1, {});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, g.addEdge(1, 2));
    }

    void descendantsAndAncestors() {
        // 1 → 2 → 4, 1 → 3, 5 alone, 6 → 7 → 6
        const DependencyGraph g = graphOf(7, {{1, 2}, {2, 4}, {1, 3}, {6, 7}, {7, 6}});
        QCOMPARE(list(g.descendants({1})), (QList<CellId>{2, 3, 4}));
        QCOMPARE(list(g.descendants({2})), (QList<CellId>{4}));
        QCOMPARE(list(g.descendants({2, 3})), (QList<CellId>{4}));
        QVERIFY(g.descendants({5}).empty());
        QCOMPARE(list(g.ancestors({4})), (QList<CellId>{1, 2}));
        // On a cycle a node reaches itself.
        QCOMPARE(list(g.descendants({6})), (QList<CellId>{6, 7}));
    }

    void removeNodeRemovesEdges() {
        DependencyGraph g = graphOf(3, {{1, 2}, {2, 3}});
        g.removeNode(2);
        QVERIFY(!g.contains(2));
        QVERIFY(g.children(1).empty());
        QVERIFY(g.parents(3).empty());
        QCOMPARE(list(g.nodes()), (QList<CellId>{1, 3}));
    }

    void topologicalOrder_data() {
        QTest::addColumn<int>("nodes");
        QTest::addColumn<Edges>("edges");
        QTest::addColumn<QList<CellId>>("expected");
        QTest::newRow("no edges: rank order") << 4 << Edges{} << QList<CellId>{1, 2, 3, 4};
        QTest::newRow("chain against rank") << 3 << Edges{{3, 2}, {2, 1}} << QList<CellId>{3, 2, 1};
        QTest::newRow("diamond") << 4 << Edges{{4, 2}, {4, 3}, {2, 1}, {3, 1}}
                                 << QList<CellId>{4, 2, 3, 1};
        QTest::newRow("independent keeps rank") << 4 << Edges{{4, 1}} << QList<CellId>{2, 3, 4, 1};
        QTest::newRow("cycle is one block")
            << 5 << Edges{{1, 4}, {4, 2}, {2, 4}, {4, 5}, {3, 2}} << QList<CellId>{1, 3, 2, 4, 5};
    }
    void topologicalOrder() {
        QFETCH(int, nodes);
        QFETCH(Edges, edges);
        QFETCH(QList<CellId>, expected);
        std::vector<std::pair<CellId, CellId>> e;
        for (const auto& p : edges)
            e.emplace_back(CellId(p.first), CellId(p.second));
        QCOMPARE(list(graphOf(nodes, e).topologicalOrder(byId)), expected);
    }

    void rankIsNotId() {
        const DependencyGraph g = graphOf(3, {});
        // Notebook order 3, 1, 2.
        const auto rank = [](CellId id) { return id == 3 ? std::size_t(0) : std::size_t(id); };
        QCOMPARE(list(g.topologicalOrder(rank)), (QList<CellId>{3, 1, 2}));
    }

    // Random acyclic graphs: every edge goes forward in the order, and every node appears once.
    void randomOrdersRespectEdges() {
        std::mt19937 rng(7);
        for (int trial = 0; trial < 300; ++trial) {
            const int n = std::uniform_int_distribution<int>(1, 30)(rng);
            std::vector<CellId> perm(n);
            std::iota(perm.begin(), perm.end(), CellId(1));
            std::shuffle(perm.begin(), perm.end(), rng);
            std::vector<std::pair<CellId, CellId>> edges;
            for (int i = 0; i < n; ++i) {
                for (int j = i + 1; j < n; ++j) {
                    if (std::bernoulli_distribution(0.15)(rng))
                        edges.emplace_back(perm[i], perm[j]);
                }
            }
            const DependencyGraph g = graphOf(n, edges);
            const std::vector<CellId> order = g.topologicalOrder(byId);
            QCOMPARE(int(order.size()), n);
            std::map<CellId, int> pos;
            for (int i = 0; i < n; ++i)
                pos[order[i]] = i;
            QCOMPARE(int(pos.size()), n);
            for (const auto& [a, b] : edges)
                QVERIFY(pos[a] < pos[b]);
        }
    }
};

QTEST_APPLESS_MAIN(tst_DependencyGraph)
#include "tst_DependencyGraph.moc"
