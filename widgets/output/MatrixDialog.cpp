// Matrices in full (see MatrixDialog.h).
#include "widgets/output/MatrixDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

#include "widgets/output/MatrixModel.h"
#include "widgets/output/TableOutputView.h"

namespace lemma::widgets {

MatrixDialog::MatrixDialog(const QString& title, QWidget* parent)
    : QDialog(parent), m_row(new QHBoxLayout(this)) {
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(title);
    m_row->setContentsMargins(0, 0, 0, 0);
    resize(640, 420);
}

MatrixTableView* MatrixDialog::addMatrix(const QString& label, const lang::Value& value,
                                         output::NumberStyle style) {
    auto* column = new QVBoxLayout;
    column->setContentsMargins(label.isEmpty() ? 0 : 6, 0, 0, 0);
    auto* model = new MatrixModel(this);
    model->setValue(value, style);
    QString heading = label;
    if (!model->scaleText().isEmpty())
        heading += (heading.isEmpty() ? QString() : QStringLiteral(",   ")) + model->scaleText();
    if (!model->truncationNote().isEmpty())
        heading += (heading.isEmpty() ? QString() : QStringLiteral("   ")) + QLatin1Char('(') +
                   model->truncationNote() + QLatin1Char(')');
    if (!heading.isEmpty())
        column->addWidget(new QLabel(heading, this));
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(Qt::UserRole);
    auto* table = new MatrixTableView(this);
    table->setObjectName(QStringLiteral("matrix%1").arg(m_count));
    table->setModel(proxy);
    column->addWidget(table, 1);
    m_row->addLayout(column, 1);
    ++m_count;
    return table;
}

MatrixTableView* MatrixDialog::table(int index) const {
    return findChild<MatrixTableView*>(QStringLiteral("matrix%1").arg(index));
}

}  // namespace lemma::widgets
