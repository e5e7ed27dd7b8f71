// One piece of a report — a heading, a paragraph run, a code cell, an output — laid out for a
// page width and painted, whole or in slices, onto any QPainter.
#pragma once

#include <QColor>
#include <QFont>
#include <QPaintDevice>
#include <QRectF>
#include <QString>
#include <vector>

#include "widgets/notebook/Theme.h"

class QCPPainter;

namespace lemma::widgets {

class EquationIndex;

// What every block of one report shares: the device it is laid out for and its look.
struct ReportStyle {
    QPaintDevice* device = nullptr;            // page metrics: fonts and sizes are computed for it
    ThemeColors colors;                        // the light theme on white paper
    const EquationIndex* equations = nullptr;  // numbers for \label / \eqref
    QFont body;                                // prose
    QFont mono;                                // code and printed outputs
    double bodyPoints = 10.0;
    double monoPoints = 8.5;
    double minMonoPoints = 5.5;  // wide outputs shrink down to this before they wrap
    double minCodePoints = 7.0;  // code keeps the size of its neighbours and wraps sooner

    // Device pixels per typographic point.
    double px(double points) const { return points * device->logicalDpiY() / 72.0; }
    // A QTextDocument's margins and block spacing are in 96-dpi pixels whatever its device.
    static double docUnits(double points) { return points * 96.0 / 72.0; }
};

// Responsibilities:
// - lay itself out for a width and report its height;
// - say where a page may break inside it (an atomic block: only at its end);
// - paint the slice between two of those positions at a place on the page, with the
//   QCPPainter every report page is drawn with (figures need one; see DESIGN.md).
// Pagination (ReportPagination) deals only in these numbers, so it is tested without painting.
class ReportBlock {
public:
    enum class Kind {
        Title,
        Contents,
        Heading,
        Prose,
        Code,
        Output,
        Figure,
        Control,
        Error,
        Stamp,
        PageBreak
    };

    explicit ReportBlock(Kind kind) : m_kind(kind) {}
    virtual ~ReportBlock() = default;
    ReportBlock(const ReportBlock&) = delete;
    ReportBlock& operator=(const ReportBlock&) = delete;

    Kind kind() const { return m_kind; }

    // Lays the block out `width` device pixels wide; returns (and keeps) its height.
    double layout(double width) {
        m_width = width;
        m_height = doLayout(width);
        return m_height;
    }
    double width() const { return m_width; }
    double height() const { return m_height; }

    // Offsets from the block's top where a page may end, ascending; the last is height().
    virtual std::vector<double> breaks() const { return {m_height}; }
    // A heading stays on the page of what follows it.
    virtual bool keepWithNext() const { return false; }
    // The block may be scaled down to fit a page when it is taller than one (figures).
    virtual bool scalable() const { return false; }
    // The height of the block's top piece (a table's header line) that is repeated above each
    // continuation on a later page; 0 when nothing is repeated. It is one of breaks().
    virtual double repeatedHeader() const { return 0; }
    // The empty space under the block's last line (a code block's padding): a page that ends
    // after that line ends the block, rather than carry the padding alone to the next page.
    virtual double trailingSpace() const { return 0; }

    // Paints the part of the block between `from` and `to` (offsets from its top, from
    // breaks()) with its top-left at `topLeft`, scaled by `scale` (1 unless the block was
    // shrunk to fit a page).
    virtual void paint(QCPPainter& painter, QPointF topLeft, double from, double to,
                       double scale) = 0;

protected:
    virtual double doLayout(double width) = 0;

private:
    Kind m_kind;
    double m_width = 0;
    double m_height = 0;
};

}  // namespace lemma::widgets
