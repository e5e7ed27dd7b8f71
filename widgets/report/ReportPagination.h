// Pagination of a report: which block (or slice of one) goes on which page, and where.
#pragma once

#include <vector>

namespace lemma::widgets {

class ReportBlock;

// One block, or a slice of it, on a page.
struct ReportPlacement {
    int block = 0;    // index into the blocks
    int page = 0;     // 0-based
    double y = 0;     // top on the page's content area, device pixels
    double from = 0;  // the slice of the block, offsets from its top
    double to = 0;
    double scale = 1;   // < 1 when a block taller than a page was shrunk to fit
    double header = 0;  // a continued table's header, repeated at `y` above the slice

    double height() const { return header + (to - from) * scale; }
};

struct ReportPages {
    std::vector<ReportPlacement> placements;  // in block order
    int pageCount = 0;

    // The page the block starts on, or -1 when it has no placement.
    int pageOf(int block) const;
};

// Responsibilities:
// - place laid-out blocks on pages of `pageHeight`, `gap` apart, in order;
// - never split an atomic block (figures, formulas, short tables): it moves to the next page,
//   and one taller than a page is scaled down when it allows it;
// - split a long block only where it allows a break (between lines), never leaving a heading
//   as the last thing on a page; a continued table repeats its header on the next page;
// - start a new page at each page break block;
// - not leave the stamp (the last block) alone on the last page when it can be helped: the
//   figures of the page before shrink a little to make room for it, or else the last block
//   goes over to the stamp's page.
class ReportPagination {
public:
    static ReportPages paginate(const std::vector<const ReportBlock*>& blocks, double pageHeight,
                                double gap);
};

}  // namespace lemma::widgets
