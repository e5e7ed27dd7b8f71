// The notebook file format: byte-exact round trips, cells and options as written, edits that
// survive a rewrite, and exact messages for broken files.
#include <QtTest>

#include <fstream>
#include <sstream>

#include "RandomNotebook.h"
#include "engine/core/Error.h"
#include "engine/notebook/NotebookFormat.h"
#include "engine/notebook/Utf8.h"

using namespace lemma::notebook;

// Failures print std::string values, with control characters escaped.
namespace QTest {
template <>
char* toString(const std::string& s) {
    return QTest::toPrettyCString(s.data(), qsizetype(s.size()));
}
}  // namespace QTest

namespace {

std::string readBytes(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// std::string compared through QString, so failures print both sides.
QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QString notebooksDir() {
    return QStringLiteral(LEMMA_TEST_DATA "/notebooks");
}

ParsedNotebook fixture(const char* name) {
    return parseNotebook(readBytes(notebooksDir() + "/" + name), name);
}

std::string kinds(const Notebook& nb) {
    std::string k;
    for (const Cell& c : nb.cells())
        k += c.isCode() ? 'C' : 'M';
    return k;
}

QStringList codeSources(const Notebook& nb) {
    QStringList out;
    for (const Cell& c : nb.cells()) {
        if (c.isCode())
            out << QString::fromStdString(c.source());
    }
    return out;
}

// Shows the first difference when two byte strings differ.
void compareBytes(const std::string& actual, const std::string& expected) {
    if (actual == expected)
        return;
    std::size_t i = 0;
    while (i < actual.size() && i < expected.size() && actual[i] == expected[i])
        ++i;
    const QByteArray a = QByteArray::fromStdString(actual.substr(i, 40));
    const QByteArray e = QByteArray::fromStdString(expected.substr(i, 40));
    QFAIL(qPrintable(QString("bytes differ at offset %1: got %2, expected %3")
                         .arg(i)
                         .arg(QString::fromLatin1(a.toPercentEncoding()))
                         .arg(QString::fromLatin1(e.toPercentEncoding()))));
}

}  // namespace

class tst_NotebookFormat : public QObject {
    Q_OBJECT

private slots:
    void fixturesRoundTrip_data() {
        QTest::addColumn<QString>("path");
        const QStringList files = QDir(notebooksDir()).entryList({"*.md"}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 10);
        for (const QString& f : files) {
            QTest::newRow(qPrintable(f)) << notebooksDir() + "/" + f;
        }
    }
    void fixturesRoundTrip() {
        QFETCH(QString, path);
        const std::string bytes = readBytes(path);
        const ParsedNotebook parsed = parseNotebook(bytes, "x.md");
        compareBytes(serializeNotebook(parsed.notebook), bytes);
    }

    void fixtureCells_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kinds");
        QTest::addColumn<QStringList>("sources");
        QTest::newRow("basic") << "basic.md"
                               << "MCMC"
                               << QStringList{
                                      "Q = [1.0 0.5; 0.3 0.8; 0.1 0.9];\n"
                                      "K = [0.9 0.2; 0.4 0.7; 0.2 0.8];",
                                      "A = Q * K'"};
        QTest::newRow("tilde") << "tilde.md"
                               << "MCCM" << QStringList{"x = 1:10;", "y = x .^ 2"};
        QTest::newRow("four backticks") << "four_backticks.md"
                                        << "MC" << QStringList{"s = \"```\";\n```\nt = 2"};
        QTest::newRow("python fence") << "python_fence.md"
                                      << "MCM" << QStringList{"z = 3"};
        QTest::newRow("crlf") << "crlf.md"
                              << "MCM" << QStringList{"x = 1;\ny = 2"};
        QTest::newRow("mixed endings") << "mixed_endings.md"
                                       << "MCM" << QStringList{"a = 1\nb = 2"};
        QTest::newRow("no final newline") << "no_final_newline.md"
                                          << "MCM" << QStringList{"x = 42"};
        QTest::newRow("code last") << "code_last_no_newline.md"
                                   << "C" << QStringList{"x = 42"};
        QTest::newRow("unclosed") << "unclosed.md"
                                  << "MC" << QStringList{"x = 1\ny = 2\n\nstill code"};
        QTest::newRow("unclosed at eof") << "unclosed_no_newline.md"
                                         << "MC" << QStringList{""};
        QTest::newRow("empty") << "empty.md"
                               << "" << QStringList{};
        QTest::newRow("only blank") << "only_blank.md"
                                    << "" << QStringList{};
        QTest::newRow("utf8") << "utf8.md"
                              << "MCM"
                              << QStringList{QString::fromUtf8("α = 1; % comment with 🎉 and ∑\n"
                                                               "disp(\"λ₁ = 1 ✓\")")};
        QTest::newRow("options") << "options.md"
                                 << "CCCCM" << QStringList{"a = 1", "b = 2", "c = 3", "d = 4"};
        QTest::newRow("front matter") << "front_matter.md"
                                      << "MC" << QStringList{"r = rand(2, 2)"};
        QTest::newRow("whitespace") << "whitespace.md"
                                    << "MC" << QStringList{"x = 1\n  y = 2\nz = 3"};
        QTest::newRow("adjacent") << "adjacent.md"
                                  << "CCC" << QStringList{"a = 1", "b = a + 1", "c = b * 2"};
        QTest::newRow("empty cells") << "empty_cells.md"
                                     << "CCC" << QStringList{"", "", "\n"};
    }
    void fixtureCells() {
        QFETCH(QString, file);
        QFETCH(QString, kinds);
        QFETCH(QStringList, sources);
        const ParsedNotebook parsed = fixture(qPrintable(file));
        QCOMPARE(QString::fromStdString(::kinds(parsed.notebook)), kinds);
        QCOMPARE(codeSources(parsed.notebook), sources);
    }

    void proseIsOneCellBetweenCodeCells() {
        const ParsedNotebook p = fixture("basic.md");
        QCOMPARE(p.notebook.at(0).source(),
                 std::string("# Attention spectra\n\nThe attention matrix is row-stochastic, so "
                             "$\\lambda_1 = 1$."));
        QCOMPARE(p.notebook.at(2).source(),
                 std::string("## Weights\n\nIts rows sum to one.\n\n"
                             "Another paragraph, still the same prose cell."));
        QCOMPARE(p.notebook.at(2).leading(), std::string("\n"));
        QCOMPARE(p.notebook.at(3).leading(), std::string("\n"));
    }

    void otherFencesStayProse() {
        const ParsedNotebook p = fixture("python_fence.md");
        const std::string prose = p.notebook.at(0).source();
        QVERIFY(prose.find("```python\nimport numpy as np") != std::string::npos);
        QVERIFY(prose.find("```lemma\nnot = \"a cell\"\n```") != std::string::npos);
        QVERIFY(p.notebook.at(2).source().starts_with("~~~\nplain fence"));
        QVERIFY(p.warnings.empty());
    }

    void options() {
        const ParsedNotebook p = fixture("options.md");
        const Notebook& nb = p.notebook;
        QCOMPARE(nb.at(0).infoString(), std::string("lemma hide-code"));
        QCOMPARE(nb.at(0).options(), (std::vector<CellOption>{{"hide-code", "", false}}));
        QVERIFY(nb.at(0).hasOption("hide-code"));
        QVERIFY(!nb.at(0).hasOption("lazy"));
        QCOMPARE(nb.at(1).option("id"), std::optional<std::string>("attn"));
        QVERIFY(nb.at(2).hasOption("lazy"));
        QCOMPARE(nb.at(3).infoString(), std::string("lemma  id=\"two words\" hide-code  lazy"));
        QCOMPARE(nb.at(3).options(),
                 (std::vector<CellOption>{
                     {"id", "two words", true}, {"hide-code", "", false}, {"lazy", "", false}}));
        QCOMPARE(nb.at(4).kind(), CellKind::Markdown);
    }

    void frontMatter() {
        const ParsedNotebook p = fixture("front_matter.md");
        QCOMPARE(p.notebook.seed(), std::uint64_t(7));
        QCOMPARE(p.notebook.frontMatter().title(), std::string("Seeds and sampling"));
        QCOMPARE(p.notebook.frontMatter().lineCount(), 6);
        QVERIFY(!p.notebook.lazy());
        QCOMPARE(p.notebook.at(0).line(), 8);
        QCOMPARE(p.notebook.at(1).line(), 10);
        QCOMPARE(fixture("basic.md").notebook.seed(), std::uint64_t(42));

        const ParsedNotebook lazy = parseNotebook("---\nlazy: true\nseed: 12345678901\n---\n");
        QVERIFY(lazy.notebook.lazy());
        QCOMPARE(lazy.notebook.seed(), std::uint64_t(12345678901ULL));
        QCOMPARE(lazy.notebook.size(), std::size_t(0));
        QCOMPARE(serializeNotebook(lazy.notebook),
                 std::string("---\nlazy: true\nseed: 12345678901\n---\n"));
    }

    void badSeedWarns() {
        const ParsedNotebook p = parseNotebook("---\ntitle: t\nseed: -3\n---\ntext\n", "nb.md");
        QCOMPARE(p.warnings.size(), std::size_t(1));
        QCOMPARE(p.warnings[0].toString(),
                 std::string("nb.md:3: seed must be a non-negative integer; using 42"));
        QCOMPARE(p.notebook.seed(), std::uint64_t(42));
    }

    void formatFrontMatter() {
        using lemma::output::NumberStyle;
        QCOMPARE(parseNotebook("---\nformat: long\n---\n").notebook.frontMatter().numberStyle(),
                 NumberStyle::Long);
        QCOMPARE(
            parseNotebook("---\nformat: \"Short\"\n---\n").notebook.frontMatter().numberStyle(),
            NumberStyle::Short);
        QCOMPARE(parseNotebook("---\ntitle: t\n---\n").notebook.frontMatter().numberStyle(),
                 NumberStyle::Short);
        const ParsedNotebook p = parseNotebook("---\ntitle: t\nformat: wide\n---\n", "nb.md");
        QCOMPARE(p.warnings.size(), std::size_t(1));
        QCOMPARE(p.warnings[0].toString(),
                 std::string("nb.md:3: format must be short or long; using short"));
        QCOMPARE(p.notebook.frontMatter().numberStyle(), NumberStyle::Short);
    }

    void unclosedFenceWarns_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("warning");
        QTest::newRow("lemma") << QByteArray("Intro.\n\n```lemma\nx = 1\n")
                               << "nb.md:3: code fence opened here is never closed";
        QTest::newRow("python") << QByteArray("a\n~~~~python\nx\n~~~\n```lemma\ny\n```\n")
                                << "nb.md:2: code fence opened here is never closed";
        QTest::newRow("at eof") << QByteArray("```lemma")
                                << "nb.md:1: code fence opened here is never closed";
    }
    void unclosedFenceWarns() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, warning);
        const ParsedNotebook p = parseNotebook(bytes.toStdString(), "nb.md");
        QCOMPARE(p.warnings.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(p.warnings[0].toString()), warning);
        QVERIFY(!p.notebook.at(p.notebook.size() - 1).isCode() ||
                !p.notebook.at(p.notebook.size() - 1).closed());
        QCOMPARE(serializeNotebook(p.notebook), bytes.toStdString());
    }

    void diagnosticWithoutFile() {
        const ParsedNotebook p = parseNotebook("x\n```lemma\n");
        QCOMPARE(p.warnings.at(0).toString(),
                 std::string("line 2: code fence opened here is never closed"));
    }

    void invalidUtf8_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("column");
        QTest::newRow("0xff") << QByteArray("a\nb\nxy\xff\n")
                              << "notebook.md:3: not valid UTF-8 (byte 0xff)" << 3;
        QTest::newRow("lone continuation")
            << QByteArray("\x80") << "notebook.md:1: not valid UTF-8 (byte 0x80)" << 1;
        QTest::newRow("overlong") << QByteArray("ok\n\xc0\xaf")
                                  << "notebook.md:2: not valid UTF-8 (byte 0xc0)" << 1;
        QTest::newRow("overlong 3")
            << QByteArray("\xe0\x80\xaf") << "notebook.md:1: not valid UTF-8 (byte 0xe0)" << 1;
        QTest::newRow("surrogate")
            << QByteArray("\xed\xa0\x80") << "notebook.md:1: not valid UTF-8 (byte 0xed)" << 1;
        QTest::newRow("too large")
            << QByteArray("\xf4\x90\x80\x80") << "notebook.md:1: not valid UTF-8 (byte 0xf4)" << 1;
        QTest::newRow("truncated")
            << QByteArray("\xce\xb1\xe2\x82") << "notebook.md:1: not valid UTF-8 (byte 0xe2)" << 3;
        QTest::newRow("latin1 crlf")
            << QByteArray("caf\xe9\r\n") << "notebook.md:1: not valid UTF-8 (byte 0xe9)" << 4;
        QTest::newRow("in code") << QByteArray("```lemma\r\nx = 1\r\ns = \"\xfe\"\r\n```\r\n")
                                 << "notebook.md:3: not valid UTF-8 (byte 0xfe)" << 6;
    }
    void invalidUtf8() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QFETCH(int, column);
        try {
            parseNotebook(bytes.toStdString(), "notebook.md");
            QFAIL("expected an error");
        } catch (const lemma::Error& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
            QCOMPARE(e.pos().line, message.section(':', 1, 1).toInt());
            QCOMPARE(e.pos().column, column);
        }
    }

    void validUtf8IsAccepted() {
        const std::string all =
            "\x7f \xc2\x80 \xdf\xbf \xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 "
            "\xf0\x90\x80\x80 \xf4\x8f\xbf\xbf";
        QVERIFY(!findInvalidUtf8(all).has_value());
        QCOMPARE(serializeNotebook(parseNotebook(all).notebook), all);
    }

    void byteOrderMark() {
        const std::string bytes = "\xEF\xBB\xBF---\nseed: 3\n---\n```lemma\nx = 1\n```\n";
        const ParsedNotebook p = parseNotebook(bytes);
        QVERIFY(p.notebook.hasByteOrderMark());
        QCOMPARE(p.notebook.seed(), std::uint64_t(3));
        QCOMPARE(kinds(p.notebook), std::string("C"));
        QCOMPARE(q(serializeNotebook(p.notebook)), q(bytes));
    }

    void setSourceKeepsStyle_data() {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("after");
        QTest::newRow("plain") << QByteArray("p\n\n```lemma\nx = 1\n```\n\nq\n") << "y = 2\nz = 3"
                               << QByteArray("p\n\n```lemma\ny = 2\nz = 3\n```\n\nq\n");
        QTest::newRow("crlf") << QByteArray("```lemma\r\nx = 1\r\n```\r\n") << "a\nb"
                              << QByteArray("```lemma\r\na\r\nb\r\n```\r\n");
        QTest::newRow("crlf given") << QByteArray("```lemma\r\nx = 1\r\n```\r\n") << "a\r\nb"
                                    << QByteArray("```lemma\r\na\r\nb\r\n```\r\n");
        QTest::newRow("tilde") << QByteArray("~~~~lemma lazy\nx\n~~~~~~  \n") << "y"
                               << QByteArray("~~~~lemma lazy\ny\n~~~~~~  \n");
        QTest::newRow("fence grows") << QByteArray("```lemma\nx\n```\n") << "s = 1\n```\nt = 2"
                                     << QByteArray("````lemma\ns = 1\n```\nt = 2\n````\n");
        QTest::newRow("fence grows past longest")
            << QByteArray("```lemma\nx\n```\n") << "`````\n ````"
            << QByteArray("``````lemma\n`````\n ````\n``````\n");
        QTest::newRow("other fence char is fine")
            << QByteArray("```lemma\nx\n```\n") << "~~~" << QByteArray("```lemma\n~~~\n```\n");
        QTest::newRow("indented") << QByteArray("  ```lemma\n  x\n  ```\n") << "a\n  b\n\nc"
                                  << QByteArray("  ```lemma\n  a\n    b\n\n  c\n  ```\n");
        QTest::newRow("empty") << QByteArray("```lemma\nx\n```\n") << ""
                               << QByteArray("```lemma\n```\n");
        QTest::newRow("trailing newline") << QByteArray("```lemma\nx\n```\n") << "x\n"
                                          << QByteArray("```lemma\nx\n\n```\n");
        QTest::newRow("unclosed gets closed")
            << QByteArray("```lemma\nx\n") << "y" << QByteArray("```lemma\ny\n```\n");
        QTest::newRow("unclosed at eof")
            << QByteArray("```lemma") << "y" << QByteArray("```lemma\ny\n```\n");
        QTest::newRow("no final newline")
            << QByteArray("```lemma\nx\n```") << "y" << QByteArray("```lemma\ny\n```");
    }
    void setSourceKeepsStyle() {
        QFETCH(QByteArray, before);
        QFETCH(QString, source);
        QFETCH(QByteArray, after);
        ParsedNotebook p = parseNotebook(before.toStdString());
        Cell* cell = nullptr;
        for (std::size_t i = 0; i < p.notebook.size(); ++i) {
            if (p.notebook.at(i).isCode())
                cell = &p.notebook.at(i);
        }
        QVERIFY(cell);
        cell->setSource(source.toStdString());
        const std::string written = serializeNotebook(p.notebook);
        compareBytes(written, after.toStdString());
        const ParsedNotebook again = parseNotebook(written);
        QVERIFY(again.warnings.empty());
        QCOMPARE(codeSources(again.notebook), QStringList{QString(source).replace("\r\n", "\n")});
    }

    void setMarkdownSource() {
        ParsedNotebook p = parseNotebook("# A\r\n\r\ntext\r\n\r\n```lemma\r\nx\r\n```\r\nend");
        QCOMPARE(kinds(p.notebook), std::string("MCM"));
        p.notebook.at(0).setSource("# B\n\nnew text");
        p.notebook.at(2).setSource("the\nend");
        const std::string written = serializeNotebook(p.notebook);
        QCOMPARE(written,
                 std::string("# B\r\n\r\nnew text\r\n\r\n```lemma\r\nx\r\n```\r\nthe\r\nend"));
        QCOMPARE(parseNotebook(written).notebook.at(0).source(), std::string("# B\n\nnew text"));
    }

    void setInfoString() {
        ParsedNotebook p = parseNotebook("~~~lemma\r\nx\r\n~~~\r\n");
        p.notebook.at(0).setInfoString("lemma lazy id=a");
        QCOMPARE(serializeNotebook(p.notebook), std::string("~~~lemma lazy id=a\r\nx\r\n~~~\r\n"));
        QVERIFY(p.notebook.at(0).hasOption("lazy"));
        QCOMPARE(p.notebook.at(0).option("id"), std::optional<std::string>("a"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.notebook.at(0).setInfoString("python"));
    }

    void editingOneCellLeavesOthersUntouched() {
        const std::string bytes = readBytes(notebooksDir() + "/utf8.md");
        ParsedNotebook p = parseNotebook(bytes);
        const std::string before = p.notebook.at(0).leading() + p.notebook.at(0).text();
        p.notebook.at(1).setSource("β = 2");
        const std::string written = serializeNotebook(p.notebook);
        QVERIFY(written.starts_with(before));
        QVERIFY(written.ends_with("\nΤέλος. 👋\n"));
        QCOMPARE(parseNotebook(written).notebook.at(1).source(), std::string("β = 2"));
    }

    void insertRemoveMove() {
        ParsedNotebook p = parseNotebook("# T\n\n```lemma\na = 1\n```\n");
        Notebook& nb = p.notebook;
        const CellId md = nb.at(0).id();
        const CellId a = nb.at(1).id();
        QVERIFY(md != 0 && a != 0 && md != a);

        const CellId b = nb.insertCode(2, "b = a + 1", "lemma lazy");
        const CellId c = nb.insertCode(0, "c = 3");
        QCOMPARE(serializeNotebook(nb),
                 std::string("```lemma\nc = 3\n```\n\n# T\n\n```lemma\na = 1\n```\n\n"
                             "```lemma lazy\nb = a + 1\n```\n"));
        QCOMPARE(nb.indexOf(b), std::optional<std::size_t>(3));
        QCOMPARE(nb.find(md)->source(), std::string("# T"));

        nb.move(0, 3);
        QCOMPARE(nb.indexOf(c), std::optional<std::size_t>(3));
        QCOMPARE(nb.indexOf(md), std::optional<std::size_t>(0));
        const Cell removed = nb.remove(*nb.indexOf(a));
        QCOMPARE(removed.source(), std::string("a = 1"));
        QCOMPARE(nb.indexOf(a), std::nullopt);
        QVERIFY(nb.find(a) == nullptr);

        const std::string written = serializeNotebook(nb);
        QCOMPARE(written,
                 std::string("# T\n\n```lemma lazy\nb = a + 1\n```\n\n```lemma\nc = 3\n```\n"));
        const ParsedNotebook again = parseNotebook(written);
        QCOMPARE(kinds(again.notebook), std::string("MCC"));
        QCOMPARE(codeSources(again.notebook), (QStringList{"b = a + 1", "c = 3"}));
        // Ids are never reused.
        const CellId d = nb.insertMarkdown(1, "more");
        QVERIFY(d != a && d != b && d != c && d != md);
    }

    void movedLastCellWithoutNewline() {
        ParsedNotebook p = parseNotebook("```lemma\na\n```\n\n```lemma\nb\n```");
        p.notebook.move(1, 0);
        const std::string written = serializeNotebook(p.notebook);
        QCOMPARE(q(written), q("```lemma\nb\n```\n\n```lemma\na\n```\n"));
        QCOMPARE(codeSources(parseNotebook(written).notebook), (QStringList{"b", "a"}));
    }

    void insertIntoCrlfNotebookUsesCrlf() {
        ParsedNotebook p = parseNotebook("text\r\n");
        p.notebook.insertCode(1, "x = 1\ny = 2");
        QCOMPARE(serializeNotebook(p.notebook),
                 std::string("text\r\n\r\n```lemma\r\nx = 1\r\ny = 2\r\n```\r\n"));
    }

    void fileReadWrite() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path = (dir.path() + "/nb.md").toStdString();
        const std::string bytes = readBytes(notebooksDir() + "/crlf.md");
        ParsedNotebook p = parseNotebook(bytes);
        writeNotebookFile(path, p.notebook);
        QCOMPARE(readBytes(QString::fromStdString(path.string())), bytes);
        const ParsedNotebook read = readNotebookFile(path);
        QCOMPARE(serializeNotebook(read.notebook), bytes);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"nb.md"});

        try {
            readNotebookFile(dir.path().toStdString() + "/missing.md");
            QFAIL("expected an error");
        } catch (const lemma::Error& e) {
            QCOMPARE(std::string(e.what()), std::string("missing.md: no such file"));
        }
        try {
            readNotebookFile(dir.path().toStdString());
            QFAIL("expected an error");
        } catch (const lemma::Error& e) {
            QCOMPARE(std::string(e.what()), QDir(dir.path()).dirName().toStdString() +
                                                ": is a folder, not a notebook file");
        }
    }

    // Structured random notebooks: exact bytes back, and every code cell found as generated.
    void randomNotebooksRoundTrip() {
        for (unsigned seed = 1; seed <= 800; ++seed) {
            lemma::testing::RandomNotebook gen(seed);
            const lemma::testing::GeneratedNotebook g = gen.structured();
            const ParsedNotebook p = parseNotebook(g.bytes, "random.md");
            const std::string written = serializeNotebook(p.notebook);
            if (written != g.bytes || kinds(p.notebook) != g.kinds) {
                qWarning("seed %u:\n%s", seed,
                         QByteArray::fromStdString(g.bytes).toPercentEncoding(" \n").constData());
            }
            compareBytes(written, g.bytes);
            QCOMPARE(kinds(p.notebook), g.kinds);
            QStringList expected;
            for (const std::string& s : g.codeSources)
                expected << QString::fromStdString(s);
            QCOMPARE(codeSources(p.notebook), expected);
            QCOMPARE(p.warnings.size(), std::size_t(g.unclosedFence ? 1 : 0));
        }
    }

    // Arbitrary fence-like lines: whatever the reader makes of them, the bytes come back.
    void chaoticNotebooksRoundTrip() {
        for (unsigned seed = 1; seed <= 1000; ++seed) {
            lemma::testing::RandomNotebook gen(seed);
            const std::string bytes = gen.chaotic();
            const ParsedNotebook p = parseNotebook(bytes);
            compareBytes(serializeNotebook(p.notebook), bytes);
        }
    }

    // Random edits: after setSource on every cell, a rewrite reads back to the same sources.
    void randomEditsSurviveRewrite() {
        for (unsigned seed = 1; seed <= 500; ++seed) {
            lemma::testing::RandomNotebook gen(seed);
            ParsedNotebook p = parseNotebook(gen.structured().bytes);
            std::vector<std::string> sources;
            for (std::size_t i = 0; i < p.notebook.size(); ++i) {
                Cell& cell = p.notebook.at(i);
                const std::string s = cell.isCode() ? gen.codeSource() : gen.markdownSource();
                cell.setSource(s);
                QCOMPARE(cell.source(), s);
                sources.push_back(s);
            }
            const std::string written = serializeNotebook(p.notebook);
            const ParsedNotebook again = parseNotebook(written);
            QCOMPARE(kinds(again.notebook), kinds(p.notebook));
            QVERIFY(again.warnings.empty());
            for (std::size_t i = 0; i < sources.size(); ++i) {
                if (again.notebook.at(i).source() != sources[i]) {
                    qWarning("seed %u cell %zu", seed, i);
                }
                QCOMPARE(again.notebook.at(i).source(), sources[i]);
            }
            compareBytes(serializeNotebook(again.notebook), written);
        }
    }
};

QTEST_APPLESS_MAIN(tst_NotebookFormat)
#include "tst_NotebookFormat.moc"
