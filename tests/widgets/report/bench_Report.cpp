// Benchmark: exporting every example notebook as a PDF and as HTML — time per notebook and per
// page, the run of the notebook excluded (it is measured by `lemma run`'s benchmarks). The
// tour should export in well under 2 s on a 2-core machine. jupyter nbconvert, when Debian's
// jupyter-nbconvert is installed, is timed on nothing here: Lemma's notebooks are not .ipynb,
// so the comparison is left to the reader of the table.
#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QPdfWriter>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "engine/notebook/NotebookFormat.h"
#include "engine/notebook/Session.h"
#include "widgets/report/HtmlReport.h"
#include "widgets/report/PdfReport.h"

using namespace lemma;

class bench_Report : public QObject {
    Q_OBJECT

private slots:
    void exportEveryExample() {
        const QDir dir(QStringLiteral(LEMMA_SOURCE_DIR "/resources/notebooks"));
        std::printf("%-28s %6s %10s %12s %10s\n", "notebook", "pages", "PDF ms", "ms per page",
                    "HTML ms");
        for (const QString& name : dir.entryList({QStringLiteral("*.md")}, QDir::Files)) {
            const QString path = dir.filePath(name);
            notebook::Session session;
            session.setDataDir(dir.absolutePath().toStdString());
            session.load(notebook::readNotebookFile(path.toStdString()).notebook);
            session.runAllBlocking();
            widgets::ReportSource source{&session, name, QByteArray("bench"),
                                         dir.absolutePath().toStdString()};
            widgets::ReportOptions options;

            // Median of three exports of each kind.
            std::vector<double> pdfMs, htmlMs;
            int pages = 0;
            for (int round = 0; round < 3; ++round) {
                QBuffer pdf;
                pdf.open(QIODevice::WriteOnly);
                QElapsedTimer t;
                t.start();
                const QString problem = widgets::PdfReport::write(pdf, source, options);
                pdfMs.push_back(double(t.nsecsElapsed()) / 1e6);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
                pages = int(pdf.data().count("/Type /Page\n")) + int(pdf.data().count("/Type /Page\r"));
                if (pages == 0)
                    pages = int(pdf.data().count("/Type /Page")) - int(pdf.data().count("/Type /Pages"));
                QBuffer html;
                html.open(QIODevice::WriteOnly);
                t.restart();
                QVERIFY(widgets::HtmlReport::write(html, source, options).isEmpty());
                htmlMs.push_back(double(t.nsecsElapsed()) / 1e6);
            }
            std::sort(pdfMs.begin(), pdfMs.end());
            std::sort(htmlMs.begin(), htmlMs.end());
            std::printf("%-28s %6d %10.0f %12.1f %10.0f\n", qPrintable(name), pages, pdfMs[1],
                        pages ? pdfMs[1] / pages : 0.0, htmlMs[1]);
        }
    }
};

QTEST_MAIN(bench_Report)
#include "bench_Report.moc"
