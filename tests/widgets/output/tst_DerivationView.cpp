// Tests of the derivation step view: it recognises a displayed derivation, shows all steps or
// steps through them with the buttons and arrow keys, keeps its mode and place when the
// derivation is re-run, and shows values compactly. With LEMMA_GRAB_DIR set it saves pictures
// of itself there (to look at the view under the offscreen platform).
#include <QApplication>
#include <QDialog>
#include <QPushButton>
#include <QUndoStack>
#include <QtTest>

#include "engine/builtins/DerivationValues.h"
#include "engine/math/DerivationLibrary.h"
#include "support/NotebookFixture.h"
#include "widgets/notebook/Theme.h"
#include "widgets/output/DerivationView.h"
#include "widgets/output/MatrixDialog.h"
#include "widgets/output/OutputViewFactory.h"
#include "widgets/output/TableOutputView.h"

using lemma::widgets::DerivationView;

namespace {

lemma::output::Outputs derivationOutput(const std::string& name,
                                        const std::vector<arma::mat>& args = {}) {
    const lemma::lang::Value v =
        lemma::builtins::derivationValue(lemma::math::builtinDerivation(name, args));
    return {lemma::output::Display{"d", v}};
}

void grab(QWidget& w, const QString& name) {
    const QByteArray dir = qgetenv("LEMMA_GRAB_DIR");
    if (!dir.isEmpty())
        w.grab().save(QString::fromUtf8(dir) + "/" + name + ".png");
}

void grabImage(const QImage& image, const QString& name) {
    const QByteArray dir = qgetenv("LEMMA_GRAB_DIR");
    if (!dir.isEmpty())
        image.save(QString::fromUtf8(dir) + "/" + name + ".png");
}

QPushButton* button(QWidget& w, const QString& text) {
    for (QPushButton* b : w.findChildren<QPushButton*>()) {
        if (b->text() == text)
            return b;
    }
    return nullptr;
}

}  // namespace

class tst_DerivationView : public QObject {
    Q_OBJECT

private slots:
    void recognisedByTheFactory() {
        const auto outputs = derivationOutput("softmax_jacobian");
        QCOMPARE(lemma::widgets::outputKindOf(outputs[0]), lemma::widgets::OutputKind::Derivation);
        const lemma::output::Output plain = lemma::output::Display{"x", lemma::lang::Value(3.0)};
        QCOMPARE(lemma::widgets::outputKindOf(plain), lemma::widgets::OutputKind::Text);
        DerivationView view;
        QVERIFY(!view.setOutputs({plain}));
    }

    void stepsThroughAndShowsAll() {
        DerivationView view;
        view.setColors(lemma::widgets::themeColors(QApplication::palette()));
        view.resize(760, 100);
        QVERIFY(view.setOutputs(derivationOutput("softmax_jacobian")));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.visibleSteps(), 4);
        const int allHeight = view.height();
        grab(view, "derivation-all");

        QPushButton* mode = button(view, "Step through");
        QVERIFY(mode);
        mode->click();
        QVERIFY(view.steppingThrough());
        QCOMPARE(view.visibleSteps(), 1);
        QVERIFY(view.height() < allHeight);
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_Right);
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.visibleSteps(), 3);
        grab(view, "derivation-step3");
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.visibleSteps(), 2);
        button(view, "Next")->click();
        button(view, "Next")->click();
        button(view, "Next")->click();  // past the end: stays on the last step
        QCOMPARE(view.visibleSteps(), 4);
        QVERIFY(!button(view, "Next")->isEnabled());

        // A re-run with other numbers updates in place and keeps the mode and the place.
        button(view, "Previous")->click();
        QVERIFY(view.setOutputs(
            derivationOutput("softmax_jacobian", {arma::mat({{0.1, 3.0, -2.0, 0.7}})})));
        QVERIFY(view.steppingThrough());
        QCOMPARE(view.visibleSteps(), 3);

        button(view, "Show all")->click();
        QVERIFY(!view.steppingThrough());
        QCOMPARE(view.visibleSteps(), 4);
    }

    void otherDerivations() {
        for (const char* name : {"layernorm_grad", "gaussian_mle", "mle_cross_entropy"}) {
            DerivationView view;
            view.setColors(lemma::widgets::themeColors(QApplication::palette()));
            view.resize(760, 100);
            QVERIFY(view.setOutputs(derivationOutput(name)));
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QVERIFY(view.height() > 100);
            grab(view, QString("derivation-") + name);
        }
    }

    // A note's letter with a combining circumflex ("p̂", as the engine writes estimates) has its
    // hat on the letter: all the ink the marks add lies inside the note's line boxes, none over
    // the formula, the badge or the line before (Qt 6.4 shaping DejaVu Sans put it an em up).
    void hatsStayOnTheirLetters() {
        lemma::math::Derivation d = lemma::math::builtinDerivation("mle_cross_entropy", {});
        QVERIFY(d.steps.size() > 2);
        d.steps[2].note = "at p\u0302 = c/N the \u03c3\u0302\u00b2 and \u03bc\u0301 of x\u0302";
        const auto render = [&](const std::string& note, QRectF* box) {
            lemma::math::Derivation copy = d;
            copy.steps[2].note = note;
            DerivationView view;
            view.setColors(lemma::widgets::themeColors(QApplication::palette()));
            view.resize(760, 100);
            if (!view.setOutputs(
                    {lemma::output::Display{"d", lemma::builtins::derivationValue(copy)}}))
                return QImage();
            QImage image(view.size(), QImage::Format_RGB32);
            view.render(&image);
            *box = view.noteBox(2);
            return image;
        };
        QRectF hatBox, bareBox;
        const QImage hats = render(d.steps[2].note, &hatBox);
        std::string bare = d.steps[2].note;
        for (const char* mark : {"\u0302", "\u0301"}) {
            for (std::size_t at; (at = bare.find(mark)) != std::string::npos;)
                bare.erase(at, std::string(mark).size());
        }
        const QImage plain = render(bare, &bareBox);
        QVERIFY(!hats.isNull() && !hatBox.isEmpty());
        QCOMPARE(hats.size(), plain.size());
        QCOMPARE(hatBox.top(), bareBox.top());
        QCOMPARE(hatBox.height(), bareBox.height());
        QRect changed;
        for (int y = 0; y < hats.height(); ++y) {
            for (int x = 0; x < hats.width(); ++x) {
                if (hats.pixel(x, y) != plain.pixel(x, y))
                    changed |= QRect(x, y, 1, 1);
            }
        }
        QVERIFY2(!changed.isEmpty(), "the marks draw nothing");
        const QRect inside = hatBox.toAlignedRect();
        QVERIFY2(changed.top() >= inside.top(),
                 qPrintable(QString("a mark drawn at y = %1, above the note's top %2")
                                .arg(changed.top())
                                .arg(inside.top())));
        QVERIFY2(inside.contains(changed), "a mark drawn outside the note");
        grabImage(hats, "derivation-hats");
    }

    // A step whose sides are matrices (cut short in the view) opens them in full, as the
    // Variables panel's tables: on a click on the sides, every entry, lhs beside rhs. So does
    // the result. A step of scalars opens nothing.
    void matricesOpenInFull() {
        DerivationView view;
        view.resize(760, 100);
        const auto outputs =
            derivationOutput("softmax_jacobian", {arma::mat({{0.1, 3.0, -2.0, 0.7, 1.5, 0.2}})});
        QVERIFY(view.setOutputs(outputs));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto d =
            *lemma::output::derivationOf(std::get<lemma::output::Display>(outputs[0]).value);
        int matrixStep = -1, scalarStep = -1;
        for (std::size_t i = 0; i < d.steps.size(); ++i) {
            const bool matrix = d.steps[i].lhs.numel() > 1 && d.steps[i].rhs.numel() > 1;
            if (matrix && matrixStep < 0)
                matrixStep = int(i);
            if (d.steps[i].lhs.numel() == 1 && d.steps[i].rhs.numel() == 1 && scalarStep < 0)
                scalarStep = int(i);
        }
        QVERIFY(matrixStep >= 0);
        const lemma::lang::Value& lhs = d.steps[std::size_t(matrixStep)].lhs;

        const QRectF box = view.valueBox(matrixStep);
        QVERIFY(!box.isEmpty());
        QTest::mouseClick(&view, Qt::LeftButton, {}, box.center().toPoint());
        auto dialogs = view.window()->findChildren<lemma::widgets::MatrixDialog*>();
        QCOMPARE(dialogs.size(), 1);
        lemma::widgets::MatrixDialog* dialog = dialogs.first();
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->matrixCount(), 2);
        QVERIFY(dialog->windowTitle().endsWith(QString("step %1").arg(matrixStep + 1)));
        const QAbstractItemModel* m = dialog->table(0)->model();
        QCOMPARE(m->rowCount(), int(lhs.rows()));
        QCOMPARE(m->columnCount(), int(lhs.cols()));
        // Every entry, to all its digits on demand.
        const arma::uword r = lhs.rows() - 1, c = lhs.cols() - 1;
        QCOMPARE(m->index(int(r), int(c)).data(Qt::ToolTipRole).toString().toDouble(),
                 lhs.real()(r, c));
        QCOMPARE(dialog->table(1)->model()->rowCount(),
                 int(d.steps[std::size_t(matrixStep)].rhs.rows()));
        grab(*dialog, "derivation-full-matrix");
        delete dialog;

        if (scalarStep >= 0)
            QVERIFY(!view.openFull(scalarStep));
        QDialog* result = view.openFull(-1);
        QVERIFY(result);
        QCOMPARE(static_cast<lemma::widgets::MatrixDialog*>(result)->matrixCount(), 1);
        QCOMPARE(static_cast<lemma::widgets::MatrixDialog*>(result)->table(0)->model()->rowCount(),
                 int(d.result.rows()));
        delete result;
    }

    // The mode is the cell's option `step-through`: switching it in the view writes the option,
    // saving and opening again brings the mode back, and undo switches the view back.
    void modeIsKeptInTheCellsOptions() {
        std::string saved;
        {
            lemma::test::NotebookFixture f(
                "```lemma\nd = derive(\"softmax_jacobian\", [1 2 3])\n```\n");
            f.model.runAll();
            QVERIFY(lemma::test::settle(&f.model));
            auto* view = f.output<DerivationView>(0);
            QVERIFY(view);
            QVERIFY(!view->steppingThrough());
            button(*view, "Step through")->click();
            QVERIFY(view->steppingThrough());
            QCOMPARE(f.model.info(f.key(0)), QString("lemma step-through"));
            saved = f.model.serialize();
            QCOMPARE(
                saved,
                std::string(
                    "```lemma step-through\nd = derive(\"softmax_jacobian\", [1 2 3])\n```\n"));
            // Undo takes the option away and the view follows.
            f.controller.undoStack()->undo();
            QCOMPARE(f.model.info(f.key(0)), QString("lemma"));
            QVERIFY(!f.output<DerivationView>(0)->steppingThrough());
        }
        lemma::test::NotebookFixture f(saved);
        f.model.runAll();
        QVERIFY(lemma::test::settle(&f.model));
        auto* view = f.output<DerivationView>(0);
        QVERIFY(view);
        QVERIFY(view->steppingThrough());
        QCOMPARE(view->visibleSteps(), 1);
        button(*view, "Show all")->click();
        QCOMPARE(f.model.info(f.key(0)), QString("lemma"));
        QCOMPARE(f.model.serialize(),
                 std::string("```lemma\nd = derive(\"softmax_jacobian\", [1 2 3])\n```\n"));
    }

    void compactValues() {
        using lemma::lang::Value;
        QCOMPARE(DerivationView::compactValue(Value(0.5)), QString("0.5"));
        QCOMPARE(DerivationView::compactValue(Value(arma::mat({{1.0, 2.0, 3.0}}))),
                 QString("[1, 2, 3]"));
        QCOMPARE(DerivationView::compactValue(Value(arma::mat(1, 8, arma::fill::ones))),
                 QString("[1, 1, 1, 1, 1, …]"));
        QCOMPARE(DerivationView::compactValue(Value(arma::mat(3, 2, arma::fill::zeros))),
                 QString("3×2 [0, 0; 0, 0; …]"));
        QCOMPARE(DerivationView::compactValue(Value(std::string("hi"))), QString("string"));
    }
};

QTEST_MAIN(tst_DerivationView)
#include "tst_DerivationView.moc"
