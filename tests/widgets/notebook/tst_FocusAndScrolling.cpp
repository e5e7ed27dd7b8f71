// Focus and scrolling as a person expects: a control keeps no keys after a drag and Escape
// gives them back from anywhere; the selected cell stays in view after every command; dragging
// a control never scrolls the page; a press anywhere in a cell selects it; Tab completes the
// common prefix and lists the rest.
#include <QAbstractItemView>
#include <QMouseEvent>
#include <QScrollBar>
#include <QSlider>
#include <QStyleOptionSlider>
#include <QTest>
#include <QWheelEvent>

#include "support/NotebookFixture.h"
#include "widgets/notebook/MarkdownView.h"
#include "widgets/output/ControlView.h"

using namespace lemma;
using widgets::NotebookView;

namespace {

QPoint handleCenter(QSlider* slider) {
    QStyleOptionSlider option;
    option.initFrom(slider);
    option.orientation = slider->orientation();
    option.minimum = slider->minimum();
    option.maximum = slider->maximum();
    option.sliderPosition = slider->sliderPosition();
    option.sliderValue = slider->value();
    return slider->style()
        ->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, slider)
        .center();
}

// Drags the slider's handle by `dx` pixels with the mouse.
void drag(QSlider* slider, int dx) {
    const QPoint from = handleCenter(slider);
    QTest::mousePress(slider, Qt::LeftButton, {}, from);
    for (int step = 1; step <= 4; ++step) {
        QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(dx * step / 4, 0)),
                         slider->mapToGlobal(QPointF(from + QPoint(dx * step / 4, 0))),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(slider, &move);
        QTest::qWait(20);
    }
    QTest::mouseRelease(slider, Qt::LeftButton, {}, from + QPoint(dx, 0));
}

// The code of `n` cells, each defining its own name.
std::string manyCells(int n) {
    std::string text;
    for (int i = 1; i <= n; ++i)
        text += "```lemma\nv" + std::to_string(i) + " = " + std::to_string(i) + "\n```\n\n";
    return text;
}

bool currentInView(const test::NotebookFixture& f) {
    const widgets::CellView* v = f.view.cellView(f.view.currentKey());
    if (!v)
        return false;
    const QRect r(v->mapTo(f.view.viewport(), QPoint(0, 0)), v->size());
    return r.top() >= 0 && r.bottom() <= f.view.viewport()->height();
}

}  // namespace

class tst_FocusAndScrolling : public QObject {
    Q_OBJECT

private slots:
    void escapeAndClicksGiveTheKeysBackToTheNotebook() {
        test::NotebookFixture f(
            "```lemma\nT = slider(0.05, 20, value=1, scale=\"log\", label=\"T\")\n```\n\n"
            "```lemma\nU = T * 2\n```\n\n```lemma\nW = 3\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        auto* slider = f.output<widgets::ControlView>(0)->findChild<QSlider*>();
        QVERIFY(slider);
        drag(slider, 60);
        QVERIFY(test::settle(&f.model));
        const QString text = f.text(0);
        QVERIFY2(!text.contains("value=1,"), qPrintable(text));
        // The drag left the keys with the notebook: Up and Down move between cells.
        QVERIFY(!slider->hasFocus());
        QCOMPARE(f.view.mode(), NotebookView::Mode::Command);
        QVERIFY(f.view.hasFocus());
        QCOMPARE(f.view.currentKey(), f.key(0));
        f.press(Qt::Key_Down);
        QCOMPARE(f.view.currentKey(), f.key(1));
        QCOMPARE(f.text(0), text);

        // The wheel over it scrolls the page and leaves the value alone.
        f.view.verticalScrollBar()->setValue(0);
        {
            const QPointF at = QPointF(handleCenter(slider));
            QWheelEvent wheel(at, slider->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(slider, &wheel);
        }
        QCOMPARE(f.text(0), text);
        QVERIFY(test::settle(&f.model));

        // Reached with Tab it takes keys, visibly; Escape gives them back.
        slider->setFocus(Qt::TabFocusReason);
        QVERIFY(slider->hasFocus());
        f.press(Qt::Key_Escape);
        QVERIFY(f.view.hasFocus());
        f.press(Qt::Key_Up);
        QCOMPARE(f.view.currentKey(), f.key(0));
        QCOMPARE(f.text(0), text);

        // A press on a control while editing another cell leaves edit mode.
        f.view.selectCell(f.key(2));
        f.press(Qt::Key_Return);
        QCOMPARE(f.view.mode(), NotebookView::Mode::Edit);
        QTest::mousePress(slider, Qt::LeftButton, {}, handleCenter(slider));
        QTest::mouseRelease(slider, Qt::LeftButton, {}, handleCenter(slider));
        QCOMPARE(f.view.mode(), NotebookView::Mode::Command);
        QVERIFY(f.view.hasFocus());
        QCOMPARE(f.view.currentKey(), f.key(0));
    }

    void theSelectedCellStaysInViewAfterEveryCommand_data() {
        QTest::addColumn<QString>("keys");
        QTest::newRow("A") << "A";
        QTest::newRow("B") << "B";
        QTest::newRow("M") << "M";
        QTest::newRow("Y after M") << "MY";
        QTest::newRow("Z after D,D") << "DDZ";
        QTest::newRow("V after C") << "CV";
        QTest::newRow("Shift+V after C") << "C<V";
    }

    void theSelectedCellStaysInViewAfterEveryCommand() {
        QFETCH(QString, keys);
        test::NotebookFixture f(manyCells(30));
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        f.view.selectCell(f.key(24));
        QTest::qWait(50);
        QVERIFY(currentInView(f));
        for (int i = 0; i < keys.size(); ++i) {
            if (keys[i] == QLatin1Char('<')) {
                f.press(Qt::Key(keys[++i].unicode()), Qt::ShiftModifier);
                continue;
            }
            f.press(Qt::Key(keys[i].unicode()));
        }
        QVERIFY(test::settle(&f.model));
        // The view reveals the cell once the layout has settled (a timer): wait for it.
        QTRY_VERIFY2_WITH_TIMEOUT(currentInView(f), qPrintable(QString("current at %1, scroll %2")
                                                                    .arg(f.view.currentIndex())
                                                                    .arg(f.view.verticalScrollBar()->value())),
                                  3000);
        QVERIFY(f.view.verticalScrollBar()->value() > 0);
    }

    void runAndAdvanceWithFailuresKeepsTheNextCellInView() {
        std::string text = manyCells(12);
        text += "```lemma\nbad = [1 2] * [3 4]\n```\n\n```lemma\nafter = bad + 1\n```\n\n";
        text += manyCells(12);
        test::NotebookFixture f(text);
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        f.view.selectCell(f.key(12));
        f.press(Qt::Key_Return, Qt::ShiftModifier);
        QVERIFY(test::settle(&f.model));
        QTest::qWait(50);
        QCOMPARE(f.view.currentKey(), f.key(13));
        QVERIFY(currentInView(f));
    }

    void draggingAControlNeverScrollsThePage() {
        std::string lines;
        for (int i = 0; i < 12; ++i)
            lines += "% line " + std::to_string(i) + "\n";
        test::NotebookFixture f(manyCells(4) + "```lemma\n" + lines +
                                "T = slider(0, 1, value=0.5, label=\"T\")\n```\n\n" +
                                "```lemma\nU = T + 1\n```\n\n" + manyCells(6));
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        // The slider's cell partly above the top of the view: its code is off screen.
        widgets::CellView* cell = f.cell(4);
        auto* slider = f.output<widgets::ControlView>(4)->findChild<QSlider*>();
        const int sliderY = slider->mapTo(f.view.widget(), QPoint(0, 0)).y();
        f.view.verticalScrollBar()->setValue(sliderY - 60);
        QTest::qWait(50);
        const int scroll = f.view.verticalScrollBar()->value();
        QVERIFY(cell->mapTo(f.view.viewport(), QPoint(0, 0)).y() < 0);
        drag(slider, 80);
        QVERIFY(test::settle(&f.model));
        QTest::qWait(50);
        QVERIFY2(!f.text(4).contains("value=0.5,"), qPrintable(f.text(4)));
        QCOMPARE(f.view.verticalScrollBar()->value(), scroll);
        // Undo shows where the change was, as any undo does.
        f.press(Qt::Key_Z);
        QTest::qWait(50);
        QVERIFY2(f.text(4).contains("value=0.5,"), qPrintable(f.text(4)));
    }

    void aPressAnywhereInACellSelectsIt() {
        test::NotebookFixture f(
            "# A title\n\nSome prose to click on.\n\n```lemma\nx = [1 2; 3 4]\ny = 5\n```\n\n"
            "```lemma\nz = 1\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        f.view.selectCell(f.key(2));
        // Rendered Markdown.
        QWidget* markdown = f.cell(0)->markdownView()->viewport();
        QTest::mouseClick(markdown, Qt::LeftButton, {}, QPoint(30, 10));
        QCOMPARE(f.view.currentKey(), f.key(0));
        QCOMPARE(f.view.mode(), NotebookView::Mode::Command);
        // A cell's outputs (a table, text).
        for (QWidget* output : f.cell(1)->outputArea()->views()) {
            f.view.selectCell(f.key(2));
            QWidget* target = output;
            if (auto* view = output->findChild<QAbstractItemView*>())
                target = view->viewport();
            QTest::mouseClick(target, Qt::LeftButton, {}, QPoint(5, 5));
            QCOMPARE(f.view.currentKey(), f.key(1));
        }
    }

    void tabCompletesTheCommonPrefixAndListsTheRest() {
        test::NotebookFixture f("```lemma\nlambda = 1\nlargest = 2\n```\n\n```lemma\nq = 0\n```\n");
        f.model.runAll();
        QVERIFY(test::settle(&f.model));
        f.view.selectCell(f.key(1));
        f.press(Qt::Key_Return);
        f.editor(1)->moveCursor(QTextCursor::End);
        f.press(Qt::Key_Return);
        f.type("la");
        f.press(Qt::Key_Tab);
        // Ambiguous: nothing is taken, and the list shows both.
        QCOMPARE(f.text(1), QString("q = 0\nla"));
        QVERIFY(f.completer.popup()->isVisible());
        QVERIFY(f.completer.completionCount() >= 2);
        f.type("m");
        f.press(Qt::Key_Tab);
        QCOMPARE(f.text(1), QString("q = 0\nlambda"));
        QVERIFY(!f.completer.popup()->isVisible());
        // "lo" is load, log, log10 …: the common prefix "lo" stays, the list shows them.
        f.type(" + lo");
        f.press(Qt::Key_Tab);
        QVERIFY2(f.text(1).endsWith("+ lo") || f.text(1).endsWith("+ log"), qPrintable(f.text(1)));
        QVERIFY(f.completer.popup()->isVisible());
        f.press(Qt::Key_Escape);
    }
};

QTEST_MAIN(tst_FocusAndScrolling)
#include "tst_FocusAndScrolling.moc"
