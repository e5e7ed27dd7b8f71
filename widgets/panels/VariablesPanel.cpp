// The variables of the notebook (see VariablesPanel.h).
#include "widgets/panels/VariablesPanel.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QThreadPool>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "engine/output/ValueSummary.h"
#include "widgets/notebook/NotebookModel.h"
#include "widgets/notebook/SessionBridge.h"
#include "widgets/output/MatrixDialog.h"
#include "widgets/panels/HeatmapWidget.h"

namespace lemma::widgets {

namespace {

enum Column { Name, Type, Size, Preview };

constexpr int kMaxNameWidth = 130;
constexpr int kMinNameWidth = 56;
constexpr int kMinValueWidth = 110;        // the Value column keeps at least this, when it can
constexpr std::size_t kPreviewWidth = 40;  // characters of a value's preview

QString number(double x) {
    if (std::isinf(x))
        return QStringLiteral("∞");
    return QString::number(x, 'g', 5);
}

QString factsText(const output::MatrixFacts& f) {
    if (!f.ok)
        return QObject::tr("No facts: %1").arg(toQString(f.note).toHtmlEscaped());
    // Rich text: the Frobenius norm's F is a subscript, like the 2, 1 and ∞ of the others.
    return QObject::tr(
               "rank %1<br>‖·‖<sub>2</sub> = %2&nbsp;&nbsp;&nbsp; ‖·‖<sub>F</sub> = %3<br>"
               "‖·‖<sub>1</sub> = %4&nbsp;&nbsp;&nbsp; ‖·‖<sub>∞</sub> = %5<br>"
               "cond<sub>2</sub> = %6")
        .arg(f.rank)
        .arg(number(f.norm2), number(f.normFro), number(f.norm1), number(f.normInf),
             number(f.cond));
}

}  // namespace

VariablesPanel::VariablesPanel(NotebookModel* model, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_globals(std::make_shared<const lang::Globals>()),
      m_tree(new QTreeWidget(this)),
      m_heatmap(new HeatmapWidget(this)),
      m_facts(new QLabel(this)),
      m_compute(new QPushButton(tr("Rank, norms, condition number"), this)),
      m_details(new QWidget(this)) {
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Name"), tr("Type"), tr("Size"), tr("Value")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(Name, Qt::AscendingOrder);
    // Type and size as wide as they need, the name too up to a limit; the value takes the
    // rest. Long texts are elided, so the panel never scrolls sideways.
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setMinimumSectionSize(32);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setAlternatingRowColors(true);
    m_tree->setToolTip(tr("Double-click a matrix to open it as a table"));

    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setWordWrap(true);
    auto* details = new QVBoxLayout(m_details);
    details->setContentsMargins(0, 0, 0, 0);
    details->addWidget(m_heatmap, 1);
    details->addWidget(m_compute, 0, Qt::AlignLeft);
    details->addWidget(m_facts);
    m_details->hide();

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tree);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    m_tree->viewport()->installEventFilter(this);
    connect(model, &NotebookModel::idle, this, &VariablesPanel::refresh);
    connect(model, &NotebookModel::reset, this, &VariablesPanel::refresh);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &VariablesPanel::showSelected);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this,
            [this](QTreeWidgetItem* item) { openTable(item->text(Name)); });
    connect(m_compute, &QPushButton::clicked, this, &VariablesPanel::computeFacts);
}

void VariablesPanel::refresh() {
    m_globals = m_model->bridge()->session().globals();
    const QString selected = m_tree->currentItem() ? m_tree->currentItem()->text(Name) : QString();
    m_tree->setSortingEnabled(false);
    m_tree->clear();
    QTreeWidgetItem* current = nullptr;
    const notebook::Session& session = m_model->bridge()->session();
    for (const auto& [name, value] : *m_globals) {
        const output::ValueSummary s =
            output::summarize(value, kPreviewWidth, session.numberStyle(name));
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(Name, toQString(name));
        item->setText(Type, toQString(s.type));
        item->setText(Size, toQString(s.size));
        // A big matrix's preview is only its size and type again: the columns say that.
        if (s.preview != s.size + " " + s.type)
            item->setText(Preview, toQString(s.preview));
        item->setToolTip(Preview, toQString(s.type + " " + s.size + ": " + s.preview));
        if (item->text(Name) == selected)
            current = item;
    }
    m_tree->setSortingEnabled(true);
    fitColumns();
    if (current)
        m_tree->setCurrentItem(current);
    else
        showSelected();
}

void VariablesPanel::fitColumns() {
    // Type and size as wide as they need, the name too up to a limit; the value takes the rest.
    // In a narrow panel the value keeps a readable width: the name gives way first, then the
    // type column hides (the type is in the Value's tooltip and the table's title).
    m_tree->setColumnHidden(Type, false);
    for (const int c : {Name, Type, Size})
        m_tree->resizeColumnToContents(c);
    const int available = m_tree->viewport()->width();
    int name = std::min(m_tree->columnWidth(Name), kMaxNameWidth);
    const int type = m_tree->columnWidth(Type);
    const int size = m_tree->columnWidth(Size);
    const auto value = [&](bool withType) {
        return available - name - size - (withType ? type : 0);
    };
    if (value(true) < kMinValueWidth)
        name = std::max(kMinNameWidth, name - (kMinValueWidth - value(true)));
    m_tree->setColumnWidth(Name, name);
    m_tree->setColumnHidden(Type, value(true) < kMinValueWidth);
}

int VariablesPanel::valueColumnWidth() const {
    int used = 0;
    for (const int c : {Name, Type, Size}) {
        if (!m_tree->isColumnHidden(c))
            used += m_tree->columnWidth(c);
    }
    return std::max(0, m_tree->viewport()->width() - used);
}

bool VariablesPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

const lang::Value* VariablesPanel::selectedValue(QString* name) const {
    const QTreeWidgetItem* item = m_tree->currentItem();
    if (!item)
        return nullptr;
    const auto it = m_globals->find(toStdString(item->text(Name)));
    if (it == m_globals->end())
        return nullptr;
    if (name)
        *name = item->text(Name);
    return &it->second;
}

void VariablesPanel::showSelected() {
    ++m_generation;
    const lang::Value* value = selectedValue();
    const bool matrix = value && output::summarize(*value).isMatrix;
    m_details->setVisible(matrix);
    m_facts->clear();
    m_compute->setEnabled(true);
    if (matrix)
        m_heatmap->setHeatmap(output::heatmap(*value));
}

void VariablesPanel::computeFacts() {
    if (!selectedValue())
        return;
    const QString name = m_tree->currentItem()->text(Name);
    const int generation = m_generation;
    m_compute->setEnabled(false);
    m_facts->setText(tr("Computing…"));
    QPointer<VariablesPanel> guard(this);
    // The snapshot is immutable and kept alive by the copy of its pointer: safe to read on a
    // pool thread while the GUI goes on.
    std::shared_ptr<const lang::Globals> globals = m_globals;
    QThreadPool::globalInstance()->start([guard, globals, name, generation] {
        const output::MatrixFacts facts = output::matrixFacts(globals->at(toStdString(name)));
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, generation, facts] {
                if (!guard || guard->m_generation != generation)
                    return;
                guard->m_facts->setText(factsText(facts));
                guard->m_compute->setEnabled(true);
            },
            Qt::QueuedConnection);
    });
}

QWidget* VariablesPanel::openTable(const QString& name) {
    const auto it = m_globals->find(toStdString(name));
    if (it == m_globals->end() || !it->second.isNumeric())
        return nullptr;
    auto* dialog = new MatrixDialog(
        tr("%1 — %2 %3")
            .arg(name, toQString(it->second.sizeString()), toQString(it->second.typeName())),
        window());
    dialog->addMatrix({}, it->second, m_model->bridge()->session().numberStyle(it->first));
    dialog->show();
    return dialog;
}

}  // namespace lemma::widgets
