// The kinds of report blocks: text documents (prose, headings, code, outputs, errors, the
// stamp), figures, the table of contents and page breaks.
#pragma once

#include <QTextDocument>
#include <functional>
#include <memory>
#include <vector>

#include "widgets/notebook/MarkdownView.h"
#include "widgets/report/ReportBlock.h"
#include "widgets/report/ReportSweeps.h"

namespace lemma::output {
class Figure;
}

namespace lemma::widgets {

// A block drawn by a QTextDocument laid out for the report's device: everything made of text.
// Responsibilities:
// - own the document and lay it out for the page's device and width;
// - offer a break after every line (or none, when atomic: short outputs, the stamp);
// - paint a slice with its background and accent bar.
class TextBlock : public ReportBlock {
public:
    TextBlock(Kind kind, const ReportStyle& style);

    QTextDocument& document() { return m_doc; }
    void setBackground(QColor fill, QColor accent = QColor()) {
        m_fill = fill;
        m_accent = accent;
    }
    void setAtomic(bool atomic) { m_atomic = atomic; }
    // The block may be shrunk a little to finish a page (the stamp).
    void setScalable(bool scalable) { m_scalable = scalable; }
    bool scalable() const override { return m_scalable; }
    void setKeepWithNext(bool keep) { m_keepWithNext = keep; }
    // The first line is a table's header: repeated above the rest when the block is split.
    void setRepeatsHeader(bool repeats) { m_repeatsHeader = repeats; }
    // Printed values: breaks between values (at blank lines), never under a value's name.
    void setBreakBetweenValues(bool between) { m_breakBetweenValues = between; }
    // A derivation: breaks only after a step's formula (and in what follows the last one), so
    // that a step is never split from its formula or its own text.
    void setBreakAfterFormulas(bool after) { m_breakAfterFormulas = after; }
    // Shrinks the document's font until its widest line fits the width (down to `minPoints`);
    // what still does not fit wraps.
    void setShrinkToFit(double minPoints) { m_shrinkTo = minPoints; }

    std::vector<double> breaks() const override;
    bool keepWithNext() const override { return m_keepWithNext; }
    double repeatedHeader() const override;
    double trailingSpace() const override;
    void paint(QCPPainter& painter, QPointF topLeft, double from, double to, double scale) override;

    // The document's plain text, for tests and the outline.
    QString text() const { return m_doc.toPlainText(); }

protected:
    double doLayout(double width) override;

private:
    // Paints the inline formulas of the first line at or below `top` (what the clip shows).
    void paintFormulasOfLineAt(QPainter& painter, double top);

    const ReportStyle& m_style;
    QTextDocument m_doc;
    QColor m_fill;
    QColor m_accent;
    bool m_atomic = false;
    bool m_keepWithNext = false;
    bool m_repeatsHeader = false;
    bool m_breakBetweenValues = false;
    bool m_breakAfterFormulas = false;
    bool m_scalable = false;
    double m_shrinkTo = 0;
};

// A figure drawn by the one figure painter: vector on every device. Atomic; scaled down when
// taller than a page.
class FigureBlock : public ReportBlock {
public:
    FigureBlock(std::shared_ptr<const output::Figure> figure, const ReportStyle& style);

    bool scalable() const override { return true; }
    void paint(QCPPainter& painter, QPointF topLeft, double from, double to, double scale) override;
    const output::Figure& figure() const { return *m_figure; }

protected:
    double doLayout(double width) override;

private:
    std::shared_ptr<const output::Figure> m_figure;
    const ReportStyle& m_style;
    double m_drawWidth = 0;
};

// Small multiples: one figure per swept value of a control, captioned with the value, in a
// grid. Atomic; scaled down when taller than a page.
class SweepGridBlock : public ReportBlock {
public:
    SweepGridBlock(SweptFigure figures, const ReportStyle& style);

    bool scalable() const override { return true; }
    void paint(QCPPainter& painter, QPointF topLeft, double from, double to, double scale) override;
    const SweptFigure& figures() const { return m_figures; }

protected:
    double doLayout(double width) override;

private:
    int columns() const;
    double captionHeight() const;

    SweptFigure m_figures;
    const ReportStyle& m_style;
    double m_panelWidth = 0;
    double m_panelHeight = 0;
};

// One line of the table of contents.
struct ContentsEntry {
    int level = 1;
    QString text;
    int block = 0;     // the heading block it points to
    QString outline;   // the text with formulas as TeX, for the PDF outline
    QString markdown;  // the heading's source, to typeset its formulas in the contents
};

// The table of contents: one line per heading with dotted leaders and the page it is on. Its
// height depends only on the entries, so pagination needs no second pass; page numbers are
// filled in before painting.
class ContentsBlock : public ReportBlock {
public:
    ContentsBlock(std::vector<ContentsEntry> entries, const ReportStyle& style);

    const std::vector<ContentsEntry>& entries() const { return m_entries; }
    // 1-based page numbers, one per entry.
    void setPages(std::vector<int> pages) { m_pages = std::move(pages); }

    std::vector<double> breaks() const override;
    void paint(QCPPainter& painter, QPointF topLeft, double from, double to, double scale) override;

protected:
    double doLayout(double width) override;

private:
    double lineHeight() const;
    double titleHeight() const;

    std::vector<ContentsEntry> m_entries;
    std::vector<int> m_pages;
    const ReportStyle& m_style;
};

// An explicit page break (a `lemma pagebreak` cell, `\pagebreak` in prose).
class PageBreakBlock : public ReportBlock {
public:
    PageBreakBlock() : ReportBlock(Kind::PageBreak) {}
    void paint(QCPPainter&, QPointF, double, double, double) override {}

protected:
    double doLayout(double) override { return 0; }
};

}  // namespace lemma::widgets
