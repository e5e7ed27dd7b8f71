// Pinning in the window: a figure's "Pin these settings" writes a pin into the cell's options,
// later runs overlay the pinned curves with a legend naming what differs, a ninth pin is
// refused with a notice on the figure, and the figure's button clears every pin in one click
// (one undo step each way).
#include <QSlider>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include "engine/output/Figure.h"
#include "support/NotebookFixture.h"
#include "widgets/output/ControlView.h"
#include "widgets/output/FigureView.h"

using namespace lemma;

namespace {

widgets::FigureView* figureView(const test::NotebookFixture& f, int index) {
    for (QWidget* w : f.cell(index)->outputArea()->views()) {
        if (auto* v = w->findChild<widgets::FigureView*>())
            return v;
    }
    return nullptr;
}

QStringList legend(const output::Figure& figure) {
    QStringList out;
    for (const auto& s : figure.panels.front().series)
        out << QString::fromStdString(s.label);
    return out;
}

}  // namespace

class tst_FigurePins : public QObject {
    Q_OBJECT

private slots:
    void pinOverlayRefuseAndClear() {
        test::NotebookFixture f(
            "```lemma\nB = slider(1, 16, value=2, step=1, label=\"B\");\n"
            "figure()\nplot([1 2], B * [1 1], label=\"now\")\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        QSlider* slider = f.output<widgets::ControlView>(0)->slider();
        QVERIFY(slider);
        widgets::FigureView* view = figureView(f, 0);
        QVERIFY(view);
        QVERIFY(!view->clearPinsButton()->isVisibleTo(view));
        const int undoSteps = f.controller.undoStack()->count();

        Q_EMIT view->pinRequested();
        QCOMPARE(f.model.info(f.key(0)), QString("lemma pin=\"B=2\""));
        QCOMPARE(f.controller.undoStack()->count(), undoSteps + 1);
        QVERIFY(test::settle(&f.model));

        slider->setValue(5);
        QVERIFY(test::settle(&f.model));
        view = figureView(f, 0);
        QCOMPARE(view->figure().pinned, 1);
        QCOMPARE(legend(view->figure()), (QStringList{"pinned: B = 2", "now"}));
        QVERIFY(view->clearPinsButton()->isVisibleTo(view));

        // Seven more distinct settings fill the cell; the ninth is refused on the figure.
        for (int b = 6; b <= 12; ++b) {
            slider->setValue(b);
            QVERIFY(test::settle(&f.model));
            view = figureView(f, 0);
            Q_EMIT view->pinRequested();
            QCOMPARE(view->notice(), QString());
            QVERIFY(test::settle(&f.model));
        }
        slider->setValue(13);
        QVERIFY(test::settle(&f.model));
        view = figureView(f, 0);
        QCOMPARE(view->figure().pinned, 8);
        Q_EMIT view->pinRequested();
        QCOMPARE(view->notice(),
                 QString("cell 1 already has 8 pins, the most it can hold: clear them first"));

        QTest::mouseClick(view->clearPinsButton(), Qt::LeftButton);
        QCOMPARE(f.model.info(f.key(0)), QString("lemma"));
        QVERIFY(test::settle(&f.model));
        view = figureView(f, 0);
        QCOMPARE(view->figure().pinned, 0);
        QCOMPARE(legend(view->figure()), (QStringList{"now"}));
        QVERIFY(!view->clearPinsButton()->isVisibleTo(view));

        f.controller.undoStack()->undo();
        QVERIFY(test::settle(&f.model));
        QCOMPARE(figureView(f, 0)->figure().pinned, 8);
    }

    // Pinning re-runs the cell with the pinned curves and shows the figure's clear button:
    // the figure, the cell below and the page's height stay where they were.
    void pinningLeavesThePageStill() {
        test::NotebookFixture f(
            "```lemma\nB = slider(1, 16, value=2, step=1, label=\"B\");\n"
            "figure()\nplot([1 2], B * [1 1], label=\"now\")\n```\n\n```lemma\nz = 7\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        QWidget* page = f.view.widget();
        const auto where = [&] {
            widgets::FigureView* view = figureView(f, 0);
            return QList<int>{view->mapTo(page, QPoint(0, 0)).y(), view->height(),
                              f.cell(1)->mapTo(page, QPoint(0, 0)).y(), page->height()};
        };
        const QList<int> before = where();
        widgets::FigureView* const shown = figureView(f, 0);
        Q_EMIT figureView(f, 0)->pinRequested();
        QVERIFY(test::settle(&f.model));
        QTest::qWait(50);
        QCOMPARE(where(), before);
        f.output<widgets::ControlView>(0)->slider()->setValue(5);
        QVERIFY(test::settle(&f.model));
        QTest::qWait(50);
        QVERIFY(figureView(f, 0)->clearPinsButton()->isVisibleTo(figureView(f, 0)));
        QCOMPARE(where(), before);
        // Each run's new figure went into the same view (no new widget to lay out and draw).
        QCOMPARE(figureView(f, 0), shown);
        QCOMPARE(figureView(f, 0)->figure().pinned, 1);
    }
};

QTEST_MAIN(tst_FigurePins)
#include "tst_FigurePins.moc"
