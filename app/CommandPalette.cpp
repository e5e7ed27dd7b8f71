// The command palette (see CommandPalette.h).
#include "app/CommandPalette.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace lemma::app {

CommandPalette::CommandPalette(const QMenuBar* menuBar, QWidget* parent)
    : QDialog(parent), m_search(new QLineEdit(this)), m_list(new QListWidget(this)) {
    setWindowTitle(tr("Command Palette"));
    for (const ActionCatalog::Entry& e : ActionCatalog::entries(menuBar)) {
        if (e.action->isEnabled())
            m_entries.append(e);
    }
    m_search->setPlaceholderText(tr("Type a command or an example's name"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_list->setUniformItemSizes(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    connect(m_search, &QLineEdit::textChanged, this, &CommandPalette::filter);
    connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::runCurrent);
    filter(QString());
    resize(560, 420);
}

void CommandPalette::filter(const QString& text) {
    QList<std::pair<int, int>> ranked;  // (rank, entry)
    for (int i = 0; i < m_entries.size(); ++i) {
        const int r = ActionCatalog::rank(m_entries[i], text);
        if (r >= 0)
            ranked.append({r, i});
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    m_list->clear();
    for (const auto& [r, i] : ranked) {
        const ActionCatalog::Entry& e = m_entries[i];
        QString label = e.path + QStringLiteral(" › ") + e.text;
        if (!e.key.isEmpty())
            label += QStringLiteral("    ") + e.key;
        auto* item = new QListWidgetItem(label, m_list);
        item->setData(Qt::UserRole, i);
        item->setToolTip(e.action->toolTip());
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

QAction* CommandPalette::currentAction() const {
    const QListWidgetItem* item = m_list->currentItem();
    return item ? m_entries.value(item->data(Qt::UserRole).toInt()).action : nullptr;
}

void CommandPalette::runCurrent() {
    QAction* action = currentAction();
    accept();
    // After the palette has closed, so the command acts on the window (focus, dialogs).
    if (action)
        QTimer::singleShot(0, action, &QAction::trigger);
}

bool CommandPalette::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
            case Qt::Key_Up:
            case Qt::Key_Down:
            case Qt::Key_PageUp:
            case Qt::Key_PageDown:
                QCoreApplication::sendEvent(m_list, event);
                return true;
            case Qt::Key_Return:
            case Qt::Key_Enter:
                runCurrent();
                return true;
            default:
                break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

}  // namespace lemma::app
