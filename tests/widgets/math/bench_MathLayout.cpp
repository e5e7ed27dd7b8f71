// Layout and paint of every formula of the formula sheet (tests/data/math/formula-sheet.md),
// one benchmark row per formula: each should take well under a millisecond.
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTest>

#include "widgets/math/MathFormula.h"
#include "widgets/notebook/MarkdownView.h"

using lemma::widgets::MarkdownView;
using lemma::widgets::math::MathFormula;

class bench_MathLayout : public QObject {
    Q_OBJECT

private slots:
    void layout_data() { formulas(); }
    void layout() {
        QFETCH(QString, tex);
        QFETCH(bool, display);
        const auto style = display ? MathFormula::Style::Display : MathFormula::Style::Text;
        MathFormula::layoutPixels(tex, style, 16);  // fonts and glyph metrics warm
        QBENCHMARK {
            const MathFormula f = MathFormula::layoutPixels(tex, style, 16);
            Q_UNUSED(f);
        }
    }

    void layoutAndPaint_data() { formulas(); }
    void layoutAndPaint() {
        QFETCH(QString, tex);
        QFETCH(bool, display);
        const auto style = display ? MathFormula::Style::Display : MathFormula::Style::Text;
        QImage image(1600, 200, QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        MathFormula::layoutPixels(tex, style, 16).paint(&painter, QPointF(10, 100), Qt::black);
        QBENCHMARK {
            const MathFormula f = MathFormula::layoutPixels(tex, style, 16);
            f.paint(&painter, QPointF(10, 100), Qt::black);
        }
    }

private:
    static void formulas() {
        QTest::addColumn<QString>("tex");
        QTest::addColumn<bool>("display");
        QFile file(QStringLiteral(LEMMA_TEST_DATA "/math/formula-sheet.md"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read the formula sheet");
        QStringList spans;
        QList<bool> display;
        MarkdownView::protectMath(QString::fromUtf8(file.readAll()), &spans, &display);
        for (qsizetype i = 0; i < spans.size(); ++i)
            QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(i + 1).arg(spans[i].left(40))))
                << spans[i] << display[i];
    }
};

QTEST_MAIN(bench_MathLayout)
#include "bench_MathLayout.moc"
