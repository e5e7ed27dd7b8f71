// Running from the window: typing re-runs the edited cell and exactly its dependents after a
// pause; lazy cells (per cell, per notebook, or by preference) go stale until asked; a cell that
// runs for 10 s leaves the window responsive and stops when asked; a long builtin shows its
// progress; an error is red, marks its line in the editor and jumps there.
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include "support/NotebookFixture.h"
#include "widgets/notebook/CellGutter.h"
#include "widgets/output/ErrorOutputView.h"

using namespace lemma;
using notebook::CellState;

namespace {

// Counts the runs (transitions to Running) of one cell.
struct RunCounter {
    int runs = 0;
    RunCounter(widgets::NotebookModel* model, int key) {
        QObject::connect(model, &widgets::NotebookModel::stateChanged, &guard,
                         [this, model, key](int k) {
                             if (k == key && model->state(k) == CellState::Running)
                                 ++runs;
                         });
    }
    QObject guard;
};

}  // namespace

class tst_ReactiveRuns : public QObject {
    Q_OBJECT

private slots:
    void typingRerunsTheCellAndItsDependentsAfterAPause() {
        test::NotebookFixture f(
            "```lemma\na = 1\n```\n\n```lemma\nb = a * 10\n```\n\n```lemma\nc = 5\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        RunCounter a(&f.model, f.key(0)), b(&f.model, f.key(1)), c(&f.model, f.key(2));

        f.view.selectCell(f.key(0));
        f.press(Qt::Key_Return);
        f.editor(0)->moveCursor(QTextCursor::End);
        QElapsedTimer timer;
        timer.start();
        f.press(Qt::Key_Backspace);
        f.type("2");
        // Within the pause nothing runs: typing a long number does not run every prefix.
        QTest::qWait(100);
        QCOMPARE(a.runs + b.runs, 0);
        QCOMPARE(f.model.state(f.key(1)), CellState::Done);
        QVERIFY(QTest::qWaitFor(
            [&] { return test::outputsText(&f.model, f.key(1)).contains("b = 20"); }, 3000));
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(test::settle(&f.model));
        QCOMPARE(a.runs, 1);
        QCOMPARE(b.runs, 1);
        QCOMPARE(c.runs, 0);                                         // independent: untouched
        QCOMPARE(f.view.mode(), widgets::NotebookView::Mode::Edit);  // typing goes on
    }

    void lazyCellsGoStaleUntilAsked() {
        test::NotebookFixture f(
            "```lemma\na = 1\n```\n\n```lemma lazy\nb = a + 1\n```\n\n```lemma\nc = b * 2\n```\n");
        f.model.runAll();  // Run All runs lazy cells too
        QVERIFY(test::settle(&f.model));
        QVERIFY(test::outputsText(&f.model, f.key(2)).contains("c = 4"));

        QTextCursor cursor(f.model.document(f.key(0)));
        cursor.movePosition(QTextCursor::End);
        cursor.insertText("0");  // a = 10
        f.model.flush();
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.model.state(f.key(0)), CellState::Done);
        QCOMPARE(f.model.state(f.key(1)), CellState::Stale);
        QCOMPARE(f.model.state(f.key(2)), CellState::Stale);
        widgets::CellView* lazy = f.cell(1);
        // The notice lies over the faded outputs: nothing below moves.
        QVERIFY(lazy->notice().startsWith("Stale"));
        auto* banner = lazy->findChild<QLabel*>("staleBanner");
        QVERIFY(banner && banner->isVisibleTo(lazy));
        QVERIFY(!lazy->statusLabel()->isVisibleTo(lazy));
        QCOMPARE(banner->palette().color(banner->foregroundRole()),
                 widgets::themeColors(QApplication::palette()).stale);
        QVERIFY(lazy->outputsFaded());  // the old outputs
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("b = 2"));

        // Asked: it runs, and so does what depends on it.
        f.view.selectCell(f.key(1));
        f.press(Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.model.state(f.key(1)), CellState::Done);
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("b = 11"));
        QVERIFY(test::outputsText(&f.model, f.key(2)).contains("c = 22"));
        QVERIFY(lazy->notice().isEmpty());
        QVERIFY(!lazy->outputsFaded());

        // The Cell menu's toggle writes the option into the info string.
        f.controller.setOption(f.key(1), "lazy", false);
        QCOMPARE(f.model.info(f.key(1)), QString("lemma"));
    }

    void aLazyNotebookRunsNothingUntilAsked() {
        test::NotebookFixture f("```lemma\na = 1\n```\n\n```lemma\nb = a + 1\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        f.model.setLazy(true);  // the preference "Run cells as you type" off
        QTextCursor cursor(f.model.document(f.key(0)));
        cursor.movePosition(QTextCursor::End);
        cursor.insertText("5");
        f.model.flush();
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.model.state(f.key(0)), CellState::Stale);
        QCOMPARE(f.model.state(f.key(1)), CellState::Stale);
        f.model.run(f.key(1));  // runs what it needs
        QVERIFY(test::settle(&f.model));
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("b = 16"));

        // `lazy: true` in the front matter says the same for the notebook.
        test::NotebookFixture g("---\nlazy: true\n---\n```lemma\nx = 1\n```\n");
        QVERIFY(g.model.lazy());
    }

    // The window never waits for mathematics: 10 s of a running cell, during which the event
    // loop keeps turning, the view repaints and another cell can be edited; then Stop.
    void aTenSecondCellLeavesTheWindowResponsive() {
        test::NotebookFixture f(
            "```lemma\nn = 0;\nwhile true\n    n = n + 1;\nend\n```\n\n"
            "```lemma\nother = 1\n```\n");
        f.model.run(f.key(0));
        QTRY_COMPARE(f.model.state(f.key(0)), CellState::Running);
        widgets::CellView* running = f.cell(0);
        // The bar shows once the run has lasted a moment.
        QTRY_VERIFY(running->stopButton()->isVisibleTo(running));
        QVERIFY(running->progressBar()->isVisibleTo(running));
        QCOMPARE(running->progressBar()->maximum(), 0);        // busy: no fraction reported
        QCOMPARE(running->gutter()->label(), QString("[*]"));  // the busy mark

        // Forty rounds (about 10 s) of typing into the other cell and repainting, each one
        // waiting for a tick of a 20 ms timer: the event loop keeps turning while the cell
        // runs. Event-driven rather than a bound on the longest gap between ticks, which a
        // loaded machine breaks by descheduling the whole process: a window that waited for
        // the mathematics would never deliver the tick (the loop never ends), and the wait
        // fails.
        QTimer tick;
        QSignalSpy ticks(&tick, &QTimer::timeout);
        tick.start(20);
        f.view.selectCell(f.key(1));
        f.press(Qt::Key_Return);
        f.editor(1)->moveCursor(QTextCursor::End);
        constexpr int kRounds = 40;
        for (int round = 0; round < kRounds; ++round) {
            f.type("1");
            QVERIFY(!f.view.grab().isNull());
            const qsizetype before = ticks.count();
            QVERIFY2(ticks.wait(30000), qPrintable(QString("no tick in round %1").arg(round)));
            QVERIFY(ticks.count() > before);
            QCOMPARE(f.model.state(f.key(0)), CellState::Running);
            QTest::qWait(200);
        }
        tick.stop();
        QCOMPARE(f.model.state(f.key(0)), CellState::Running);
        QVERIFY(f.text(1).startsWith("other = " + QString(kRounds, QLatin1Char('1'))));
        QVERIFY(ticks.count() >= kRounds);

        // Stop: the cell ends (the engine's tests show that Stop reaches every loop at its
        // next poll), as Cancelled, saying so.
        QTest::mouseClick(running->stopButton(), Qt::LeftButton);
        QVERIFY(test::settle(&f.model, 60000));
        QCOMPARE(f.model.state(f.key(0)), CellState::Cancelled);
        QVERIFY(!running->stopButton()->isVisibleTo(running));
        QCOMPARE(running->gutter()->label(), QString("[1]"));
        auto* stopped = f.output<widgets::ErrorOutputView>(0);
        QVERIFY(stopped);
        QCOMPARE(stopped->title()->text(), QString("Stopped"));
        // The other cell, edited meanwhile, runs when asked.
        f.model.run(f.key(1));
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.model.state(f.key(1)), CellState::Done);
        QVERIFY(test::outputsText(&f.model, f.key(1)).startsWith("other = 1.1111"));
    }

    void longBuiltinsShowTheirProgress() {
        test::NotebookFixture f(
            "```lemma\nW = randn(120, 100);\nF = lora_fit(zeros(120, 100), W, 4, "
            "steps=1000000);\n```\n");
        f.model.run(f.key(0));
        widgets::CellView* cell = f.cell(0);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return cell->progressBar()->maximum() == 1000 && cell->progressBar()->value() > 0;
            },
            20000));
        QTRY_VERIFY(cell->progressBar()->isVisibleTo(cell));
        f.model.cancel();
        QVERIFY(test::settle(&f.model, 5000));
        QCOMPARE(f.model.state(f.key(0)), CellState::Cancelled);
        QVERIFY(!cell->progressBar()->isVisibleTo(cell));
    }

    void errorsAreRedMarkTheLineAndJumpToIt() {
        test::NotebookFixture f("```lemma\nx = 1;\ny = x + undefined_name;\nz = 3\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.model.state(f.key(0)), CellState::Error);
        auto* error = f.output<widgets::ErrorOutputView>(0);
        QVERIFY(error);
        QVERIFY2(error->title()->text().startsWith("Error on line 2, column"),
                 qPrintable(error->title()->text()));
        QVERIFY(error->message()->text().contains("undefined_name"));
        // Red: the palette's error colour, on a reddish background.
        const widgets::ThemeColors colors = widgets::themeColors(QApplication::palette());
        QCOMPARE(error->palette().color(QPalette::WindowText), colors.errorText);
        const QColor background = error->palette().color(QPalette::Window);
        QVERIFY(background.red() > background.green() && background.red() > background.blue());
        // The editor marks line 2.
        widgets::CodeEditor* editor = f.editor(0);
        QCOMPARE(editor->errorLine(), 2);
        bool marked = false;
        for (const QTextEdit::ExtraSelection& s : editor->extraSelections()) {
            if (s.cursor.blockNumber() == 1 && s.format.background().color() == colors.errorLine)
                marked = true;
        }
        QVERIFY(marked);
        // "Go to line 2" puts the cursor there, in edit mode.
        QVERIFY(error->link()->text().contains("Go to line 2"));
        Q_EMIT error->link()->linkActivated("#line");
        QCOMPARE(editor->textCursor().blockNumber(), 1);
        QTRY_VERIFY(editor->hasFocus());
        QCOMPARE(f.view.mode(), widgets::NotebookView::Mode::Edit);
        QCOMPARE(f.view.currentKey(), f.key(0));

        // Fixed, the mark goes.
        QTextCursor c(f.model.document(f.key(0)));
        c.movePosition(QTextCursor::Down);
        c.movePosition(QTextCursor::EndOfBlock);
        c.movePosition(QTextCursor::StartOfWord, QTextCursor::KeepAnchor);
        c.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, 16);
        c.insertText("2;");
        f.model.run(f.key(0));
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.model.state(f.key(0)), CellState::Done);
        QCOMPARE(editor->errorLine(), 0);
        QVERIFY(!f.output<widgets::ErrorOutputView>(0));
    }
};

QTEST_MAIN(tst_ReactiveRuns)
#include "tst_ReactiveRuns.moc"
