// The outline of headings (see OutlinePanel.h).
#include "widgets/panels/OutlinePanel.h"

#include <QHeaderView>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "widgets/notebook/NotebookModel.h"

namespace lemma::widgets {

QList<Heading> markdownHeadings(const QString& markdown) {
    static const QRegularExpression atx(QStringLiteral("^ {0,3}(#{1,6})[ \\t]+(.*?)[ \\t#]*$"));
    QList<Heading> out;
    bool inFence = false;
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString trimmed = lines[i].trimmed();
        if (trimmed.startsWith(QLatin1String("```")) || trimmed.startsWith(QLatin1String("~~~"))) {
            inFence = !inFence;
            continue;
        }
        if (inFence)
            continue;
        const auto m = atx.match(lines[i]);
        if (m.hasMatch() && !m.captured(2).isEmpty())
            out.append({int(m.capturedLength(1)), m.captured(2), i});
    }
    return out;
}

OutlinePanel::OutlinePanel(NotebookModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_tree(new QTreeWidget(this)) {
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tree);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(300);
    connect(&m_refresh, &QTimer::timeout, this, &OutlinePanel::refresh);
    auto later = [this] { m_refresh.start(); };
    connect(model, &NotebookModel::reset, this, &OutlinePanel::refresh);
    connect(model, &NotebookModel::cellInserted, this, later);
    connect(model, &NotebookModel::cellRemoved, this, later);
    connect(model, &NotebookModel::cellMoved, this, later);
    connect(model, &NotebookModel::textChanged, this, [this, later](int key) {
        if (!m_model->isCode(key))
            later();
    });
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        Q_EMIT cellActivated(item->data(0, Qt::UserRole).toInt());
    });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        Q_EMIT cellActivated(item->data(0, Qt::UserRole).toInt());
    });
    refresh();
}

void OutlinePanel::refresh() {
    m_refresh.stop();
    m_tree->clear();
    // The last item at each level: a heading hangs under the nearest shallower one.
    QList<QPair<int, QTreeWidgetItem*>> stack;
    for (int i = 0; i < m_model->count(); ++i) {
        const int key = m_model->keyAt(i);
        if (m_model->isCode(key))
            continue;
        for (const Heading& h : markdownHeadings(m_model->text(key))) {
            while (!stack.isEmpty() && stack.last().first >= h.level)
                stack.removeLast();
            auto* item = stack.isEmpty() ? new QTreeWidgetItem(m_tree)
                                         : new QTreeWidgetItem(stack.last().second);
            // Math reads as its TeX here: without the dollars it is quieter.
            item->setText(0, QString(h.text).remove(QLatin1Char('$')));
            item->setToolTip(0, h.text);
            item->setData(0, Qt::UserRole, key);
            item->setData(0, Qt::UserRole + 1, h.line);
            stack.append({h.level, item});
        }
    }
    m_tree->expandAll();
}

}  // namespace lemma::widgets
