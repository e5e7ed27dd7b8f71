// The example notebooks in resources/notebooks: each runs clean in `lemma run`, survives a
// read-write round trip byte for byte, and the worked examples print the closed forms of
// MATH.md §1–2.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <cmath>
#include <complex>
#include <string>
#include <vector>

#include "engine/notebook/NotebookFormat.h"

namespace {

QString examplesDir() {
    return QStringLiteral(LEMMA_SOURCE_DIR "/resources/notebooks");
}

QString example(const char* name) {
    return examplesDir() + "/" + name;
}

struct Run {
    int exitCode = -1;
    QJsonObject doc;
    QString err;
};

// `lemma run FILE --json` with extra arguments; doc is empty when the output is not JSON.
Run runJson(const QString& file, const QStringList& extra = {}) {
    QProcess p;
    p.setProgram(QStringLiteral(LEMMA_BINARY));
    p.setArguments(QStringList{"run", file, "--json"} + extra);
    p.start();
    if (!p.waitForFinished(120000)) {
        p.kill();
        return {};
    }
    Run r;
    r.exitCode = p.exitCode();
    r.err = QString::fromUtf8(p.readAllStandardError());
    QJsonParseError error;
    const QJsonDocument d = QJsonDocument::fromJson(p.readAllStandardOutput(), &error);
    if (error.error == QJsonParseError::NoError)
        r.doc = d.object();
    return r;
}

// The value a cell displayed under `name` (names are defined by one cell only, so the first
// match is the only one); an empty object when none did.
QJsonObject shown(const QJsonObject& doc, const QString& name) {
    for (const auto& cell : doc["cells"].toArray()) {
        for (const auto& o : cell.toObject()["outputs"].toArray()) {
            const QJsonObject out = o.toObject();
            if (out["type"] == "value" && out["name"] == name)
                return out;
        }
    }
    qWarning().noquote() << "no value named" << name;
    return {};
}

double number(const QJsonObject& doc, const QString& name) {
    return shown(doc, name)["value"].toDouble(std::nan(""));
}

// A real matrix value as rows of numbers.
std::vector<std::vector<double>> matrix(const QJsonValue& value) {
    std::vector<std::vector<double>> m;
    for (const auto& row : value.toArray()) {
        m.emplace_back();
        for (const auto& x : row.toArray())
            m.back().push_back(x.toDouble(std::nan("")));
    }
    return m;
}

std::vector<double> row(const QJsonValue& value) {
    const auto m = matrix(value);
    return m.size() == 1 ? m.front() : std::vector<double>{};
}

// All text a notebook printed (printf), in order.
QString printed(const QJsonObject& doc) {
    QString text;
    for (const auto& cell : doc["cells"].toArray()) {
        for (const auto& o : cell.toObject()["outputs"].toArray()) {
            if (o.toObject()["type"] == "text")
                text += o.toObject()["text"].toString();
        }
    }
    return text;
}

bool near(double actual, double expected, double tol) {
    return std::abs(actual - expected) <= tol * std::max(1.0, std::abs(expected));
}

#define VERIFY_NEAR(actual, expected, tol)                                  \
    QVERIFY2(near((actual), (expected), (tol)),                             \
             qPrintable(QString("%1 = %2, expected %3 = %4 (tolerance %5)") \
                            .arg(#actual)                                   \
                            .arg((actual), 0, 'g', 17)                      \
                            .arg(#expected)                                 \
                            .arg((expected), 0, 'g', 17)                    \
                            .arg(tol)))

// The row-wise softmax of MATH.md's worked example, written out: scores QKᵀ/√2 with
// Q = [1.0 0.5; 0.3 0.8; 0.1 0.9] and K = [0.9 0.2; 0.4 0.7; 0.2 0.8]; with `causal`, key j
// only for query i ≥ j.
std::vector<std::vector<double>> workedAttention(bool causal) {
    const double q[3][2] = {{1.0, 0.5}, {0.3, 0.8}, {0.1, 0.9}};
    const double k[3][2] = {{0.9, 0.2}, {0.4, 0.7}, {0.2, 0.8}};
    std::vector<std::vector<double>> a(3, std::vector<double>(3, 0.0));
    for (int i = 0; i < 3; ++i) {
        double total = 0;
        for (int j = 0; j < 3; ++j) {
            if (causal && j > i)
                continue;
            a[i][j] = std::exp((q[i][0] * k[j][0] + q[i][1] * k[j][1]) / std::sqrt(2.0));
            total += a[i][j];
        }
        for (int j = 0; j < 3; ++j)
            a[i][j] /= total;
    }
    return a;
}

}  // namespace

class tst_ExampleNotebooks : public QObject {
    Q_OBJECT

private slots:
    void examples_data() {
        QTest::addColumn<QString>("file");
        const QStringList names = QDir(examplesDir()).entryList({"*.md"}, QDir::Files, QDir::Name);
        QVERIFY(names.contains("attention-spectra.md"));
        QVERIFY(names.contains("lora-svd.md"));
        QVERIFY(names.contains("optimizers.md"));
        QVERIFY(names.contains("batch-size.md"));
        QVERIFY(names.contains("mle-derivations.md"));
        QVERIFY(names.contains("information-theory.md"));
        QVERIFY(names.contains("gradients.md"));
        for (const QString& name : names)
            QTest::newRow(qPrintable(name)) << examplesDir() + "/" + name;
    }

    // Exit code 0 and every code cell "ok".
    void examples() {
        QFETCH(QString, file);
        const Run r = runJson(file);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.doc["ok"].toBool(), true);
        int code = 0;
        for (const auto& c : r.doc["cells"].toArray()) {
            const QJsonObject cell = c.toObject();
            if (cell["kind"] != "code")
                continue;
            ++code;
            QVERIFY2(cell["status"] == "ok",
                     qPrintable(QString("cell %1: %2")
                                    .arg(cell["index"].toInt())
                                    .arg(QString::fromUtf8(
                                        QJsonDocument(cell["outputs"].toArray()).toJson()))));
        }
        QVERIFY(code > 0);
    }

    void roundTrip_data() { examples_data(); }

    // Reading then writing an example gives the same bytes, with no warnings.
    void roundTrip() {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const std::string original(bytes.constData(), static_cast<std::size_t>(bytes.size()));
        const lemma::notebook::ParsedNotebook parsed =
            lemma::notebook::parseNotebook(original, file.toStdString());
        QVERIFY(parsed.warnings.empty());
        QVERIFY(lemma::notebook::serializeNotebook(parsed.notebook) == original);
    }

    // MATH.md §3–5: every built-in derivation in the notebooks verifies each step and fails
    // each deliberately wrong one; the hand-written wrong derivation is the one flagged step.
    void derivationNotebooks() {
        int flagged = 0;
        for (const char* name : {"mle-derivations.md", "information-theory.md", "gradients.md"}) {
            const Run r = runJson(example(name));
            QCOMPARE(r.exitCode, 0);
            for (const auto& cell : r.doc["cells"].toArray()) {
                for (const auto& o : cell.toObject()["outputs"].toArray())
                    flagged += o.toObject()["derivation"].toObject()["flagged"].toInt();
            }
        }
        QCOMPARE(flagged, 1);
        const Run mle = runJson(example("mle-derivations.md"));
        // The corpus's average NLL is the entropy of its frequencies 3, 2, 1, 1, 1, 1 of 9.
        const double h =
            -(3 * std::log(3.0 / 9) + 2 * std::log(2.0 / 9) + 4 * std::log(1.0 / 9)) / 9;
        VERIFY_NEAR(number(mle.doc, "loss_at_estimate"), h, 1e-12);
        VERIFY_NEAR(number(mle.doc, "extra"), number(mle.doc, "kl_extra"), 1e-12);
        const Run info = runJson(example("information-theory.md"));
        VERIFY_NEAR(number(info.doc, "H_uniform_bits"), 3.0, 1e-12);
        VERIFY_NEAR(number(info.doc, "ppl_uniform_2"), 2.0, 1e-12);
        VERIFY_NEAR(number(info.doc, "identity_gap"), 0.0, 1e-12);
        QVERIFY(number(info.doc, "largest_gap") < 0.0064);
        const Run grads = runJson(example("gradients.md"));
        QCOMPARE(shown(grads.doc, "caught_passes")["value"].toBool(), false);
        QCOMPARE(shown(grads.doc, "ln_passes")["value"].toBool(), true);
        QVERIFY(number(grads.doc, "sigmoid_norm_at_bottom") <
                1e-6 * number(grads.doc, "relu_norm_at_bottom"));
    }

    // MATH.md §1 on the 3-token example: softmax by hand, row sums, λ₁ = 1, the gap, the
    // stationary distribution, Aᵏ against |λ₂|ᵏ and causal eigenvalues = diagonal.
    void attentionSpectra() {
        const Run r = runJson(example("attention-spectra.md"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject& doc = r.doc;

        const auto S = matrix(shown(doc, "S")["value"]);
        QCOMPARE(S.size(), std::size_t(3));
        VERIFY_NEAR(S[0][0], 1.0, 1e-15);
        VERIFY_NEAR(S[0][1], 0.75, 1e-15);
        VERIFY_NEAR(S[0][2], 0.6, 1e-15);

        const auto expected = workedAttention(false);
        const auto A = matrix(shown(doc, "A")["value"]);
        QCOMPARE(A.size(), std::size_t(3));
        const std::vector<double> a1 = row(shown(doc, "a_1")["value"]);
        QCOMPARE(a1.size(), std::size_t(3));
        for (int i = 0; i < 3; ++i) {
            for (int j = 0; j < 3; ++j)
                VERIFY_NEAR(A[i][j], expected[i][j], 1e-12);
            VERIFY_NEAR(a1[i], expected[0][i], 1e-12);
        }
        // MATH.md: the printed 0.324 is a rounding slip; the exact value rounds to 0.323.
        QCOMPARE(std::round(A[0][1] * 1000) / 1000, 0.323);
        QVERIFY(shown(doc, "A")["text"].toString().contains("0.3859   0.3233   0.2908"));
        VERIFY_NEAR(number(doc, "attention_vs_steps"), 0.0, 1e-15);
        for (const double s : row(shown(doc, "row_sums")["value"]))
            VERIFY_NEAR(s, 1.0, 1e-12);

        // Eigenvalues, sorted by modulus, as [re, im] pairs: λ₁ = 1 and gap = 1 − |λ₂|.
        const QJsonArray lambda = shown(doc, "lambda")["value"].toArray()[0].toArray();
        QCOMPARE(lambda.size(), 3);
        std::vector<std::complex<double>> eig;
        for (const auto& z : lambda)
            eig.emplace_back(z.toArray()[0].toDouble(), z.toArray()[1].toDouble());
        VERIFY_NEAR(eig[0].real(), 1.0, 1e-12);
        VERIFY_NEAR(eig[0].imag(), 0.0, 1e-12);
        QVERIFY(std::abs(eig[1]) < 1.0 && std::abs(eig[2]) <= std::abs(eig[1]));
        VERIFY_NEAR(number(doc, "gap"), 1.0 - std::abs(eig[1]), 1e-12);
        // Trace = sum of eigenvalues.
        VERIFY_NEAR((eig[0] + eig[1] + eig[2]).real(),
                    expected[0][0] + expected[1][1] + expected[2][2], 1e-12);

        // πA = π, Σπ = 1, all πⱼ > 0, checked against the hand-computed A.
        const std::vector<double> pi = row(shown(doc, "stationary")["value"]);
        QCOMPARE(pi.size(), std::size_t(3));
        VERIFY_NEAR(pi[0] + pi[1] + pi[2], 1.0, 1e-12);
        for (int j = 0; j < 3; ++j) {
            QVERIFY(pi[j] > 0);
            double piA = 0;
            for (int i = 0; i < 3; ++i)
                piA += pi[i] * expected[i][j];
            VERIFY_NEAR(piA, pi[j], 1e-12);
        }
        VERIFY_NEAR(number(doc, "stationary_total"), 1.0, 1e-12);
        VERIFY_NEAR(number(doc, "left_eigen_residual"), 0.0, 1e-12);

        // The slider starts at T = 1, where A_T is the worked A.
        VERIFY_NEAR(number(doc, "T"), 1.0, 0.0);
        VERIFY_NEAR(number(doc, "abs_lambda2"), std::abs(eig[1]), 1e-12);
        // ‖A⁵ − 1π‖ by hand and from attention_power; the ratio to |λ₂|ᵏ tends to a constant.
        VERIFY_NEAR(number(doc, "by_hand"), number(doc, "from_builtin"), 1e-9);
        VERIFY_NEAR(number(doc, "by_hand"), std::pow(std::abs(eig[1]), 5),
                    0.05 * std::pow(std::abs(eig[1]), 5));

        // Causal: lower-triangular, eigenvalues = diagonal, all mass on the first token.
        const auto causal = workedAttention(true);
        const auto Ac = matrix(shown(doc, "A_causal")["value"]);
        QCOMPARE(Ac.size(), std::size_t(3));
        for (int i = 0; i < 3; ++i) {
            for (int j = 0; j < 3; ++j)
                VERIFY_NEAR(Ac[i][j], causal[i][j], 1e-12);
        }
        const std::vector<double> diagonal = row(shown(doc, "diagonal")["value"]);
        const std::vector<double> eigenvalues = row(shown(doc, "eigenvalues")["value"]);
        QCOMPARE(diagonal.size(), std::size_t(3));
        QCOMPARE(eigenvalues.size(), std::size_t(3));
        VERIFY_NEAR(diagonal[0], 1.0, 0.0);
        for (int i = 0; i < 3; ++i)
            VERIFY_NEAR(eigenvalues[i], diagonal[i], 1e-12);
        VERIFY_NEAR(number(doc, "causal_difference"), 0.0, 1e-12);
        const std::vector<double> piCausal = row(shown(doc, "stationary_causal")["value"]);
        QCOMPARE(piCausal.size(), std::size_t(3));
        VERIFY_NEAR(piCausal[0], 1.0, 1e-12);
        VERIFY_NEAR(piCausal[1], 0.0, 1e-12);
        VERIFY_NEAR(piCausal[2], 0.0, 1e-12);
    }

    // Moving the temperature slider: as T grows, A_T flattens and the gap opens.
    void attentionSpectraHotter() {
        const Run hot = runJson(example("attention-spectra.md"), {"--set", "T=30"});
        QCOMPARE(hot.exitCode, 0);
        QVERIFY(number(hot.doc, "abs_lambda2") < 0.01);
        for (const auto& r : matrix(shown(hot.doc, "A_T")["value"])) {
            for (const double a : r)
                VERIFY_NEAR(a, 1.0 / 3.0, 0.01);
        }
    }

    // MATH.md §2: Eckart–Young, the parameter counts, the randomized SVD and the LoRA floor.
    void loraSvd() {
        const Run r = runJson(example("lora-svd.md"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject& doc = r.doc;

        const std::vector<double> sigma = row(shown(doc, "sigma_top")["value"]);
        QCOMPARE(sigma.size(), std::size_t(10));
        for (std::size_t i = 1; i < sigma.size(); ++i)
            QVERIFY(sigma[i] < sigma[i - 1]);

        VERIFY_NEAR(number(doc, "difference_fro"), 0.0, 1e-10);
        VERIFY_NEAR(number(doc, "measured_fro"), number(doc, "predicted_fro"), 1e-10);
        VERIFY_NEAR(number(doc, "measured_spec"), number(doc, "predicted_spec"), 1e-10);
        VERIFY_NEAR(number(doc, "predicted_spec"), sigma[4], 1e-15);
        VERIFY_NEAR(number(doc, "max_difference_fro"), 0.0, 1e-10);
        VERIFY_NEAR(number(doc, "max_difference_spec"), 0.0, 1e-10);

        // lora_params(4096, 4096, 8): 65,536 against 16,777,216, 256× fewer.
        const QJsonObject counts = shown(doc, "lora_8")["value"].toObject();
        QCOMPARE(counts["full"].toDouble(), 16777216.0);
        QCOMPARE(counts["lora"].toDouble(), 65536.0);
        QCOMPARE(counts["ratio"].toDouble(), 256.0);
        const QString table = printed(doc);
        QVERIFY2(table.contains("     8        65536     16777216     256.0×"), qPrintable(table));
        QVERIFY2(table.contains("  1024      8388608     16777216       2.0×"), qPrintable(table));

        // The slider starts at rank 3; energy is Σᵢ≤₃ σᵢ² / Σ σᵢ² (the tail from the
        // Frobenius error: Σᵢ>₃ σᵢ² = ‖W − W_3‖², and ‖W − W_4‖² + σ₄² is that tail).
        VERIFY_NEAR(number(doc, "r"), 3.0, 0.0);
        const double tail3 = std::pow(number(doc, "predicted_fro"), 2) + sigma[3] * sigma[3];
        const double head3 = sigma[0] * sigma[0] + sigma[1] * sigma[1] + sigma[2] * sigma[2];
        VERIFY_NEAR(number(doc, "energy_r"), head3 / (head3 + tail3), 1e-12);

        // Randomized SVD: power iterations bring the error to the optimum.
        QVERIFY(number(doc, "excess_q0") > 0.01);
        QVERIFY(number(doc, "excess_q2") >= -1e-12);
        QVERIFY(number(doc, "excess_q2") < 1e-6);

        // LoRA: the floor is ½ Σᵢ>₄ σᵢ², the fit reaches it and never goes below.
        VERIFY_NEAR(number(doc, "floor_4"), 0.5 * std::pow(number(doc, "predicted_fro"), 2), 1e-12);
        VERIFY_NEAR(number(doc, "floor_4"), number(doc, "floor_by_hand"), 1e-12);
        QVERIFY(number(doc, "above_floor") > -1e-9);
        QVERIFY(number(doc, "above_floor") < 1e-6);
        QVERIFY(number(doc, "learned_vs_W_4") < 1e-3);
    }

    // At full rank the approximation is W itself.
    void loraSvdFullRank() {
        const Run r = runJson(example("lora-svd.md"), {"--set", "r=24"});
        QCOMPARE(r.exitCode, 0);
        VERIFY_NEAR(number(r.doc, "energy_r"), 1.0, 1e-12);
    }

    // MATH.md §6: measured rates against (κ−1)/(κ+1) and (√κ−1)/(√κ+1), Adam's first step.
    void optimizers() {
        const Run r = runJson(example("optimizers.md"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject& doc = r.doc;
        VERIFY_NEAR(number(doc, "measured_gd"), number(doc, "predicted_gd"), 1e-6);
        VERIFY_NEAR(number(doc, "predicted_gd"), 9.0 / 11.0, 1e-4);
        const double rho = (std::sqrt(10.0) - 1) / (std::sqrt(10.0) + 1);
        QVERIFY(number(doc, "measured_hb") > rho);
        QVERIFY(number(doc, "measured_hb") < rho + 0.05);
        for (const double step : row(shown(doc, "first_step")["value"]))
            VERIFY_NEAR(step, 0.1, 1e-9);
        VERIFY_NEAR(number(doc, "diverged_at"), 0.0, 0.0);
        // Past 2/L the run reports its divergence.
        const Run fast = runJson(example("optimizers.md"), {"--set", "lr=0.25"});
        QCOMPARE(fast.exitCode, 0);
        QVERIFY(number(fast.doc, "diverged_at") > 0);
    }

    // MATH.md §6–7: the minibatch noise follows tr(Σ)/|B|, the Welch test separates two batch
    // sizes, and the slider's batch size reaches the run.
    void batchSize() {
        const Run r = runJson(example("batch-size.md"));
        QCOMPARE(r.exitCode, 0);
        for (const double ratio : row(shown(r.doc, "ratio_measured_to_predicted")["value"]))
            VERIFY_NEAR(ratio, 1.0, 0.15);
        QVERIFY(number(r.doc, "after_300_steps") > number(r.doc, "at_start"));
        VERIFY_NEAR(number(r.doc, "examples_used"), 300.0 * 64, 0.0);
        const Run big = runJson(example("batch-size.md"), {"--set", "B=512"});
        QCOMPARE(big.exitCode, 0);
        VERIFY_NEAR(number(big.doc, "examples_used"), 300.0 * 512, 0.0);
        QVERIFY(number(big.doc, "final_loss") < number(r.doc, "final_loss"));
    }
};

QTEST_GUILESS_MAIN(tst_ExampleNotebooks)
#include "tst_ExampleNotebooks.moc"
