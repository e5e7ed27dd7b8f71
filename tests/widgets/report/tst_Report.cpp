// The report's parts without a PDF viewer: pagination properties on synthetic blocks, the
// Markdown split into headings and page breaks, and the layout of real notebooks on A4.
#include <QApplication>
#include <QBuffer>
#include <QPdfWriter>
#include <QtTest>

#include "engine/notebook/NotebookFormat.h"
#include "engine/notebook/Session.h"
#include "engine/output/Figure.h"
#include "engine/output/OutputText.h"
#include "widgets/report/PdfReport.h"
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
        for (double y = m_line; y < height() - 1e-9; y += m_line)
            out.push_back(y);
        out.push_back(height());
        return out;
    }
    bool keepWithNext() const override { return m_keep; }
    bool scalable() const override { return m_scalable; }
    void paint(QCPPainter&, QPointF, double, double, double) override {}

protected:
    double doLayout(double) override { return m_h; }

private:
    double m_h, m_line;
    bool m_keep, m_scalable;
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
    void splitMarkdown_data();
    void splitMarkdown();
    void sweepRepeatsTheFiguresAControlMoves();
    void sweepOptionErrorsAreShown();
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

void TestReport::splitMarkdown_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QStringList>("expected");  // "H2:text", "P", "B"
    QTest::newRow("heading and prose")
        << "# Title\n\nSome *text*.\n\n## Part $x$\nMore." << QStringList{"H1:Title", "P", "H2:Part $x$", "P"};
    QTest::newRow("closing hashes") << "### Three ###" << QStringList{"H3:Three"};
    QTest::newRow("not a heading") << "#hashtag and 7 # items" << QStringList{"P"};
    QTest::newRow("fence keeps #") << "Text\n```\n# comment\n```\n" << QStringList{"P"};
    QTest::newRow("display math keeps #")
        << "$$\n# \\text{not a heading}\n$$" << QStringList{"P"};
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
    QVERIFY(ReportSweepRunner::parse(QStringLiteral("lr=[1e-3, 1e-2 0.1]"), &name, &values, &problem));
    QCOMPARE(name, QStringLiteral("lr"));
    QCOMPARE(values, (QStringList{"1e-3", "1e-2", "0.1"}));
    QVERIFY(ReportSweepRunner::parse(QStringLiteral("opt=[\"sgd\" \"adam\"]"), &name, &values, &problem));
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

QTEST_MAIN(TestReport)
#include "tst_Report.moc"
