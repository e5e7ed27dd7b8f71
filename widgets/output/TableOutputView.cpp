// A displayed matrix as a sortable, copyable table (see TableOutputView.h).
#include "widgets/output/TableOutputView.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>
#include <map>

#include "widgets/notebook/SessionBridge.h"
#include "widgets/output/MatrixModel.h"

namespace lemma::widgets {

MatrixTableView::MatrixTableView(QWidget* parent) : QTableView(parent) {
    setSelectionMode(QAbstractItemView::ContiguousSelection);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Column widths from a sample of rows, not from all of them (a column may have 100,000).
    horizontalHeader()->setResizeContentsPrecision(kSampleRows);
    horizontalHeader()->setSortIndicatorShown(true);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    // No sort until a header is clicked: the matrix's own order first.
    sortByColumn(-1, Qt::AscendingOrder);
}

QString MatrixTableView::selectionText(bool all) const {
    QAbstractItemModel* m = model();
    if (!m)
        return {};
    int top = 0;
    int left = 0;
    int bottom = m->rowCount() - 1;
    int right = m->columnCount() - 1;
    if (!all) {
        const QModelIndexList selected = selectionModel()->selectedIndexes();
        if (selected.isEmpty())
            return {};
        top = bottom = selected.first().row();
        left = right = selected.first().column();
        for (const QModelIndex& i : selected) {
            top = std::min(top, i.row());
            bottom = std::max(bottom, i.row());
            left = std::min(left, i.column());
            right = std::max(right, i.column());
        }
    }
    QString text;
    for (int r = top; r <= bottom; ++r) {
        for (int c = left; c <= right; ++c) {
            if (c > left)
                text += QLatin1Char('\t');
            // Every digit, whatever the table shows.
            text += m->index(r, c).data(MatrixModel::kFullRole).toString();
        }
        text += QLatin1Char('\n');
    }
    return text;
}

void MatrixTableView::copy(bool all) const {
    QApplication::clipboard()->setText(selectionText(all));
}

void MatrixTableView::keyPressEvent(QKeyEvent* event) {
    if (event->matches(QKeySequence::Copy)) {
        copy();
        return;
    }
    QTableView::keyPressEvent(event);
}

void MatrixTableView::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    QAction* copySelection =
        menu.addAction(tr("&Copy"), QKeySequence::Copy, this, [this] { copy(); });
    copySelection->setEnabled(selectionModel() && selectionModel()->hasSelection());
    menu.addAction(tr("Copy &All"), this, [this] { copy(true); });
    menu.addSeparator();
    menu.addAction(tr("&Original Order"), this, [this] { sortByColumn(-1, Qt::AscendingOrder); });
    menu.exec(event->globalPos());
}

TableOutputView::TableOutputView(QWidget* parent)
    : QWidget(parent),
      m_name(new QLabel(this)),
      m_table(new MatrixTableView(this)),
      m_model(new MatrixModel(this)),
      m_proxy(new QSortFilterProxyModel(this)) {
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::UserRole);
    m_table->setModel(m_proxy);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->setSpacing(2);
    layout->addWidget(m_name);
    layout->addWidget(m_table, 0, Qt::AlignLeft);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

bool TableOutputView::setOutputs(const output::Outputs& outputs) {
    if (outputs.size() != 1 || !std::holds_alternative<output::Display>(outputs[0]))
        return false;
    const auto& d = std::get<output::Display>(outputs[0]);
    const int column = m_table->horizontalHeader()->sortIndicatorSection();
    const Qt::SortOrder order = m_table->horizontalHeader()->sortIndicatorOrder();
    m_model->setValue(d.value, d.style);
    // The common scale factor reads as in the text output: "A = 1.0e-03 * …".
    QString name = toQString(d.name) + QStringLiteral(" = ") + toQString(d.value.sizeString()) +
                   QLatin1Char(' ') + toQString(d.value.typeName());
    if (!m_model->scaleText().isEmpty())
        name += QStringLiteral(",   ") + m_model->scaleText();
    if (!m_model->truncationNote().isEmpty())
        name += QStringLiteral("   (") + m_model->truncationNote() + QLatin1Char(')');
    m_name->setText(name);
    if (column >= 0 && column < m_model->columnCount())
        m_table->sortByColumn(column, order);
    fitSize();
    return true;
}

void TableOutputView::fitSize() {
    m_table->resizeColumnsToContents();
    const int rows = std::min(m_model->rowCount(), kMaxVisibleRows);
    const int frame = 2 * m_table->frameWidth();
    int h = m_table->horizontalHeader()->sizeHint().height() +
            rows * m_table->verticalHeader()->defaultSectionSize() + frame;
    int w = m_table->verticalHeader()->sizeHint().width() + frame;
    for (int c = 0; c < m_model->columnCount(); ++c)
        w += m_table->columnWidth(c);
    if (m_model->rowCount() > kMaxVisibleRows)
        w += m_table->verticalScrollBar()->sizeHint().width();
    const int maxWidth = 900;
    if (w > maxWidth)
        h += m_table->horizontalScrollBar()->sizeHint().height();
    m_table->setFixedSize(std::min(w, maxWidth) + 2, h + 2);
}

}  // namespace lemma::widgets
