// No lost work: Autosave keeps unsaved changes in a recovery file (and only while they are
// unsaved), a live window's file is never taken for an orphan, and after a real `lemma`
// process is killed with SIGKILL the next start offers its edits back and restores them.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTest>
#include <QUndoStack>

#include "app/Autosave.h"
#include "app/FileController.h"
#include "app/MainWindow.h"
#include "app/RecoveryStore.h"
#include "app/Startup.h"
#include "support/GuiTest.h"
#include "widgets/notebook/NotebookController.h"

using namespace lemma;
using app::RecoveryEntry;
using app::RecoveryStore;

namespace {

const QByteArray kNotebook = "# Crash test\n\n```lemma\nx = [1 2 3];\ntotal = sum(x)\n```\n";

// The recovery entries in the folder, whoever writes them (read without taking locks).
std::vector<RecoveryEntry> entriesOnDisk() {
    std::vector<RecoveryEntry> out;
    const QDir dir(RecoveryStore::defaultDir());
    for (const QString& name : dir.entryList({"*.json"}, QDir::Files)) {
        RecoveryEntry e;
        if (RecoveryStore::read(dir.filePath(name), &e))
            out.push_back(e);
    }
    return out;
}

app::StartupDialogs answering(bool restore, int* asked = nullptr) {
    app::StartupDialogs d;
    d.restore = [restore, asked](const RecoveryEntry&) {
        if (asked)
            ++*asked;
        return restore;
    };
    d.error = [](const QString& message) { QFAIL(qPrintable(message)); };
    return d;
}

}  // namespace

class tst_Recovery : public QObject {
    Q_OBJECT

private slots:
    void init() {
        QDir(RecoveryStore::defaultDir()).removeRecursively();
        QSettings().clear();  // preferences too: the child process reads them
    }

    void recoveryFolderIsUnderTheUsersData() {
        QVERIFY(RecoveryStore::defaultDir().startsWith(test::testHome().path() + "/data/"));
        QVERIFY(RecoveryStore::defaultDir().endsWith("/recovery"));
    }

    void entriesRoundTripExactBytes() {
        RecoveryStore store(test::testHome().path() + "/store");
        RecoveryEntry e;
        e.originalPath = "/somewhere/a.md";
        e.name = "a.md";
        e.written = QDateTime::currentDateTime();
        e.bytes = std::string("\xEF\xBB\xBF# BOM and CRLF\r\n\r\n```lemma\r\nx = 1\r\n```\r\n");
        QVERIFY(store.write("one", e));
        RecoveryEntry back;
        QVERIFY(RecoveryStore::read(store.entryFile("one"), &back));
        QCOMPARE(back.bytes, e.bytes);
        QCOMPARE(back.originalPath, e.originalPath);
        QCOMPARE(back.name, e.name);
        QCOMPARE(back.written.toMSecsSinceEpoch(), e.written.toMSecsSinceEpoch());
        // Nobody holds its lock: an orphan.
        QCOMPARE(store.orphans().size(), std::size_t(1));
        RecoveryStore::remove(back);
        QVERIFY(store.orphans().empty());
        QVERIFY(!RecoveryStore::read(store.entryFile("missing"), &back));
    }

    void autosaveKeepsOnlyUnsavedWork() {
        const QString file = test::writeFile("autosave.md", kNotebook);
        app::MainWindow w;
        QVERIFY(w.files()->open(file));
        QCOMPARE(w.autosave()->interval(), 30000);  // LEMMA_AUTOSAVE_MS is not set here
        QVERIFY(w.autosave()->isEnabled());
        const QString recovery = w.autosave()->recoveryFile();
        QVERIFY(!w.autosave()->saveNow());  // nothing unsaved
        QVERIFY(!QFile::exists(recovery));

        w.controller()->insertCell(0, notebook::CellKind::Markdown, "Unsaved words");
        QVERIFY(w.autosave()->saveNow());
        RecoveryEntry e;
        QVERIFY(RecoveryStore::read(recovery, &e));
        QCOMPARE(e.originalPath, file);
        QCOMPARE(e.name, QString("autosave.md"));
        QVERIFY(e.bytes.find("Unsaved words") != std::string::npos);
        QCOMPARE(e.bytes, w.model()->snapshot());
        QVERIFY(!w.autosave()->saveNow());  // unchanged since

        // A live window's file is not an orphan.
        QVERIFY(RecoveryStore().orphans().empty());

        // Saving removes it; so does going back to the saved state.
        QVERIFY(w.files()->save());
        QVERIFY(!QFile::exists(recovery));
        w.controller()->insertCell(0, notebook::CellKind::Markdown, "Again");
        QVERIFY(w.autosave()->saveNow());
        QVERIFY(QFile::exists(recovery));
        w.controller()->undoStack()->undo();
        QVERIFY(!QFile::exists(recovery));

        // Disabled, the timer stops.
        app::Preferences p = w.preferences();
        p.autosave = false;
        w.setPreferences(p);
        QVERIFY(!w.autosave()->isEnabled());
    }

    void closingNormallyLeavesNothing() {
        const QString file = test::writeFile("closing.md", kNotebook);
        auto* w = new app::MainWindow;
        QVERIFY(w->files()->open(file));
        w->controller()->insertCell(0, notebook::CellKind::Markdown, "Thrown away");
        QVERIFY(w->autosave()->saveNow());
        w->files()->askToSave = [](const QString&) { return app::FileController::Answer::Discard; };
        QVERIFY(w->close());
        QVERIFY(entriesOnDisk().empty());
        delete w;
        QVERIFY(RecoveryStore().orphans().empty());
    }

    // The real thing: a `lemma` process edits a notebook, autosaves, and is killed.
    void editsSurviveSigkill() {
        const QString file = test::writeFile("crash.md", kNotebook);
        const QString typed = "  % typed 424242";
        QProcess lemma;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("LEMMA_AUTOSAVE_MS", "200");
        env.insert("LEMMA_TEST_TYPE", typed);
        lemma.setProcessEnvironment(env);
        lemma.setProgram(LEMMA_BINARY);
        lemma.setArguments({file});
        lemma.start();
        QVERIFY(lemma.waitForStarted());

        // Wait for the autosave that holds the typed text.
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         for (const RecoveryEntry& e : entriesOnDisk()) {
                             if (QString::fromStdString(e.bytes).contains("424242"))
                                 return true;
                         }
                         return false;
                     },
                     30000),
                 qPrintable(QString::fromUtf8(lemma.readAllStandardError())));
        // While it lives, its file is not an orphan: the process holds the lock.
        QVERIFY(RecoveryStore().orphans().empty());

        lemma.kill();  // SIGKILL: no destructor, no close event, nothing cleaned up
        QVERIFY(lemma.waitForFinished(10000));
        QCOMPARE(lemma.exitStatus(), QProcess::CrashExit);
        QCOMPARE(test::readAll(file), kNotebook);  // the notebook file itself was never written

        const std::vector<RecoveryEntry> orphans = RecoveryStore().orphans();
        QCOMPARE(orphans.size(), std::size_t(1));
        QCOMPARE(orphans[0].originalPath, file);
        QCOMPARE(orphans[0].name, QString("crash.md"));

        // The next start offers it back and restores it.
        int asked = 0;
        const auto windows = app::openStartupWindows(file, answering(true, &asked));
        QCOMPARE(asked, 1);
        QCOMPARE(windows.size(), std::size_t(1));  // the file is the restored window
        app::MainWindow* w = windows.front();
        const int code = test::cellWith(w->model(), "total = sum(x)");
        QVERIFY(code);
        QVERIFY2(w->model()->text(code).endsWith("total = sum(x)" + typed),
                 qPrintable(w->model()->text(code)));
        QVERIFY(w->isWindowModified());
        QCOMPARE(w->windowTitle(), QString("crash.md[*] — Lemma"));
        QCOMPARE(w->files()->path(), file);
        // The old file is gone; the restored work is already in the new window's file.
        QVERIFY(!QFile::exists(orphans[0].file));
        QVERIFY(QFile::exists(w->autosave()->recoveryFile()));
        QVERIFY(test::settle(w->model()));
        QVERIFY(test::outputsText(w->model(), code).contains("total = 6"));

        // Saving writes the recovered edits to the file and clears the recovery.
        QVERIFY(w->files()->save());
        QVERIFY(test::readAll(file).contains("total = sum(x)" + typed.toUtf8() + "\n```"));
        QVERIFY(!w->isWindowModified());
        QVERIFY(!QFile::exists(w->autosave()->recoveryFile()));
        delete w;
    }

    void declinedRecoveryIsThrownAway() {
        RecoveryStore store;
        RecoveryEntry e;
        e.name = "tour.md";
        e.written = QDateTime::currentDateTime();
        e.bytes = "# Left behind\n";
        QVERIFY(store.write("dead-1", e));
        int asked = 0;
        const auto windows = app::openStartupWindows({}, answering(false, &asked));
        QCOMPARE(asked, 1);
        QCOMPARE(windows.size(), std::size_t(1));
        QCOMPARE(windows.front()->files()->displayName(), QString("tour.md"));
        QVERIFY(!windows.front()->isWindowModified());
        QVERIFY(!QFile::exists(store.entryFile("dead-1")));
        delete windows.front();
    }

    void severalRecoveriesOpenSeveralWindows() {
        RecoveryStore store;
        for (const char* name : {"one.md", "two.md"}) {
            RecoveryEntry e;
            e.name = name;
            e.written = QDateTime::currentDateTime();
            e.bytes = std::string("# ") + name + "\n";
            QVERIFY(store.write(QString("dead-") + name, e));
        }
        const auto windows = app::openStartupWindows({}, answering(true));
        QCOMPARE(windows.size(), std::size_t(2));
        QStringList names;
        for (app::MainWindow* w : windows) {
            names << w->files()->displayName();
            QVERIFY(w->isWindowModified());
        }
        names.sort();
        QCOMPARE(names, (QStringList{"one.md", "two.md"}));
        for (app::MainWindow* w : windows)
            delete w;
        QVERIFY(entriesOnDisk().empty());
    }
};

QTEST_MAIN(tst_Recovery)
#include "tst_Recovery.moc"
