// Editing never destroys what is on screen: while a cell does not parse nothing runs and every
// cell keeps its last outputs, faded under a one-line notice; a failed cell's dependents keep
// theirs; a name defined a second time fails only in the cell that added it, which offers to
// rename it or to go to the first definition; a stopped or failed run leaves the globals as
// they were; and none of this changes the page's height.
#include <QLabel>
#include <QProgressBar>
#include <QScrollBar>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include "support/NotebookFixture.h"
#include "widgets/output/ControlView.h"
#include "widgets/output/ErrorOutputView.h"
#include "widgets/output/FigureView.h"
#include "widgets/output/TextOutputView.h"
#include "widgets/panels/VariablesPanel.h"

using namespace lemma;
using notebook::CellState;

class tst_EditingKeepsThePage : public QObject {
    Q_OBJECT

private:
    static int pageHeight(const test::NotebookFixture& f) { return f.view.widget()->height(); }

private slots:
    void halfTypedEditKeepsEveryOutput() {
        test::NotebookFixture f(
            "```lemma\nQ = [1 2; 3 4];\nd = cols(Q)\n```\n\n```lemma\nS = Q * 2\n```\n\n"
            "```lemma\nfigure(title=\"S\")\nheatmap(S)\n```\n\n```lemma\nz = 7\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        const int height = pageHeight(f);

        // Delete the end of line 1 of the first cell, as typed, and pause.
        f.view.selectCell(f.key(0));
        f.press(Qt::Key_Return);
        QTextCursor c = f.editor(0)->textCursor();
        c.setPosition(QStringLiteral("Q = [1 2; 3 4];").size());
        f.editor(0)->setTextCursor(c);
        for (int i = 0; i < 3; ++i)
            f.press(Qt::Key_Backspace);
        QTest::qWait(400);
        QVERIFY(test::settle(&f.model));

        // The cell that does not parse says so, marks its line, and keeps its outputs.
        QCOMPARE(f.model.state(f.key(0)), CellState::Error);
        QVERIFY(f.editor(0)->errorLine() > 0);
        QVERIFY(test::outputsText(&f.model, f.key(0)).contains("d = 2"));
        QVERIFY2(f.cell(0)->notice().startsWith("line "), qPrintable(f.cell(0)->notice()));
        QVERIFY(f.cell(0)->outputsFaded());
        // Its dependents ran nothing and keep their outputs and figures, faded, with the cause.
        QCOMPARE(f.model.state(f.key(1)), CellState::Stale);
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("S ="));
        QVERIFY(f.cell(1)->outputsFaded());
        QCOMPARE(f.cell(1)->notice(), QString("not run: depends on 'Q' from cell 1, which failed"));
        QVERIFY(f.cell(2)->findChild<widgets::FigureView*>());
        QVERIFY(f.cell(2)->outputsFaded());
        QCOMPARE(f.model.state(f.key(3)), CellState::Done);
        QVERIFY(!f.cell(3)->outputsFaded());
        // No error box anywhere, and the page did not move.
        for (int i = 0; i < 4; ++i)
            QVERIFY(!f.output<widgets::ErrorOutputView>(i));
        QCOMPARE(pageHeight(f), height);

        // A run-time failure while typing: a one-line notice over the cell's last outputs (no
        // box flashes on a pause); its dependents keep theirs.
        f.type("4] * [1 2 3];");
        QTest::qWait(400);
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.model.state(f.key(0)), CellState::Error);
        QVERIFY(!f.output<widgets::ErrorOutputView>(0));
        QVERIFY2(f.cell(0)->notice().contains("line 1"), qPrintable(f.cell(0)->notice()));
        QVERIFY(f.cell(0)->outputsFaded());
        QCOMPARE(pageHeight(f), height);
        // Leaving the editor shows the error's box.
        f.press(Qt::Key_Escape);
        QVERIFY(f.output<widgets::ErrorOutputView>(0));
        QVERIFY(f.output<widgets::ErrorOutputView>(0)->isVisibleTo(f.cell(0)));
        f.view.selectCell(f.key(0));
        f.press(Qt::Key_Return);
        QCOMPARE(f.model.state(f.key(1)), CellState::Stale);
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("S ="));
        QVERIFY(f.cell(2)->findChild<widgets::FigureView*>());
        QVERIFY(f.cell(2)->notice().contains("did not run"));

        // Fixed: everything runs again and nothing is faded.
        c = f.editor(0)->textCursor();
        c.movePosition(QTextCursor::Start);
        c.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        c.insertText("Q = [1 2; 3 5];");
        QTest::qWait(400);
        QVERIFY(test::settle(&f.model));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(f.model.state(f.key(i)), CellState::Done);
            QVERIFY(!f.cell(i)->outputsFaded());
            QVERIFY(f.cell(i)->notice().isEmpty());
        }
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("10"));
    }

    void aSecondDefinitionFailsOnlyWhereItWasAdded() {
        test::NotebookFixture f(
            "```lemma\nd_k = 2\n```\n\n```lemma\ny = d_k * 10\n```\n\n"
            "```lemma\nfigure()\nplot([1 2 3] * d_k)\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        f.view.selectCell(f.key(2));
        f.press(Qt::Key_B);
        f.press(Qt::Key_Return);
        f.type("d_k = 5");
        QTest::qWait(400);
        QVERIFY(test::settle(&f.model));

        // The established definer and everything downstream keep running and showing.
        QCOMPARE(f.model.state(f.key(0)), CellState::Done);
        QCOMPARE(f.model.state(f.key(1)), CellState::Done);
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("y = 20"));
        QVERIFY(f.cell(2)->findChild<widgets::FigureView*>());
        QVERIFY(!f.cell(1)->outputsFaded());
        // Only the new cell fails: where the name is defined, rename it or go there.
        QCOMPARE(f.model.state(f.key(3)), CellState::Error);
        const QString notice = f.cell(3)->notice();
        QVERIFY2(notice.contains("'d_k' is already defined in cell 1"), qPrintable(notice));
        QVERIFY(notice.contains("href=\"rename:d_k\""));
        QVERIFY(notice.contains(QString("href=\"cell:%1\"").arg(f.key(0))));

        Q_EMIT f.cell(3)->statusLabel()->linkActivated(QString("cell:%1").arg(f.key(0)));
        QCOMPARE(f.view.currentKey(), f.key(0));
        Q_EMIT f.cell(3)->statusLabel()->linkActivated("rename:d_k");
        QCOMPARE(f.view.currentKey(), f.key(3));
        QCOMPARE(f.editor(3)->textCursor().selectedText(), QString("d_k"));
        f.type("d_v");
        QTest::qWait(400);
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.model.state(f.key(3)), CellState::Done);
        QVERIFY(f.cell(3)->notice().isEmpty());
    }

    void stoppedOrFailedRunLeavesTheGlobalsAsTheyWere() {
        test::NotebookFixture f(
            "```lemma\nk = 1\n```\n\n```lemma\ns = 0; for i = 1:1e8; s = s + i; end\n```\n");
        widgets::VariablesPanel panel(&f.model);
        f.model.runAll();
        QVERIFY(QTest::qWaitFor([&] { return f.model.state(f.key(1)) == CellState::Running; }));
        QTest::qWait(100);
        f.model.cancel();
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.model.state(f.key(1)), CellState::Cancelled);
        QStringList names;
        for (int i = 0; i < panel.tree()->topLevelItemCount(); ++i)
            names << panel.tree()->topLevelItem(i)->text(0);
        QCOMPARE(names, QStringList{"k"});

        // Running it again, the old "cancelled" box is not left under the progress bar.
        QVERIFY(f.output<widgets::ErrorOutputView>(1));
        f.model.run(f.key(1));
        QVERIFY(QTest::qWaitFor([&] { return f.model.state(f.key(1)) == CellState::Running; }));
        QTRY_VERIFY(f.cell(1)->progressBar()->isVisibleTo(f.cell(1)));
        QVERIFY(!f.output<widgets::ErrorOutputView>(1)->isVisibleTo(f.cell(1)));
        f.model.cancel();
        QVERIFY(test::settle(&f.model));
        QVERIFY(f.output<widgets::ErrorOutputView>(1)->isVisibleTo(f.cell(1)));

        // A run that fails half-way leaves nothing behind either.
        QTextCursor c(f.model.document(f.key(1)));
        c.select(QTextCursor::Document);
        c.insertText("a = 2; b = a + nosuchname");
        f.model.flush();
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.model.state(f.key(1)), CellState::Error);
        names.clear();
        for (int i = 0; i < panel.tree()->topLevelItemCount(); ++i)
            names << panel.tree()->topLevelItem(i)->text(0);
        QCOMPARE(names, QStringList{"k"});
    }

    // A text output as wide as half the page, first shown before the view had its width:
    // re-running its cell (a slider step, a pin) keeps its height.
    void aRerunKeepsTheHeightOfAWideTextOutput() {
        test::NotebookFixture f(
            "```lemma\nn = slider(1, 9, value=1, step=1, label=\"n\");\n"
            "printf(\"%d %s\\n\", n, \"----------------------------------------------------\")\n"
            "```\n\n```lemma\nz = 7\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        QWidget* page = f.view.widget();
        const int below = f.cell(1)->mapTo(page, QPoint(0, 0)).y();
        const int height = pageHeight(f);
        f.output<widgets::ControlView>(0)->slider()->setValue(2);
        QVERIFY(test::settle(&f.model));
        const QString shown = f.output<widgets::TextOutputView>(0)->toPlainText();
        QVERIFY2(!shown.startsWith("1 ") && shown.contains(" ---"), qPrintable(shown));
        QCOMPARE(f.cell(1)->mapTo(page, QPoint(0, 0)).y(), below);
        QCOMPARE(pageHeight(f), height);
    }

    // A run long enough to show its progress bar and Stop button (a pin's re-run, a slow
    // slider step) shows them over the cell's outputs: nothing below moves.
    void aLongRunShowsItsProgressWithoutMovingThePage() {
        test::NotebookFixture f(
            "```lemma\nn = slider(0, 100, value=0, step=1, label=\"n\");\n"
            "for i = 1:n * 1e6\n    s = i;\nend\nfigure()\nplot([1 2], [1 2])\n```\n\n"
            "```lemma\nz = 7\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        QWidget* page = f.view.widget();
        const int below = f.cell(1)->mapTo(page, QPoint(0, 0)).y();
        const int height = pageHeight(f);

        f.output<widgets::ControlView>(0)->slider()->setValue(100);
        QVERIFY(QTest::qWaitFor([&] { return f.cell(0)->progressBar()->isVisible(); }, 10000));
        QTest::qWait(50);
        QCOMPARE(f.cell(1)->mapTo(page, QPoint(0, 0)).y(), below);
        QCOMPARE(pageHeight(f), height);
        QVERIFY(f.cell(0)->stopButton()->isVisible());
        // Over the outputs, inside the cell.
        const QRect bar(f.cell(0)->progressBar()->mapTo(f.cell(0), QPoint(0, 0)),
                        f.cell(0)->progressBar()->size());
        QVERIFY(f.cell(0)->rect().contains(bar));

        f.model.cancel();
        QVERIFY(test::settle(&f.model));
        QVERIFY(!f.cell(0)->progressBar()->isVisible());
    }
};

QTEST_MAIN(tst_EditingKeepsThePage)
#include "tst_EditingKeepsThePage.moc"
