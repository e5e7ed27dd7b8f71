// File → Export PDF… / HTML… in the window: the report shows what the window shows, an edit
// still being typed included, and a failed write keeps the old file and says why.
#include <QAction>
#include <QFile>
#include <QProcess>
#include <QProgressDialog>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTextDocument>

#include "app/FileController.h"
#include "app/MainWindow.h"
#include "app/NotebookLoader.h"
#include "app/ReportExporter.h"
#include "support/GuiTest.h"
#include "widgets/notebook/NotebookModel.h"

using namespace lemma;
using app::MainWindow;
using app::ReportExporter;

namespace {

void showText(MainWindow& w, const std::string& text, const std::string& name) {
    app::LoadedNotebook loaded;
    loaded.displayName = name;
    loaded.parsed = notebook::parseNotebook(text, name);
    w.files()->show(std::move(loaded));
}

QString pdfText(const QString& pdf) {
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

const std::string kNotebook =
    "# Report from the window\n\nSome prose.\n\n```lemma\nlr = 0.5\n```\n\n"
    "```lemma\nfigure(title=\"Decay\")\nplot((1:10) * lr)\n```\n";

}  // namespace

class tst_ReportExporter : public QObject {
    Q_OBJECT

private slots:
    void init() { QSettings().clear(); }

    void menuHasBothExports() {
        MainWindow w;
        QVERIFY(w.action("fileExportPdf"));
        QVERIFY(w.action("fileExportHtml"));
        QVERIFY(w.reports());
    }

    void suggestsANameBesideTheNotebook() {
        MainWindow w;
        showText(w, kNotebook, "decay.md");
        QCOMPARE(QFileInfo(w.reports()->suggestedPath(ReportExporter::Format::Pdf)).fileName(),
                 QStringLiteral("decay.pdf"));
        QCOMPARE(QFileInfo(w.reports()->suggestedPath(ReportExporter::Format::Html)).fileName(),
                 QStringLiteral("decay.html"));
    }

    void exportsWhatTheWindowShowsIncludingAPendingEdit() {
        QTemporaryDir dir;
        MainWindow w;
        showText(w, kNotebook, "decay.md");
        QVERIFY(test::settle(w.model()));
        // Type a new value and export before the debounce has sent it to the session.
        const int cell = test::cellWith(w.model(), "lr = 0.5");
        QTextDocument* doc = w.model()->document(cell);
        QTextCursor c(doc);
        c.select(QTextCursor::Document);
        c.insertText(QStringLiteral("lr = 0.25"));
        const QString pdf = dir.filePath(QStringLiteral("decay.pdf"));
        QVERIFY(w.reports()->exportTo(pdf, ReportExporter::Format::Pdf, false));
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("lr = 0.25")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("lr = 0.5")));
        QVERIFY(text.contains(QStringLiteral("Report from the window")));
        QVERIFY(text.contains(QStringLiteral("Decay")));
        QVERIFY(text.contains(QStringLiteral("decay.md")));  // the stamp names the notebook

        const QString html = dir.filePath(QStringLiteral("decay.html"));
        QVERIFY(w.reports()->exportTo(html, ReportExporter::Format::Html, false));
        const QByteArray page = test::readAll(html);
        QVERIFY(page.contains("<svg"));
        QVERIFY(page.contains("lr = 0.25"));
    }

    void aFailedWriteSaysWhyAndKeepsTheOldFile() {
        QTemporaryDir dir;
        MainWindow w;
        showText(w, kNotebook, "decay.md");
        QVERIFY(test::settle(w.model()));
        QString shown;
        w.reports()->showError = [&](const QString& m) { shown = m; };
        QVERIFY(!w.reports()->exportTo(dir.filePath(QStringLiteral("missing/x.pdf")),
                                       ReportExporter::Format::Pdf, false));
        QVERIFY2(shown.contains(QStringLiteral("Could not export x.pdf")), qPrintable(shown));
    }

    void progressRunsToTheEndAndCancelKeepsTheOldFile() {
        QTemporaryDir dir;
        MainWindow w;
        showText(w, kNotebook, "decay.md");
        QVERIFY(test::settle(w.model()));
        // The dialog is told every step and ends full.
        int steps = 0;
        int last = -1;
        int maximum = 0;
        w.reports()->onProgress = [&](QProgressDialog& p) {
            ++steps;
            last = p.value();
            maximum = p.maximum();
        };
        const QString pdf = dir.filePath(QStringLiteral("decay.pdf"));
        QVERIFY(w.reports()->exportTo(pdf, ReportExporter::Format::Pdf, false));
        QVERIFY(steps >= 3);
        QCOMPARE(last, maximum);

        // Cancel midway: no error, the old file is untouched, the window says so.
        QFile old(pdf);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old report");
        old.close();
        QString shown;
        QString said;
        w.reports()->showError = [&](const QString& m) { shown = m; };
        connect(w.reports(), &ReportExporter::message, this, [&](const QString& m) { said = m; });
        for (const auto format : {ReportExporter::Format::Pdf, ReportExporter::Format::Html}) {
            w.reports()->onProgress = [](QProgressDialog& p) {
                if (p.value() > 0)
                    p.cancel();
            };
            const QString path = format == ReportExporter::Format::Pdf
                                     ? pdf
                                     : dir.filePath(QStringLiteral("d.html"));
            QVERIFY(!w.reports()->exportTo(path, format, false));
            QCOMPARE(said, QStringLiteral("Export cancelled"));
            QVERIFY(shown.isEmpty());
        }
        QCOMPARE(test::readAll(pdf), QByteArray("old report"));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("d.html"))));
    }
};

QTEST_MAIN(tst_ReportExporter)
#include "tst_ReportExporter.moc"
