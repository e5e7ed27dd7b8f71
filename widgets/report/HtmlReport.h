// The HTML report: one self-contained file — prose, math and figures as inline SVG, values as
// tables, the reproducibility stamp — that opens offline in any browser and prints well.
#pragma once

#include <QIODevice>
#include <QString>

#include "widgets/report/ReportBuilder.h"

namespace lemma::widgets {

// Responsibilities:
// - walk the notebook as the PDF report does (ReportBuilder::walk) and write HTML for each part;
// - prose through Qt's Markdown, each math span replaced by the typesetter's SVG (glyphs as
//   outlines, the TeX source as its accessible label), or the TeX source when there is none;
// - code with the editor's colours, printed text as <pre>, real matrices as <table>, figures
//   as inline SVG from the one figure painter;
// - print styles: figures, tables and formulas are not split across pages.
// Requires a QApplication (figures are painted by QCustomPlot), on the GUI thread.
class HtmlReport {
public:
    // The whole document.
    // Empty when options.progress cancelled it.
    static QString html(const ReportSource& source, const ReportOptions& options);
    // Writes html() as UTF-8; returns an empty string, or what went wrong.
    static QString write(QIODevice& device, const ReportSource& source,
                         const ReportOptions& options);

    // A shown real matrix as an HTML table, from its Octave-style text ("A =\n\n   1   2\n…");
    // an empty string when the text is not a plain grid of numbers.
    static QString matrixTable(const QString& text, int rows, int cols);
};

}  // namespace lemma::widgets
