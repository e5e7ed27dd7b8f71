// The memory budget: sizes read and written, the message of a refused request, and every
// place that allocates from its arguments refusing, before it allocates, what does not fit.
#include <QtTest>

#include "engine/core/MemoryBudget.h"
#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"
#include "engine/output/Output.h"

using namespace lemma;

namespace {

constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

// Runs `source` as one cell with a budget; the message of its error, or "" when it ran.
std::string errorOf(const std::string& source, std::uint64_t budget) {
    static const builtins::Registry registry = builtins::Registry::standard();
    lang::Interpreter interpreter(registry);
    lang::Globals globals;
    lang::RunOptions options;
    options.memoryBudget = budget;
    const lang::RunResult result = interpreter.run(lang::parseProgram(source), globals, options);
    if (result.ok)
        return "";
    const auto* error = std::get_if<output::Error>(&result.outputs.back());
    return error ? error->message : "not an error";
}

}  // namespace

class tst_MemoryBudget : public QObject {
    Q_OBJECT

private slots:
    void parsesSizes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<quint64>("bytes");
        QTest::newRow("G") << "12G" << quint64(12 * kGiB);
        QTest::newRow("g") << "12g" << quint64(12 * kGiB);
        QTest::newRow("GiB") << "12GiB" << quint64(12 * kGiB);
        QTest::newRow("GB") << "12GB" << quint64(12 * kGiB);
        QTest::newRow("M") << "512M" << quint64(512) * 1024 * 1024;
        QTest::newRow("K") << "64K" << quint64(64) * 1024;
        QTest::newRow("T") << "1T" << quint64(1024) * kGiB;
        QTest::newRow("fraction") << "1.5G" << quint64(3 * kGiB / 2);
        QTest::newRow("bytes") << "1048576" << quint64(1048576);
    }
    void parsesSizes() {
        QFETCH(QString, text);
        QFETCH(quint64, bytes);
        const auto parsed = MemoryBudget::parse(text.toStdString());
        QVERIFY(parsed.has_value());
        QCOMPARE(quint64(*parsed), bytes);
    }

    void refusesBadSizes() {
        for (const char* bad : {"", "G", "-1G", "0", "0G", "12X", "twelve", "1e400", "12 G G"})
            QVERIFY2(!MemoryBudget::parse(bad).has_value(), bad);
    }

    void formatsSizes() {
        QCOMPARE(MemoryBudget::format(8e12), std::string("7.3 TiB"));
        QCOMPARE(MemoryBudget::format(12.0 * kGiB), std::string("12 GiB"));
        QCOMPARE(MemoryBudget::format(512.0 * 1024 * 1024), std::string("512 MiB"));
        QCOMPARE(MemoryBudget::format(100), std::string("100 bytes"));
        QCOMPARE(MemoryBudget::format(1), std::string("1 byte"));
    }

    void defaultIsHalfOfPhysicalMemory() {
        const std::uint64_t half = MemoryBudget::defaultBytes();
        QVERIFY(half >= (std::uint64_t{256} << 20));
        QCOMPARE(MemoryBudget().bytes(), half);
        QCOMPARE(MemoryBudget(12 * kGiB).bytes(), 12 * kGiB);
    }

    void namesTheRequest() {
        QCOMPARE(errorOf("A = zeros(1e6, 1e6);", 12 * kGiB),
                 std::string("zeros(1e6, 1e6): 7.3 TiB requested, budget 12 GiB"));
        QCOMPARE(errorOf("A = ones(2.5e6, 4e5);", 12 * kGiB),
                 std::string("ones(2.5e6, 4e5): 7.3 TiB requested, budget 12 GiB"));
        QCOMPARE(errorOf("A = rand([1e5 1e5]);", 12 * kGiB),
                 std::string("rand([1e5 1e5]): 74.5 GiB requested, budget 12 GiB"));
    }

    // Every builtin and operator that allocates from its arguments.
    void everyAllocationSite_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::newRow("kron") << "A = kron(ones(1e3, 1e3), ones(1e3, 1e3));"
                              << "kron(1000×1000 matrix, 1000×1000 matrix): 7.3 TiB requested, "
                                 "budget 1 GiB";
        QTest::newRow("repmat") << "A = repmat([1 2; 3 4], 1e5, 1e5);"
                                << "repmat(2×2 matrix, 1e5, 1e5): 298 GiB requested, budget 1 GiB";
        QTest::newRow("string repetition")
            << "s = repmat(\"ab\", 1, 1e10);"
            << "repmat(\"ab\", 1, 1e10): 18.6 GiB requested, budget 1 GiB";
        QTest::newRow("outer broadcasting") << "A = ones(1e5, 1) + ones(1, 1e5);"
                                            << "100000×1 + 1×100000: 74.5 GiB requested, budget "
                                               "1 GiB";
        QTest::newRow("outer product") << "A = ones(1e5, 1) * ones(1, 1e5);"
                                       << "100000×1 * 1×100000: 74.5 GiB requested, budget 1 GiB";
        QTest::newRow("comparison") << "A = (1:1e5)' < (1:1e5);"
                                    << "100000×1 < 1×100000: 74.5 GiB requested, budget 1 GiB";
        QTest::newRow("eye") << "I = eye(1e5);"
                             << "eye(1e5): 74.5 GiB requested, budget 1 GiB";
        // (2e8 points: 1e10 would first pass the largest dimension, 2^28.)
        QTest::newRow("linspace") << "x = linspace(0, 1, 2e8);"
                                  << "linspace(0, 1, 2e8): 1.5 GiB requested, budget 1 GiB";
        QTest::newRow("diag") << "D = diag(ones(1, 1e5));"
                              << "diag(1×100000 matrix): 74.5 GiB requested, budget 1 GiB";
    }
    void everyAllocationSite() {
        QFETCH(QString, source);
        QFETCH(QString, message);
        QCOMPARE(QString::fromStdString(errorOf(source.toStdString(), kGiB)), message);
    }

    // What the cell already holds counts: two 150 MiB matrices do not fit 256 MiB, one does.
    void countsWhatTheCellHolds() {
        constexpr std::uint64_t budget = std::uint64_t{256} << 20;
        QCOMPARE(errorOf("A = zeros(1e4, 1966);", budget), std::string());
        const std::string second = errorOf("A = zeros(1e4, 1966); B = ones(1e4, 1966);", budget);
        QVERIFY2(second.starts_with("ones(10000, 1966): 150 MiB requested, ") &&
                     second.ends_with(" already held by this cell, budget 256 MiB"),
                 second.c_str());
        // Freed memory is not held: the same request in a loop that drops it fits.
        QCOMPARE(errorOf("for k = 1:3\n A = zeros(1e4, 1966);\n A = 0;\nend", budget),
                 std::string());
    }

    // Refused requests leave the interpreter usable.
    void keepsRunning() {
        QVERIFY(!errorOf("A = zeros(1e6, 1e6);", kGiB).empty());
        QCOMPARE(errorOf("A = zeros(100, 100); s = sum(A(:));", kGiB), std::string());
    }
};

QTEST_APPLESS_MAIN(tst_MemoryBudget)
#include "tst_MemoryBudget.moc"
