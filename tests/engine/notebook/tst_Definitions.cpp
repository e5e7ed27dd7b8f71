// Definitions: who defines each name, double definitions, and the edges they imply.
#include <QtTest>

#include "engine/notebook/Definitions.h"

using namespace lemma::notebook;

using Names = std::vector<std::string>;

class tst_Definitions : public QObject {
    Q_OBJECT

private slots:
    void definersAndDependencies() {
        Definitions d;
        d.set(1, {"x", "y"}, {});
        d.set(2, {"z"}, {"x", "sin"});
        d.set(3, {}, {"z", "y", "x"});
        QCOMPARE(d.definers("x"), (std::set<CellId>{1}));
        QVERIFY(d.definers("sin").empty());
        QCOMPARE(d.dependencies(2), (std::vector<std::pair<std::string, CellId>>{{"x", 1}}));
        QCOMPARE(d.dependencies(3),
                 (std::vector<std::pair<std::string, CellId>>{{"z", 2}, {"y", 1}, {"x", 1}}));
        const DependencyGraph g = d.graph();
        QCOMPARE(g.children(1), (std::set<CellId>{2, 3}));
        QCOMPARE(g.children(2), (std::set<CellId>{3}));
        QVERIFY(d.conflicts(1).empty());
    }

    void selfUseIsNoDependency() {
        Definitions d;
        d.set(1, {"x"}, {"x"});
        QVERIFY(d.dependencies(1).empty());
        QVERIFY(d.graph().children(1).empty());
    }

    void doubleDefinition() {
        Definitions d;
        d.set(1, {"x", "a"}, {});
        d.set(2, {"b", "x"}, {});
        d.set(3, {"c"}, {"x"});
        QCOMPARE(d.definers("x"), (std::set<CellId>{1, 2}));
        // The established definer owns the name; only the later one is in conflict.
        QCOMPARE(d.owner("x"), CellId(1));
        QVERIFY(d.conflicts(1).empty());
        QCOMPARE(d.conflicts(2), Names{"x"});
        QVERIFY(d.conflicts(3).empty());
        // A user of a doubly defined name depends on its owner only.
        QCOMPARE(d.graph().parents(3), (std::set<CellId>{1}));
    }

    void ownershipFollowsTheOrderOfDefinitionNotOfCells() {
        Definitions d;
        d.set(5, {"x"}, {});
        d.set(2, {"x"}, {});
        QCOMPARE(d.owner("x"), CellId(5));
        QCOMPARE(d.conflicts(2), Names{"x"});
        // Editing the owner keeps its names; it stays the owner.
        d.set(5, {"x", "y"}, {});
        QCOMPARE(d.owner("x"), CellId(5));
        // When the owner stops defining the name, the next definer takes it over.
        d.set(5, {"y"}, {});
        QCOMPARE(d.owner("x"), CellId(2));
        QVERIFY(d.conflicts(2).empty());
        // Defining it again now makes the former owner the later definer.
        d.set(5, {"x"}, {});
        QCOMPARE(d.conflicts(5), Names{"x"});
    }

    void setReplacesAndRemoveForgets() {
        Definitions d;
        d.set(1, {"x"}, {});
        d.set(2, {"x"}, {});
        d.set(2, {"y"}, {"x"});
        QVERIFY(d.conflicts(1).empty());
        QCOMPARE(d.definers("y"), (std::set<CellId>{2}));
        QCOMPARE(d.uses(2), Names{"x"});
        d.remove(1);
        QVERIFY(d.definers("x").empty());
        QVERIFY(!d.contains(1));
        QVERIFY(d.defs(1).empty());
        QVERIFY(d.dependencies(2).empty());
    }
};

QTEST_APPLESS_MAIN(tst_Definitions)
#include "tst_Definitions.moc"
