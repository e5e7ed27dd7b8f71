// Outputs as text and controls as JSON: what `lemma run` prints for each kind of output.
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <armadillo>
#include <memory>

#include "engine/output/Json.h"
#include "engine/output/OutputText.h"

using lemma::output::Control;

namespace {

QJsonObject parsed(const std::string& json) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << error.errorString() << json.c_str();
    return doc.object();
}

lemma::output::Output rich(Control c) {
    return lemma::output::Rich{std::make_shared<Control>(std::move(c))};
}

}  // namespace

class tst_OutputText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void values() {
        const lemma::output::Display d{"A", lemma::lang::Value(arma::mat{{1, 2}, {3, 4}})};
        QCOMPARE(QString::fromStdString(lemma::output::outputText(d)),
                 QString("A =\n\n   1   2\n   3   4\n\n"));
    }

    void errors() {
        QCOMPARE(lemma::output::outputText(lemma::output::Error{"undefined name 'Qk'", {2, 5}}),
                 std::string("error: line 2, column 5: undefined name 'Qk'\n"));
        QCOMPARE(
            lemma::output::outputText(lemma::output::Error{"'x' is defined by cells 1, 3", {}}),
            std::string("error: 'x' is defined by cells 1, 3\n"));
    }

    void controlSummaries_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("text");
        QTest::newRow("log slider") << 0 << "[slider \"learning rate\": 0.001 in 1e-05 … 1, log]\n";
        QTest::newRow("stepped slider") << 1 << "[slider: 4 in 1 … 16, step 1]\n";
        QTest::newRow("choice") << 2 << "[choice \"optimizer\": \"adam\" of \"sgd\", \"adam\"]\n";
        QTest::newRow("toggle") << 3 << "[toggle \"causal\": off]\n";
    }

    void controlSummaries() {
        QFETCH(int, which);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(lemma::output::outputText(rich(control(which)))), text);
    }

    void controlJson() {
        const QJsonObject slider = parsed(lemma::output::jsonOutput(rich(control(0))));
        QCOMPARE(slider["type"].toString(), QString("control"));
        QCOMPARE(slider["kind"].toString(), QString("slider"));
        QCOMPARE(slider["label"].toString(), QString("learning rate"));
        QCOMPARE(slider["value"].toDouble(), 1e-3);
        QCOMPARE(slider["min"].toDouble(), 1e-5);
        QCOMPARE(slider["max"].toDouble(), 1.0);
        QCOMPARE(slider["step"].toDouble(), 0.0);
        QCOMPARE(slider["scale"].toString(), QString("log"));

        const QJsonObject choice = parsed(lemma::output::jsonOutput(rich(control(2))));
        QCOMPARE(choice["kind"].toString(), QString("choice"));
        QCOMPARE(choice["value"].toString(), QString("adam"));
        QCOMPARE(choice["options"].toVariant().toStringList(), (QStringList{"sgd", "adam"}));

        const QJsonObject toggle = parsed(lemma::output::jsonOutput(rich(control(3))));
        QCOMPARE(toggle["kind"].toString(), QString("toggle"));
        QCOMPARE(toggle["value"].toBool(), false);
        QCOMPARE(toggle["label"].toString(), QString("causal"));
    }

private:
    static Control control(int which) {
        switch (which) {
            case 0:
                return Control::slider(1e-5, 1, 1e-3, 0, Control::Scale::Log, "learning rate");
            case 1:
                return Control::slider(1, 16, 4, 1, Control::Scale::Linear, "");
            case 2:
                return Control::choice({"sgd", "adam"}, {"\"sgd\"", "\"adam\""}, 1, "optimizer");
            default:
                return Control::toggle(false, "causal");
        }
    }
};

QTEST_APPLESS_MAIN(tst_OutputText)
#include "tst_OutputText.moc"
