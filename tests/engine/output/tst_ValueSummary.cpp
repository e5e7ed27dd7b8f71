// ValueSummary: previews, the matrix facts against closed forms, and the heatmap's scaling.
#include <QtTest>

#include <cmath>
#include <limits>

#include "engine/output/ValueSummary.h"

using namespace lemma::lang;
using namespace lemma::output;

class tst_ValueSummary : public QObject {
    Q_OBJECT

private slots:
    void previews_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("preview");
        QTest::addColumn<bool>("isMatrix");
        QTest::newRow("scalar") << 0 << "double"
                                << "1×1"
                                << "1.0000e-03" << false;
        QTest::newRow("row") << 1 << "double"
                             << "1×3"
                             << "[1 2 3]" << true;
        QTest::newRow("column") << 2 << "double"
                                << "2×1"
                                << "[1; 2]" << true;
        QTest::newRow("matrix") << 3 << "double"
                                << "2×2"
                                << "[1 2; 3 4]" << true;
        QTest::newRow("string") << 4 << "string"
                                << "1×4"
                                << "\"relu\"" << false;
        QTest::newRow("bool") << 5 << "logical"
                              << "1×1"
                              << "true" << false;
        QTest::newRow("long row") << 6 << "double"
                                  << "1×100"
                                  << "1×100 double" << true;
        QTest::newRow("complex") << 7 << "complex"
                                 << "1×1"
                                 << "1 - 2i" << false;
        // As the cell shows them (format short), not in a style of its own.
        QTest::newRow("fraction") << 8 << "double"
                                  << "1×1"
                                  << "0.8901" << false;
        QTest::newRow("scaled row") << 9 << "double"
                                    << "1×3"
                                    << "1.0e-03 * [1.0000 2.0000 3.0000]" << true;
        QTest::newRow("big matrix") << 10 << "double"
                                    << "8×8"
                                    << "8×8 double" << true;
    }
    void previews() {
        QFETCH(int, which);
        QFETCH(QString, type);
        QFETCH(QString, size);
        QFETCH(QString, preview);
        QFETCH(bool, isMatrix);
        const Value values[] = {
            Value(0.001),
            Value(arma::mat{{1, 2, 3}}),
            Value(arma::mat(arma::colvec{1.0, 2.0})),
            Value(arma::mat{{1, 2}, {3, 4}}),
            Value("relu"),
            Value::boolean(true),
            Value(arma::mat(1, 100, arma::fill::ones)),
            Value(std::complex<double>(1, -2)),
            Value(0.890062),
            Value(arma::mat{{0.001, 0.002, 0.003}}),
            Value(arma::mat(8, 8, arma::fill::value(0.5))),
        };
        const ValueSummary s = summarize(values[which]);
        QCOMPARE(QString::fromStdString(s.type), type);
        QCOMPARE(QString::fromStdString(s.size), size);
        QCOMPARE(QString::fromStdString(s.preview), preview);
        QCOMPARE(s.isMatrix, isMatrix);
    }

    void factsOfADiagonalMatrix() {
        // diag(3, -2, 0.5): σ = 3, 2, 0.5; rank 3, ‖·‖₂ = 3, cond = 6, ‖·‖_F = √13.25.
        const arma::mat d = arma::diagmat(arma::vec{3, -2, 0.5});
        const MatrixFacts f = matrixFacts(Value(d));
        QVERIFY(f.ok);
        QCOMPARE(f.rank, 3);
        QCOMPARE(f.norm2, 3.0);
        QCOMPARE(f.norm1, 3.0);
        QCOMPARE(f.normInf, 3.0);
        QVERIFY(std::abs(f.normFro - std::sqrt(13.25)) < 1e-12);
        QVERIFY(std::abs(f.cond - 6.0) < 1e-12);
    }

    void factsOfARankOneMatrix() {
        const arma::vec u{1, 2, 3};
        const arma::mat a = u * u.t();  // σ₁ = ‖u‖² = 14, the rest 0
        const MatrixFacts f = matrixFacts(Value(a));
        QVERIFY(f.ok);
        QCOMPARE(f.rank, 1);
        QVERIFY(std::abs(f.norm2 - 14.0) < 1e-12);
        QVERIFY(f.cond > 1e12);
    }

    void factsRefused() {
        QVERIFY(!matrixFacts(Value("x")).ok);
        const MatrixFacts f = matrixFacts(Value(arma::mat{{1, std::nan("")}}));
        QVERIFY(!f.ok);
        QCOMPARE(QString::fromStdString(f.note), QStringLiteral("contains NaN or Inf"));
    }

    void heatmapScalesToUnitRange() {
        const Heatmap h = heatmap(Value(arma::mat{{1, 2}, {3, 5}}));
        QCOMPARE(h.rows, 2);
        QCOMPARE(h.cols, 2);
        QCOMPARE(h.min, 1.0);
        QCOMPARE(h.max, 5.0);
        QCOMPARE(h.cells[0], 0.0f);   // (0,0) = 1
        QCOMPARE(h.cells[1], 0.25f);  // (0,1) = 2
        QCOMPARE(h.cells[2], 0.5f);   // (1,0) = 3
        QCOMPARE(h.cells[3], 1.0f);   // (1,1) = 5
    }

    void heatmapShrinksByAveraging() {
        arma::mat m(100, 10);
        for (arma::uword i = 0; i < 100; ++i)
            m.row(i).fill(i < 50 ? 0.0 : 1.0);
        const Heatmap h = heatmap(Value(m), 4);
        QCOMPARE(h.rows, 4);
        QCOMPARE(h.cols, 4);
        QCOMPARE(h.cells[0], 0.0f);
        QCOMPARE(h.cells[3 * 4], 1.0f);
        QVERIFY(heatmap(Value("s")).rows == 0);
    }

    // Huge values: an empty 3e9×0 has no heatmap; a 10^7×1 column (its entries its row
    // numbers) is read from a sample of rows, and each of its 48 cells still averages its
    // block: the first near the block's middle, the last near the end.
    void heatmapOfHugeValuesSamples() {
        QCOMPARE(heatmap(Value(arma::mat(3'000'000'000ULL, 0))).rows, 0);
        const Heatmap h = heatmap(Value(arma::mat(arma::regspace(1, 10'000'000))));
        QCOMPARE(h.rows, 48);
        QCOMPARE(h.cols, 1);
        const double block = 1e7 / 48;
        QVERIFY(std::abs(h.min - block / 2) < 0.05 * block);
        QVERIFY(std::abs(h.max - (1e7 - block / 2)) < 0.05 * block);
        QCOMPARE(h.cells.front(), 0.0f);
        QCOMPARE(h.cells.back(), 1.0f);
        // Cells rise evenly from the first to the last.
        for (int i = 1; i < h.rows; ++i)
            QVERIFY(std::abs(h.cells[i] - h.cells[i - 1] - 1.0f / 47) < 2e-3f);
    }
};

QTEST_APPLESS_MAIN(tst_ValueSummary)
#include "tst_ValueSummary.moc"
