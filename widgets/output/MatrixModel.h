// A matrix value as a Qt table model: entries as text for display and as numbers for sorting.
#pragma once

#include <QAbstractTableModel>

#include "engine/core/Value.h"

namespace lemma::widgets {

// Responsibilities: expose a real, logical or complex matrix value cell by cell, 1-based
// headers, the number itself under Qt::UserRole (so a sort proxy orders numerically), and the
// value of a range as tab-separated text for the clipboard.
class MatrixModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit MatrixModel(QObject* parent = nullptr);

    // Precondition: value.isNumeric().
    void setValue(lang::Value value);
    const lang::Value& value() const { return m_value; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The entry as the table shows it ("0.25", "1 + 2i", "true").
    QString text(int row, int column) const;

private:
    lang::Value m_value;
};

}  // namespace lemma::widgets
