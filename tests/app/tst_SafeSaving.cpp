// No lost work: a notebook changed on disk by another program is offered for reload and never
// silently overwritten; a save that cannot be written keeps the document unsaved; and a
// process killed in the middle of saving leaves the old file or the new one, never a mix.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "app/FileController.h"
#include "app/MainWindow.h"
#include "app/NotebookLoader.h"
#include "support/GuiTest.h"
#include "widgets/notebook/NotebookController.h"

using namespace lemma;
using app::FileController;

namespace {

void write(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

// A window whose questions are recorded and answered with `answer`.
struct Window {
    app::MainWindow w;
    FileController* files = w.files();
    QStringList questions;
    QStringList errors;
    bool answer = false;
    Window() {
        files->showError = [this](const QString& m) { errors << m; };
        files->askToSave = [](const QString&) { return FileController::Answer::Cancel; };
        files->askSavePath = [](const QString&) { return QString(); };
        files->confirm = [this](const QString& q) {
            questions << q;
            return answer;
        };
    }
    void modify() { w.controller()->insertCell(0, notebook::CellKind::Markdown, "Mine"); }
};

const QByteArray kOriginal = "# Original\n\n```lemma\nx = 1\n```\n";
const QByteArray kTheirs = "# Theirs\n\n```lemma\nx = 2\n```\n";

// A notebook of about `kilobytes` KiB whose every line says `tag`.
QByteArray bigNotebook(char tag, int kilobytes) {
    QByteArray out = "# Big\n\n";
    const QByteArray line = QByteArray("Line of prose ") + tag + QByteArray(50, tag) + "\n";
    while (out.size() < kilobytes * 1024)
        out += line;
    return out + "\n```lemma\nx = 1;\n```\n";
}

}  // namespace

class tst_SafeSaving : public QObject {
    Q_OBJECT

private slots:
    void init() { QSettings().clear(); }

    void unmodifiedReloadsWhenAsked() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nb.md"));
        write(path, kOriginal);
        Window win;
        QVERIFY(win.files->open(path));
        write(path, kTheirs);
        win.answer = true;
        win.files->checkDisk();
        QCOMPARE(win.questions.size(), 1);
        QVERIFY2(win.questions[0].contains(QStringLiteral("changed by another program. Reload")),
                 qPrintable(win.questions[0]));
        QVERIFY(test::cellWith(win.w.model(), "Theirs") >= 0);
        QVERIFY(!win.files->isModified());
        // Nothing changed since: no second question.
        win.files->checkDisk();
        QCOMPARE(win.questions.size(), 1);
    }

    void declinedReloadIsNotSilentlyOverwritten() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nb.md"));
        write(path, kOriginal);
        Window win;
        QVERIFY(win.files->open(path));
        win.modify();
        write(path, kTheirs);
        win.answer = false;
        win.files->checkDisk();
        QCOMPARE(win.questions.size(), 1);
        QVERIFY(win.questions[0].contains(QStringLiteral("has unsaved changes here")));
        QVERIFY(test::cellWith(win.w.model(), "Mine") >= 0);
        // Saving asks first; declining keeps both: their file, our unsaved window.
        QVERIFY(!win.files->save());
        QCOMPARE(win.questions.size(), 2);
        QVERIFY(win.questions[1].contains(QStringLiteral("Overwrite that change")));
        QCOMPARE(test::readAll(path), kTheirs);
        QVERIFY(win.files->isModified());
        // Saying yes writes this window's version.
        win.answer = true;
        QVERIFY(win.files->save());
        QVERIFY(test::readAll(path).contains("Mine"));
        QVERIFY(!win.files->isModified());
    }

    void watcherNoticesAChange() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nb.md"));
        write(path, kOriginal);
        Window win;
        QVERIFY(win.files->open(path));
        // Our own save is not a change by another program.
        win.modify();
        QVERIFY(win.files->save());
        QTest::qWait(600);
        QVERIFY(win.questions.isEmpty());
        // Another program's is, whether it rewrites the file or replaces it by renaming.
        const QString other = dir.filePath(QStringLiteral("other.md"));
        write(other, kTheirs);
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(other, path));
        QTRY_COMPARE_WITH_TIMEOUT(win.questions.size(), 1, 5000);
    }

    void unwritableTargetKeepsTheDocumentUnsaved() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nb.md"));
        write(path, kOriginal);
        Window win;
        QVERIFY(win.files->open(path));
        win.modify();
        QVERIFY(!win.files->saveAs(dir.filePath(QStringLiteral("no/such/folder/nb.md"))));
        QCOMPARE(win.errors.size(), 1);
        QVERIFY(win.errors[0].startsWith(QStringLiteral("Cannot write")));
        QVERIFY(win.files->isModified());
        QCOMPARE(test::readAll(path), kOriginal);
    }

    // The child: saves two large versions in turn, as fast as it can, until it is killed.
    void killedInTheMiddleOfSavingLeavesOneWholeVersion() {
        const QString child = qEnvironmentVariable("LEMMA_SAVE_CHILD");
        if (!child.isEmpty()) {
            Window win;
            win.answer = true;
            for (int i = 0;; ++i) {
                app::LoadedNotebook loaded;
                loaded.displayName = "nb.md";
                loaded.parsed =
                    notebook::parseNotebook(bigNotebook(i % 2 ? 'b' : 'a', 4096).toStdString());
                win.files->show(std::move(loaded));
                if (!win.files->saveAs(child))
                    qFatal("save failed");
            }
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nb.md"));
        const QByteArray a = bigNotebook('a', 4096);
        const QByteArray b = bigNotebook('b', 4096);
        write(path, a);
        int saw[2] = {0, 0};
        for (int round = 0; round < 12; ++round) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("LEMMA_SAVE_CHILD"), path);
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            p.setProcessEnvironment(env);
            p.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("killedInTheMiddleOfSavingLeavesOneWholeVersion")});
            QVERIFY(p.waitForStarted());
            QTest::qWait(400 + int(QRandomGenerator::global()->bounded(600)));
            p.kill();
            p.waitForFinished();
            const QByteArray now = test::readAll(path);
            QVERIFY2(now == a || now == b,
                     qPrintable(QStringLiteral("round %1: a mix of %2 bytes").arg(round).arg(now.size())));
            ++saw[now == b];
        }
        // Leftover temporary files of QSaveFile are the only other files it may leave.
        for (const QString& f : QDir(dir.path()).entryList(QDir::Files))
            QVERIFY2(f == QStringLiteral("nb.md") || f.startsWith(QStringLiteral("nb.md.")),
                     qPrintable(f));
        qInfo("whole versions seen: %d of a, %d of b", saw[0], saw[1]);
    }
};

QTEST_MAIN(tst_SafeSaving)
#include "tst_SafeSaving.moc"
