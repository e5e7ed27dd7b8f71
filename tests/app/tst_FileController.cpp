// The window's file commands: New, Open, Open Recent, Save (atomic), Save As, Revert, and the
// question before unsaved work goes; and every example notebook opened, run and saved again
// byte for byte.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTextCursor>
#include <QTextDocument>
#include <QUndoStack>

#include "app/FileController.h"
#include "app/MainWindow.h"
#include "app/NotebookLoader.h"
#include "support/GuiTest.h"
#include "widgets/notebook/NotebookController.h"

using namespace lemma;
using app::FileController;

namespace {

// A window whose file dialogs and questions are answered by the test; any unexpected
// question fails it.
struct Window {
    app::MainWindow w;
    FileController* files = w.files();
    QStringList errors;
    Window() {
        files->showError = [this](const QString& m) { errors << m; };
        files->askToSave = [](const QString& name) {
            // Fails the running test function (QFAIL cannot return from a lambda).
            QTest::qFail(qPrintable("unexpected question about " + name), __FILE__, __LINE__);
            return FileController::Answer::Cancel;
        };
        files->askSavePath = [](const QString&) { return QString(); };
        files->askOpenPath = [] { return QString(); };
        files->confirm = [](const QString&) { return false; };
    }
    void modify() { w.controller()->insertCell(0, notebook::CellKind::Markdown, "Changed"); }
};

}  // namespace

class tst_FileController : public QObject {
    Q_OBJECT

private slots:
    void init() { QSettings().clear(); }

    void newNotebookIsOneEmptyCodeCell() {
        Window win;
        QVERIFY(win.files->newNotebook());
        QCOMPARE(win.files->displayName(), QString("Untitled.md"));
        QVERIFY(win.files->path().isEmpty());
        QCOMPARE(win.w.model()->count(), 1);
        QVERIFY(win.w.model()->isCode(win.w.model()->keyAt(0)));
        QVERIFY(!win.files->isModified());
    }

    void openShowsTheFileAndRemembersIt() {
        Window win;
        const QString file = test::writeFile("open.md", "# Open\n\n```lemma\na = 1 + 1\n```\n");
        QSignalSpy title(win.files, &FileController::titleChanged);
        QVERIFY(win.files->open(file));
        QCOMPARE(win.files->path(), file);
        QCOMPARE(win.files->displayName(), QString("open.md"));
        QVERIFY(title.count() > 0);
        QCOMPARE(win.files->recentFiles(), QStringList{file});
        QVERIFY(test::settle(win.w.model()));
        QVERIFY(test::outputsText(win.w.model(), test::cellWith(win.w.model(), "a = 1"))
                    .contains("a = 2"));

        // A file that cannot be read: an error, and the window keeps what it had.
        QVERIFY(!win.files->open(test::testHome().path() + "/nope.md"));
        QCOMPARE(win.errors.size(), 1);
        QVERIFY2(win.errors[0].contains("nope.md"), qPrintable(win.errors[0]));
        QCOMPARE(win.files->path(), file);

        // The dialog's answer, or nothing when it is cancelled.
        QVERIFY(!win.files->openWithDialog());
        win.files->askOpenPath = [file] { return file; };
        QVERIFY(win.files->openWithDialog());
    }

    void recentFilesAreNewestFirstWithoutDuplicates() {
        Window win;
        QStringList files;
        for (int i = 0; i < 12; ++i)
            files << test::writeFile(QString("recent%1.md").arg(i), "# R\n");
        for (const QString& f : files)
            QVERIFY(win.files->open(f));
        QVERIFY(win.files->open(files[5]));
        const QStringList recent = win.files->recentFiles();
        QCOMPARE(recent.size(), 10);
        QCOMPARE(recent[0], files[5]);
        QCOMPARE(recent[1], files[11]);
        QCOMPARE(recent.count(files[5]), 1);
        QVERIFY(!recent.contains(files[0]));
        // The window's menu follows.
        QCOMPARE(win.w.recentMenu()->actions().first()->data().toString(), files[5]);
        win.files->clearRecentFiles();
        QVERIFY(win.files->recentFiles().isEmpty());
        QCOMPARE(win.w.recentMenu()->actions().size(), 1);  // "Clear Recent Files", disabled
        QVERIFY(!win.w.recentMenu()->actions().first()->isEnabled());
    }

    void saveWritesAtomicallyAndClearsTheMark() {
        Window win;
        const QString file = test::writeFile("save.md", "# Save\n\n```lemma\nb = 2\n```\n");
        QVERIFY(win.files->open(file));
        win.modify();
        QVERIFY(win.files->isModified());
        QSignalSpy saved(win.files, &FileController::saved);
        QVERIFY(win.files->save());
        QCOMPARE(saved.count(), 1);
        QVERIFY(!win.files->isModified());
        QCOMPARE(test::readAll(file), QByteArray("Changed\n\n# Save\n\n```lemma\nb = 2\n```\n"));
        // QSaveFile leaves no temporary file behind.
        QCOMPARE(QDir(test::testHome().path()).entryList({"save.md*"}, QDir::Files),
                 QStringList{"save.md"});
    }

    void saveAsAsksForAPathAndMovesTheNotebookThere() {
        Window win;
        win.w.openTour();
        QVERIFY(!win.files->save());  // no path, and the dialog is cancelled
        const QString target = test::testHome().path() + "/tour-copy.md";
        win.files->askSavePath = [target](const QString& suggested) {
            return suggested == "tour.md" ? target : QString();
        };
        QVERIFY(win.files->save());
        QCOMPARE(win.files->path(), target);
        QCOMPARE(win.files->displayName(), QString("tour-copy.md"));
        QCOMPARE(win.w.windowTitle(), QString("tour-copy.md[*] — Lemma"));
        QCOMPARE(std::string(test::readAll(target).constData()), app::tourNotebookBytes());
        // Save As with a path given.
        const QString other = test::testHome().path() + "/other.md";
        QVERIFY(win.files->saveAs(other));
        QCOMPARE(win.files->path(), other);
        QCOMPARE(win.files->recentFiles().first(), other);
    }

    void saveFailureIsReportedAndKeepsTheChanges() {
        Window win;
        const QString file = test::writeFile("readonly.md", "# R\n");
        QVERIFY(win.files->open(file));
        win.modify();
        QVERIFY(!win.files->saveAs(test::testHome().path() + "/no/such/folder/x.md"));
        QCOMPARE(win.errors.size(), 1);
        QVERIFY(win.files->isModified());
        QCOMPARE(win.files->path(), file);
    }

    void revertAsksAndReloads() {
        Window win;
        const QString file = test::writeFile("revert.md", "# Revert\n");
        QVERIFY(win.files->open(file));
        QVERIFY(!win.files->revert());  // nothing to revert
        win.modify();
        QVERIFY(!win.files->revert());  // the question is answered no
        QVERIFY(win.files->isModified());
        win.files->confirm = [](const QString& q) { return q.contains("revert.md"); };
        QVERIFY(win.files->revert());
        QVERIFY(!win.files->isModified());
        QCOMPARE(win.w.model()->count(), 1);
        QCOMPARE(win.w.model()->text(win.w.model()->keyAt(0)), QString("# Revert"));
    }

    void unsavedChangesAreAskedAbout() {
        Window win;
        const QString a = test::writeFile("a.md", "# A\n");
        const QString b = test::writeFile("b.md", "# B\n");
        QVERIFY(win.files->open(a));
        win.modify();
        QStringList asked;
        FileController::Answer answer = FileController::Answer::Cancel;
        win.files->askToSave = [&](const QString& name) {
            asked << name;
            return answer;
        };
        QVERIFY(!win.files->open(b));  // cancelled
        QCOMPARE(win.files->path(), a);
        QVERIFY(!win.files->newNotebook());
        QVERIFY(!win.files->openExample("tour.md"));
        answer = FileController::Answer::Discard;
        QVERIFY(win.files->open(b));
        QCOMPARE(test::readAll(a), QByteArray("# A\n"));
        win.modify();
        answer = FileController::Answer::Save;
        QVERIFY(win.files->open(a));
        QCOMPARE(test::readAll(b), QByteArray("Changed\n\n# B\n"));
        QCOMPARE(asked, (QStringList{"a.md", "a.md", "a.md", "a.md", "b.md"}));
    }

    // Every example: opened from a file, run to the end, saved again — not one byte changes,
    // also after typing in a cell and undoing it.
    void examplesSurviveOpenRunSave_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : QDir(LEMMA_SOURCE_DIR "/resources/notebooks")
                                       .entryList({"*.md"}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(name)) << name;
    }

    void examplesSurviveOpenRunSave() {
        QFETCH(QString, name);
        const QByteArray original = test::readAll(LEMMA_SOURCE_DIR "/resources/notebooks/" + name);
        QVERIFY(!original.isEmpty());
        const QString file = test::writeFile("roundtrip-" + name, original);
        Window win;
        QVERIFY(win.files->open(file));
        QVERIFY(test::settle(win.w.model(), 120000));
        QVERIFY(win.files->save());
        QCOMPARE(test::readAll(file), original);

        // Type into the last code cell, run it, undo, save.
        widgets::NotebookModel* model = win.w.model();
        int code = 0;
        for (int i = 0; i < model->count(); ++i) {
            if (model->isCode(model->keyAt(i)))
                code = model->keyAt(i);
        }
        QVERIFY(code);
        QTextCursor c(model->document(code));
        c.movePosition(QTextCursor::End);
        c.insertText("\nextra_name = 1");
        model->run(code);
        QVERIFY(test::settle(model, 120000));
        QVERIFY(win.files->isModified());
        while (win.w.controller()->undoStack()->canUndo())
            win.w.controller()->undoStack()->undo();
        QVERIFY(!win.files->isModified());
        QVERIFY(win.files->saveAs(file));
        QCOMPARE(test::readAll(file), original);
        QVERIFY(test::settle(model, 120000));
    }
};

QTEST_MAIN(tst_FileController)
#include "tst_FileController.moc"
