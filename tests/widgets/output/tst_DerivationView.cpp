// Tests of the derivation step view: it recognises a displayed derivation, shows all steps or
// steps through them with the buttons and arrow keys, keeps its mode and place when the
// derivation is re-run, and shows values compactly. With LEMMA_GRAB_DIR set it saves pictures
// of itself there (to look at the view under the offscreen platform).
#include <QApplication>
#include <QPushButton>
#include <QtTest>

#include "engine/builtins/DerivationValues.h"
#include "engine/math/DerivationLibrary.h"
#include "widgets/notebook/Theme.h"
#include "widgets/output/DerivationView.h"
#include "widgets/output/OutputViewFactory.h"

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
        QVERIFY(view.setOutputs(derivationOutput("softmax_jacobian", {arma::mat({{0.1, 3.0, -2.0, 0.7}})})));
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
