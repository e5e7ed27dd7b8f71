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

// The blocks being paginated, and which block (if any) is held with the stamp after it.
struct Flow {
    const std::vector<const ReportBlock*>& blocks;
    double pageHeight;
    double gap;
    std::size_t keepWithStamp = std::size_t(-1);

    bool keptWithNext(std::size_t i) const {
        return (blocks[i]->keepWithNext() || i == keepWithStamp) && i + 1 < blocks.size() &&
               blocks[i + 1]->kind() != ReportBlock::Kind::PageBreak;
    }

    // What must fit below the current position before block i starts: itself, or for a block
    // kept with the next (a heading, a short code cell, prose that ends in a colon) itself with
    // the first piece of what follows (a chain counts whole). A long block kept with the next
    // is split as usual and keeps only its last lines with what follows (see place); an atomic
    // block held with the stamp counts whole, whatever its size.
    double needed(std::size_t i) const {
        const ReportBlock& b = *blocks[i];
        const bool whole =
            b.height() <= pageHeight / 4 || (i == keepWithStamp && b.breaks().size() <= 1);
        if (!keptWithNext(i) || !whole)
            return firstPiece(b, pageHeight);
        return std::min(pageHeight, b.height() + gap + needed(i + 1));
    }

    ReportPages place() const;
};

}  // namespace

ReportPages Flow::place() const {
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
        if (pageUsed && top + needed(i) > pageHeight + 0.5) {
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
            if (to >= b.height() - 0.01 && keptWithNext(i)) {
                const double next = gap + needed(i + 1);
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
            // A page that ends after the block's last line ends the block: its trailing space
            // alone does not start the next page.
            if (to < b.height() - 0.01 && to >= b.height() - b.trailingSpace() - 0.01) {
                pages.placements.push_back({int(i), page, pos, from, to, 1, repeated});
                y = pos + repeated + (to - from);
                pageUsed = true;
                break;
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

namespace {

// Whether the last block is the stamp, alone on the last page, with no page break asking for
// that.
bool stampAlone(const std::vector<const ReportBlock*>& blocks, const ReportPages& pages) {
    if (pages.placements.size() < 2 || blocks.size() < 2 ||
        blocks.back()->kind() != ReportBlock::Kind::Stamp ||
        blocks[blocks.size() - 2]->kind() == ReportBlock::Kind::PageBreak)
        return false;
    const auto& last = pages.placements.back();
    return pages.placements[pages.placements.size() - 2].page < last.page;
}

// Makes room for the stamp at the foot of the page before by shrinking that page's whole
// figures, none below kFitScale; false when that is not enough.
bool shrinkFiguresForStamp(const std::vector<const ReportBlock*>& blocks, ReportPages& pages,
                           double pageHeight, double gap) {
    const int page = pages.placements.back().page - 1;
    std::vector<ReportPlacement*> onPage;
    for (auto& p : pages.placements) {
        if (p.page == page)
            onPage.push_back(&p);
    }
    if (onPage.empty())
        return false;
    double figures = 0;
    for (const ReportPlacement* p : onPage) {
        const ReportBlock& b = *blocks[std::size_t(p->block)];
        if (b.kind() == ReportBlock::Kind::Figure && b.scalable() && p->scale == 1)
            figures += b.height();
    }
    const ReportPlacement* lastOnPage = onPage.back();
    const double bottom = lastOnPage->y + lastOnPage->height();
    const double stamp = blocks.back()->height();
    for (const double stampScale : {1.0, kFitScale}) {
        const double deficit = bottom + gap + stamp * stampScale - pageHeight;
        if (figures <= 0 || deficit > figures * (1 - kFitScale))
            continue;
        const double scale = 1 - std::max(0.0, deficit) / figures;
        double y = onPage.front()->y;
        for (ReportPlacement* p : onPage) {
            const ReportBlock& b = *blocks[std::size_t(p->block)];
            if (b.kind() == ReportBlock::Kind::Figure && b.scalable() && p->scale == 1)
                p->scale = scale;
            p->y = y;
            y += p->height() + gap;
        }
        ReportPlacement& s = pages.placements.back();
        s.page = page;
        s.y = y;
        s.scale = std::min(stampScale, (pageHeight - y) / stamp);
        pages.pageCount = page + 1;
        return true;
    }
    return false;
}

}  // namespace

ReportPages ReportPagination::paginate(const std::vector<const ReportBlock*>& blocks,
                                       double pageHeight, double gap) {
    Flow flow{blocks, pageHeight, gap};
    ReportPages pages = flow.place();
    // The stamp does not go on a page of its own when that can be helped: the figures of the
    // page before give up a little room, or else the last block goes over with it.
    if (!stampAlone(blocks, pages) || shrinkFiguresForStamp(blocks, pages, pageHeight, gap))
        return pages;
    flow.keepWithStamp = blocks.size() - 2;
    ReportPages kept = flow.place();
    if (kept.pageCount <= pages.pageCount && !stampAlone(blocks, kept))
        return kept;
    return pages;
}

}  // namespace lemma::widgets
