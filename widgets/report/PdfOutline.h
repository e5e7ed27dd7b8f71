// PDF outline bookmarks added to a finished PDF as an incremental update (Qt 6.4's QPdfWriter
// has no outline API).
#pragma once

#include <QByteArray>
#include <QString>
#include <vector>

namespace lemma::widgets {

// One bookmark: a heading's level (1 for `#`), its title, and where it is.
struct PdfOutlineEntry {
    int level = 1;
    QString title;
    int page = 0;     // 0-based, in the order of the catalog's page tree
    double left = 0;  // points from the page's left edge
    double top = 0;   // points below the page's top edge
};

// Responsibilities:
// - read what it needs of a finished PDF with a classic cross-reference table (the kind
//   QPdfWriter writes): the trailer, the catalog and the page tree, in page order;
// - append a standard incremental update: outline items nested by level, a catalog with all
//   its entries plus /Outlines and /PageMode /UseOutlines, a cross-reference section for just
//   those objects and a trailer pointing back at the previous one;
// - refuse, with a message naming what it met, a file it does not understand, leaving the
//   bytes as they were.
class PdfOutline {
public:
    // Appends the outline to `pdf`; returns "" or what was wrong (then `pdf` is unchanged).
    // With no entries the file is left alone.
    static QString append(QByteArray& pdf, const std::vector<PdfOutlineEntry>& entries);

    // A PDF text string: a literal "(…)" for printable ASCII, else UTF-16BE with its byte order
    // mark in hex.
    static QByteArray textString(const QString& text);
};

}  // namespace lemma::widgets
