// Hostile and broken inputs, as people open notebooks that others wrote: every file of
// tests/data/bad (listed with its expected exit code and message in expected.tsv) and a few
// too large to commit, made here, through `lemma run`, `lemma run --json` and the window's
// open path. No crash, no hang, the expected exit code and a message that names the problem,
// and the input file unchanged.
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "app/FileController.h"
#include "app/MainWindow.h"
#include "support/GuiTest.h"
#include "widgets/notebook/NotebookModel.h"

using namespace lemma;

namespace {

struct Run {
    int exitCode = -1;
    bool finished = false;
    QString out;
    QString err;
};

Run runLemma(const QStringList& args, int timeoutMs = 120000) {
    QProcess p;
    p.start(QStringLiteral(LEMMA_BINARY), args);
    Run r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;  // -2: crashed
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QByteArray digest(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}

QString bad(const QString& name) {
    return QStringLiteral(LEMMA_TEST_DATA "/bad/") + name;
}

struct Expected {
    QString file;
    int exitCode;
    QString message;
};

std::vector<Expected> manifest() {
    std::vector<Expected> out;
    QFile f(bad(QStringLiteral("expected.tsv")));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read tests/data/bad/expected.tsv");
    for (const QString& line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList parts = line.split(QLatin1Char('\t'));
        if (parts.size() != 3)
            qFatal("expected.tsv: bad line: %s", qPrintable(line));
        out.push_back({parts[0], parts[1].toInt(), parts[2]});
    }
    return out;
}

}  // namespace

class tst_BadInputs : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(manifest().size() >= 40);
        // Every notebook of the folder is listed (data files are what they load).
        const QStringList notebooks =
            QDir(bad(QString())).entryList({QStringLiteral("*.md")}, QDir::Files);
        QStringList listed;
        for (const auto& e : manifest())
            listed << e.file;
        for (const QString& n : notebooks)
            QVERIFY2(listed.contains(n), qPrintable(n + " is not in expected.tsv"));
    }

    void run_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        for (const auto& e : manifest())
            QTest::newRow(qPrintable(e.file)) << e.file << e.exitCode << e.message;
    }

    void run() {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString path = bad(file);
        const QByteArray before = digest(path);
        const Run text = runLemma({QStringLiteral("run"), path});
        QVERIFY2(text.finished, "lemma run did not finish");
        QCOMPARE(text.exitCode, exitCode);
        QVERIFY2((text.out + text.err).contains(message), qPrintable(text.out + text.err));
        const Run json = runLemma({QStringLiteral("run"), path, QStringLiteral("--json")});
        QVERIFY2(json.finished, "lemma run --json did not finish");
        QCOMPARE(json.exitCode, exitCode);
        if (exitCode != 2) {
            QJsonParseError error;
            QJsonDocument::fromJson(json.out.toUtf8(), &error);
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        }
        QCOMPARE(digest(path), before);
    }

    void windowOpens_data() { run_data(); }

    void windowOpens() {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QSettings().clear();
        const QString path = bad(file);
        const QByteArray before = digest(path);
        app::MainWindow w;
        QString shown;
        w.files()->showError = [&](const QString& m) { shown = m; };
        w.files()->confirm = [](const QString&) { return false; };
        const bool opened = w.files()->open(path);
        // An unreadable file is refused with a message; anything else opens and runs.
        QCOMPARE(opened, exitCode != 2);
        if (!opened)
            QVERIFY(!shown.isEmpty());
        else
            QVERIFY(test::settle(w.model(), 60000));
        QVERIFY(!w.isWindowModified());
        QCOMPARE(digest(path), before);
    }

    // Inputs too large to commit, made for the run.
    void generated_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QByteArray prose = "# Long line\n\n";
        prose += QByteArray("word ").repeated(10'000'000);  // one 50 MB line
        prose += "\n\n```lemma\nx = 1\n```\n";
        QTest::newRow("50 MB line") << prose << 0 << "x = 1";
        QByteArray sum = "```lemma\nx = 1";
        sum += QByteArray(" + 1").repeated(1'250'000);
        sum += "\n```\n";
        QTest::newRow("1.25 million term sum")
            << sum << 1 << "expression too long: more than 1000 operators in a row";
        QByteArray nested = "```lemma\nx = ";
        nested += QByteArray("(").repeated(100'000) + "1" + QByteArray(")").repeated(100'000);
        nested += "\n```\n";
        QTest::newRow("100,000 nested brackets") << nested << 1 << "expression nested too deeply";
        QByteArray literal = "```lemma\nA = [";
        for (int i = 0; i < 1000; ++i)
            literal += QByteArray("1 2 3 4 5 6 7 8 9 10 ").repeated(100) + ";\n";
        literal += "];\nn = numel(A)\n```\n";
        QTest::newRow("million-entry literal") << literal << 0 << "n = 1000000";
        QTest::newRow("a million outputs")
            << QByteArray("```lemma\nfor i = 1:1e6\n  disp(i)\nend\n```\n") << 0 << "999999";
    }

    void generated() {
        QFETCH(QByteArray, bytes);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("generated.md"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        const Run r = runLemma({QStringLiteral("run"), path});
        QVERIFY2(r.finished, "lemma run did not finish");
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2((r.out.right(2000) + r.err).contains(message) || r.out.contains(message),
                 qPrintable(r.out.left(500) + r.err));
        QCOMPARE(digest(path), QCryptographicHash::hash(bytes, QCryptographicHash::Sha256));
    }

    // A symbolic link that leads out of the notebook's folder is refused like "..".
    void symlinkOutOfTheFolder() {
        QTemporaryDir outside;
        QTemporaryDir dir;
        QFile secret(outside.filePath(QStringLiteral("secret.csv")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("1,2\n3,4\n");
        secret.close();
        QVERIFY(QFile::link(secret.fileName(), dir.filePath(QStringLiteral("link.csv"))));
        QFile nb(dir.filePath(QStringLiteral("nb.md")));
        QVERIFY(nb.open(QIODevice::WriteOnly));
        nb.write("```lemma\nx = load(\"link.csv\")\n```\n");
        nb.close();
        const Run r = runLemma({QStringLiteral("run"), nb.fileName()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("outside the notebook's folder")), qPrintable(r.out));
    }
};

QTEST_MAIN(tst_BadInputs)
#include "tst_BadInputs.moc"
