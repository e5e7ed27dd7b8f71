// Controls in reports: a cell option `report-sweep="T=[0.1 0.5 1 5]"` on the cell that defines
// a control repeats the figures that depend on it, once per value, as small multiples, so the
// report keeps what the slider showed.
#pragma once

#include <QString>
#include <QStringList>
#include <map>
#include <memory>
#include <vector>

#include "engine/notebook/Cell.h"

namespace lemma::output {
class Figure;
}

namespace lemma::widgets {

struct ReportSource;

// One figure of a cell, once per swept value.
struct SweptFigure {
    QStringList captions;  // "T = 0.1", one per value
    std::vector<std::shared_ptr<const output::Figure>> figures;
};

struct ReportSweeps {
    // For each cell whose figures change with a swept control: its figures, in the order the
    // cell made them (one entry per figure; a figure that does not change is a null entry).
    std::map<notebook::CellId, std::vector<SweptFigure>> cells;
    // Problems with a cell's report-sweep option, shown in the report at that cell.
    std::map<notebook::CellId, QString> errors;

    bool has(notebook::CellId cell) const { return cells.count(cell) > 0; }
};

// Responsibilities:
// - read each `report-sweep` option ("NAME=[v1 v2 …]", numbers or quoted strings);
// - run the notebook once per value, with NAME's assignment in that cell replaced by the value
//   (as `lemma run --set` does), on sessions of their own, leaving the user's untouched;
// - find the figures that differ between the values: those are the ones the control moves.
class ReportSweepRunner {
public:
    static ReportSweeps run(const ReportSource& source);

    // "T=[0.1 0.5 1 5]" → name and value literals; false (with `problem`) when malformed.
    static bool parse(const QString& option, QString* name, QStringList* values, QString* problem);
};

}  // namespace lemma::widgets
