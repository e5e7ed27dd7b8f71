// The formula sheet (tests/data/math/formula-sheet.md) and the example notebooks: every formula
// typesets without error, and a PDF of the sheet is pure vector with Latin Modern Math
// embedded. Set LEMMA_MATH_OUT to a folder to keep the PNG and PDF renderings for a look.
#include <QAbstractTextDocumentLayout>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <cmath>

#include "widgets/math/MathFont.h"
#include "widgets/math/MathFormula.h"
#include "widgets/notebook/MarkdownView.h"
#include "widgets/notebook/Theme.h"

using namespace lemma::widgets;
using math::MathFormula;

namespace {

struct Span {
    QString tex;
    bool display;
};

QList<Span> formulasOf(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList spans;
    QList<bool> display;
    MarkdownView::protectMath(QString::fromUtf8(file.readAll()), &spans, &display);
    QList<Span> out;
    for (qsizetype i = 0; i < spans.size(); ++i)
        out.append({spans[i], display[i]});
    return out;
}

QString sheetPath() {
    return QStringLiteral(LEMMA_TEST_DATA "/math/formula-sheet.md");
}

// Draws the display formulas one under another, `pointSize` points for `device`.
void drawSheet(QPainter& p, const QList<Span>& spans, const QPaintDevice* device, double left,
               double top, double pointSize) {
    double y = top;
    const double gap = pointSize * device->logicalDpiY() / 72.0 * 0.8;
    for (const Span& s : spans) {
        const MathFormula f = MathFormula::layout(
            s.tex, s.display ? MathFormula::Style::Display : MathFormula::Style::Text, pointSize,
            device);
        y += f.ascent();
        f.paint(&p, QPointF(left, y), Qt::black);
        y += f.descent() + gap;
    }
}

}  // namespace

class tst_MathSheet : public QObject {
    Q_OBJECT

private:
    QString outDir() {
        const QString env = qEnvironmentVariable("LEMMA_MATH_OUT");
        if (!env.isEmpty()) {
            QDir().mkpath(env);
            return env;
        }
        return m_temp.path();
    }
    QTemporaryDir m_temp;

private slots:
    void sheetHasFortyFormulas() {
        const QList<Span> spans = formulasOf(sheetPath());
        int display = 0;
        for (const Span& s : spans)
            display += s.display ? 1 : 0;
        QVERIFY2(display >= 40, qPrintable(QString::number(display)));
    }

    void everyFormulaTypesets_data() {
        QTest::addColumn<QString>("tex");
        QTest::addColumn<bool>("display");
        QStringList files{sheetPath()};
        const QDir examples(QStringLiteral(LEMMA_SOURCE_DIR "/resources/notebooks"));
        for (const QString& name : examples.entryList({QStringLiteral("*.md")}))
            files.append(examples.filePath(name));
        QVERIFY(files.size() > 1);
        for (const QString& file : files) {
            int i = 0;
            for (const Span& s : formulasOf(file))
                QTest::newRow(
                    qPrintable(QStringLiteral("%1 #%2").arg(QFileInfo(file).fileName()).arg(++i)))
                    << s.tex << s.display;
        }
    }
    void everyFormulaTypesets() {
        QFETCH(QString, tex);
        QFETCH(bool, display);
        const MathFormula f = MathFormula::layoutPixels(
            tex, display ? MathFormula::Style::Display : MathFormula::Style::Text, 16);
        QVERIFY2(
            f.ok(),
            qPrintable(QStringLiteral("%1: %2 at %3").arg(tex, f.error()).arg(f.errorPosition())));
        QVERIFY(f.width() > 0);
        QVERIFY(f.height() > 0);
    }

    void pngAtTwiceTheScreen() {
        const QList<Span> spans = formulasOf(sheetPath());
        QImage image(1800, 5200, QImage::Format_ARGB32_Premultiplied);
        image.setDotsPerMeterX(int(192 / 0.0254));
        image.setDotsPerMeterY(int(192 / 0.0254));
        image.fill(Qt::white);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        drawSheet(p, spans, &image, 40, 40, 12);
        p.end();
        QVERIFY(image.save(outDir() + QStringLiteral("/formula-sheet.png")));
    }

    // The sheet as a report would print it: the Markdown rendered into a QTextDocument with
    // math text objects, laid out for a 300-dpi PDF page.
    void textObjectPdfIsVector() {
        if (math::MathFont::forThread().family() != QLatin1String("Latin Modern Math"))
            QSKIP("Latin Modern Math is not installed (fonts-lmodern)");
        QFile file(sheetPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString path = outDir() + QStringLiteral("/formula-sheet-document.pdf");
        {
            QPdfWriter writer(path);
            writer.setResolution(300);
            writer.setPageSize(QPageSize(QPageSize::A4));
            QTextDocument doc;
            doc.documentLayout()->setPaintDevice(&writer);
            QFont font(QStringLiteral("Latin Modern Roman"));
            font.setPointSizeF(10);
            doc.setDefaultFont(font);
            MarkdownView::renderInto(&doc, QString::fromUtf8(file.readAll()), ThemeColors{},
                                     nullptr);
            const QRectF page = writer.pageLayout().paintRectPixels(writer.resolution());
            doc.setPageSize(page.size());
            QPainter p(&writer);
            const int pages = int(std::ceil(doc.size().height() / page.height()));
            QVERIFY(pages >= 2);
            for (int i = 0; i < pages; ++i) {
                if (i > 0)
                    writer.newPage();
                p.save();
                p.translate(0, -i * page.height());
                doc.drawContents(&p, QRectF(0, i * page.height(), page.width(), page.height()));
                p.restore();
            }
        }
        checkVector(path);
    }

    void pdfIsVectorWithTheMathFont() {
        if (math::MathFont::forThread().family() != QLatin1String("Latin Modern Math"))
            QSKIP("Latin Modern Math is not installed (fonts-lmodern)");
        const QString path = outDir() + QStringLiteral("/formula-sheet.pdf");
        {
            QPdfWriter writer(path);
            writer.setResolution(300);
            writer.setPageSize(QPageSize(QPageSize::A4));
            QPainter p(&writer);
            const QList<Span> spans = formulasOf(sheetPath());
            // Two pages' worth: the first half, a new page, the rest.
            const qsizetype half = spans.size() / 2;
            drawSheet(p, spans.mid(0, half), &writer, 150, 150, 10);
            writer.newPage();
            drawSheet(p, spans.mid(half), &writer, 150, 150, 10);
        }
        checkVector(path);
    }

private:
    void checkVector(const QString& path) {
        if (QStandardPaths::findExecutable(QStringLiteral("pdfimages")).isEmpty())
            QSKIP("poppler-utils is not installed");
        QProcess images;
        images.start(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path});
        QVERIFY(images.waitForFinished(30000));
        const QStringList lines =
            QString::fromUtf8(images.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);  // the header and its rule: no image
        QProcess fonts;
        fonts.start(QStringLiteral("pdffonts"), {path});
        QVERIFY(fonts.waitForFinished(30000));
        const QString list = QString::fromUtf8(fonts.readAllStandardOutput());
        QVERIFY2(list.contains(QStringLiteral("LatinModernMath")), qPrintable(list));
        QVERIFY2(list.contains(QStringLiteral(" yes ")), qPrintable(list));
    }
};

QTEST_MAIN(tst_MathSheet)
#include "tst_MathSheet.moc"
