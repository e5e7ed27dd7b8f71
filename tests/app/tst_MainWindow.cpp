// The assembled window: menus, toolbar, docks and status bar; the title and its modified mark;
// closing with unsaved changes; files dropped on the window; the tour at start; settings and
// themes that persist; and the "done when" of the notebook window: edit a number in the tour
// and the dependent outputs change within a fraction of a second.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>
#include <cmath>

#include "app/Appearance.h"
#include "app/CommandPalette.h"
#include "app/FileController.h"
#include "app/Icons.h"
#include "app/MainWindow.h"
#include "app/NotebookLoader.h"
#include "app/PreferencesDialog.h"
#include "app/ShortcutsDialog.h"
#include "app/Startup.h"
#include "support/GuiTest.h"
#include "widgets/notebook/CellView.h"
#include "widgets/notebook/CodeCompleter.h"
#include "widgets/notebook/NotebookActions.h"
#include "widgets/notebook/NotebookController.h"
#include "widgets/notebook/NotebookView.h"
#include "widgets/notebook/RunStatus.h"
#include "widgets/output/OutputArea.h"
#include "widgets/output/TableOutputView.h"
#include "widgets/panels/HelpPanel.h"
#include "widgets/panels/OutlinePanel.h"
#include "widgets/panels/VariablesPanel.h"

using namespace lemma;
using app::FileController;
using app::MainWindow;

namespace {

void showText(MainWindow& w, const std::string& text, const std::string& name = "test.md") {
    app::LoadedNotebook loaded;
    loaded.displayName = name;
    loaded.parsed = notebook::parseNotebook(text, name);
    w.files()->show(std::move(loaded));
}

QStringList menuTitles(const QMenuBar* bar) {
    QStringList out;
    for (const QAction* a : bar->actions())
        out << a->text().remove('&');
    return out;
}

// A cell that runs until it is stopped (the interpreter checks for cancellation in loops).
const std::string kEndless = "```lemma\nx = 0;\nwhile true\n    x = x + 1;\nend\n```\n";

}  // namespace

class tst_MainWindow : public QObject {
    Q_OBJECT

private slots:
    void init() {
        QSettings().clear();
        QApplication::setPalette(QPalette());
    }

    void menusToolbarDocksAndStatusBar() {
        MainWindow w;
        QCOMPARE(menuTitles(w.menuBar()),
                 (QStringList{"File", "Edit", "Cell", "Run", "View", "Help"}));
        for (const char* name : {"fileNew", "fileOpen", "fileSave", "fileSaveAs", "fileRevert",
                                 "fileClose", "fileQuit", "editUndo", "editRedo", "editPreferences",
                                 "runOnEdit", "helpBuiltins", "helpShortcuts", "helpTour",
                                 "helpAbout", "theme-system", "theme-light", "theme-dark"}) {
            QVERIFY2(w.action(name), name);
        }
        // The cell actions are in the Cell menu, the run actions in the Run menu.
        const QList<QAction*> cell = w.menuBar()->actions()[2]->menu()->actions();
        QVERIFY(cell.contains(w.cellActions()->insertBelow));
        QVERIFY(cell.contains(w.cellActions()->deleteCell));
        QVERIFY(cell.contains(w.cellActions()->toMarkdown));
        const QList<QAction*> run = w.menuBar()->actions()[3]->menu()->actions();
        QVERIFY(run.contains(w.cellActions()->runCell));
        QVERIFY(run.contains(w.cellActions()->runAll));
        QVERIFY(run.contains(w.cellActions()->stop));
        // Toolbar: files, undo, cells, running, and the kind of the current cell.
        const QList<QAction*> tools = w.toolBar()->actions();
        QVERIFY(tools.contains(w.action("fileSave")));
        QVERIFY(tools.contains(w.cellActions()->runAll));
        QVERIFY(tools.contains(w.cellActions()->stop));
        QVERIFY(w.toolBar()->findChild<QComboBox*>("cellKind"));
        for (const QAction* a : tools) {
            if (!a->isSeparator() && !a->icon().isNull())
                QVERIFY2(!a->toolTip().contains('\t'), qPrintable(a->toolTip()));
        }
        // Docks: Variables, Outline and Help, toggled from the View menu.
        for (QDockWidget* dock : {w.variablesDock(), w.outlineDock(), w.helpDock()}) {
            QVERIFY(dock->widget());
            QVERIFY(
                w.menuBar()->actions()[4]->menu()->actions().contains(dock->toggleViewAction()));
        }
        QCOMPARE(w.statusBar()->findChild<widgets::RunStatus*>(), w.runStatus());
        QCOMPARE(w.findChild<QLabel*>("modeLabel")->text(), QString("Command mode"));
    }

    void tourOpensWhenStartedWithoutAFile() {
        int asked = 0;
        app::StartupDialogs dialogs;
        dialogs.restore = [&](const app::RecoveryEntry&) {
            ++asked;
            return true;
        };
        const auto windows = app::openStartupWindows({}, dialogs);
        QCOMPARE(windows.size(), std::size_t(1));
        MainWindow* w = windows.front();
        QCOMPARE(asked, 0);
        QCOMPARE(w->files()->displayName(), QString("tour.md"));
        QCOMPARE(w->windowTitle(), QString("tour.md[*] — Lemma"));
        QVERIFY(!w->isWindowModified());
        QVERIFY(test::cellWith(w->model(), "A tour of Lemma"));
        QVERIFY(test::settle(w->model()));
        QVERIFY(
            test::outputsText(w->model(), test::cellWith(w->model(), "parameters = s.parameters"))
                .contains("parameters = 478"));
        delete w;
    }

    void startupOpensTheNamedFileOrFallsBackToTheTour() {
        const QString file = test::writeFile("named.md", "# Named\n\n```lemma\ny = 3\n```\n");
        QString error;
        app::StartupDialogs dialogs;
        dialogs.restore = [](const app::RecoveryEntry&) { return false; };
        dialogs.error = [&](const QString& message) { error = message; };
        auto windows = app::openStartupWindows(file, dialogs);
        QCOMPARE(windows.size(), std::size_t(1));
        QCOMPARE(windows.front()->files()->path(), file);
        QCOMPARE(windows.front()->windowTitle(), QString("named.md[*] — Lemma"));
        delete windows.front();

        QVERIFY(error.isEmpty());
        auto missing = app::openStartupWindows(test::testHome().path() + "/missing.md", dialogs);
        QCOMPARE(missing.size(), std::size_t(1));
        QVERIFY2(error.contains("missing.md"), qPrintable(error));
        QCOMPARE(missing.front()->files()->displayName(), QString("tour.md"));
        delete missing.front();
    }

    void examplesMenuListsEveryExampleNotebook() {
        MainWindow w;
        QStringList listed;
        for (const QAction* a : w.examplesMenu()->actions())
            listed << a->data().toString();
        QStringList onDisk = QDir(LEMMA_SOURCE_DIR "/resources/notebooks")
                                 .entryList({"*.md"}, QDir::Files, QDir::Name);
        QCOMPARE(listed.first(), QString("tour.md"));
        listed.sort();
        QCOMPARE(listed, onDisk);
        // Each opens under its name.
        for (QAction* a : w.examplesMenu()->actions()) {
            a->trigger();
            QCOMPARE(w.files()->displayName(), a->data().toString());
            QVERIFY(w.model()->count() > 0);
            QVERIFY(!a->text().isEmpty());
        }
        QVERIFY(test::settle(w.model(), 120000));
    }

    void titleShowsTheModifiedMark() {
        MainWindow w;
        showText(w, "```lemma\nx = 1\n```\n", "mark.md");
        QCOMPARE(w.windowTitle(), QString("mark.md[*] — Lemma"));
        QVERIFY(!w.isWindowModified());
        w.controller()->insertCell(1, notebook::CellKind::Code, "y = 2");
        QVERIFY(w.isWindowModified());
        QVERIFY(!w.action("fileRevert")->isEnabled());  // nothing to revert to: no file yet
        w.controller()->undoStack()->undo();
        QVERIFY(!w.isWindowModified());
    }

    void closingWithUnsavedChangesAsks() {
        MainWindow w;
        w.show();
        showText(w, "```lemma\nx = 1\n```\n", "ask.md");
        QVERIFY(w.close());  // unmodified: no question
        w.show();
        w.controller()->insertCell(0, notebook::CellKind::Markdown, "# New");
        QString askedAbout;
        FileController::Answer answer = FileController::Answer::Cancel;
        w.files()->askToSave = [&](const QString& name) {
            askedAbout = name;
            return answer;
        };
        QVERIFY(!w.close());
        QCOMPARE(askedAbout, QString("ask.md"));
        QVERIFY(w.isVisible());

        // Save: asks where (no file yet), writes, closes.
        const QString target = test::testHome().path() + "/closing.md";
        w.files()->askSavePath = [&](const QString&) { return target; };
        answer = FileController::Answer::Save;
        QVERIFY(w.close());
        QFile saved(target);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().startsWith("# New\n"));

        w.show();
        w.controller()->insertCell(0, notebook::CellKind::Markdown, "# Thrown away");
        answer = FileController::Answer::Discard;
        QVERIFY(w.close());
    }

    void droppedFileOpens() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString file = test::writeFile("dropped.md", "# Dropped\n\n```lemma\nz = 5\n```\n");
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file)});
        // Onto the notebook: the cells decline files, the window takes them.
        QWidget* target = w.view()->viewport();
        const QPoint at = target->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(drop.isAccepted());
        QTRY_COMPARE(w.files()->path(), file);
        QVERIFY(test::cellWith(w.model(), "z = 5"));
        QVERIFY(w.files()->recentFiles().contains(file));

        // Text that is not a file is not taken.
        QMimeData text;
        text.setText("not a file");
        QDragEnterEvent other(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &other);
        QVERIFY(!other.isAccepted());
    }

    void settingsPersist() {
        const QString file = test::writeFile("recent.md", "```lemma\nr = 1\n```\n");
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.resize(1000, 700);
            w.outlineDock()->hide();
            app::Preferences p = w.preferences();
            p.theme = app::Preferences::Theme::Dark;
            p.runOnEdit = false;
            w.setPreferences(p);
            QVERIFY(w.files()->open(file));
            QVERIFY(w.close());
        }
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.size(), QSize(1000, 700));
        QVERIFY(!w.outlineDock()->isVisible());
        QVERIFY(w.variablesDock()->isVisible() || !w.variablesDock()->isHidden());
        QCOMPARE(w.preferences().theme, app::Preferences::Theme::Dark);
        QVERIFY(!w.preferences().runOnEdit);
        QVERIFY(w.model()->lazy());
        QVERIFY(w.action("theme-dark")->isChecked());
        QVERIFY(!w.action("runOnEdit")->isChecked());
        QCOMPARE(w.recentMenu()->actions().first()->data().toString(), file);
        QVERIFY(QApplication::palette().color(QPalette::Base).lightness() < 128);
    }

    void themesChangeThePalette() {
        MainWindow w;
        w.show();
        showText(w, "```lemma\nx = 1\n```\n");
        widgets::CodeEditor* editor = w.view()->cellViewAt(0)->editor();
        app::Preferences p = w.preferences();
        p.theme = app::Preferences::Theme::Dark;
        w.setPreferences(p);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 128);
        QVERIFY(w.appearance()->colors().dark);
        QVERIFY(editor->palette().color(QPalette::Base).lightness() < 128);
        p.theme = app::Preferences::Theme::Light;
        w.setPreferences(p);
        QVERIFY(QApplication::palette().color(QPalette::Base).lightness() > 200);
        QVERIFY(editor->palette().color(QPalette::Base).lightness() > 200);
        QVERIFY(w.action("theme-light")->isChecked());

        // Following the system: a palette change from outside (the desktop switching to dark)
        // reaches the notebook.
        p.theme = app::Preferences::Theme::System;
        w.setPreferences(p);
        QApplication::setPalette(app::Appearance::darkPalette());
        QTRY_VERIFY(editor->palette().color(QPalette::Base).lightness() < 128);
        QApplication::setPalette(QPalette());
        QTRY_VERIFY(editor->palette().color(QPalette::Base).lightness() > 128);
    }

    void statusBarShowsTheRunAndStops() {
        MainWindow w;
        w.show();
        showText(w, kEndless + "```lemma\ny = 2\n```\n");
        widgets::RunStatus* status = w.runStatus();
        QTRY_VERIFY(status->isBusy());
        QTRY_COMPARE(status->label()->text(), QString("Running cell [1], 1 more queued"));
        QVERIFY(status->stopButton()->isVisible());
        QVERIFY(status->progressBar()->isVisible());
        QTest::mouseClick(status->stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!status->isBusy(), 3000);
        QVERIFY(!status->stopButton()->isVisible());
        QCOMPARE(w.model()->state(w.model()->keyAt(0)), notebook::CellState::Cancelled);
    }

    // A long call that cannot be interrupted at once (a huge svd) is said to be running, with
    // the time it has run so far, so the window never looks frozen.
    void statusBarSaysHowLongTheCellHasRun() {
        MainWindow w;
        w.show();
        showText(w, kEndless);
        widgets::RunStatus* status = w.runStatus();
        QTRY_VERIFY(status->isBusy());
        const QRegularExpression running(QStringLiteral("^Running cell \\[1\\] for (\\d+) s$"));
        QTRY_VERIFY_WITH_TIMEOUT(running.match(status->label()->text()).hasMatch(), 30000);
        const int first = running.match(status->label()->text()).captured(1).toInt();
        QVERIFY(first >= 2);
        // The time keeps counting while the cell runs.
        QTRY_VERIFY_WITH_TIMEOUT(running.match(status->label()->text()).captured(1).toInt() > first,
                                 30000);
        QVERIFY(status->elapsedSeconds() > first);
        QTest::mouseClick(status->stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!status->isBusy(), 30000);
        QCOMPARE(status->label()->text(), QString("Ready"));
    }

    void shortcutsWorkThroughTheWindowActions() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        showText(w, "```lemma\nx = 20 + 1\n```\n");
        QVERIFY(test::settle(w.model()));
        const int key = w.model()->keyAt(0);
        w.view()->selectCell(key);
        w.view()->setFocus();
        // Command mode: B adds a cell below (the view's key), Ctrl+Z undoes it (the window's).
        QTest::keyClick(w.view(), Qt::Key_B);
        QCOMPARE(w.model()->count(), 2);
        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(w.model()->count(), 1);
        // Edit mode: Ctrl+Enter runs the cell, through the Run menu's action.
        w.view()->selectCell(key);
        w.view()->enterEditMode();
        widgets::CodeEditor* editor = w.view()->cellView(key)->editor();
        QTRY_VERIFY(editor->hasFocus());
        editor->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor, "00");
        QSignalSpy triggered(w.cellActions()->runCell, &QAction::triggered);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(triggered.count(), 1);
        QVERIFY(test::settle(w.model()));
        QVERIFY2(test::outputsText(w.model(), key).contains("x = 120"),
                 qPrintable(w.model()->text(key) + " → " + test::outputsText(w.model(), key)));
        QCOMPARE(w.view()->mode(), widgets::NotebookView::Mode::Edit);
        QCOMPARE(w.findChild<QLabel*>("modeLabel")->text(), QString("Edit mode"));
    }

    // Every cell action of the menus (and the toolbar, and the context menu, which share them)
    // does what it says on the current cell.
    void cellActionsWork() {
        MainWindow w;
        w.show();
        showText(w, "```lemma\na = 1\nb = 2\n```\n");
        widgets::NotebookModel* m = w.model();
        widgets::NotebookView* v = w.view();
        widgets::NotebookActions* a = w.cellActions();
        auto texts = [m] {
            QStringList out;
            for (int i = 0; i < m->count(); ++i)
                out << m->text(m->keyAt(i));
            return out;
        };
        QVERIFY(test::settle(m));
        v->selectCell(m->keyAt(0));
        QVERIFY(!a->moveUp->isEnabled());
        QVERIFY(!a->toCode->isEnabled());
        QVERIFY(a->toMarkdown->isEnabled());
        QVERIFY(v->contextMenu()->actions().contains(a->deleteCell));
        QVERIFY(v->contextMenu()->actions().contains(a->split));

        a->insertBelow->trigger();
        QCOMPARE(m->count(), 2);
        QCOMPARE(v->currentIndex(), 1);
        v->enterCommandMode();
        a->insertMarkdownBelow->trigger();
        QCOMPARE(m->kind(m->keyAt(2)), notebook::CellKind::Markdown);
        v->enterCommandMode();
        a->insertAbove->trigger();
        QCOMPARE(m->count(), 4);
        QCOMPARE(v->currentIndex(), 2);
        v->enterCommandMode();
        a->deleteCell->trigger();
        a->selectPrevious->trigger();
        a->deleteCell->trigger();
        QCOMPARE(texts(), (QStringList{"a = 1\nb = 2", ""}));
        QCOMPARE(v->currentIndex(), 1);

        a->selectPrevious->trigger();
        a->moveDown->trigger();
        QCOMPARE(texts(), (QStringList{"", "a = 1\nb = 2"}));
        a->moveUp->trigger();
        QCOMPARE(v->currentIndex(), 0);

        // Split at the cursor, merge back.
        QTextCursor c = v->cellViewAt(0)->editor()->textCursor();
        c.setPosition(6);
        v->cellViewAt(0)->editor()->setTextCursor(c);
        a->split->trigger();
        QCOMPARE(texts(), (QStringList{"a = 1", "b = 2", ""}));
        v->selectCell(m->keyAt(0));
        a->mergeBelow->trigger();
        QCOMPARE(texts(), (QStringList{"a = 1\nb = 2", ""}));

        // Kind, hidden code, hidden outputs, laziness (with their check marks).
        a->toMarkdown->trigger();
        QCOMPARE(m->kind(m->keyAt(0)), notebook::CellKind::Markdown);
        QCOMPARE(w.toolBar()->findChild<QComboBox*>("cellKind")->currentText(),
                 QString("Markdown"));
        a->toCode->trigger();
        QCOMPARE(m->kind(m->keyAt(0)), notebook::CellKind::Code);
        a->hideCode->trigger();
        QVERIFY(a->hideCode->isChecked());
        QVERIFY(m->hasOption(m->keyAt(0), "hide-code"));
        a->lazyCell->trigger();
        QVERIFY(a->lazyCell->isChecked());
        QCOMPARE(m->info(m->keyAt(0)), QString("lemma hide-code lazy"));
        a->hideOutputs->trigger();
        QVERIFY(m->outputsCollapsed(m->keyAt(0)));
        QVERIFY(a->hideOutputs->isChecked());

        // The toolbar's kind box changes the current cell.
        auto* kind = w.toolBar()->findChild<QComboBox*>("cellKind");
        v->selectCell(m->keyAt(1));
        kind->setCurrentIndex(1);
        Q_EMIT kind->activated(1);
        QCOMPARE(m->kind(m->keyAt(1)), notebook::CellKind::Markdown);

        // Copy, cut, paste.
        v->selectCell(m->keyAt(0));
        a->copyCell->trigger();
        a->pasteBelow->trigger();
        QCOMPARE(m->count(), 3);
        QCOMPARE(m->text(m->keyAt(1)), QString("a = 1\nb = 2"));
        a->cutCell->trigger();
        QCOMPARE(m->count(), 2);

        // Running: the cell, everything, and stopping.
        v->selectCell(m->keyAt(0));
        a->runCell->trigger();
        QVERIFY(test::settle(m));
        QCOMPARE(m->state(m->keyAt(0)), notebook::CellState::Done);
        a->runAll->trigger();
        QVERIFY(test::settle(m));
        a->stop->trigger();
        QVERIFY(!m->busy());
        w.files()->askToSave = [](const QString&) { return FileController::Answer::Discard; };
    }

    void panelsFollowTheNotebook() {
        MainWindow w;
        w.show();
        showText(w, "# Top\n\n```lemma\nq = softmax([1 2])\n```\n\n## Below\n");
        QVERIFY(test::settle(w.model()));
        // Outline: a click selects the heading's cell.
        const int below = test::cellWith(w.model(), "## Below");
        Q_EMIT w.outlinePanel()->cellActivated(below);
        QCOMPARE(w.view()->currentKey(), below);
        // F1 on a name shows its help.
        const int code = test::cellWith(w.model(), "softmax");
        w.view()->selectCell(code);
        w.view()->enterEditMode();
        auto* editor = w.view()->cellView(code)->editor();
        QTextCursor c = editor->textCursor();
        c.setPosition(7);
        editor->setTextCursor(c);
        QTest::keyClick(editor, Qt::Key_F1);
        QVERIFY(!w.helpDock()->isHidden());
        QCOMPARE(w.helpPanel()->list()->currentItem()->text(), QString("softmax"));
        // The Help panel's example goes into a new code cell below the current one.
        const int cellsBefore = w.model()->count();
        Q_EMIT w.helpPanel()->exampleInsertRequested("y_example = 1");
        QCOMPARE(w.model()->count(), cellsBefore + 1);
        QVERIFY(test::cellWith(w.model(), "y_example = 1") > 0);
        // Variables: the notebook's names.
        QVERIFY(!w.variablesPanel()->tree()->findItems("q", Qt::MatchExactly).isEmpty());
        // Completion knows the notebook's names too.
        QVERIFY(
            w.findChild<widgets::CodeCompleter*>()->helpFor("q").contains("defined in cell [1]"));
    }

    void statusBarSummarizesTheNotebook() {
        MainWindow w;
        showText(w, "```lemma\nx = undefined_thing\n```\n\n```lemma\ny = 2\n```\n");
        QVERIFY(test::settle(w.model()));
        w.runStatus()->refresh();
        QCOMPARE(w.runStatus()->label()->text(), QString("1 cell failed"));
        showText(w, "```lemma\ny = 2\n```\n");
        QVERIFY(test::settle(w.model()));
        w.runStatus()->refresh();
        QCOMPARE(w.runStatus()->label()->text(), QString("Ready"));
    }

    void iconsAreCrispAtHighDpi() {
        const QIcon icon = app::drawnIcon(app::Icon::Run);
        const QPixmap one = icon.pixmap(QSize(18, 18), 1.0);
        const QPixmap two = icon.pixmap(QSize(18, 18), 2.0);
        QCOMPARE(one.size(), QSize(18, 18));
        QCOMPARE(two.size(), QSize(36, 36));
        QCOMPARE(two.devicePixelRatio(), 2.0);
        QVERIFY(!two.toImage().isNull());
        // Drawn, not scaled: the pixels differ from an upscaled 1× picture.
        QVERIFY(two.toImage() !=
                one.toImage().scaled(36, 36).convertToFormat(two.toImage().format()));
    }

    void preferencesDialogReadsAndWrites() {
        app::Preferences p;
        p.theme = app::Preferences::Theme::Light;
        p.runOnEdit = true;
        p.autosave = false;
        p.memoryBudget = quint64(12) << 30;
        app::PreferencesDialog dialog(p);
        QCOMPARE(dialog.preferences(), p);
        QCOMPARE(dialog.memoryBox()->value(), 12.0);
        dialog.themeBox()->setCurrentIndex(
            dialog.themeBox()->findData(int(app::Preferences::Theme::Dark)));
        dialog.runOnEditBox()->setChecked(false);
        dialog.autosaveBox()->setChecked(true);
        dialog.memoryBox()->setValue(0);  // back to the default: half of physical memory
        QVERIFY(dialog.memoryBox()->text().startsWith("Half of physical memory"));
        const app::Preferences changed = dialog.preferences();
        QCOMPARE(changed.memoryBudget, quint64(0));
        QCOMPARE(changed.theme, app::Preferences::Theme::Dark);
        QVERIFY(!changed.runOnEdit);
        QVERIFY(changed.autosave);
        changed.save();
        QCOMPARE(app::Preferences::load(), changed);
    }

    void shortcutsDialogListsTheKeys() {
        MainWindow w;
        app::ShortcutsDialog dialog(w.cellActions());
        QStringList rows;
        for (int i = 0; i < dialog.list()->topLevelItemCount(); ++i) {
            const QTreeWidgetItem* item = dialog.list()->topLevelItem(i);
            rows << item->text(0) + " = " + item->text(1);
        }
        QVERIFY2(rows.contains("Insert Code Cell Above = A"), qPrintable(rows.join('\n')));
        QVERIFY(rows.contains("Delete Cell = D, D"));
        QVERIFY(rows.contains("Run Cell and Advance = Shift+Return"));
        QVERIFY(rows.contains("Change to Markdown = M"));
    }

    // Help → Keyboard Shortcuts lists every key, the file commands' and I, I included, and
    // finds them by a search.
    void shortcutsDialogIsCompleteAndSearchable() {
        MainWindow w;
        app::ShortcutsDialog dialog(w.cellActions(), w.menuBar());
        auto rows = [&dialog](bool visibleOnly) {
            QStringList out;
            for (int i = 0; i < dialog.list()->topLevelItemCount(); ++i) {
                const QTreeWidgetItem* item = dialog.list()->topLevelItem(i);
                if (!visibleOnly || !item->isHidden())
                    out << item->text(0) + " = " + item->text(1);
            }
            return out;
        };
        const QStringList all = rows(false);
        for (const QString& row :
             QStringList{"Save = Ctrl+S", "Open… = Ctrl+O", "New = Ctrl+N", "Stop = Ctrl+.",
                         "Stop (command mode) = I, I", "Command Palette… = Ctrl+Shift+P",
                         "Delete Cell = D, D", "Run All Cells = Ctrl+Shift+Return"})
            QVERIFY2(all.contains(row), qPrintable(row + " not in\n" + all.join('\n')));
        QStringList unique = all;
        QCOMPARE(unique.removeDuplicates(), 0);
        dialog.searchField()->setText("stop");
        const QStringList found = rows(true);
        QVERIFY2(found.size() >= 2, qPrintable(found.join('\n')));
        for (const QString& row : found)
            QVERIFY2(row.contains("stop", Qt::CaseInsensitive), qPrintable(row));
    }

    // Ctrl+Shift+P: every command of the menus and every example, found by name; Enter runs
    // the best match.
    void commandPaletteFindsEveryCommandAndExample() {
        MainWindow w;
        QCOMPARE(w.action("commandPalette")->shortcut(), QKeySequence("Ctrl+Shift+P"));
        app::CommandPalette palette(w.menuBar(), &w);
        QStringList labels;
        for (int i = 0; i < palette.list()->count(); ++i)
            labels << palette.list()->item(i)->text();
        for (const QString& label : QStringList{
                 "Cell › Insert Code Cell Below    B", "Run › Run All Cells    Ctrl+Shift+Return",
                 "File › Save    Ctrl+S", "Help › Keyboard Shortcuts"})
            QVERIFY2(labels.contains(label), qPrintable(label + " not in\n" + labels.join('\n')));
        for (const app::Example& e : app::exampleNotebooks())
            QVERIFY2(!labels.filter(QString::fromStdString(e.title)).isEmpty(),
                     qPrintable(QString::fromStdString(e.title)));
        palette.searchField()->setText("run all cells");
        QCOMPARE(palette.currentAction(), w.cellActions()->runAll);
        palette.searchField()->setText("insert below");
        QCOMPARE(palette.currentAction(), w.cellActions()->insertBelow);
        // Enter runs it once the palette has closed.
        showText(w, "```lemma\nx = 1\n```\n");
        const int before = w.model()->count();
        QTest::keyClick(palette.searchField(), Qt::Key_Return);
        QVERIFY(!palette.isVisible());
        QTRY_COMPARE(w.model()->count(), before + 1);
        w.files()->askToSave = [](const QString&) { return FileController::Answer::Discard; };
    }

    // Stop is greyed out (menu, toolbar, shortcut) while nothing runs.
    void stopIsDisabledWhenNothingRuns() {
        MainWindow w;
        showText(w, "```lemma\nx = 1\n```\n");
        QAction* stop = w.cellActions()->stop;
        QVERIFY(test::settle(w.model()));
        QTRY_VERIFY(!stop->isEnabled());
        w.controller()->insertCell(1, notebook::CellKind::Code,
                                   "k = 0;\nwhile true\n  k = k + 1;\nend");
        QTRY_VERIFY(stop->isEnabled());
        stop->trigger();
        QVERIFY(test::settle(w.model()));
        QTRY_VERIFY(!stop->isEnabled());
        w.files()->askToSave = [](const QString&) { return FileController::Answer::Discard; };
    }

    // In a narrow window the side panel gives way before the notebook does.
    void narrowWindowShrinksThePanelFirst() {
        MainWindow w;
        w.resize(900, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::qWait(100);
        QVERIFY2(w.variablesDock()->width() <= 260,
                 qPrintable(QString::number(w.variablesDock()->width())));
        QVERIFY2(w.view()->width() >= 600, qPrintable(QString::number(w.view()->width())));

        // The narrow Variables panel still shows a small matrix's preview whole: the Value
        // column is not squeezed to nothing by the name, type and size.
        showText(w,
                 "```lemma\nattention_weights = [0.3859 0.3233; 0.2938 0.3506];\n"
                 "v = [1 2 3];\n```\n");
        w.model()->runAll();
        QVERIFY(test::settle(w.model()));
        auto* panel = qobject_cast<widgets::VariablesPanel*>(w.variablesDock()->widget());
        QVERIFY(panel);
        QTRY_VERIFY(panel->tree()->topLevelItemCount() == 2);
        QTest::qWait(50);
        const QTreeWidgetItem* v = panel->tree()->findItems("v", Qt::MatchExactly).value(0);
        QVERIFY(v);
        const int needed = panel->tree()->fontMetrics().horizontalAdvance(v->text(3)) + 12;
        QVERIFY2(panel->valueColumnWidth() >= needed,
                 qPrintable(QString("%1 < %2").arg(panel->valueColumnWidth()).arg(needed)));
        QVERIFY2(panel->valueColumnWidth() >= 100,
                 qPrintable(QString::number(panel->valueColumnWidth())));
        if (!qEnvironmentVariableIsEmpty("LEMMA_SCREENSHOT_DIR"))
            w.grab().save(qEnvironmentVariable("LEMMA_SCREENSHOT_DIR") + "/narrow-900.png");
        w.files()->askToSave = [](const QString&) { return FileController::Answer::Discard; };
        w.resize(1400, 900);
        QTest::qWait(100);
        QVERIFY(w.view()->width() >= 900);
    }

    // The "done when": open the tour, edit a number in a cell, and the outputs that
    // depend on it change within a fraction of a second, with no other action.
    void editingANumberInTheTourUpdatesItsDependents() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.openTour();
        QVERIFY(test::settle(w.model()));
        widgets::NotebookModel* model = w.model();
        const int qCell = test::cellWith(model, "tokens = [1 2 3 4 1 5]");
        const int aCell = test::cellWith(model, "A = att.weights");
        QVERIFY(qCell && aCell);
        QVERIFY(test::outputsText(model, aCell).contains("0.8230   0.1770"));

        // Click into the editor, put the cursor after the first token id "1" and turn it into
        // "8": the sentence now starts with "a" instead of "the".
        widgets::CodeEditor* editor = w.view()->cellView(qCell)->editor();
        QTest::mouseClick(editor->viewport(), Qt::LeftButton, {}, QPoint(40, 8));
        QTRY_VERIFY(editor->hasFocus());
        QTextCursor c = editor->textCursor();
        c.setPosition(int(model->text(qCell).indexOf("tokens = [1")) + 11);
        editor->setTextCursor(c);
        QTest::keyClick(editor, Qt::Key_Backspace);
        QTest::keyClick(editor, Qt::Key_8);
        QElapsedTimer sinceEdit;
        sinceEdit.start();
        QVERIFY(model->text(qCell).contains("tokens = [8 2 3 4 1 5];"));

        // The attention weights follow, in the model and in the table on screen: the second
        // word now gives 0.9907 of its attention to the first (0.8230 before).
        auto* aView = w.view()->cellView(aCell);
        auto table = [aView]() -> widgets::TableOutputView* {
            for (QWidget* v : aView->outputArea()->views()) {
                if (auto* t = qobject_cast<widgets::TableOutputView*>(v))
                    return t;
            }
            return nullptr;
        };
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto* t = table();
                return t &&
                       std::abs(t->table()->model()->index(1, 0).data(Qt::UserRole).toDouble() -
                                0.9907) < 5e-5;
            },
            3000));
        const qint64 elapsed = sinceEdit.elapsed();
        qInfo("dependent table updated %lld ms after the keystroke", elapsed);
        QVERIFY(test::settle(model));
        // The mask still holds; undo (the deletion, then the typing) goes back.
        QVERIFY2(test::outputsText(model, aCell).contains("weight_on_the_future = 0"),
                 qPrintable(test::outputsText(model, aCell)));
        QVERIFY(w.isWindowModified());
        w.controller()->undoStack()->undo();
        w.controller()->undoStack()->undo();
        QVERIFY(model->text(qCell).contains("tokens = [1 2 3 4 1 5];"));
        QVERIFY(!w.isWindowModified());
        w.files()->askToSave = [](const QString&) { return FileController::Answer::Discard; };
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
