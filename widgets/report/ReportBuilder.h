// From a notebook that has run to the blocks of its report: title, contents, prose, code,
// outputs and the reproducibility stamp.
#pragma once

#include <QByteArray>
#include <QPageSize>
#include <QString>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "widgets/report/ReportBlocks.h"
#include "widgets/report/ReportSweeps.h"

#include "engine/output/Output.h"

namespace lemma::notebook {
class Notebook;
class Session;
}  // namespace lemma::notebook

namespace lemma::output {
class Control;
struct DerivationData;
}  // namespace lemma::output

namespace lemma::widgets {

// What the user chose for a report.
struct ReportOptions {
    // The colours of paper (the light theme); invalid colours mean a built-in light theme.
    ThemeColors colors;
    QPageSize::PageSizeId page = QPageSize::A4;
    bool hideCode = false;  // every code cell hidden (a cell's `hide-code` option hides one)
    // The table of contents: on, off, or automatic (on when the notebook has four or more
    // headings of level 1 or 2; front matter `toc: true|false` decides when present).
    enum class Contents { Auto, On, Off };
    Contents contents = Contents::Auto;
    // Told how far writing has come (`done` of `total` steps, total may change between calls);
    // returning false cancels the report, which then says ReportBuilder::cancelled().
    std::function<bool(int done, int total)> progress;
    // Told of what the report had to leave out (a PDF without outline bookmarks).
    std::function<void(const QString&)> warning;
};

// The notebook a report is made of: a session that has run it, and the file it came from.
struct ReportSource {
    const notebook::Session* session = nullptr;
    QString fileName;               // "attention.md"
    QByteArray fileBytes;           // the notebook's bytes, for the stamp's SHA-256
    std::filesystem::path dataDir;  // where its data files are (for report sweeps)
};

// One piece of a Markdown cell: a heading, a run of prose, or an explicit page break.
struct MarkdownSegment {
    enum class Kind { Heading, Prose, PageBreak };
    Kind kind = Kind::Prose;
    int level = 0;  // headings: 1 for `#`
    QString text;   // the heading's text or the prose's Markdown
};

struct ReportContent {
    QString title;
    QString author;
    std::vector<std::unique_ptr<ReportBlock>> blocks;
    ContentsBlock* contents = nullptr;    // one of blocks, when there is a table of contents
    std::vector<ContentsEntry> headings;  // every heading, for the PDF outline
    bool cancelled = false;               // the progress callback said stop
    std::vector<QString> stampLines;      // what the stamp block says, for tests and HTML
};

// The report's title: the front matter's, else the notebook's opening heading, else its file
// name; the author and date of the front matter.
struct ReportTitle {
    QString title;
    QString byline;                 // "Ada Lovelace · 2026-12-06", or empty
    QString author;                 // the front matter's author, or empty
    bool skipFirstHeading = false;  // the opening heading says the same as the title
};

// What a report writer is told of a notebook, in order (ReportBuilder::walk).
class ReportVisitor {
public:
    virtual ~ReportVisitor() = default;
    virtual void heading(int level, const QString& markdown) = 0;
    virtual void prose(const QString& markdown) = 0;
    virtual void pageBreak() = 0;
    virtual void code(const QString& source) = 0;  // not called for hidden code
    virtual void outputs(const output::Outputs& outputs, std::uint64_t cell) = 0;
};

// Responsibilities:
// - split prose into headings, paragraphs and page breaks, so that pagination can keep a
//   heading with what follows and the table of contents can list it;
// - turn each cell's outputs into blocks: printed text and values (grouped, as in the window),
//   figures, controls at their current value, errors as in the window;
// - write the stamp: file name and SHA-256, seed, controls, versions, date.
class ReportBuilder {
public:
    static ReportContent build(const ReportSource& source, const ReportOptions& options,
                               const ReportStyle& style);

    // The parts every report format shares.
    static ReportTitle titleOf(const notebook::Notebook& nb, const QString& fileName);
    // The sources of the Markdown cells, in order (for equation numbers).
    static QStringList markdownCells(const notebook::Notebook& nb);
    // Visits the notebook cell by cell, telling options.progress after each; false when it
    // cancelled the walk.
    static bool walk(const ReportSource& source, const ReportOptions& options,
                     const ReportTitle& title, ReportVisitor& visitor);
    // What a writer returns when options.progress cancelled it.
    static QString cancelled();
    // A derivation as Markdown: its title and counts, then each step's verdict, its formula as
    // display math, its note and the difference of its two sides; the result last.
    static QString derivationMarkdown(const std::string& name, const output::DerivationData& d);
    // A heading's text made safe to render as one line of inline Markdown ("1. Intro" is not
    // a list).
    static QString inlineMarkdown(const QString& text);
    // "T = 0.1" captions and figures of a control swept by a cell's report-sweep option.
    static ReportSweeps sweeps(const ReportSource& source);
    static std::vector<QString> stampLines(const ReportSource& source, const QStringList& controls);
    // "T = 2.38" and, in `detail`, "slider from 0.1 to 5, logarithmic".
    static QString controlText(const output::Control& control, QString* detail);

    // Whether printed text opens with a table's header: a first line of two or more labels
    // and no numbers (not an `x =` display), above lines that hold numbers. A long output
    // repeats that line on every page it continues onto.
    static bool startsWithTableHeader(const QString& text);

    // Headings (`#` lines outside fences and display math) and `\pagebreak` lines cut the
    // Markdown into segments.
    static std::vector<MarkdownSegment> splitMarkdown(const QString& markdown);
};

}  // namespace lemma::widgets
