// A matrix value as a Qt table model: entries as text for display and as numbers for sorting.
#pragma once

#include <QAbstractTableModel>

#include "engine/core/Value.h"
#include "engine/output/Display.h"

namespace lemma::widgets {

// Responsibilities: expose a real, logical or complex matrix value cell by cell in the one
// format the text output uses too (output::entryFormat: aligned decimals, a common scale factor),
// 1-based headers, the number itself under Qt::UserRole (so a sort proxy orders numerically),
// and every digit (17 significant) as the tooltip and under kFullRole, for copies. A value
// larger than kMaxRows × kMaxColumns shows its first rows and columns only (a 3e9×1 matrix
// would overflow Qt's int row count, and a view of millions of rows is no use), and says so in
// truncationNote().
class MatrixModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kFullRole = Qt::UserRole + 1;
    static constexpr int kMaxRows = 100'000;
    static constexpr int kMaxColumns = 1'000;

    explicit MatrixModel(QObject* parent = nullptr);

    // Precondition: value.isNumeric(). Entries show in `style` (format short or long).
    void setValue(lang::Value value, output::NumberStyle style = output::NumberStyle::Short);
    const lang::Value& value() const { return m_value; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The entry as the table shows it ("0.2500", "1 + 2i", "true"), divided by the scale.
    QString text(int row, int column) const;
    // The entry with all its digits: "0.38586065862573945".
    QString fullText(int row, int column) const;
    // The common scale factor of the entries ("1.0e-03 *"), or "".
    QString scaleText() const;
    // "showing the first 100,000 of 3,000,000,000 rows" (and columns), or "" when every entry
    // shows.
    QString truncationNote() const;

private:
    lang::Value m_value;
    output::EntryFormat m_format;
};

}  // namespace lemma::widgets
