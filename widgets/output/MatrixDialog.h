// A window that shows matrices in full, as sortable, copyable tables: a variable opened from
// the Variables panel, or the sides of a derivation step whose preview is cut short.
#pragma once

#include <QDialog>

#include "engine/core/Value.h"
#include "engine/output/NumberStyle.h"

class QHBoxLayout;

namespace lemma::widgets {

class MatrixTableView;

// Responsibilities: lay out one table per matrix side by side, each under its label (and its
// common scale factor), in the number format the cell shows; delete itself when closed.
class MatrixDialog : public QDialog {
    Q_OBJECT
public:
    MatrixDialog(const QString& title, QWidget* parent = nullptr);

    // Adds a table of `value` under `label` (no label line when empty). Precondition:
    // value.isNumeric().
    MatrixTableView* addMatrix(const QString& label, const lang::Value& value,
                               output::NumberStyle style = output::NumberStyle::Short);
    int matrixCount() const { return m_count; }
    MatrixTableView* table(int index) const;

private:
    QHBoxLayout* m_row;
    int m_count = 0;
};

}  // namespace lemma::widgets
