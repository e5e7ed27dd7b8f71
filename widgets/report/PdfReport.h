// The PDF report: a notebook laid out on A4 or Letter pages, text as text, figures and math as
// vectors, with page numbers, a table of contents and a reproducibility stamp.
#pragma once

#include <QIODevice>
#include <QString>
#include <memory>

#include "widgets/notebook/EquationIndex.h"
#include "widgets/report/PdfOutline.h"
#include "widgets/report/ReportBuilder.h"
#include "widgets/report/ReportPagination.h"

class QPdfWriter;

namespace lemma::widgets {

// A report laid out on the pages of one writer, before painting.
struct ReportLayout {
    std::unique_ptr<EquationIndex> equations;  // the notebook's equation numbers
    ReportContent content;
    ReportPages pages;
    double contentWidth = 0;   // device pixels
    double contentHeight = 0;  // the page's paint area less the footer
    double gap = 0;            // between blocks
};

// Responsibilities:
// - set up the writer: page size, margins, resolution, title and creator;
// - lay the report's blocks out for it and paginate them;
// - paint every page with one QCPPainter, with a footer "page n of N";
// - add outline bookmarks for the headings (PdfOutline), or warn when it cannot;
// - write through a QIODevice, so callers can write beside the target and rename.
// Requires a QApplication (figures are painted by QCustomPlot), on the GUI thread.
class PdfReport {
public:
    // Writes the report; returns an empty string, or what went wrong.
    static QString write(QIODevice& device, const ReportSource& source,
                         const ReportOptions& options);

    // The layout write() would paint on `writer` (already set up by setUp()); for tests.
    static ReportLayout layOut(QPdfWriter& writer, const ReportSource& source,
                               const ReportOptions& options, ReportStyle& style);
    static void setUp(QPdfWriter& writer, const QString& title, const ReportOptions& options);
    static ReportStyle style(QPdfWriter& writer, const ReportOptions& options);
    // The XMP packet that names the author (Qt 6.4 has no author field in the PDF's
    // document information).
    static QByteArray xmpMetadata(const QString& title, const QString& author);
    // A bookmark for every heading: its page and its top on the page.
    static std::vector<PdfOutlineEntry> outlineEntries(const ReportLayout& layout,
                                                       const QPdfWriter& writer);
};

}  // namespace lemma::widgets
