// A displayed matrix as a table: sortable by column, copyable as tab-separated text.
#pragma once

#include <QTableView>
#include <QWidget>

#include "widgets/output/OutputPart.h"

class QLabel;
class QSortFilterProxyModel;

namespace lemma::widgets {

class MatrixModel;

// A QTableView whose Copy puts the selected range on the clipboard as tab-separated rows.
class MatrixTableView : public QTableView {
    Q_OBJECT
public:
    explicit MatrixTableView(QWidget* parent = nullptr);
    // The selection (or everything, when `all`) as tab-separated lines, in view order.
    QString selectionText(bool all = false) const;
    void copy(bool all = false) const;

    // Rows read to size a column to its contents.
    static constexpr int kSampleRows = 200;

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
};

// Responsibilities: show one displayed matrix under its name, sized to its content up to a
// limit, sortable by clicking a column header (click again to reverse, the row numbers stay
// with their rows), copyable.
class TableOutputView : public QWidget, public OutputPart {
    Q_OBJECT
public:
    explicit TableOutputView(QWidget* parent = nullptr);

    QWidget* widget() override { return this; }
    bool setOutputs(const output::Outputs& outputs) override;

    MatrixTableView* table() const { return m_table; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }

    static constexpr int kMaxVisibleRows = 12;

private:
    void fitSize();

    QLabel* m_name;
    MatrixTableView* m_table;
    MatrixModel* m_model;
    QSortFilterProxyModel* m_proxy;
};

}  // namespace lemma::widgets
