// `lemma run` end to end: the real executable on notebooks in tests/data/cli.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <cmath>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run lemma(const QStringList& args) {
    QProcess p;
    p.setProgram(QStringLiteral(LEMMA_BINARY));
    p.setArguments(args);
    p.start();
    if (!p.waitForFinished(60000)) {
        p.kill();
        return {};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString data(const char* name) {
    return QStringLiteral(LEMMA_TEST_DATA "/cli/") + name;
}

QJsonObject json(const Run& r) {
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning().noquote() << "not JSON:" << error.errorString() << "\n" << r.out;
        return {};
    }
    return doc.object();
}

// The outputs of the cell with this 1-based index.
QJsonArray outputsOf(const QJsonObject& doc, int index) {
    for (const auto& c : doc["cells"].toArray()) {
        if (c.toObject()["index"].toInt() == index)
            return c.toObject()["outputs"].toArray();
    }
    return {};
}

QJsonObject valueNamed(const QJsonArray& outputs, const QString& name) {
    for (const auto& o : outputs) {
        if (o.toObject()["type"] == "value" && o.toObject()["name"] == name)
            return o.toObject();
    }
    return {};
}

}  // namespace

class tst_RunCommand : public QObject {
    Q_OBJECT

private slots:
    void versionAndHelp() {
        const Run v = lemma({"--version"});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("lemma "));
        const Run h = lemma({"--help"});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains("lemma run FILE"));
    }

    void badArgumentsExit2() {
        const Run r = lemma({"run"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("run needs a notebook FILE"));
    }

    void missingFileIsReported() {
        const Run r = lemma({"run", data("no-such-notebook.md")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no-such-notebook.md"), qPrintable(r.err));
    }

    // MATH.md §1: the attention matrix and its eigenvalues, as text.
    void attentionExampleAsText() {
        const Run r = lemma({"run", data("attention.md")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("A =\n"), qPrintable(r.out));
        QVERIFY2(r.out.contains("0.3859   0.3233   0.2908"), qPrintable(r.out));
        QVERIFY2(r.out.contains("lambda =\n"), qPrintable(r.out));
    }

    // The same in JSON, to full precision, against softmax computed here by hand.
    void attentionExampleAsJson() {
        const Run r = lemma({"run", data("attention.md"), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = json(r);
        QCOMPARE(doc["ok"].toBool(), true);
        const QJsonObject a = valueNamed(outputsOf(doc, 3), "A");
        QCOMPARE(a["class"].toString(), QString("double"));
        QCOMPARE(a["size"].toArray(), (QJsonArray{3, 3}));
        const QJsonArray row0 = a["value"].toArray()[0].toArray();
        const double s = 1 / std::sqrt(2.0);
        const double z = std::exp(1.0 * s) + std::exp(0.75 * s) + std::exp(0.6 * s);
        QVERIFY(std::abs(row0[0].toDouble() - std::exp(1.0 * s) / z) < 1e-15);
        QVERIFY(std::abs(row0[1].toDouble() - std::exp(0.75 * s) / z) < 1e-15);
        QVERIFY(std::abs(row0[2].toDouble() - std::exp(0.6 * s) / z) < 1e-15);

        // The largest eigenvalue's modulus is 1 (row-stochastic). Eigenvalues come as
        // [re, im] pairs when complex, as numbers when all are real.
        const QJsonObject lambda = valueNamed(outputsOf(doc, 3), "lambda");
        const bool complex = lambda["class"].toString() == "complex";
        QVERIFY(complex || lambda["class"].toString() == "double");
        QCOMPARE(lambda["size"].toArray(), (QJsonArray{3, 1}));
        double largest = 0;
        for (const auto& row : lambda["value"].toArray()) {
            const QJsonValue entry = row.toArray()[0];
            const double modulus =
                complex ? std::hypot(entry.toArray()[0].toDouble(), entry.toArray()[1].toDouble())
                        : std::abs(entry.toDouble());
            largest = std::max(largest, modulus);
        }
        QVERIFY(std::abs(largest - 1.0) < 1e-12);
    }

    // --timeout: the endless cell fails as timed out, with its cell number and line; the cell
    // that does not need it runs, the one that does is not run; exit 1.
    void timeoutStopsACell() {
        const Run r = lemma({"run", data("endless.md"), "--timeout", "0.5", "--json"});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject doc = json(r);
        const QJsonArray cells = doc["cells"].toArray();
        const QJsonObject endless = cells[2].toObject();
        QCOMPARE(endless["status"].toString(), QString("error"));
        QCOMPARE(endless["number"].toInt(), 2);
        QCOMPARE(endless["line"].toInt(), 7);
        const QJsonObject error = endless["outputs"].toArray().last().toObject();
        QCOMPARE(error["message"].toString(),
                 QString("timed out after 0.5 s (the time limit of a cell)"));
        QVERIFY(error["line"].toInt() >= 2 && error["line"].toInt() <= 4);
        QCOMPARE(cells[3].toObject()["status"].toString(), QString("ok"));
        QCOMPARE(cells[4].toObject()["status"].toString(), QString("not-run"));

        const Run text = lemma({"run", data("endless.md"), "--timeout", "0.5"});
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains("── cell 2, line 7 (error) ──"), qPrintable(text.out));
        QVERIFY2(text.out.contains("timed out after 0.5 s"), qPrintable(text.out));
        QVERIFY2(text.out.contains("b = 6"), qPrintable(text.out));
    }

    // Builtins that run long inside one call (regexp over 5×10^7 characters, 10^5 steps of
    // transformer_train, conv of two 10^6-long vectors) poll Stop often (every few
    // milliseconds): with --timeout 1 each of their cells fails as timed out at the line of its
    // call, none is left running ("could not be stopped"), and the cell after them still runs.
    // The limit is far below what each call takes (seconds to hours), so no speed of the
    // machine makes one finish in time. (rsvd polls once per power iteration, two products with
    // W, which on a large W under load can outlast the second of grace: tst_Cancellation
    // checks its poll without a clock.)
    void timeoutStopsLongBuiltins() {
        const Run r = lemma({"run", data("long-builtins.md"), "--timeout", "1", "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(!r.err.contains("could not be stopped"), qPrintable(r.err));
        const QJsonArray cells = json(r)["cells"].toArray();
        QCOMPARE(cells.size(), 6);
        for (int i : {2, 3, 4}) {
            const QJsonObject cell = cells[i].toObject();
            QCOMPARE(cell["status"].toString(), QString("error"));
            const QJsonObject error = cell["outputs"].toArray().last().toObject();
            QCOMPARE(error["message"].toString(),
                     QString("timed out after 1 s (the time limit of a cell)"));
            QCOMPARE(error["line"].toInt(), 2);
        }
        QCOMPARE(cells[5].toObject()["status"].toString(), QString("ok"));

        const Run text = lemma({"run", data("long-builtins.md"), "--timeout", "1"});
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains("── cell 2, line 10 (error) ──\nerror: line 2, column 3: timed "
                                   "out after 1 s (the time limit of a cell)"),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains("b = 6"), qPrintable(text.out));
    }

    // A call that cannot be interrupted (LAPACK's SVD of a 5000×5000 matrix, many seconds) is
    // waited for as long again as the limit (at least a second), then the run ends with a
    // message naming the cell, its line and why, exit 1, instead of hanging.
    void timeoutReportsACallThatCannotBeStopped() {
        const Run r = lemma({"run", data("huge-svd.md"), "--timeout", "2"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("lemma: cell 1, line 6: timed out after 2 s and could not be "
                                "stopped (it is inside a computation that cannot be "
                                "interrupted); the cells after it were not run"),
                 qPrintable(r.err));
        QVERIFY2(!r.out.contains("b = 2"), qPrintable(r.out));
    }

    // --memory: a request beyond it fails naming it; the run goes on.
    void memoryBudgetFromTheCommandLine() {
        const Run r =
            lemma({"run", data("nan-origin.md"), "--memory", "1G", "--set", "A=zeros(1e6, 1e6)"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("zeros(1e6, 1e6): 7.3 TiB requested, budget 1 GiB"),
                 qPrintable(r.out));
    }

    // The NaN origin warning reaches the text and the JSON output.
    void nanWarningIsPrinted() {
        const QString warning =
            QStringLiteral("warning: exp: entry (2, 3) overflowed to Inf at line 2, column 5");
        const Run text = lemma({"run", data("nan-origin.md")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(warning), qPrintable(text.out));
        const Run r = lemma({"run", data("nan-origin.md"), "--json"});
        const QJsonArray outputs = outputsOf(json(r), 2);
        QCOMPARE(outputs.size(), 1);
        QCOMPARE(outputs[0].toObject()["type"].toString(), QString("text"));
        QCOMPARE(outputs[0].toObject()["text"].toString(), warning + "\n");
    }

    // A shown matrix too large for JSON keeps its text and says it was cut.
    void hugeValueIsTruncatedInJson() {
        const Run r = lemma({"run", data("huge-value.md"), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject a = valueNamed(outputsOf(json(r), 2), "A");
        QCOMPARE(a["size"].toArray()[0].toInt(), 1100);
        QVERIFY(a["value"].isNull());
        QCOMPARE(a["truncated"].toBool(), true);
        QVERIFY2(a["text"].toString().contains("(1100×1000: showing the first 10 rows and 10 "
                                               "columns)"),
                 qPrintable(a["text"].toString()));
    }

    // A syntax error fails its cell only; independent cells still run; exit code 1.
    void syntaxErrorFailsOnlyItsCell() {
        const Run r = lemma({"run", data("syntax-error.md"), "--json"});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject doc = json(r);
        QCOMPARE(doc["ok"].toBool(), false);
        const QJsonArray cells = doc["cells"].toArray();
        QCOMPARE(cells.size(), 5);
        QCOMPARE(cells[1].toObject()["status"].toString(), QString("ok"));
        const QJsonObject broken = cells[2].toObject();
        QCOMPARE(broken["status"].toString(), QString("error"));
        const QJsonObject error = broken["outputs"].toArray()[0].toObject();
        QCOMPARE(error["type"].toString(), QString("error"));
        QCOMPARE(error["line"].toInt(), 1);
        QCOMPARE(error["column"].toInt(), 8);
        QCOMPARE(cells[3].toObject()["status"].toString(), QString("ok"));
        QCOMPARE(valueNamed(cells[3].toObject()["outputs"].toArray(), "w")["value"].toDouble(),
                 6.0);
        // The cell reading y names the broken cell (code cell 2, on line 7 of the file) rather
        // than calling y undefined, and is reported as not run.
        const QJsonObject dependent = cells[4].toObject();
        QCOMPARE(dependent["status"].toString(), QString("not-run"));
        QCOMPARE(dependent["outputs"].toArray()[0].toObject()["message"].toString(),
                 QString("not run: depends on 'y' from cell 2, which failed"));
        QCOMPARE(broken["number"].toInt(), 2);
        QCOMPARE(broken["line"].toInt(), 7);
        QVERIFY(!cells[0].toObject().contains("number"));
    }

    // A failing derivation step is a finding: the cell is ok and run exits 0, the text says
    // which step fails, and --strict turns it into exit 1.
    void derivationStepFailsOnlyUnderStrict() {
        const Run text = lemma({"run", data("derivation.md")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("d = derivation \"Two steps\" (2 steps: 1 verified, 1 fails)\n"
                                   "  1. verified ✓              diff 0        x^2 = 4\n"
                                   "  2. fails ✗                 diff 1        x^3 = 9\n"),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains("── 1 derivation step fails ──"), qPrintable(text.out));
        QCOMPARE(lemma({"run", data("derivation.md"), "--strict"}).exitCode, 1);

        const Run r = lemma({"run", data("derivation.md"), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject value = valueNamed(outputsOf(json(r), 2), "d");
        QCOMPARE(value["derivation"].toObject()["flagged"].toInt(), 1);
        QCOMPARE(value["derivation"].toObject()["verdicts"].toArray()[1].toString(),
                 QString("fails"));
        const QJsonObject step = value["value"].toObject()["steps"].toArray()[1].toObject();
        QCOMPARE(step["note"].toString(), QString("Wrong on purpose."));
        QCOMPARE(step["lhs"].toDouble(), 8.0);
        QCOMPARE(step["diff"].toDouble(), 1.0);
        QCOMPARE(step["pass"].toBool(), false);
        QCOMPARE(step["kind"].toString(), QString("identity"));
    }

    void syntaxErrorAsText() {
        const Run r = lemma({"run", data("syntax-error.md")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("── cell 2, line 7 (error) ──\nerror: line 1, column 8: "
                                "expected an expression, found '*'\n"),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains("w = 6"), qPrintable(r.out));
    }

    // --set replaces a top-level assignment and keeps the rest of the cell.
    void setOverridesAssignment() {
        const Run plain = lemma({"run", data("sweep.md"), "--json"});
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(valueNamed(outputsOf(json(plain), 3), "final")["value"].toDouble(), 0.1 * 3);

        const Run swept = lemma({"run", data("sweep.md"), "--json", "--set", "lr=0.5"});
        QCOMPARE(swept.exitCode, 0);
        const QJsonObject doc = json(swept);
        QCOMPARE(valueNamed(outputsOf(doc, 3), "final")["value"].toDouble(), 1.5);
        QCOMPARE(valueNamed(outputsOf(doc, 2), "steps")["value"].toDouble(), 3.0);
    }

    void setOfUnknownNameIsAnError() {
        const Run r = lemma({"run", data("sweep.md"), "--set", "nope=1"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--set nope=1: no top-level assignment 'nope = …' in"),
                 qPrintable(r.err));
    }

    // The tour runs clean and its claims hold: the mask keeps the future at zero weight, every
    // gradient passes its check, one step lowers the loss, training gets near the least
    // possible loss, and each "Why is my loss NaN?" case fails where the prose says while its
    // fix stays finite.
    void tourRunsClean() {
        const Run r = lemma({"run", "--tour", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QHash<QString, QJsonValue> shown;
        for (const auto& cell : json(r)["cells"].toArray()) {
            for (const auto& o : cell.toObject()["outputs"].toArray()) {
                const QJsonObject out = o.toObject();
                if (out["type"].toString() == "value")
                    shown[out["name"].toString()] = out["value"];
            }
        }
        const auto number = [&](const char* name) { return shown.value(name).toDouble(-1); };
        QCOMPARE(number("parameters"), 478.0);
        QCOMPARE(number("weight_on_the_future"), 0.0);
        QCOMPARE(shown.value("all_gradients_agree").toBool(), true);
        QVERIFY(std::abs(number("uniform_guess") - std::log(10.0)) < 1e-12);
        QVERIFY(std::abs(number("perplexity") - std::exp(number("loss"))) < 1e-9);
        QCOMPARE(number("loss_before"), number("loss"));
        QVERIFY(number("loss_after") < number("loss_before"));
        QVERIFY(number("adam_loss_after") < number("loss_before"));
        QVERIFY(std::abs(number("largest_adam_move") - 0.01) < 1e-9);
        QVERIFY(number("final_loss") < 0.07 && number("final_loss") > 0.0597);
        QVERIFY(number("accuracy") > 0.96);

        QCOMPARE(shown.value("overflow_at").toString(), QString("forward.attention.weights"));
        QCOMPARE(shown.value("naive_loss").toString(), QString("NaN"));
        QVERIFY(number("largest_score") > 709.8);
        QVERIFY(number("stable_loss") > 0);
        QCOMPARE(number("smallest_probability"), 0.0);
        QCOMPARE(shown.value("log_of_zero_at").toString(), QString("forward.cross_entropy.nll"));
        QVERIFY(number("lse_loss") > 100);
        QVERIFY(number("diverged_at_step") > 0);
        QVERIFY(!shown.value("divergence_at").toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_RunCommand)
#include "tst_RunCommand.moc"
