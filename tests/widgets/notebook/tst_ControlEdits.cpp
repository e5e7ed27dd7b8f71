// Controls in outputs: moving a slider, a choice or a toggle rewrites the `value=` of its call
// in the cell's source (so saving keeps it) and re-runs the dependents; while a slider is
// dragged at most one run is in flight and stale intermediate values are dropped; a drag is one
// undo step.
#include <QCheckBox>
#include <QComboBox>
#include <QSlider>
#include <QTest>
#include <QUndoStack>

#include "support/NotebookFixture.h"
#include "widgets/output/ControlView.h"

using namespace lemma;
using notebook::CellState;

namespace {

std::vector<widgets::ControlView*> controls(const test::NotebookFixture& f, int index) {
    std::vector<widgets::ControlView*> out;
    for (QWidget* w : f.cell(index)->outputArea()->views()) {
        if (auto* c = qobject_cast<widgets::ControlView*>(w))
            out.push_back(c);
    }
    return out;
}

}  // namespace

class tst_ControlEdits : public QObject {
    Q_OBJECT

private slots:
    void sliderRewritesItsValueAndRerunsDependents() {
        test::NotebookFixture f(
            "```lemma\nT = slider(0, 10, value=1, step=1, label=\"steps\")\nU = T * 2\n```\n\n"
            "```lemma\nV = T + 100\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        auto* control = f.output<widgets::ControlView>(0);
        QVERIFY(control);
        QSlider* slider = control->slider();
        QVERIFY(slider);
        QCOMPARE(slider->maximum(), 10);
        QCOMPARE(slider->value(), 1);
        const int undoSteps = f.controller.undoStack()->count();

        slider->setValue(7);
        QCOMPARE(f.text(0),
                 QString("T = slider(0, 10, value=7, step=1, label=\"steps\")\nU = T * 2"));
        QVERIFY(test::settle(&f.model));
        QVERIFY(test::outputsText(&f.model, f.key(0)).contains("U = 14"));
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("V = 107"));
        QCOMPARE(f.output<widgets::ControlView>(0), control);  // updated in place
        QCOMPARE(slider->value(), 7);

        slider->setValue(9);
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.controller.undoStack()->count(), undoSteps + 1);  // moves merge
        f.controller.undoStack()->undo();
        QVERIFY(f.text(0).startsWith("T = slider(0, 10, value=1, step=1"));
        QVERIFY(test::settle(&f.model));
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("V = 101"));
        QCOMPARE(slider->value(), 1);
    }

    void aSliderWithoutValueGetsOne() {
        test::NotebookFixture f("```lemma\nlr = slider(1e-5, 1, scale=\"log\")\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        QSlider* slider = f.output<widgets::ControlView>(0)->slider();
        slider->setValue(slider->maximum());
        QCOMPARE(f.text(0), QString("lr = slider(1e-5, 1, scale=\"log\", value=1)"));
    }

    // Dragging across 50 values while each run takes a while: runs happen during the drag, but
    // never more than one at a time (no run is cancelled for a newer value), the values in
    // between are dropped, and the last one wins.
    void draggingKeepsOneRunInFlight() {
        test::NotebookFixture f(
            "```lemma\nk = slider(0, 50, value=0, step=1)\n```\n\n"
            "```lemma\ns = 0;\nfor i = 1:600000\n    s = s + k;\nend\ns\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        int runs = 0;
        int cancelled = 0;
        int inFlight = 0;
        int maxInFlight = 0;
        QObject guard;
        connect(&f.model, &widgets::NotebookModel::stateChanged, &guard, [&](int key) {
            const CellState s = f.model.state(key);
            if (key == f.key(0) && s == CellState::Running)
                ++runs;
            if (s == CellState::Cancelled)
                ++cancelled;
            inFlight = 0;
            for (int i = 0; i < f.model.count(); ++i) {
                const CellState t = f.model.state(f.key(i));
                inFlight += t == CellState::Queued || t == CellState::Running;
            }
            maxInFlight = std::max(maxInFlight, inFlight);
        });
        QSlider* slider = f.output<widgets::ControlView>(0)->slider();
        const int undoSteps = f.controller.undoStack()->count();
        slider->setSliderDown(true);
        for (int v = 1; v <= 50; ++v) {
            slider->setValue(v);
            QTest::qWait(10);
            QCOMPARE(slider->value(), v);  // a finished older run never moves it back
        }
        const int runsWhileDragging = runs;
        slider->setSliderDown(false);
        QVERIFY(test::settle(&f.model));
        QCOMPARE(f.text(0), QString("k = slider(0, 50, value=50, step=1)"));
        QVERIFY(test::outputsText(&f.model, f.key(1)).contains("s = 30000000"));
        QCOMPARE(slider->value(), 50);
        QVERIFY2(runsWhileDragging >= 2, qPrintable(QString::number(runsWhileDragging)));
        QVERIFY2(runs < 50, qPrintable(QString::number(runs)));
        QCOMPARE(cancelled, 0);
        QVERIFY2(maxInFlight <= 2, qPrintable(QString::number(maxInFlight)));  // k, then s
        QCOMPARE(f.controller.undoStack()->count(), undoSteps + 1);
    }

    void choiceAndToggleRewriteTheirValues() {
        test::NotebookFixture f(
            "```lemma\nact = choice({\"relu\", \"gelu\", \"tanh\"}, label=\"activation\")\n"
            "flag = toggle(value=false)\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        const auto views = controls(f, 0);
        QCOMPARE(views.size(), std::size_t(2));
        QComboBox* combo = views[0]->combo();
        QCheckBox* check = views[1]->check();
        QVERIFY(combo && check);
        QCOMPARE(combo->count(), 3);
        QCOMPARE(combo->currentText(), QString("relu"));
        combo->setCurrentIndex(2);
        Q_EMIT combo->activated(2);
        QCOMPARE(f.text(0),
                 QString("act = choice({\"relu\", \"gelu\", \"tanh\"}, "
                         "label=\"activation\", value=\"tanh\")\nflag = toggle(value=false)"));
        QVERIFY(test::settle(&f.model));
        QVERIFY(test::outputsText(&f.model, f.key(0)).contains("act = tanh"));
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(f.text(0).endsWith("flag = toggle(value=true)"));
        QVERIFY(test::settle(&f.model));
        QVERIFY(check->isChecked());
        QVERIFY(test::outputsText(&f.model, f.key(0)).contains("flag = 1"));
    }
};

QTEST_MAIN(tst_ControlEdits)
#include "tst_ControlEdits.moc"
