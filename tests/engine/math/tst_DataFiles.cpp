// Tests of the data-file readers: .npy files whose bytes are written here (both dtypes, both
// orders, both byte orders, header versions 1–3), CSV files, exact error messages, and the
// check that keeps reads inside the notebook's folder.
#include <QTemporaryDir>
#include <QTest>
#include <armadillo>
#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/Compare.h"
#include "engine/core/Error.h"
#include "engine/math/DataFiles.h"

using namespace lemma::math;
namespace fs = std::filesystem;

namespace {

// A .npy file as NumPy writes it: magic, version, little-endian header length, a dict padded
// with spaces and ended by '\n' so the data starts on a multiple of 64, then the raw data.
std::string npyBytes(const std::string& dict, const std::string& data, int major = 1) {
    const std::size_t prefix = major == 1 ? 10 : 12;
    std::string header = dict;
    while ((prefix + header.size() + 1) % 64 != 0) {
        header += ' ';
    }
    header += '\n';
    std::string out = "\x93NUMPY";
    out += static_cast<char>(major);
    out += '\0';
    const std::uint32_t length = static_cast<std::uint32_t>(header.size());
    for (std::size_t i = 0; i < (major == 1 ? 2u : 4u); ++i) {
        out += static_cast<char>((length >> (8 * i)) & 0xff);
    }
    return out + header + data;
}

template <typename T>
std::string rawData(const std::vector<T>& values, bool bigEndian = false) {
    std::string out(values.size() * sizeof(T), '\0');
    std::memcpy(out.data(), values.data(), out.size());
    if (bigEndian == (std::endian::native == std::endian::little)) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            std::reverse(out.begin() + i * sizeof(T), out.begin() + (i + 1) * sizeof(T));
        }
    }
    return out;
}

std::string dict(const std::string& descr, bool fortran, const std::string& shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
           ", 'shape': " + shape + ", }";
}

using lemma::test::errorOf;

}  // namespace

class tst_DataFiles : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    fs::path base() const { return fs::path(m_dir.path().toStdString()); }
    fs::path write(const std::string& name, const std::string& bytes) {
        const fs::path path = base() / name;
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void npyMatrices_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        const arma::mat expected = {{1.5, -2.0, 3.25}, {4.0, 0.125, -6.5}};
        const std::vector<double> rowMajor = {1.5, -2.0, 3.25, 4.0, 0.125, -6.5};
        const std::vector<double> colMajor = {1.5, 4.0, -2.0, 0.125, 3.25, -6.5};
        const std::vector<float> rowMajor32(rowMajor.begin(), rowMajor.end());
        const std::vector<float> colMajor32(colMajor.begin(), colMajor.end());
        auto row = [&](const char* tag, const std::string& bytes) {
            QTest::newRow(tag) << QByteArray::fromStdString(bytes) << 2 << 3;
        };
        row("<f8 C", npyBytes(dict("<f8", false, "(2, 3)"), rawData(rowMajor)));
        row("<f8 Fortran", npyBytes(dict("<f8", true, "(2, 3)"), rawData(colMajor)));
        row("<f4 C", npyBytes(dict("<f4", false, "(2, 3)"), rawData(rowMajor32)));
        row("<f4 Fortran", npyBytes(dict("<f4", true, "(2, 3)"), rawData(colMajor32)));
        row(">f8 C", npyBytes(dict(">f8", false, "(2, 3)"), rawData(rowMajor, true)));
        row(">f4 Fortran", npyBytes(dict(">f4", true, "(2, 3)"), rawData(colMajor32, true)));
        row("version 2.0", npyBytes(dict("<f8", false, "(2, 3)"), rawData(rowMajor), 2));
        row("version 3.0", npyBytes(dict("<f8", false, "(2, 3)"), rawData(rowMajor), 3));
        row("keys reordered, double quotes",
            npyBytes("{\"shape\": (2,3), \"fortran_order\": False, \"descr\": \"<f8\"}",
                     rawData(rowMajor)));
    }
    void npyMatrices() {
        QFETCH(QByteArray, bytes);
        const fs::path file = write("m.npy", bytes.toStdString());
        const arma::mat m = readNpy(file);
        const arma::mat expected = {{1.5, -2.0, 3.25}, {4.0, 0.125, -6.5}};
        QVERIFY(arma::approx_equal(m, expected, "absdiff", 0.0));
    }

    void npyVectorsAndScalars() {
        const std::vector<double> v = {1.0, 2.0, 3.0, 4.0};
        const arma::mat column =
            readNpy(write("v.npy", npyBytes(dict("<f8", false, "(4,)"), rawData(v))));
        QVERIFY(arma::approx_equal(column, arma::mat(arma::vec(v)), "absdiff", 0.0));
        const arma::mat scalar =
            readNpy(write("s.npy", npyBytes(dict("<f8", false, "()"), rawData<double>({2.5}))));
        QCOMPARE(scalar.n_rows, arma::uword(1));
        QCOMPARE(scalar.n_cols, arma::uword(1));
        QCOMPARE(scalar(0), 2.5);
        const arma::mat empty = readNpy(write("e.npy", npyBytes(dict("<f8", false, "(0, 3)"), "")));
        QCOMPARE(empty.n_rows, arma::uword(0));
        QCOMPARE(empty.n_cols, arma::uword(3));
    }

    void npyErrors_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        const std::string six = rawData<double>({1, 2, 3, 4, 5, 6});
        auto row = [](const char* tag, const std::string& bytes, const char* message) {
            QTest::newRow(tag) << QByteArray::fromStdString(bytes) << QString::fromUtf8(message);
        };
        row("bad magic", "\x93NUMPZ\x01\x00\x10\x00{}",
            "data.npy: not a .npy file (bad magic string)");
        row("too short", "\x93NU", "data.npy: not a .npy file (bad magic string)");
        row("int64", npyBytes(dict("<i8", false, "(2, 3)"), six),
            "data.npy: unsupported dtype '<i8' (only float32 and float64)");
        row("complex", npyBytes(dict("<c16", false, "(3,)"), six),
            "data.npy: unsupported dtype '<c16' (only float32 and float64)");
        row("truncated data", npyBytes(dict("<f8", false, "(2, 3)"), six.substr(0, 40)),
            "data.npy: truncated data (expected 48 bytes, found 40)");
        // Found by fuzz_DataFiles: no data, so not truncated, but transposing a 0×6e18 matrix
        // walked its columns for ever.
        row("empty with a huge dimension",
            npyBytes(dict("<f8", false, "(0, 6151000004000499000)"), ""),
            "data.npy: shape (0, 6151000004000499000) is too large (a dimension may be at most "
            "268435456)");
        row("3-D", npyBytes(dict("<f8", false, "(1, 2, 3)"), six),
            "data.npy: unsupported shape (1, 2, 3) (only scalars, vectors and matrices)");
        std::string version4 = npyBytes(dict("<f8", false, "(6,)"), six);
        version4[6] = '\x04';
        row("version 4", version4,
            "data.npy: unsupported .npy format version 4.0 (only 1.0, 2.0 and 3.0)");
        row("truncated header", npyBytes(dict("<f8", false, "(6,)"), "").substr(0, 30),
            "data.npy: truncated header");
        row("no shape", npyBytes("{'descr': '<f8', 'fortran_order': False}", six),
            "data.npy: malformed header (no 'shape')");
        row("structured",
            npyBytes("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (6,)}", six),
            "data.npy: unsupported dtype [('a', '<f8')] (only float32 and float64)");
    }
    void npyErrors() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        const fs::path file = write("data.npy", bytes.toStdString());
        QCOMPARE(QString::fromStdString(errorOf([&] { readNpy(file); })), message);
    }

    void csvWithHeader() {
        const fs::path file =
            write("t.csv", "\xEF\xBB\xBFx, y ,\"z\"\r\n1,2,3\r\n\r\n4.5, -5e-1 ,+6\r\n");
        const arma::mat m = readCsv(file);
        const arma::mat expected = {{1, 2, 3}, {4.5, -0.5, 6}};
        QVERIFY(arma::approx_equal(m, expected, "absdiff", 0.0));
        const arma::mat noHeader = readCsv(write("n.csv", "1\n2\n3"));
        QVERIFY(arma::approx_equal(noHeader, arma::mat(arma::vec({1, 2, 3})), "absdiff", 0.0));
    }

    void csvErrors_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("ragged") << "a,b,c\n1,2,3\n4,5\n"
                                << "data.csv: line 3 has 2 fields but line 2 has 3";
        QTest::newRow("ragged after blank") << "1,2\n\n3,4,5\n"
                                            << "data.csv: line 3 has 3 fields but line 1 has 2";
        QTest::newRow("not a number") << "1,2\n3,abc\n"
                                      << "data.csv: line 2, field 2: 'abc' is not a number";
        QTest::newRow("empty field") << "1,2\n3,\n"
                                     << "data.csv: line 2, field 2 is empty";
        QTest::newRow("empty field on the first line") << "1,,3\n4,5,6\n"
                                                       << "data.csv: line 1, field 2 is empty";
        QTest::newRow("header only") << "a,b\n"
                                     << "data.csv: no numbers (the file is empty or has only a "
                                        "header)";
        QTest::newRow("empty") << ""
                               << "data.csv: no numbers (the file is empty or has only a "
                                  "header)";
    }
    void csvErrors() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const fs::path file = write("data.csv", text.toStdString());
        QCOMPARE(QString::fromStdString(errorOf([&] { readCsv(file); })), message);
    }

    void pathsInsideAreResolved() {
        write("sub/inner.csv", "1,2\n");
        QCOMPARE(resolveDataPath(base(), "sub/inner.csv"), fs::canonical(base() / "sub/inner.csv"));
        QCOMPARE(resolveDataPath(base(), "sub/../sub/./inner.csv"),
                 fs::canonical(base() / "sub/inner.csv"));
        const std::string absolute = (base() / "sub/inner.csv").string();
        QCOMPARE(resolveDataPath(base(), absolute), fs::canonical(absolute));
        const arma::mat m = loadDataFile(base(), "sub/inner.csv");
        QCOMPARE(m.n_cols, arma::uword(2));
    }

    void pathsOutsideAreRejected_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("dot-dot") << "../outside.csv";
        QTest::newRow("deep dot-dot") << "sub/../../outside.csv";
        QTest::newRow("absolute") << "/etc/passwd";
        QTest::newRow("symlink") << "link.csv";
        QTest::newRow("symlinked folder") << "linkdir/outside.csv";
    }
    void pathsOutsideAreRejected() {
        QFETCH(QString, name);
        // The notebook's folder is base()/notebook; its parent holds a file it must not read.
        const fs::path notebook = base() / "notebook";
        fs::create_directories(notebook / "sub");
        write("outside.csv", "1,2\n");
        std::error_code ec;
        fs::create_symlink(base() / "outside.csv", notebook / "link.csv", ec);
        fs::create_directory_symlink(base(), notebook / "linkdir", ec);
        const std::string n = name.toStdString();
        QCOMPARE(errorOf([&] { resolveDataPath(notebook, n); }),
                 "load: '" + n + "' is outside the notebook's folder");
    }

    void loadErrors() {
        QCOMPARE(errorOf([&] { loadDataFile(base(), "missing.csv"); }),
                 std::string("load: cannot find 'missing.csv' in the notebook's folder"));
        write("notes.txt", "1,2\n");
        QCOMPARE(errorOf([&] { loadDataFile(base(), "notes.txt"); }),
                 std::string("load: 'notes.txt' has an unsupported extension (use .npy or .csv)"));
        write("d/bad.npy", "nonsense!!");
        QCOMPARE(errorOf([&] { loadDataFile(base(), "d/bad.npy"); }),
                 std::string("load: d/bad.npy: not a .npy file (bad magic string)"));
        fs::create_directories(base() / "folder.csv");
        QCOMPARE(errorOf([&] { loadDataFile(base(), "folder.csv"); }),
                 std::string("load: 'folder.csv' is not a file"));
        QCOMPARE(errorOf([&] { loadDataFile(fs::path(), "x.csv"); }),
                 std::string("load: the notebook has no folder yet (save it first)"));
    }
};

QTEST_APPLESS_MAIN(tst_DataFiles)
#include "tst_DataFiles.moc"
