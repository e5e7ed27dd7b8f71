// The keyboard flows of the notebook view, as a Jupyter user would type them: create, edit and
// run cells; delete one and undo it (outputs included); move, change kind, split and merge;
// Markdown cells; copy and paste; hide code and outputs; and moving a cell by drag and drop.
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include "support/NotebookFixture.h"
#include "widgets/notebook/MarkdownView.h"

using namespace lemma;
using Mode = widgets::NotebookView::Mode;
using notebook::CellKind;

class tst_NotebookKeyboard : public QObject {
    Q_OBJECT

private slots:
    void createEditAndRun() {
        test::NotebookFixture f("```lemma\na = 1\n```\n");
        QCOMPARE(f.view.mode(), Mode::Command);
        QCOMPARE(f.view.currentIndex(), 0);
        f.press(Qt::Key_B);  // a code cell below, still in command mode
        QCOMPARE(f.model.count(), 2);
        QCOMPARE(f.view.currentIndex(), 1);
        QCOMPARE(f.view.mode(), Mode::Command);
        f.press(Qt::Key_Return);  // edit it
        QCOMPARE(f.view.mode(), Mode::Edit);
        QTRY_VERIFY(f.editor(1)->hasFocus());
        f.type("b = a + 41");
        QCOMPARE(f.text(1), QString("b = a + 41"));
        f.press(Qt::Key_Return, Qt::ShiftModifier);  // run and advance: a new cell at the end
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.model.count(), 3);
        QCOMPARE(f.view.currentIndex(), 2);
        QCOMPARE(f.view.mode(), Mode::Edit);
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("b = 42"));
        QVERIFY(test::outputsText(&f.model, f.key(0)).contains("a = 1"));  // what it needed
        f.press(Qt::Key_Escape);
        QCOMPARE(f.view.mode(), Mode::Command);
        f.press(Qt::Key_A);  // above the current
        QCOMPARE(f.model.count(), 4);
        QCOMPARE(f.view.currentIndex(), 2);
        QCOMPARE(f.text(3), QString());

        // Ctrl+Enter runs in place and stays; Alt+Enter runs and inserts below.
        f.view.selectCell(f.key(1));
        f.press(Qt::Key_Return);
        f.editor(1)->moveCursor(QTextCursor::End);
        f.type("0");
        f.press(Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.view.currentIndex(), 1);
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("b = 411"));
        f.press(Qt::Key_Return, Qt::AltModifier);
        QCOMPARE(f.model.count(), 5);
        QCOMPARE(f.view.currentIndex(), 2);
        QCOMPARE(f.view.mode(), Mode::Edit);
    }

    void undoOfADeleteBringsTheOutputsBack() {
        test::NotebookFixture f("```lemma\na = 2\n```\n\n```lemma\nb = a * 21\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        const int b = f.key(1);
        QVERIFY(test::outputsText(&f.model, b).contains("b = 42"));
        f.view.selectCell(b);
        f.press(Qt::Key_D);
        QCOMPARE(f.model.count(), 2);  // one D does nothing
        f.press(Qt::Key_D);
        QCOMPARE(f.model.count(), 1);
        QCOMPARE(f.view.mode(), Mode::Command);

        f.press(Qt::Key_Z);
        QCOMPARE(f.model.count(), 2);
        QCOMPARE(f.key(1), b);
        QCOMPARE(f.text(1), QString("b = a * 21"));
        // The outputs are back at once, before any run, and on screen.
        QVERIFY(test::outputsText(&f.model, b).contains("b = 42"));
        QVERIFY(f.cell(1)->outputArea()->isVisibleTo(f.cell(1)));
        QVERIFY(!f.cell(1)->outputArea()->isEmpty());
        QCOMPARE(f.view.currentKey(), b);
        QVERIFY(test::settle(&f.model));
        QVERIFY(test::outputsText(&f.model, b).contains("b = 42"));
        // Redo deletes it again.
        f.controller.undoStack()->redo();
        QCOMPARE(f.model.count(), 1);

        // D then a pause then D deletes nothing.
        f.view.selectCell(f.key(0));
        f.press(Qt::Key_D);
        QTest::qWait(1000);
        f.press(Qt::Key_D);
        QCOMPARE(f.model.count(), 1);
    }

    void moveByKeysAndByDrag() {
        test::NotebookFixture f("# one\n\n```lemma\ntwo = 2\n```\n\n# three\n");
        f.view.selectCell(f.key(0));
        f.press(Qt::Key_Down, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(f.texts(), (QStringList{"two = 2", "# one", "# three"}));
        QCOMPARE(f.view.currentIndex(), 1);
        f.press(Qt::Key_Down, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(f.texts(), (QStringList{"two = 2", "# three", "# one"}));
        f.press(Qt::Key_Down, Qt::ControlModifier | Qt::ShiftModifier);  // already last
        QCOMPARE(f.texts(), (QStringList{"two = 2", "# three", "# one"}));
        f.press(Qt::Key_Z);
        f.press(Qt::Key_Z);
        QCOMPARE(f.texts(), (QStringList{"# one", "two = 2", "# three"}));
        // The views follow the model's order.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(f.cell(i)->key(), f.key(i));

        // Drag "# three" to the top: dropped before the cell in slot 0.
        const int three = f.key(2);
        f.view.dropCell(three, 0);
        QCOMPARE(f.texts(), (QStringList{"# three", "# one", "two = 2"}));
        QCOMPARE(f.view.currentKey(), three);
        f.view.dropCell(three, 3);  // to the end
        QCOMPARE(f.texts(), (QStringList{"# one", "two = 2", "# three"}));
        f.controller.undoStack()->undo();
        QCOMPARE(f.texts(), (QStringList{"# three", "# one", "two = 2"}));
    }

    void changeKindSplitAndMerge() {
        test::NotebookFixture f("```lemma\nx = 1\ny = 2\n```\n");
        f.press(Qt::Key_M);
        QCOMPARE(f.model.kind(f.key(0)), CellKind::Markdown);
        QVERIFY(f.cell(0)->markdownView());
        f.press(Qt::Key_Y);
        QCOMPARE(f.model.kind(f.key(0)), CellKind::Code);
        QCOMPARE(f.text(0), QString("x = 1\ny = 2"));
        f.press(Qt::Key_Z);
        QCOMPARE(f.model.kind(f.key(0)), CellKind::Markdown);
        f.press(Qt::Key_Z);
        QCOMPARE(f.model.kind(f.key(0)), CellKind::Code);

        // Split at the start of the second line, in edit mode.
        f.press(Qt::Key_Return);
        QTextCursor c = f.editor(0)->textCursor();
        c.setPosition(6);
        f.editor(0)->setTextCursor(c);
        f.press(Qt::Key_Minus, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(f.texts(), (QStringList{"x = 1", "y = 2"}));
        QCOMPARE(f.view.currentIndex(), 1);
        QCOMPARE(f.view.mode(), Mode::Edit);
        // Merge back from the first cell, in command mode.
        f.press(Qt::Key_Escape);
        f.view.selectCell(f.key(0));
        f.press(Qt::Key_M, Qt::ShiftModifier);
        QCOMPARE(f.texts(), QStringList{"x = 1\ny = 2"});
        f.press(Qt::Key_Z);
        QCOMPARE(f.texts(), (QStringList{"x = 1", "y = 2"}));
    }

    void markdownCellsRenderAndEdit() {
        test::NotebookFixture f("# Title\n\nSome *prose*.\n\n```lemma\nz = 3\n```\n");
        widgets::CellView* md = f.cell(0);
        auto* stack = md->findChild<QStackedWidget*>();
        QVERIFY(stack);
        QCOMPARE(stack->currentWidget(), md->markdownView());
        QVERIFY(md->markdownView()->toPlainText().startsWith("Title"));
        f.press(Qt::Key_Return);  // edit: the source, in the editor
        QCOMPARE(stack->currentWidget(), md->editor());
        QTRY_VERIFY(md->editor()->hasFocus());
        md->editor()->moveCursor(QTextCursor::End);
        f.type(" More.");
        f.press(Qt::Key_Return, Qt::ShiftModifier);  // render and advance
        QCOMPARE(stack->currentWidget(), md->markdownView());
        QVERIFY(md->markdownView()->toPlainText().contains("Some prose. More."));
        QCOMPARE(f.view.currentIndex(), 1);
        QCOMPARE(f.view.mode(), Mode::Command);
        // Double-click edits, Escape renders.
        QSignalSpy edit(md->markdownView(), &widgets::MarkdownView::editRequested);
        QTest::mouseDClick(md->markdownView()->viewport(), Qt::LeftButton);
        QCOMPARE(edit.count(), 1);
        QCOMPARE(stack->currentWidget(), md->editor());
        QCOMPARE(f.view.currentIndex(), 0);
        f.press(Qt::Key_Escape);
        QCOMPARE(stack->currentWidget(), md->markdownView());
    }

    void navigationBetweenCells() {
        test::NotebookFixture f("```lemma\na = 1\n```\n\n```lemma\nb = 2\nc = 3\n```\n\n# End\n");
        f.press(Qt::Key_J);
        QCOMPARE(f.view.currentIndex(), 1);
        f.press(Qt::Key_Down);
        QCOMPARE(f.view.currentIndex(), 2);
        f.press(Qt::Key_K);
        f.press(Qt::Key_Up);
        QCOMPARE(f.view.currentIndex(), 0);
        f.press(Qt::Key_Up);  // stays at the top
        QCOMPARE(f.view.currentIndex(), 0);
        // In edit mode, Down on the last line enters the next cell at its start.
        f.press(Qt::Key_Return);
        f.press(Qt::Key_Down);
        QCOMPARE(f.view.currentIndex(), 1);
        QTRY_VERIFY(f.editor(1)->hasFocus());
        QCOMPARE(f.editor(1)->textCursor().position(), 0);
        f.press(Qt::Key_Down);  // to "c = 3", still in the cell
        QCOMPARE(f.view.currentIndex(), 1);
        f.press(Qt::Key_Up);
        f.press(Qt::Key_Up);  // from the first line up into cell 0, at its end
        QCOMPARE(f.view.currentIndex(), 0);
        QCOMPARE(f.editor(0)->textCursor().position(), 5);
    }

    void copyCutAndPasteCells() {
        test::NotebookFixture f("```lemma\na = 1\n```\n\n# Two\n");
        f.press(Qt::Key_C);
        f.press(Qt::Key_J);
        f.press(Qt::Key_V);  // below "# Two"
        QCOMPARE(f.texts(), (QStringList{"a = 1", "# Two", "a = 1"}));
        QCOMPARE(f.model.kind(f.key(2)), CellKind::Code);
        f.view.selectCell(f.key(1));
        f.press(Qt::Key_X);
        QCOMPARE(f.texts(), (QStringList{"a = 1", "a = 1"}));
        f.view.selectCell(f.key(0));
        f.press(Qt::Key_V, Qt::ShiftModifier);  // above
        QCOMPARE(f.texts(), (QStringList{"# Two", "a = 1", "a = 1"}));
        QCOMPARE(f.model.kind(f.key(0)), CellKind::Markdown);
    }

    void hideCodeAndOutputs() {
        test::NotebookFixture f("```lemma\nh = 7\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        widgets::CellView* cell = f.cell(0);
        f.press(Qt::Key_H, Qt::ShiftModifier);
        QCOMPARE(f.model.info(f.key(0)), QString("lemma hide-code"));
        QVERIFY(!cell->editor()->isVisibleTo(cell));
        f.press(Qt::Key_O);
        QVERIFY(f.model.outputsCollapsed(f.key(0)));
        QVERIFY(!cell->outputArea()->isVisibleTo(cell));
        f.press(Qt::Key_O);
        QVERIFY(cell->outputArea()->isVisibleTo(cell));
        // Enter on a cell with hidden code shows it again for editing.
        f.press(Qt::Key_Return);
        QVERIFY(cell->editor()->isVisibleTo(cell));
        QCOMPARE(f.model.info(f.key(0)), QString("lemma"));
        f.controller.undoStack()->undo();
        QCOMPARE(f.model.info(f.key(0)), QString("lemma hide-code"));
    }
};

QTEST_MAIN(tst_NotebookKeyboard)
#include "tst_NotebookKeyboard.moc"
