// The report's parts without a PDF viewer: pagination properties on synthetic blocks, the
// Markdown split into headings and page breaks, and the layout of real notebooks on A4.
#include <QApplication>
#include <QBuffer>
#include <QPainter>
#include <QPdfWriter>
#include <QtTest>
#include <armadillo>

#include "engine/notebook/NotebookFormat.h"
#include "engine/notebook/Session.h"
#include "engine/output/DerivationData.h"
#include "engine/output/Display.h"
#include "engine/output/Figure.h"
#include "engine/output/OutputText.h"
#include "widgets/report/HtmlReport.h"
#include "widgets/report/PdfOutline.h"
#include "widgets/report/PdfReport.h"
#include "widgets/report/ReportBlocks.h"
#include "widgets/report/ReportBuilder.h"
#include "widgets/report/ReportMatrixText.h"
#include "widgets/report/ReportPagination.h"

using namespace lemma::widgets;

namespace {

// A block of a given height with breaks every `line` (0: atomic).
class FakeBlock : public ReportBlock {
public:
    FakeBlock(Kind kind, double h, double line = 0, bool keep = false, bool scalable = false)
        : ReportBlock(kind), m_h(h), m_line(line), m_keep(keep), m_scalable(scalable) {
        layout(100);
    }
    std::vector<double> breaks() const override {
        if (m_line <= 0)
            return {height()};
        std::vector<double> out;
        for (double y = m_line; y < height() - m_space - 1e-9; y += m_line)
            out.push_back(y);
        if (m_space > 0)
            out.push_back(height() - m_space);
        out.push_back(height());
        return out;
    }
    bool keepWithNext() const override { return m_keep; }
    bool scalable() const override { return m_scalable; }
    double repeatedHeader() const override { return m_header; }
    void setHeader(double header) { m_header = header; }
    // The last `space` of the block is empty: its last break is its height, the one before
    // is its last line.
    double trailingSpace() const override { return m_space; }
    void setTrailingSpace(double space) { m_space = space; }
    void paint(QCPPainter&, QPointF, double, double, double) override {}

protected:
    double doLayout(double) override { return m_h; }

private:
    double m_h, m_line;
    bool m_keep, m_scalable;
    double m_header = 0;
    double m_space = 0;
};

ReportPages paginate(const std::vector<std::unique_ptr<FakeBlock>>& blocks, double page,
                     double gap = 0) {
    std::vector<const ReportBlock*> raw;
    for (const auto& b : blocks)
        raw.push_back(b.get());
    return ReportPagination::paginate(raw, page, gap);
}

using K = ReportBlock::Kind;

lemma::notebook::Notebook readNotebook(const QString& path) {
    return lemma::notebook::readNotebookFile(path.toStdString()).notebook;
}

}  // namespace

class TestReport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void atomicBlocksMoveWhole();
    void longBlocksSplitOnlyAtBreaks();
    void headingIsNeverLastOnAPage();
    void headingChainsStayTogether();
    void tallFigureIsScaledToAPage();
    void pageBreakStartsAPage();
    void continuedTableRepeatsItsHeader();
    void keptBlockLeavesItsLastLinesWithWhatFollows();
    void trailingSpaceNeverStartsAPage();
    void figureShrinksALittleToFinishAPage();
    void tableHeader_data();
    void tableHeader();
    void longPrintedTableContinuesUnderItsHeader();
    void printedValuesBreakBetweenValues();
    void progressIsToldAndCancels();
    void splitMarkdown_data();
    void splitMarkdown();
    void sweepRepeatsTheFiguresAControlMoves();
    void sweepOptionErrorsAreShown();
    void stampIsNeverAloneWhenAvoidable();
    void matricesShowWhatFitsThePage();
    void displayFormulaKeepsItsIntroduction();
    void combiningHatsBecomeMath();
    void textBlockInkIsNotClipped_data();
    void textBlockInkIsNotClipped();
    void outlineTextStrings();
    void outlineAppendsAnIncrementalUpdate();
    void outlineRefusesWhatItCannotRead();
    void examplesLayOutWithinPages_data();
    void examplesLayOutWithinPages();
};

void TestReport::atomicBlocksMoveWhole() {
    std::vector<std::unique_ptr<FakeBlock>> blocks;
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 60));
    blocks.push_back(std::make_unique<FakeBlock>(K::Figure, 50));
    const ReportPages pages = paginate(blocks, 100);
    QCOMPARE(pages.pageCount, 2);
    QCOMPARE(pages.placements.size(), std::size_t(2));
    QCOMPARE(pages.placements[1].page, 1);
    QCOMPARE(pages.placements[1].y, 0.0);
    QCOMPARE(pages.placements[1].to, 50.0);
}

void TestReport::longBlocksSplitOnlyAtBreaks() {
    std::vector<std::unique_ptr<FakeBlock>> blocks;
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 35));
    blocks.push_back(std::make_unique<FakeBlock>(K::Code, 250, 12));
    const ReportPages pages = paginate(blocks, 100, 5);
    double covered = 0;
    for (const auto& p : pages.placements) {
        QVERIFY2(p.y + p.height() <= 100 + 1e-9, "a slice crosses the page's foot");
        if (p.block != 1)
            continue;
        QCOMPARE(p.from, covered);
        // Every slice ends on a line boundary (or the block's end).
        const double lines = p.to / 12.0;
        QVERIFY(p.to == 250 || std::abs(lines - std::round(lines)) < 1e-9);
        covered = p.to;
    }
    QCOMPARE(covered, 250.0);
    // The first page takes the prose and as many whole lines as fit: 40 + 60 = 100.
    QCOMPARE(pages.placements[1].to, 60.0);
}

void TestReport::headingIsNeverLastOnAPage() {
    std::vector<std::unique_ptr<FakeBlock>> blocks;
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 80));
    blocks.push_back(std::make_unique<FakeBlock>(K::Heading, 10, 0, true));
    blocks.push_back(std::make_unique<FakeBlock>(K::Figure, 40));
    const ReportPages pages = paginate(blocks, 100);
    QCOMPARE(pages.pageOf(1), 1);
    QCOMPARE(pages.pageOf(2), 1);
    // Followed by prose that can split, the heading stays with its first two lines.
    std::vector<std::unique_ptr<FakeBlock>> prose;
    prose.push_back(std::make_unique<FakeBlock>(K::Prose, 75));
    prose.push_back(std::make_unique<FakeBlock>(K::Heading, 10, 0, true));
    prose.push_back(std::make_unique<FakeBlock>(K::Prose, 200, 10));
    const ReportPages p2 = paginate(prose, 100);
    QCOMPARE(p2.pageOf(1), 1);
    // With room for the heading and two lines, all three share the page.
    prose[0] = std::make_unique<FakeBlock>(K::Prose, 65);
    const ReportPages p3 = paginate(prose, 100);
    QCOMPARE(p3.pageOf(1), 0);
    QCOMPARE(p3.pageOf(2), 0);
}

void TestReport::headingChainsStayTogether() {
    std::vector<std::unique_ptr<FakeBlock>> blocks;
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 50));
    blocks.push_back(std::make_unique<FakeBlock>(K::Heading, 10, 0, true));
    blocks.push_back(std::make_unique<FakeBlock>(K::Heading, 10, 0, true));
    blocks.push_back(std::make_unique<FakeBlock>(K::Figure, 40));
    const ReportPages pages = paginate(blocks, 100);
    QCOMPARE(pages.pageOf(1), 1);
    QCOMPARE(pages.pageOf(2), 1);
    QCOMPARE(pages.pageOf(3), 1);
}

void TestReport::tallFigureIsScaledToAPage() {
    std::vector<std::unique_ptr<FakeBlock>> blocks;
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 10));
    blocks.push_back(std::make_unique<FakeBlock>(K::Figure, 300, 0, false, true));
    const ReportPages pages = paginate(blocks, 100);
    const ReportPlacement& fig = pages.placements[1];
    QCOMPARE(fig.page, 1);
    QCOMPARE(fig.scale, 100.0 / 300.0);
    QVERIFY(fig.y + fig.height() <= 100 + 1e-9);
}

void TestReport::pageBreakStartsAPage() {
    std::vector<std::unique_ptr<FakeBlock>> blocks;
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 10));
    blocks.push_back(std::make_unique<FakeBlock>(K::PageBreak, 0));
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 10));
    blocks.push_back(std::make_unique<FakeBlock>(K::PageBreak, 0));
    blocks.push_back(std::make_unique<FakeBlock>(K::PageBreak, 0));
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 10));
    const ReportPages pages = paginate(blocks, 100);
    QCOMPARE(pages.pageOf(2), 1);
    // Two breaks in a row make no empty page.
    QCOMPARE(pages.pageOf(5), 2);
    QCOMPARE(pages.pageCount, 3);
}

void TestReport::continuedTableRepeatsItsHeader() {
    std::vector<std::unique_ptr<FakeBlock>> blocks;
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 30));
    blocks.push_back(std::make_unique<FakeBlock>(K::Output, 400, 10));
    blocks.back()->setHeader(10);
    const ReportPages pages = paginate(blocks, 100, 5);
    double covered = 0;
    int continuations = 0;
    for (const auto& p : pages.placements) {
        QVERIFY2(p.y + p.height() <= 100 + 1e-9, "a slice crosses the page's foot");
        if (p.block != 1)
            continue;
        QCOMPARE(p.from, covered);
        // The first slice is the table's top (its own header); every later one starts a page
        // under the repeated header and holds at least one line.
        if (p.from == 0) {
            QCOMPARE(p.header, 0.0);
        } else {
            ++continuations;
            QCOMPARE(p.y, 0.0);
            QCOMPARE(p.header, 10.0);
            QVERIFY(p.to - p.from >= 10);
        }
        covered = p.to;
    }
    QCOMPARE(covered, 400.0);
    // 400 in pages of 100: six lines on the first, nine under the header on each later page.
    QCOMPARE(continuations, 4);
    QCOMPARE(pages.pageCount, 5);
}

void TestReport::keptBlockLeavesItsLastLinesWithWhatFollows() {
    // A long block kept with the next (prose ending in a colon) splits, but its last two lines
    // go to the page of the figure it introduces.
    std::vector<std::unique_ptr<FakeBlock>> blocks;
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 150, 10, true));
    blocks.push_back(std::make_unique<FakeBlock>(K::Figure, 60));
    const ReportPages pages = paginate(blocks, 100);
    QCOMPARE(pages.placements.size(), std::size_t(4));
    QCOMPARE(pages.placements[0].to, 100.0);
    QCOMPARE(pages.placements[1].from, 100.0);
    QCOMPARE(pages.placements[1].to, 130.0);
    QCOMPARE(pages.placements[1].page, 1);
    QCOMPARE(pages.placements[2].from, 130.0);
    QCOMPARE(pages.placements[2].page, 2);
    QCOMPARE(pages.placements[3].page, 2);
    QCOMPARE(pages.placements[3].y, 20.0);
    // Short kept blocks move whole with what follows.
    std::vector<std::unique_ptr<FakeBlock>> shortOne;
    shortOne.push_back(std::make_unique<FakeBlock>(K::Prose, 50));
    shortOne.push_back(std::make_unique<FakeBlock>(K::Prose, 20, 10, true));
    shortOne.push_back(std::make_unique<FakeBlock>(K::Figure, 40));
    const ReportPages p2 = paginate(shortOne, 100);
    QCOMPARE(p2.pageOf(1), 1);
    QCOMPARE(p2.pageOf(2), 1);
    QCOMPARE(p2.placements.size(), std::size_t(3));
}

// A code block whose lines fit on the page but whose padding under them does not ends there:
// the padding does not start the next page as a sliver of background.
void TestReport::trailingSpaceNeverStartsAPage() {
    std::vector<std::unique_ptr<FakeBlock>> blocks;
    blocks.push_back(std::make_unique<FakeBlock>(K::Code, 96, 10));
    blocks.back()->setTrailingSpace(6);
    blocks.back()->layout(100);
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 20, 10));
    const ReportPages pages = paginate(blocks, 93);
    QCOMPARE(pages.placements.size(), std::size_t(2));
    QCOMPARE(pages.placements[0].page, 0);
    QCOMPARE(pages.placements[0].to, 90.0);
    QCOMPARE(pages.placements[1].block, 1);
    QCOMPARE(pages.placements[1].page, 1);
    QCOMPARE(pages.placements[1].y, 0.0);
    // With room for it, the padding stays with its block.
    const ReportPages roomy = paginate(blocks, 100);
    QCOMPARE(roomy.placements[0].to, 96.0);
}

void TestReport::figureShrinksALittleToFinishAPage() {
    std::vector<std::unique_ptr<FakeBlock>> blocks;
    blocks.push_back(std::make_unique<FakeBlock>(K::Prose, 55));
    blocks.push_back(std::make_unique<FakeBlock>(K::Figure, 50, 0, false, true));
    const ReportPages pages = paginate(blocks, 100);
    QCOMPARE(pages.pageOf(1), 0);
    QCOMPARE(pages.placements[1].scale, 45.0 / 50.0);
    QVERIFY(pages.placements[1].y + pages.placements[1].height() <= 100 + 1e-9);
    // Not below four fifths: then it moves whole, at full size.
    blocks[0] = std::make_unique<FakeBlock>(K::Prose, 65);
    const ReportPages moved = paginate(blocks, 100);
    QCOMPARE(moved.pageOf(1), 1);
    QCOMPARE(moved.placements[1].scale, 1.0);
}

void TestReport::tableHeader_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("header");
    QTest::newRow("printf table")
        << "weight largest relative error\nE       2.6e-11\nP       8.5e-11\nWq 4.7e-11" << true;
    QTest::newRow("sweep table") << "optimizer        lr   batch   final loss (95% CI)\nsgd 0.5 8 "
                                    "0.236 [0.2307, 0.2412]\nsgd 0.5 16 0.234 [0.2185, 0.2495]"
                                 << true;
    QTest::newRow("a display") << "A =\n\n   1   2\n   3   4" << false;
    QTest::newRow("assignments") << "B = 64\nfinal_loss = 0.2248\nsteps = 3" << false;
    QTest::newRow("numbers on top") << "1 2 3\n4 5 6\n7 8 9" << false;
    QTest::newRow("one word") << "results\n1\n2" << false;
    QTest::newRow("prose lines") << "position 1 sees the\nposition 2 sees cat\nposition 3 sees sat"
                                 << false;
    QTest::newRow("no numbers below") << "name kind\nalpha slider\nbeta toggle" << false;
}

void TestReport::tableHeader() {
    QFETCH(QString, text);
    QFETCH(bool, header);
    QCOMPARE(ReportBuilder::startsWithTableHeader(text), header);
}

namespace {

// The blocks of an A4 report of `markdown`, laid out and paginated.
struct LaidOut {
    lemma::notebook::Session session;
    QBuffer buffer;
    std::unique_ptr<QPdfWriter> writer;
    ReportStyle style;
    ReportLayout layout;
};

std::unique_ptr<LaidOut> layOut(const std::string& markdown) {
    auto out = std::make_unique<LaidOut>();
    out->session.load(lemma::notebook::parseNotebook(markdown, "t.md").notebook);
    out->session.runAllBlocking();
    out->buffer.open(QIODevice::WriteOnly);
    out->writer = std::make_unique<QPdfWriter>(&out->buffer);
    ReportOptions options;
    ReportSource source{&out->session, QStringLiteral("t.md"), QByteArray(), {}};
    PdfReport::setUp(*out->writer, QString(), options);
    out->style = PdfReport::style(*out->writer, options);
    out->layout = PdfReport::layOut(*out->writer, source, options, out->style);
    return out;
}

}  // namespace

void TestReport::longPrintedTableContinuesUnderItsHeader() {
    const auto r = layOut(
        "# Table\n\n```lemma\nprintf(\"%-6s %s\\n\", \"step\", \"loss\");\n"
        "for k = 1:180\n  printf(\"%-6d %.4f\\n\", k, 1 / k);\nend\n```\n");
    const auto& blocks = r->layout.content.blocks;
    int tableBlock = -1;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (blocks[i]->kind() == ReportBlock::Kind::Output)
            tableBlock = int(i);
    }
    QVERIFY(tableBlock >= 0);
    const auto* table = static_cast<const TextBlock*>(blocks[std::size_t(tableBlock)].get());
    QVERIFY(table->text().startsWith(QStringLiteral("step   loss\n1      1.0000")));
    QVERIFY(table->repeatedHeader() > 0);
    int pieces = 0;
    for (const auto& p : r->layout.pages.placements) {
        if (p.block != tableBlock)
            continue;
        ++pieces;
        QVERIFY(p.y + p.height() <= r->layout.contentHeight + 1);
        if (p.from > 0) {
            QCOMPARE(p.header, table->repeatedHeader());
            QCOMPARE(p.y, 0.0);
        }
    }
    QVERIFY2(pieces >= 2, "181 lines fit on one page?");
}

void TestReport::printedValuesBreakBetweenValues() {
    // Thirty 3×3 displays: a page never ends under a name ("A3 =") or inside a matrix.
    std::string code = "```lemma\n";
    for (int i = 1; i <= 30; ++i)
        code.append("A")
            .append(std::to_string(i))
            .append(" = magic(3) * ")
            .append(std::to_string(i))
            .append("\n");
    code += "```\n";
    const auto r = layOut("# Values\n\n" + code);
    const auto& blocks = r->layout.content.blocks;
    bool split = false;
    for (const auto& p : r->layout.pages.placements) {
        const ReportBlock& b = *blocks[std::size_t(p.block)];
        if (b.kind() != ReportBlock::Kind::Output || p.to >= b.height() - 0.01)
            continue;
        split = true;
        // The slice ends at a blank line that follows a matrix's last row.
        const auto breaks = b.breaks();
        QVERIFY(std::find(breaks.begin(), breaks.end(), p.to) != breaks.end());
    }
    QVERIFY2(split, "thirty displays fit on one page?");
    const auto* values = static_cast<const TextBlock*>(blocks[2].get());
    QCOMPARE(values->kind(), ReportBlock::Kind::Output);
    // Every break is after a blank line that closes a value.
    const auto breaks = values->breaks();
    QCOMPARE(int(breaks.size()), 30);  // 29 between the values, and the end
}

void TestReport::splitMarkdown_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QStringList>("expected");  // "H2:text", "P", "B"
    QTest::newRow("heading and prose") << "# Title\n\nSome *text*.\n\n## Part $x$\nMore."
                                       << QStringList{"H1:Title", "P", "H2:Part $x$", "P"};
    QTest::newRow("closing hashes") << "### Three ###" << QStringList{"H3:Three"};
    QTest::newRow("not a heading") << "#hashtag and 7 # items" << QStringList{"P"};
    QTest::newRow("fence keeps #") << "Text\n```\n# comment\n```\n" << QStringList{"P"};
    QTest::newRow("display math keeps #") << "$$\n# \\text{not a heading}\n$$" << QStringList{"P"};
    QTest::newRow("page break") << "One\n\n\\pagebreak\n\nTwo" << QStringList{"P", "B", "P"};
}

void TestReport::splitMarkdown() {
    QFETCH(QString, markdown);
    QFETCH(QStringList, expected);
    QStringList got;
    for (const auto& s : ReportBuilder::splitMarkdown(markdown)) {
        switch (s.kind) {
            case MarkdownSegment::Kind::Heading:
                got << QStringLiteral("H%1:%2").arg(s.level).arg(s.text);
                break;
            case MarkdownSegment::Kind::Prose:
                got << QStringLiteral("P");
                break;
            case MarkdownSegment::Kind::PageBreak:
                got << QStringLiteral("B");
                break;
        }
    }
    QCOMPARE(got, expected);
}

namespace {

lemma::notebook::Notebook parsed(const std::string& text) {
    return lemma::notebook::parseNotebook(text, "sweep.md").notebook;
}

const std::string kSweep =
    "# Sweep\n\n```lemma report-sweep=\"T=[0.5 1 2]\"\nT = slider(0.1, 5, value=1)\n```\n\n"
    "```lemma\nfigure(title=\"Scaled\")\nplot((1:5) * T)\n```\n\n"
    "```lemma\nfigure(title=\"Fixed\")\nplot(1:5)\n```\n";

}  // namespace

void TestReport::sweepRepeatsTheFiguresAControlMoves() {
    lemma::notebook::Session session;
    session.load(parsed(kSweep));
    session.runAllBlocking();
    ReportSource source{&session, QStringLiteral("sweep.md"), QByteArray(), {}};
    const ReportSweeps sweeps = ReportBuilder::sweeps(source);
    QVERIFY(sweeps.errors.empty());
    const auto& cells = session.notebook().cells();
    // The Scaled figure moves with T; the Fixed one does not; nor does the control's own cell.
    QCOMPARE(sweeps.cells.size(), std::size_t(1));
    QVERIFY(sweeps.has(cells[2].id()));
    const SweptFigure& swept = sweeps.cells.at(cells[2].id()).front();
    QCOMPARE(swept.captions, (QStringList{"T = 0.5", "T = 1", "T = 2"}));
    QCOMPARE(swept.figures.size(), std::size_t(3));
    // Each panel is the figure at that value: the line's last point is 5·T.
    const double expected[] = {2.5, 5, 10};
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& series = swept.figures[i]->panels.front().series.front();
        const auto& line = std::get<lemma::output::Line>(series.data);
        QCOMPARE(line.y.back(), expected[i]);
    }
    // The user's session is untouched: its control still says 1.
    QVERIFY(lemma::output::outputText(session.outputs(cells[1].id()).front()).find(": 1 in") !=
            std::string::npos);

    // In the PDF the sweep is one grid block with the captions.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    ReportOptions options;
    PdfReport::setUp(writer, QString(), options);
    ReportStyle style = PdfReport::style(writer, options);
    const ReportLayout layout = PdfReport::layOut(writer, source, options, style);
    int grids = 0;
    for (const auto& b : layout.content.blocks)
        grids += dynamic_cast<const SweepGridBlock*>(b.get()) != nullptr;
    QCOMPARE(grids, 1);
}

void TestReport::sweepOptionErrorsAreShown() {
    QString name, problem;
    QStringList values;
    QVERIFY(
        ReportSweepRunner::parse(QStringLiteral("lr=[1e-3, 1e-2 0.1]"), &name, &values, &problem));
    QCOMPARE(name, QStringLiteral("lr"));
    QCOMPARE(values, (QStringList{"1e-3", "1e-2", "0.1"}));
    QVERIFY(ReportSweepRunner::parse(QStringLiteral("opt=[\"sgd\" \"adam\"]"), &name, &values,
                                     &problem));
    QCOMPARE(values, (QStringList{"\"sgd\"", "\"adam\""}));
    QVERIFY(!ReportSweepRunner::parse(QStringLiteral("T=0.5"), &name, &values, &problem));
    QCOMPARE(problem, QStringLiteral("report-sweep=\"T=0.5\": expected NAME=[v1 v2 …]"));
    QVERIFY(!ReportSweepRunner::parse(QStringLiteral("T=[]"), &name, &values, &problem));
    QVERIFY(problem.contains(QStringLiteral("no values")));

    // A name the cell does not assign is reported at the cell.
    lemma::notebook::Session session;
    session.load(parsed("```lemma report-sweep=\"S=[1 2]\"\nT = slider(0.1, 5, value=1)\n```\n"));
    session.runAllBlocking();
    ReportSource source{&session, QStringLiteral("bad.md"), QByteArray(), {}};
    const ReportSweeps sweeps = ReportBuilder::sweeps(source);
    QCOMPARE(sweeps.errors.size(), std::size_t(1));
    QCOMPARE(sweeps.errors.begin()->second,
             QStringLiteral("report-sweep: no assignment 'S = …' in this cell"));
}

void TestReport::examplesLayOutWithinPages_data() {
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(LEMMA_SOURCE_DIR "/resources/notebooks"));
    for (const QString& name : dir.entryList({QStringLiteral("*.md")}, QDir::Files))
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void TestReport::examplesLayOutWithinPages() {
    QFETCH(QString, path);
    lemma::notebook::Session session;
    session.setDataDir(QFileInfo(path).absolutePath().toStdString());
    session.load(readNotebook(path));
    session.runAllBlocking();

    for (const auto page : {QPageSize::A4, QPageSize::Letter}) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        ReportOptions options;
        options.page = page;
        ReportSource source{&session, QFileInfo(path).fileName(), QByteArray("x"),
                            QFileInfo(path).absolutePath().toStdString()};
        PdfReport::setUp(writer, QString(), options);
        ReportStyle style = PdfReport::style(writer, options);
        const ReportLayout layout = PdfReport::layOut(writer, source, options, style);
        const auto& blocks = layout.content.blocks;
        QVERIFY(layout.pages.pageCount >= 1);
        int lastPage = -1;
        for (std::size_t i = 0; i < layout.pages.placements.size(); ++i) {
            const ReportPlacement& p = layout.pages.placements[i];
            const ReportBlock& b = *blocks[std::size_t(p.block)];
            QVERIFY2(p.y >= 0 && p.y + p.height() <= layout.contentHeight + 1,
                     qPrintable(QStringLiteral("block %1 crosses the foot of page %2")
                                    .arg(p.block)
                                    .arg(p.page + 1)));
            QVERIFY(p.page >= lastPage);
            lastPage = p.page;
            // Figures are never split.
            if (b.kind() == ReportBlock::Kind::Figure)
                QVERIFY(p.from == 0 && p.to == b.height());
            // A heading is never the last thing on its page.
            if (b.kind() == ReportBlock::Kind::Heading) {
                QVERIFY2(i + 1 < layout.pages.placements.size() &&
                             layout.pages.placements[i + 1].page == p.page,
                         qPrintable(QStringLiteral("heading of block %1 ends page %2")
                                        .arg(p.block)
                                        .arg(p.page + 1)));
            }
        }
        // The stamp is on the last page.
        QCOMPARE(blocks.back()->kind(), ReportBlock::Kind::Stamp);
        QCOMPARE(layout.pages.pageOf(int(blocks.size()) - 1), layout.pages.pageCount - 1);
        // Contents, when there are any, point at the pages their headings are on.
        if (layout.content.contents) {
            for (const auto& e : layout.content.contents->entries())
                QVERIFY(layout.pages.pageOf(e.block) >= 0);
        }
    }
}

void TestReport::progressIsToldAndCancels() {
    lemma::notebook::Session session;
    session.load(parsed(kSweep));
    session.runAllBlocking();
    ReportSource source{&session, QStringLiteral("sweep.md"), QByteArray(), {}};
    for (const bool pdf : {true, false}) {
        // Told at every step, never backwards, ending full.
        std::vector<std::pair<int, int>> told;
        ReportOptions options;
        options.progress = [&](int done, int total) {
            told.emplace_back(done, total);
            return true;
        };
        QBuffer whole;
        whole.open(QIODevice::WriteOnly);
        QCOMPARE(pdf ? PdfReport::write(whole, source, options)
                     : HtmlReport::write(whole, source, options),
                 QString());
        QVERIFY(told.size() >= 4);
        for (std::size_t i = 1; i < told.size(); ++i) {
            QVERIFY(told[i].first <= told[i].second);
            QVERIFY(double(told[i].first) / told[i].second >=
                    double(told[i - 1].first) / told[i - 1].second);
        }
        QCOMPARE(told.back().first, told.back().second);
        // Cancelled at the second step: nothing is written.
        int calls = 0;
        options.progress = [&](int, int) { return ++calls < 2; };
        QBuffer cancelled;
        cancelled.open(QIODevice::WriteOnly);
        QCOMPARE(pdf ? PdfReport::write(cancelled, source, options)
                     : HtmlReport::write(cancelled, source, options),
                 ReportBuilder::cancelled());
        QCOMPARE(calls, 2);
        if (!pdf)
            QVERIFY(cancelled.data().isEmpty());
    }
}

void TestReport::stampIsNeverAloneWhenAvoidable() {
    // Two figures fill the page: they give up 5 of their 90 so the stamp fits under them.
    {
        std::vector<std::unique_ptr<FakeBlock>> b;
        b.push_back(std::make_unique<FakeBlock>(K::Figure, 60, 0, false, true));
        b.push_back(std::make_unique<FakeBlock>(K::Figure, 30, 0, false, true));
        b.push_back(std::make_unique<FakeBlock>(K::Stamp, 15, 0, false, true));
        const ReportPages pages = paginate(b, 100);
        QCOMPARE(pages.pageCount, 1);
        const auto& p = pages.placements;
        QCOMPARE(p[0].scale, 85.0 / 90.0);
        QCOMPARE(p[1].scale, 85.0 / 90.0);
        QCOMPARE(p[1].y, p[0].height());
        QCOMPARE(p[2].y, 85.0);
        QCOMPARE(p[2].scale, 1.0);
        QCOMPARE(p[2].y + p[2].height(), 100.0);
    }
    // Text does not shrink: the last paragraph goes over with the stamp.
    {
        std::vector<std::unique_ptr<FakeBlock>> b;
        b.push_back(std::make_unique<FakeBlock>(K::Prose, 50));
        b.push_back(std::make_unique<FakeBlock>(K::Prose, 45));
        b.push_back(std::make_unique<FakeBlock>(K::Stamp, 20, 0, false, true));
        const ReportPages pages = paginate(b, 100);
        QCOMPARE(pages.pageCount, 2);
        QCOMPARE(pages.placements[0].page, 0);
        QCOMPARE(pages.placements[1].page, 1);
        QCOMPARE(pages.placements[2].page, 1);
        QCOMPARE(pages.placements[2].y, 45.0);
    }
    // A long paragraph leaves its last two lines to go with the stamp.
    {
        std::vector<std::unique_ptr<FakeBlock>> b;
        b.push_back(std::make_unique<FakeBlock>(K::Prose, 96, 4));
        b.push_back(std::make_unique<FakeBlock>(K::Stamp, 20, 0, false, true));
        const ReportPages pages = paginate(b, 100);
        QCOMPARE(pages.pageCount, 2);
        QCOMPARE(pages.placements.size(), std::size_t(3));
        QCOMPARE(pages.placements[0].to, 88.0);
        QCOMPARE(pages.placements[1].page, 1);
        QCOMPARE(pages.placements[2].page, 1);
    }
    // An explicit page break before the stamp is kept.
    {
        std::vector<std::unique_ptr<FakeBlock>> b;
        b.push_back(std::make_unique<FakeBlock>(K::Prose, 10));
        b.push_back(std::make_unique<FakeBlock>(K::PageBreak, 0));
        b.push_back(std::make_unique<FakeBlock>(K::Stamp, 20, 0, false, true));
        const ReportPages pages = paginate(b, 100);
        QCOMPARE(pages.pageCount, 2);
        QCOMPARE(pages.placements.back().page, 1);
    }
}

void TestReport::matricesShowWhatFitsThePage() {
    using lemma::lang::Value;
    // What fits is the window's text exactly, ten columns or more.
    const Value small(arma::mat{{0.001, 2.5}, {-3, 4}});
    QCOMPARE(ReportMatrixText::text("y", small, 100, 100),
             QString::fromStdString(lemma::output::formatDisplay("y", small)));
    const Value scaled(arma::mat{{1e-5, 2e-5, 3e-5}});
    QCOMPARE(ReportMatrixText::text("z", scaled, 100, 100),
             QString::fromStdString(lemma::output::formatDisplay("z", scaled)));
    const Value eleven(arma::mat(arma::regspace<arma::rowvec>(1, 11)));
    QCOMPARE(ReportMatrixText::text("x", eleven, 100, 100),
             QStringLiteral("x =\n\n    1    2    3    4    5    6    7    8    9   10   11\n\n"));
    // Too wide: the columns that fit (5 characters each), and how many of how many.
    const Value thirty(arma::mat(arma::regspace<arma::rowvec>(1, 30)));
    const QString wide = ReportMatrixText::text("w", thirty, 100, 100);
    QVERIFY(wide.contains(QStringLiteral("   19  ...\n")));
    QVERIFY(!wide.contains(QStringLiteral("   20")));
    QVERIFY(wide.contains(QStringLiteral("(1×30: showing 19 of 30 columns)")));
    for (const QString& line : wide.split(QLatin1Char('\n')))
        QVERIFY(line.size() <= 100);
    const Value tall(arma::mat(120, 3, arma::fill::ones));
    const QString rows = ReportMatrixText::text("v", tall, 100, 100);
    QCOMPARE(rows.count(QLatin1Char('\n')), 2 + 100 + 1 + 1 + 1);
    QVERIFY(rows.contains(QStringLiteral("  ...\n  (120×3: showing the first 100 of 120 rows)\n")));
    // Scalars, logical and complex values are the engine's text.
    QVERIFY(ReportMatrixText::text("s", Value(3.0), 100, 100).isEmpty());
    QVERIFY(ReportMatrixText::text("b", Value::logical(arma::mat{{1, 0}}), 100, 100).isEmpty());
    QVERIFY(ReportMatrixText::text("c", Value(arma::cx_mat(2, 2, arma::fill::zeros)), 100, 100)
                .isEmpty());
}

// A formula on a block's first line that is a little taller than the text (a superscript ⊤)
// and one on its last line a little deeper (a subscript) are painted whole: the block's clip
// leaves them room.
// A step's note with a hat as a combining mark ("σ̂²", as the engine writes them) has it as
// inline math in the report: Qt draws a combining circumflex far above its letter.
void TestReport::combiningHatsBecomeMath() {
    lemma::output::DerivationData d;
    d.title = "Gauss";
    lemma::output::DerivationStepData step;
    step.tex = "a = b";
    step.note =
        "\xcf\x83\xcc\x82\xc2\xb2 is biased, p\xcc\x82 too, \xce\xa3\xcc\x82 and x\xcc\x84 stay";
    d.steps.push_back(step);
    const QString md = ReportBuilder::derivationMarkdown("d", d);
    QVERIFY2(md.contains(QString::fromUtf8("$\\hat{\\sigma}$\xc2\xb2 is biased, $\\hat{p}$ too, "
                                           "$\\hat{\\Sigma}$ and x\xcc\x84 stay")),
             qPrintable(md));
}

// A page never ends just before a display formula: a derivation's step stays with its formula,
// prose with the equation it leads to. After the formula it may.
void TestReport::displayFormulaKeepsItsIntroduction() {
    QImage device(10, 10, QImage::Format_RGB32);
    device.setDotsPerMeterX(int(std::lround(300 / 0.0254)));
    device.setDotsPerMeterY(int(std::lround(300 / 0.0254)));
    ReportStyle style;
    style.device = &device;
    style.body = QFont(QStringLiteral("DejaVu Sans"));
    style.body.setPointSizeF(10);
    TextBlock block(ReportBlock::Kind::Output, style);
    MarkdownView::renderInto(&block.document(),
                             "**Steps**\n\n1. *verified* the first step\n\n    $$a = b$$\n\n"
                             "2. *verified* the second step, whose note runs on over a line\n\n"
                             "    $$b = c$$\n\nThe prose, so that\n$$c = d$$\nand after.",
                             style.colors, nullptr);
    block.layout(600);
    const std::vector<double> breaks = block.breaks();
    // Every line's bottom, and whether it holds a display formula.
    std::vector<std::pair<double, bool>> lines;
    QTextDocument& doc = block.document();
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        const QRectF rect = doc.documentLayout()->blockBoundingRect(b);
        for (int i = 0; i < b.layout()->lineCount(); ++i) {
            const QTextLine line = b.layout()->lineAt(i);
            lines.push_back({rect.top() + line.y() + line.height(),
                             b.text().at(line.textStart()) == QChar::ObjectReplacementCharacter});
        }
    }
    auto isBreak = [&](double y) {
        return std::any_of(breaks.begin(), breaks.end(),
                           [&](double br) { return qAbs(br - y) < 0.5; });
    };
    int displays = 0;
    for (std::size_t k = 1; k < lines.size(); ++k) {
        if (!lines[k].second)
            continue;
        ++displays;
        QVERIFY2(!isBreak(lines[k - 1].first), qPrintable(QStringLiteral("line %1").arg(k)));
        QVERIFY(isBreak(lines[k].first));
    }
    QCOMPARE(displays, 3);
    QVERIFY(breaks.size() >= 4);

    // A derivation breaks only after its formulas: its steps stay whole.
    block.setBreakAfterFormulas(true);
    const std::vector<double> steps = block.breaks();
    for (double br : steps) {
        const bool afterFormula = std::any_of(lines.begin(), lines.end(), [&](const auto& l) {
            return l.second && qAbs(l.first - br) < 0.5;
        });
        QVERIFY2(afterFormula || br > lines[lines.size() - 2].first - 0.5,
                 qPrintable(QStringLiteral("break at %1").arg(br)));
    }
    QVERIFY(steps.size() >= 3);
}

void TestReport::textBlockInkIsNotClipped_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<bool>("second");  // paint the slice of the second line alone
    QTest::newRow("superscript on the first line") << "Entry $QK^\\top$ and words" << false;
    QTest::newRow("subscript on the last line") << "Words and $e_{x_{t+1}}$ words" << false;
    QTest::newRow("superscript below a page break")
        << QStringLiteral("Words and more words%1Entry $QK^\\top$ and words")
               .arg(QChar(QChar::LineSeparator))
        << true;
}

void TestReport::textBlockInkIsNotClipped() {
    QFETCH(QString, markdown);
    QFETCH(bool, second);
    QImage device(10, 10, QImage::Format_RGB32);
    device.setDotsPerMeterX(int(std::lround(300 / 0.0254)));
    device.setDotsPerMeterY(int(std::lround(300 / 0.0254)));
    ReportStyle style;
    style.device = &device;
    style.body = QFont(QStringLiteral("DejaVu Sans"));
    style.body.setPointSizeF(10);
    style.colors.text = Qt::black;
    TextBlock block(ReportBlock::Kind::Prose, style);
    MarkdownView::renderInto(&block.document(), markdown, style.colors, nullptr);
    block.layout(2000);
    // The slice a page paints: the whole block, or its second line.
    const std::vector<double> breaks = block.breaks();
    const double from = second ? breaks.front() : 0;
    const double to = block.height();
    // The ink's top and bottom rows, painted as a page paints the block and with no clip.
    auto inkRows = [&](bool clipped) {
        QImage page(2000, int(block.height()) + 200, QImage::Format_RGB32);
        page.setDotsPerMeterX(device.dotsPerMeterX());
        page.setDotsPerMeterY(device.dotsPerMeterY());
        page.fill(Qt::white);
        QCPPainter painter(&page);
        if (clipped) {
            block.paint(painter, QPointF(0, 100), from, to, 1);
        } else {
            // The unclipped ink of the slice's lines alone.
            painter.translate(0, 100 - from);
            QTextDocument& doc = block.document();
            QTextCursor c(&doc);
            if (second) {
                c.movePosition(QTextCursor::Start);
                c.movePosition(QTextCursor::EndOfLine, QTextCursor::KeepAnchor);
                QTextCharFormat hidden;
                hidden.setForeground(Qt::transparent);
                c.mergeCharFormat(hidden);
            }
            doc.drawContents(&painter);
        }
        painter.end();
        int top = -1, bottom = -1;
        for (int y = 0; y < page.height(); ++y)
            for (int x = 0; x < page.width(); ++x)
                if (qGray(page.pixel(x, y)) < 160) {
                    if (top < 0)
                        top = y;
                    bottom = y;
                    break;
                }
        return QPair<int, int>(top, bottom);
    };
    const auto painted = inkRows(true);  // first: the unclipped painting hides a line
    const auto whole = inkRows(false);
    QVERIFY(whole.first > 0);
    QCOMPARE(painted, whole);
}

void TestReport::outlineTextStrings() {
    QCOMPARE(PdfOutline::textString(QStringLiteral("a (b) \\")), QByteArray("(a \\(b\\) \\\\)"));
    QCOMPARE(PdfOutline::textString(QString::fromUtf8("\xce\x94x")), QByteArray("<feff03940078>"));
    // Outside the BMP: the surrogate pair as UTF-16 has it.
    QCOMPARE(PdfOutline::textString(QString::fromUtf8("\xf0\x9d\x90\x80")),
             QByteArray("<feffd835dc00>"));
}

namespace {

QByteArray twoPagePdf() {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        QPainter p(&writer);
        p.drawText(QPointF(100, 100), QStringLiteral("one"));
        writer.newPage();
        p.drawText(QPointF(100, 100), QStringLiteral("two"));
    }
    return buffer.buffer();
}

}  // namespace

void TestReport::outlineAppendsAnIncrementalUpdate() {
    const QByteArray original = twoPagePdf();
    QByteArray pdf = original;
    QVERIFY(PdfOutline::append(pdf, {}).isEmpty());
    QCOMPARE(pdf, original);

    const std::vector<PdfOutlineEntry> entries = {{1, QStringLiteral("First"), 0, 50, 60},
                                                  {2, QStringLiteral("Inner"), 1, 50, 100},
                                                  {1, QStringLiteral("Last"), 1, 50, 300}};
    QCOMPARE(PdfOutline::append(pdf, entries), QString());
    // The old bytes stay as they were; the update follows them.
    QVERIFY(pdf.startsWith(original));
    const QByteArray update = pdf.mid(original.size());
    QCOMPARE(update.count("/Type /Catalog"), 1);
    QVERIFY(update.contains("/Outlines"));
    QVERIFY(update.contains("/PageMode /UseOutlines"));
    QVERIFY(update.contains("/Count 3"));  // the outline's items, all open
    QVERIFY(update.contains("/Title (Inner)"));
    static const QRegularExpression prev(QStringLiteral("/Prev (\\d+)\\n>>"));
    const auto m = prev.match(QString::fromLatin1(update));
    QVERIFY(m.hasMatch());
    QCOMPARE(original.mid(m.captured(1).toLongLong(), 4), QByteArray("xref"));
    // A point 60 below an A4 page's top (842 points high).
    QVERIFY(update.contains("/XYZ 50 782 null]"));
    // Every offset in the new cross-reference section points at its object.
    const qsizetype xref = pdf.lastIndexOf("\nxref\n") + 1;
    const QList<QByteArray> lines = pdf.mid(xref).split('\n');
    int number = 0;
    int checked = 0;
    for (qsizetype i = 1; i < lines.size() && !lines[i].startsWith("trailer"); ++i) {
        const QList<QByteArray> parts = lines[i].split(' ');
        if (parts.size() == 2) {
            number = parts[0].toInt();
            continue;
        }
        QCOMPARE(lines[i].size() + 1, 20);  // each entry is 20 bytes with its end of line
        QVERIFY(pdf.mid(parts[0].toLongLong()).startsWith(QByteArray::number(number) + " 0 obj"));
        ++number;
        ++checked;
    }
    QCOMPARE(checked, 1 + 1 + 3);  // the catalog, the outline, its items

    // The updated file reads again (through its /Prev chain): a second outline replaces the
    // first in a second update.
    QByteArray again = pdf;
    QCOMPARE(PdfOutline::append(again, {{1, QStringLiteral("Only"), 1, 0, 0}}), QString());
    QVERIFY(again.startsWith(pdf));
    QCOMPARE(again.mid(pdf.size()).count("/Outlines "), 1);
}

void TestReport::outlineRefusesWhatItCannotRead() {
    const std::vector<PdfOutlineEntry> one = {{1, QStringLiteral("A"), 0, 0, 0}};
    auto refused = [&one](QByteArray pdf, const QString& says) {
        const QByteArray before = pdf;
        const QString error = PdfOutline::append(pdf, one);
        QVERIFY2(error.contains(says), qPrintable(error));
        QCOMPARE(pdf, before);
    };
    refused("not a PDF at all", QStringLiteral("no startxref"));
    refused(
        "%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 2 >>\nstream\nendstream\nendobj\n"
        "startxref\n9\n%%EOF\n",
        QStringLiteral("not a classic xref table"));
    QByteArray pdf = twoPagePdf();
    refused(pdf.left(pdf.size() - 40) + "startxref\n999999999\n%%EOF\n",
            QStringLiteral("outside the file"));
    QByteArray noPages = twoPagePdf();
    noPages.replace("/Pages 3 0 R", "/Pagez 3 0 R");
    refused(noPages, QStringLiteral("the catalog's /Pages is missing"));
    const std::vector<PdfOutlineEntry> beyond = {{1, QStringLiteral("Far"), 5, 0, 0}};
    QByteArray two = twoPagePdf();
    QCOMPARE(PdfOutline::append(two, beyond), QStringLiteral("bookmark \"Far\" is on page 6 of 2"));
}

QTEST_MAIN(TestReport)
#include "tst_Report.moc"
