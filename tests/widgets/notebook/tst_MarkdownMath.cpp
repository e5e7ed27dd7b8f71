// Math in Markdown cells: inline formulas on the text's baseline, display equations numbered
// across the notebook with numbers that follow cell moves, \eqref in prose, escaped dollars and
// code spans left alone, copying formulas as TeX, and the rendered notebook in both themes
// (set LEMMA_MATH_OUT to a folder to keep the screenshots).
#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QPainter>
#include <QPdfWriter>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTextObjectInterface>
#include <memory>

#include "app/Appearance.h"
#include "support/NotebookFixture.h"
#include "widgets/math/MathTextObject.h"
#include "widgets/notebook/MarkdownView.h"

using namespace lemma;
using widgets::MarkdownView;

namespace {

// The lowest row holding a pixel close to `color` between columns x0 and x1, or -1.
int lowestRow(const QImage& image, QColor color, int x0, int x1) {
    for (int y = image.height() - 1; y >= 0; --y)
        for (int x = std::max(0, x0); x < std::min(image.width(), x1); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (qAbs(c.red() - color.red()) < 60 && qAbs(c.green() - color.green()) < 60 &&
                qAbs(c.blue() - color.blue()) < 60 && c != QColor(Qt::white))
                return y;
        }
    return -1;
}

// The columns holding pixels of `color`, as [first, last].
QPair<int, int> columns(const QImage& image, QColor color) {
    int first = -1, last = -1;
    for (int x = 0; x < image.width(); ++x)
        for (int y = 0; y < image.height(); ++y) {
            const QColor c = image.pixelColor(x, y);
            if (qAbs(c.red() - color.red()) < 60 && qAbs(c.green() - color.green()) < 60 &&
                qAbs(c.blue() - color.blue()) < 60 && c != QColor(Qt::white)) {
                if (first < 0)
                    first = x;
                last = x;
                break;
            }
        }
    return {first, last};
}

QImage renderMarkdown(const QString& markdown, const QColor& mathColor) {
    QTextDocument doc;
    QFont font(QStringLiteral("DejaVu Serif"));
    font.setPixelSize(40);
    doc.setDefaultFont(font);
    widgets::ThemeColors colors;
    colors.text = mathColor;
    MarkdownView::renderInto(&doc, markdown, colors, nullptr);
    doc.setTextWidth(2000);
    QImage image(2000, int(doc.size().height()) + 10, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, Qt::black);
    doc.documentLayout()->draw(&p, context);
    return image;
}

int objectCount(QTextDocument* doc) {
    int n = 0;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().objectType() == widgets::math::MathTextObject::Type)
                n += int(it.fragment().length());
    return n;
}

QString numberOfFirstDisplay(QTextDocument* doc) {
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (f.objectType() == widgets::math::MathTextObject::Type &&
                f.boolProperty(widgets::math::MathTextObject::Display))
                return f.stringProperty(widgets::math::MathTextObject::Number);
        }
    return QString();
}

// Stands in for the math handler of a document: forwards to it and keeps the rectangles the
// layout gives the formulas to draw in.
class RecordingHandler : public QObject, public QTextObjectInterface {
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    explicit RecordingHandler(QTextDocument* doc)
        : QObject(doc),
          m_real(doc->documentLayout()->handlerForObject(widgets::math::MathTextObject::Type)) {
        doc->documentLayout()->registerHandler(widgets::math::MathTextObject::Type, this);
    }
    QSizeF intrinsicSize(QTextDocument* doc, int pos, const QTextFormat& format) override {
        return m_real->intrinsicSize(doc, pos, format);
    }
    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument* doc, int pos,
                    const QTextFormat& format) override {
        rects.append(painter->transform().mapRect(rect));
        m_real->drawObject(painter, rect, doc, pos, format);
    }
    QList<QRectF> rects;

private:
    QTextObjectInterface* m_real;
};

// The format of the first formula in `doc`.
QTextCharFormat firstFormula(QTextDocument* doc) {
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().objectType() == widgets::math::MathTextObject::Type)
                return it.fragment().charFormat();
    return QTextCharFormat();
}

// How deep a formula is for its line: deeper than the text's descent, within it or about as
// deep as the slack below it.
enum Depth { Deep, Shallow, Between };

}  // namespace

class tst_MarkdownMath : public QObject {
    Q_OBJECT

private slots:
    void inlineMathSitsOnTheBaseline_data() {
        QTest::addColumn<QString>("markdown");
        QTest::newRow("plain") << "x $x$ x";
        QTest::newRow("with a subscript") << "x $x_i + x$ x";
        // A formula deeper than the text's descent: the line grows, the baseline holds.
        QTest::newRow("deep") << "x $\\dfrac{1}{\\dfrac{2}{3}} x$ x";
    }
    void inlineMathSitsOnTheBaseline() {
        QFETCH(QString, markdown);
        const QImage image = renderMarkdown(markdown, Qt::red);
        // The first text x is black, the last math symbol before the closing text x is red
        // (for "deep", the red x after the fraction); both have no descender.
        const auto red = columns(image, Qt::red);
        QVERIFY(red.first > 0);
        const int textBottom = lowestRow(image, Qt::black, 0, red.first - 2);
        int mathBottom = -1;
        // The rightmost red glyph: scan back from the red's right edge over ~one glyph.
        mathBottom = lowestRow(image, Qt::red, red.second - 18, red.second + 1);
        QVERIFY(textBottom > 0 && mathBottom > 0);
        QVERIFY2(qAbs(textBottom - mathBottom) <= 1,
                 qPrintable(QString("text %1, math %2").arg(textBottom).arg(mathBottom)));
    }

    // A paragraph of three lines, the middle one holding a formula, laid out for the screen, a
    // 300 dpi image and a 1200 dpi PDF: the plain lines keep the font's line spacing, the
    // formula's line grows by what it needs above the text's ascent plus what it needs below
    // the text's descent (as TeX does) and no more, subscripts open nothing, and the formula is
    // drawn with its baseline on the text's.
    void inlineMathOpensItsLineOnlyAsNeeded_data() {
        QTest::addColumn<QString>("tex");
        QTest::addColumn<int>("depth");  // Deep, Shallow or Between (see below)
        QTest::addColumn<int>("dpi");    // 0: the screen
        QTest::addColumn<bool>("pdf");
        const QList<QPair<QString, int>> formulas = {{"\\frac{1}{\\sqrt{d_k}}", Deep},
                                                     {"\\frac{1}{d}", Deep},
                                                     {"\\sum_{i=1}^n", Deep},
                                                     {"\\frac{a}{b}", Deep},
                                                     {"x_i", Shallow},
                                                     {"x^2", Shallow},
                                                     {"p_t", Shallow},
                                                     {"e^{-x}", Shallow},
                                                     {"\\sqrt{d_k}", Between},
                                                     {"W_{ij}^{(l)}", Between}};
        for (const auto& [tex, depth] : formulas) {
            QTest::addRow("%s screen", qPrintable(tex)) << tex << depth << 0 << false;
            QTest::addRow("%s 300 dpi", qPrintable(tex)) << tex << depth << 300 << false;
            QTest::addRow("%s PDF", qPrintable(tex)) << tex << depth << 1200 << true;
        }
    }
    void inlineMathOpensItsLineOnlyAsNeeded() {
        QFETCH(QString, tex);
        QFETCH(int, depth);
        QFETCH(int, dpi);
        QFETCH(bool, pdf);
        QBuffer pdfData;
        pdfData.open(QIODevice::WriteOnly);
        std::unique_ptr<QPdfWriter> writer;
        QImage image(10, 10, QImage::Format_ARGB32);
        QPaintDevice* device = nullptr;
        if (pdf) {
            writer = std::make_unique<QPdfWriter>(&pdfData);
            writer->setResolution(dpi);
            device = writer.get();
        } else if (dpi > 0) {
            image.setDotsPerMeterX(int(std::lround(dpi / 0.0254)));
            image.setDotsPerMeterY(int(std::lround(dpi / 0.0254)));
            device = &image;
        }
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPointSizeF(11);
        auto layOut = [&](QTextDocument& doc, const QString& markdown) {
            if (device)
                doc.documentLayout()->setPaintDevice(device);
            doc.setDefaultFont(font);
            MarkdownView::renderInto(&doc, markdown, {}, nullptr);
            doc.setTextWidth(device ? device->logicalDpiX() * 8 : 800);
            doc.documentLayout()->documentSize();
        };
        QTextDocument plain, doc;
        // Three lines of one paragraph (Qt makes a Markdown hard break a new block).
        const QString lines3 = QStringLiteral("first line of words%1%2%1third line of words")
                                   .arg(QChar(QChar::LineSeparator));
        layOut(plain, lines3.arg(QStringLiteral("the words go on here")));
        layOut(doc, lines3.arg("the scale $" + tex + "$ here"));
        QCOMPARE(doc.blockCount(), 1);
        const QTextLayout* lines = doc.begin().layout();
        const QTextLayout* plainLines = plain.begin().layout();
        QCOMPARE(lines->lineCount(), 3);
        QCOMPARE(plainLines->lineCount(), 3);
        const double advance = plainLines->lineAt(1).y() - plainLines->lineAt(0).y();
        // The plain lines keep the font's line spacing.
        QCOMPARE(lines->lineAt(1).y() - lines->lineAt(0).y(), advance);
        QCOMPARE(lines->lineAt(2).height(), plainLines->lineAt(2).height());
        // The formula's line grows by what the formula needs, within the layout's rounding up.
        const QTextLine text = plainLines->lineAt(1);
        const auto [ascent, descent] =
            widgets::math::MathTextObject::extent(&doc, firstFormula(&doc));
        QVERIFY(ascent > 0);
        const double need =
            std::max(0.0, ascent - text.ascent()) + std::max(0.0, descent - text.descent());
        const double grown = lines->lineAt(2).y() - lines->lineAt(1).y() - advance;
        const QString numbers = QString("ascent %1 depth %2, text %3 %4: need %5, grown %6")
                                    .arg(ascent)
                                    .arg(descent)
                                    .arg(text.ascent())
                                    .arg(text.descent())
                                    .arg(need)
                                    .arg(grown);
        QVERIFY2(grown <= need + 1, qPrintable(numbers));
        if (depth == Deep)
            QVERIFY2(grown >= need - 1, qPrintable(numbers));
        if (depth == Shallow)
            QVERIFY2(grown < 1, qPrintable(numbers));
        // Drawn with its baseline on the text's.
        auto* recorder = new RecordingHandler(&doc);
        QPainter painter;
        QImage canvas;
        if (pdf) {
            QVERIFY(painter.begin(writer.get()));
        } else {
            canvas = QImage(int(doc.size().width()) + 1, int(doc.size().height()) + 1,
                            QImage::Format_ARGB32);
            if (device) {
                canvas.setDotsPerMeterX(image.dotsPerMeterX());
                canvas.setDotsPerMeterY(image.dotsPerMeterY());
            }
            canvas.fill(Qt::white);
            QVERIFY(painter.begin(&canvas));
        }
        doc.documentLayout()->draw(&painter, QAbstractTextDocumentLayout::PaintContext());
        painter.end();
        QCOMPARE(recorder->rects.size(), 1);
        const QTextLine line = lines->lineAt(1);
        const double top = doc.documentLayout()->blockBoundingRect(doc.begin()).top() + line.y();
        const QRectF drawn = recorder->rects.first();
        QVERIFY2(
            qAbs(drawn.bottom() - (top + line.ascent())) < 0.05,
            qPrintable(
                QString("drawn at %1, baseline %2").arg(drawn.bottom()).arg(top + line.ascent())));
        // Its box stays within its line (a shallow formula may poke a little into the empty
        // top of its own ascent or hang into the next line's).
        const double lineAdvance = lines->lineAt(2).y() - line.y();
        QVERIFY2(drawn.bottom() - ascent >= top - 0.5 - (depth == Deep ? 0 : 0.08 * advance),
                 qPrintable(numbers));
        QVERIFY2(drawn.bottom() + descent <=
                     top + lineAdvance + 0.5 + (depth == Deep ? 0 : 0.15 * advance + 1),
                 qPrintable(numbers));
    }

    // A display formula in the same paragraph as the text before it takes its own line, and
    // that text's line keeps its height (Qt would count the formula in it).
    void textBeforeADisplayKeepsItsHeight() {
        QTextDocument plain, doc;
        for (QTextDocument* d : {&plain, &doc}) {
            QFont font(QStringLiteral("DejaVu Sans"));
            font.setPixelSize(14);
            d->setDefaultFont(font);
            d->setTextWidth(600);
        }
        MarkdownView::renderInto(&plain, "the path through the variance,", {}, nullptr);
        MarkdownView::renderInto(&doc,
                                 "the path through the variance,\n$$\\frac{\\partial L}{\\partial "
                                 "x_i} = \\frac{1}{\\sqrt{\\sigma^2 + \\epsilon}}$$",
                                 {}, nullptr);
        QCOMPARE(doc.blockCount(), 1);
        const QTextLayout* lines = doc.begin().layout();
        QCOMPARE(lines->lineCount(), 2);
        QCOMPARE(lines->lineAt(0).height(), plain.begin().layout()->lineAt(0).height());
        QCOMPARE(lines->lineAt(1).y() - lines->lineAt(0).y(),
                 plain.begin().layout()->lineAt(0).height());
    }

    void simpleInlineMathDoesNotGrowTheLine() {
        QTextDocument a, b;
        for (QTextDocument* d : {&a, &b}) {
            QFont font(QStringLiteral("DejaVu Serif"));
            font.setPixelSize(20);
            d->setDefaultFont(font);
        }
        MarkdownView::renderInto(&a, "some text with words", {}, nullptr);
        MarkdownView::renderInto(&b, "some $a + b_i$ with $\\alpha$", {}, nullptr);
        QCOMPARE(objectCount(&b), 2);
        QCOMPARE(b.size().height(), a.size().height());
    }

    // A comma or full stop after inline math never starts a line, at any width (the formula
    // draws it: Qt breaks after any object), and copying gives back the source.
    void punctuationStaysWithItsFormula() {
        const QString markdown =
            "the probability underflows to exactly $0$, and $-\\log 0 = \\infty$. Then $x_1$, "
            "$x_2$; $y$: and $z$! with $\\frac{a}{b}$, $e^{x}$. Next $p_t$, $q_t$, $r_t$.";
        int lines = 0;
        for (int width = 120; width <= 480; ++width) {
            QTextDocument doc;
            QFont font(QStringLiteral("DejaVu Sans"));
            font.setPixelSize(14);
            doc.setDefaultFont(font);
            MarkdownView::renderInto(&doc, markdown, {}, nullptr);
            doc.setTextWidth(width);
            doc.documentLayout()->documentSize();
            for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
                QTextLayout* layout = b.layout();
                for (int k = 1; k < layout->lineCount(); ++k) {
                    const QChar first = b.text().at(layout->lineAt(k).textStart());
                    QVERIFY2(
                        !QStringLiteral(",.;:!").contains(first),
                        qPrintable(
                            QString("width %1 starts a line with '%2'").arg(width).arg(first)));
                    ++lines;
                }
            }
        }
        QVERIFY(lines > 600);
        MarkdownView view;
        view.resize(500, 100);
        view.setMarkdown("so $x$, and $y$.");
        view.selectAll();
        QApplication::clipboard()->clear();
        view.copy();
        QCOMPARE(QApplication::clipboard()->text(), QString("so $x$, and $y$."));
    }

    void dollarsThatAreNotMath() {
        QTextDocument doc;
        MarkdownView::renderInto(&doc, "costs \\$5 and \\$6, code `$x$` stays", {}, nullptr);
        QCOMPARE(objectCount(&doc), 0);
        QVERIFY(doc.toPlainText().contains("$5 and $6"));
        QVERIFY(doc.toPlainText().contains("$x$"));
    }

    void displayMathIsCentredOnItsLine() {
        QTextDocument doc;
        doc.setTextWidth(600);
        MarkdownView::renderInto(&doc, "Before.\n\n$$E = mc^2$$\n\nAfter.", {}, nullptr);
        QCOMPARE(objectCount(&doc), 1);
        const QImage image = renderMarkdown("$$E = mc^2$$", Qt::red);
        const auto red = columns(image, Qt::red);
        // Centred in the 2000-pixel line (within the document margins).
        QVERIFY2(qAbs((red.first + red.second) / 2 - 1000) < 20,
                 qPrintable(QString("%1 %2").arg(red.first).arg(red.second)));
    }

    void equationNumbersFollowCellMoves() {
        test::NotebookFixture f(
            "First:\n\n$$a = 1 \\label{eq:a}$$\n\n```lemma\nx = 1\n```\n\n"
            "Second:\n\n$$b = 2 \\label{eq:b}$$\n\n```lemma\ny = 2\n```\n\n"
            "See \\eqref{eq:b}, equation \\ref{eq:a} and \\eqref{eq:nowhere}.\n");
        QCOMPARE(f.model.count(), 5);
        auto doc = [&](int index) { return f.cell(index)->markdownView()->document(); };
        QCOMPARE(numberOfFirstDisplay(doc(0)), QString("(1)"));
        QCOMPARE(numberOfFirstDisplay(doc(2)), QString("(2)"));
        QVERIFY2(doc(4)->toPlainText().contains("See (2), equation 1 and (?\?)."),
                 qPrintable(doc(4)->toPlainText()));
        // Move the second equation's cell to the top: the numbers swap everywhere.
        f.controller.moveCell(f.key(2), 0);
        QCOMPARE(numberOfFirstDisplay(doc(0)), QString("(1)"));
        QCOMPARE(f.model.text(f.key(0)).contains("eq:b"), true);
        QCOMPARE(numberOfFirstDisplay(doc(1)), QString("(2)"));
        QVERIFY2(doc(4)->toPlainText().contains("See (1), equation 2 and (?\?)."),
                 qPrintable(doc(4)->toPlainText()));
        // A tag is shown as written and is not counted.
        f.controller.insertCell(0, notebook::CellKind::Markdown);
        f.model.document(f.key(0))->setPlainText("$$c \\tag{T} \\label{eq:c}$$");
        QVERIFY(QTest::qWaitFor([&] { return doc(5)->toPlainText().contains("equation 2"); }));
        f.cell(0)->refreshText();
        QCOMPARE(numberOfFirstDisplay(doc(0)), QString("(T)"));
    }

    void copyGivesTheTex() {
        MarkdownView view;
        view.resize(500, 100);
        // The deep formula's strut copies as nothing.
        view.setMarkdown(
            "area $\\pi r^2$, scale $\\frac{1}{\\sqrt{d_k}}$, and $$\\int_0^1 x\\,dx$$");
        view.selectAll();
        QApplication::clipboard()->clear();
        view.copy();
        QCOMPARE(
            QApplication::clipboard()->text(),
            QString("area $\\pi r^2$, scale $\\frac{1}{\\sqrt{d_k}}$, and $$\\int_0^1 x\\,dx$$"));
    }

    void screenshotsInBothThemes() {
        const QString out = qEnvironmentVariable("LEMMA_MATH_OUT");
        QFile file(QStringLiteral(LEMMA_SOURCE_DIR "/resources/notebooks/attention-spectra.md"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::string text = file.readAll().toStdString();
        for (bool dark : {false, true}) {
            QApplication::setPalette(dark ? app::Appearance::darkPalette()
                                          : app::Appearance::lightPalette());
            test::NotebookFixture f(text);
            f.view.resize(900, 1400);
            QTest::qWait(50);
            const QImage shot = f.view.grab().toImage();
            QVERIFY(!shot.isNull());
            if (!out.isEmpty()) {
                QDir().mkpath(out);
                shot.save(out + (dark ? "/notebook-dark.png" : "/notebook-light.png"));
            }
            // The first Markdown cell has its formulas typeset.
            QVERIFY(objectCount(f.cell(0)->markdownView()->document()) >= 3);
        }
        QApplication::setPalette(QPalette());
    }
};

QTEST_MAIN(tst_MarkdownMath)
#include "tst_MarkdownMath.moc"
