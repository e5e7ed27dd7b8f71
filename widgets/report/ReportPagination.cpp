// Pagination of a report (see ReportPagination.h).
//
// A greedy first fit, as a reader expects of a printed notebook: blocks keep their order, a
// page is filled until the next block (or its first line) does not fit. A heading counts
// together with the first piece of what follows it, so it is never stranded at a page foot.
#include "widgets/report/ReportPagination.h"

#include <algorithm>

#include "widgets/report/ReportBlock.h"

namespace lemma::widgets {

int ReportPages::pageOf(int block) const {
    for (const auto& p : placements) {
        if (p.block == block)
            return p.page;
    }
    return -1;
}

namespace {

// A scalable block (a figure, the stamp) shrinks down to this to finish a page rather than
// leave a gap under it and move to the next.
constexpr double kFitScale = 0.8;

// Height of the first piece of block i that may end a page (the whole block when atomic),
// after any scaling to fit a page.
double firstPiece(const ReportBlock& b, double pageHeight) {
    if (b.scalable() && b.breaks().size() <= 1)
        return std::min(b.height() * kFitScale, pageHeight);
    // Two lines of a splittable block, so that a heading never sits over a lone line.
    const auto breaks = b.breaks();
    double first =
        breaks.empty() ? b.height() : breaks[std::min<std::size_t>(1, breaks.size() - 1)];
    if (b.scalable() && first > pageHeight)
        first = pageHeight;
    return std::min(first, pageHeight);
}

bool keptWithNext(const std::vector<const ReportBlock*>& blocks, std::size_t i) {
    return blocks[i]->keepWithNext() && i + 1 < blocks.size() &&
           blocks[i + 1]->kind() != ReportBlock::Kind::PageBreak;
}

// What must fit below the current position before block i starts: itself, or for a block kept
// with the next (a heading, a short code cell, prose that ends in a colon) itself with the
// first piece of what follows (a chain counts whole). A long block kept with the next is split
// as usual and keeps only its last lines with what follows (see paginate).
double needed(const std::vector<const ReportBlock*>& blocks, std::size_t i, double pageHeight,
              double gap) {
    const ReportBlock& b = *blocks[i];
    if (!keptWithNext(blocks, i) || b.height() > pageHeight / 4)
        return firstPiece(b, pageHeight);
    return std::min(pageHeight, b.height() + gap + needed(blocks, i + 1, pageHeight, gap));
}

}  // namespace

ReportPages ReportPagination::paginate(const std::vector<const ReportBlock*>& blocks,
                                       double pageHeight, double gap) {
    ReportPages pages;
    int page = 0;
    double y = 0;  // next free position on the page
    bool pageUsed = false;
    auto newPage = [&] {
        ++page;
        y = 0;
        pageUsed = false;
    };
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const ReportBlock& b = *blocks[i];
        if (b.kind() == ReportBlock::Kind::PageBreak) {
            if (pageUsed)
                newPage();
            continue;
        }
        const double top = pageUsed ? y + gap : 0;
        if (pageUsed && top + needed(blocks, i, pageHeight, gap) > pageHeight + 0.5) {
            newPage();
        }
        double pos = pageUsed ? y + gap : 0;
        const auto breaks = b.breaks();
        const bool atomic = breaks.size() <= 1;
        if (atomic) {
            double scale = 1;
            if (b.scalable() && pos + b.height() > pageHeight)
                scale = std::max(kFitScale, (pageHeight - pos) / b.height());
            if (b.height() > pageHeight && b.scalable())
                scale = std::min(scale, pageHeight / b.height());
            pages.placements.push_back({int(i), page, pos, 0, b.height(), scale});
            y = pos + b.height() * scale;
            pageUsed = true;
            continue;
        }
        // A splittable block: fill the page up to the last break that fits, then go on.
        // A table's header goes above every continuation, when a line still fits under it.
        const double header = b.repeatedHeader();
        double from = 0;
        while (from < b.height() - 0.01) {
            const double repeated = from > 0 && header < pageHeight / 2 ? header : 0;
            const double room = pageHeight - pos - repeated;
            double to = from;
            for (const double br : breaks) {
                if (br > from + 0.01 && br - from <= room + 0.5)
                    to = br;
            }
            // The last piece of a block kept with the next leaves at least its last two lines
            // for the page of what follows, when that does not fit here.
            if (to >= b.height() - 0.01 && keptWithNext(blocks, i)) {
                const double next = gap + needed(blocks, i + 1, pageHeight, gap);
                const std::size_t last = breaks.size() - 1;
                const double tail = last >= 2 ? breaks[last - 2] : 0;
                if (pos + (to - from) + next > pageHeight + 0.5 &&
                    b.height() - std::max(tail, from) + next <= pageHeight + 0.5) {
                    if (tail > from + 0.01)
                        to = tail;
                    else if (pageUsed)
                        to = from;
                }
            }
            if (to <= from) {
                if (pageUsed) {
                    newPage();
                    pos = 0;
                    continue;
                }
                // Not even one line fits on an empty page: take the next break anyway.
                to = *std::upper_bound(breaks.begin(), breaks.end(), from + 0.01);
            }
            pages.placements.push_back({int(i), page, pos, from, to, 1, repeated});
            y = pos + repeated + (to - from);
            pageUsed = true;
            from = to;
            if (from < b.height() - 0.01) {
                newPage();
                pos = 0;
            }
        }
    }
    pages.pageCount = pages.placements.empty() ? 1 : page + 1;
    return pages;
}

}  // namespace lemma::widgets
