// The side panels: Variables (every global with type and size; for a matrix a heatmap, its
// facts on demand, a table on double-click), Outline (the headings, click to jump) and Help
// (the builtins, searchable).
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTreeWidget>

#include "engine/builtins/Examples.h"
#include "support/GuiTest.h"
#include "widgets/notebook/SessionBridge.h"
#include "widgets/panels/HeatmapWidget.h"
#include "widgets/panels/HelpPanel.h"
#include "widgets/panels/OutlinePanel.h"
#include "widgets/panels/VariablesPanel.h"

using namespace lemma;

namespace {

QStringList rows(const QTreeWidget* tree, int columns) {
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QStringList cells;
        for (int c = 0; c < columns; ++c)
            cells << tree->topLevelItem(i)->text(c);
        out << cells.join(" | ");
    }
    return out;
}

QTreeWidgetItem* find(const QTreeWidget* tree, const QString& name) {
    const auto items = tree->findItems(name, Qt::MatchExactly | Qt::MatchRecursive);
    return items.isEmpty() ? nullptr : items.first();
}

}  // namespace

class tst_Panels : public QObject {
    Q_OBJECT

private slots:
    void variablesListEveryGlobal() {
        widgets::SessionBridge bridge;
        widgets::NotebookModel model(&bridge);
        widgets::VariablesPanel panel(&model);
        test::loadText(&model,
                       "```lemma\nA = [2 0; 0 0.5];\nv = [1 2 3];\nname = \"gelu\";\n```\n");
        model.runAll();
        QVERIFY(test::settle(&model));
        QCOMPARE(rows(panel.tree(), 3),
                 (QStringList{"A | double | 2×2", "name | string | 1×4", "v | double | 1×3"}));
        QVERIFY(!find(panel.tree(), "v")->text(3).isEmpty());
        // The Value column previews small matrices as the cell shows them (format short).
        QCOMPARE(find(panel.tree(), "A")->text(3), QString("[2.0000 0; 0 0.5000]"));
        QCOMPARE(find(panel.tree(), "v")->text(3), QString("[1 2 3]"));

        // A matrix: heatmap now, facts when asked (off the GUI thread).
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.tree()->setCurrentItem(find(panel.tree(), "A"));
        QVERIFY(panel.heatmap()->isVisible());
        QCOMPARE(panel.heatmap()->heatmap().rows, 2);
        QCOMPARE(panel.heatmap()->heatmap().cols, 2);
        QCOMPARE(panel.heatmap()->heatmap().max, 2.0);
        QVERIFY(panel.factsLabel()->text().isEmpty());
        QVERIFY(panel.factsButton()->isVisible());
        panel.factsButton()->click();
        QTRY_VERIFY2(panel.factsLabel()->text().startsWith("rank 2"),
                     qPrintable(panel.factsLabel()->text()));
        QVERIFY2(panel.factsLabel()->text().contains("cond<sub>2</sub> = 4"),
                 qPrintable(panel.factsLabel()->text()));
        QVERIFY(panel.factsLabel()->text().contains("‖·‖<sub>2</sub> = 2"));
        // The Frobenius norm's F is a subscript, not "_F".
        QVERIFY(panel.factsLabel()->text().contains("‖·‖<sub>F</sub> = "));
        QVERIFY(!panel.factsLabel()->text().contains("_F"));
        QCOMPARE(panel.factsLabel()->textFormat(), Qt::RichText);
        // A string has no matrix details.
        panel.tree()->setCurrentItem(find(panel.tree(), "name"));
        QVERIFY(!panel.heatmap()->isVisible());

        // Double-click opens the matrix as a table.
        Q_EMIT panel.tree()->itemDoubleClicked(find(panel.tree(), "v"), 0);
        const auto dialogs = panel.findChildren<QDialog*>();
        QCOMPARE(dialogs.size(), 1);
        QVERIFY(dialogs.first()->isVisible());
        QCOMPARE(dialogs.first()->findChild<QTableView*>()->model()->columnCount(), 3);
        delete dialogs.first();
        QWidget* table = panel.openTable("A");
        QVERIFY(table);
        auto* view = table->findChild<QTableView*>();
        QCOMPARE(view->model()->rowCount(), 2);
        QCOMPARE(view->model()->index(1, 1).data().toString(), QString("0.5000"));
        QCOMPARE(view->model()->index(1, 1).data(Qt::ToolTipRole).toString(), QString("0.5"));
        QVERIFY(table->windowTitle().startsWith("A — 2×2"));
        delete table;
        QVERIFY(!panel.openTable("name"));

        // The list follows the notebook.
        QTextCursor c(model.document(model.keyAt(0)));
        c.movePosition(QTextCursor::End);
        c.insertText("\nw = 7;");
        model.flush();
        QVERIFY(test::settle(&model));
        QVERIFY(find(panel.tree(), "w"));
    }

    // The Value column and the table a double-click opens show a name in the format of the cell
    // that defines it; the front matter's `format: long` is the default.
    void variablesFollowTheDefiningCellsFormat() {
        widgets::SessionBridge bridge;
        widgets::NotebookModel model(&bridge);
        widgets::VariablesPanel panel(&model);
        test::loadText(&model,
                       "---\nformat: long\n---\n\n```lemma\na = pi;\n```\n\n"
                       "```lemma\nformat short\nb = [pi 0.5];\n```\n");
        model.runAll();
        QVERIFY(test::settle(&model));
        QCOMPARE(find(panel.tree(), "a")->text(3), QString("3.141592653589793"));
        QCOMPARE(find(panel.tree(), "b")->text(3), QString("[3.1416 0.5000]"));
        QWidget* table = panel.openTable("b");
        QVERIFY(table);
        QCOMPARE(table->findChild<QTableView*>()->model()->index(0, 0).data().toString(),
                 QString("3.1416"));
        delete table;

        // The cell switches to format long: the panel follows after the run.
        QTextCursor c(model.document(test::cellWith(&model, "format short")));
        c.movePosition(QTextCursor::Start);
        c.movePosition(QTextCursor::EndOfLine, QTextCursor::KeepAnchor);
        c.insertText("format long");
        model.flush();
        QVERIFY(test::settle(&model));
        QCOMPARE(find(panel.tree(), "b")->text(3),
                 QString("[3.141592653589793 0.500000000000000]"));
    }

    void outlineShowsHeadingsAndJumps() {
        widgets::SessionBridge bridge;
        widgets::NotebookModel model(&bridge);
        widgets::OutlinePanel panel(&model);
        test::loadText(
            &model,
            "# Title\n\nProse.\n\n## Part $A^k$\n\n```lemma\nx = 1 % # not a heading\n```"
            "\n\n### Detail\n\n```\n# in a fence\n```\n\n## Second\n");
        QTreeWidget* tree = panel.tree();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem* title = tree->topLevelItem(0);
        QCOMPARE(title->text(0), QString("Title"));
        QCOMPARE(title->childCount(), 2);
        QCOMPARE(title->child(0)->text(0), QString("Part A^k"));
        QCOMPARE(title->child(0)->child(0)->text(0), QString("Detail"));
        QCOMPARE(title->child(1)->text(0), QString("Second"));
        QVERIFY(!find(tree, "in a fence"));

        QSignalSpy activated(&panel, &widgets::OutlinePanel::cellActivated);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                          tree->visualItemRect(title->child(0)->child(0)).center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toInt(), test::cellWith(&model, "### Detail"));

        // Typing a heading shows up after a moment.
        QTextCursor c(model.document(test::cellWith(&model, "## Second")));
        c.movePosition(QTextCursor::End);
        c.insertText("\n\n## Third");
        QTRY_VERIFY(find(tree, "Third"));
    }

    void helpIsSearchable() {
        widgets::SessionBridge bridge;
        widgets::HelpPanel panel(bridge.registry());
        QVERIFY(panel.list()->count() > 50);
        auto visible = [&panel] {
            QStringList out;
            for (int i = 0; i < panel.list()->count(); ++i) {
                if (!panel.list()->item(i)->isHidden())
                    out << panel.list()->item(i)->text();
            }
            return out;
        };
        QTest::keyClicks(panel.searchField(), "softmax");
        QVERIFY(visible().contains("softmax"));
        QVERIFY(!visible().contains("svd"));
        QCOMPARE(panel.list()->currentItem()->text(), visible().first());
        // Descriptions are searched too.
        panel.searchField()->setText("singular value");
        QVERIFY2(visible().contains("svd"), qPrintable(visible().join(' ')));
        panel.searchField()->setText("no such thing at all");
        QVERIFY(visible().isEmpty());
        QVERIFY(panel.details()->toPlainText().contains("No builtin matches"));
        // Exact and prefix matches come first: svd before what merely mentions it.
        panel.searchField()->setText("svd");
        const QStringList svd = visible();
        QCOMPARE(svd.first(), QString("svd"));
        QVERIFY2(svd.contains("lowrank"), qPrintable(svd.join(' ')));
        for (int i = 0; i < svd.size(); ++i) {
            if (svd[i].contains("svd"))
                QVERIFY2(i < svd.indexOf("lowrank"), qPrintable(svd.join(' ')));
        }
        QCOMPARE(panel.list()->currentItem()->text(), QString("svd"));
        // F1 in an editor lands here.
        QVERIFY(panel.showBuiltin("eig"));
        QCOMPARE(panel.searchField()->text(), QString());
        QCOMPARE(panel.list()->currentItem()->text(), QString("eig"));
        QVERIFY(panel.details()->toPlainText().startsWith("eig"));
        QVERIFY(panel.details()->toPlainText().contains("eig("));
        QVERIFY(!panel.showBuiltin("no_such_builtin"));
    }

    void helpShowsAndOffersTheExample() {
        widgets::SessionBridge bridge;
        widgets::HelpPanel panel(bridge.registry());
        QSignalSpy spy(&panel, &widgets::HelpPanel::exampleInsertRequested);
        QVERIFY(panel.showBuiltin("magic"));
        const QString example = QString::fromStdString(std::string(builtins::exampleFor("magic")));
        QVERIFY(!example.isEmpty());
        QVERIFY(panel.details()->toPlainText().contains("Example"));
        QVERIFY(panel.details()->toPlainText().contains(example.split('\n').first()));
        QVERIFY(panel.insertButton()->isEnabled());
        QTest::mouseClick(panel.insertButton(), Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().toString(), example);
        panel.searchField()->setText("no such thing at all");
        QVERIFY(!panel.insertButton()->isEnabled());
    }
};

QTEST_MAIN(tst_Panels)
#include "tst_Panels.moc"
