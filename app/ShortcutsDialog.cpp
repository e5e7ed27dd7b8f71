// The keyboard reference (see ShortcutsDialog.h).
#include "app/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "widgets/notebook/NotebookActions.h"

namespace lemma::app {

ShortcutsDialog::ShortcutsDialog(const widgets::NotebookActions* actions, QWidget* parent)
    : QDialog(parent), m_list(new QTreeWidget(this)) {
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Action"), tr("Key")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);

    const QList<QPair<QString, QString>> modes = {
        {tr("Edit the selected cell"), tr("Enter")},
        {tr("Leave the editor (command mode)"), tr("Escape")},
        {tr("Undo in command mode"), QStringLiteral("Z")},
        {tr("Complete a name"), tr("Ctrl+Space")},
        {tr("Help for the name under the cursor"), QStringLiteral("F1")},
    };
    for (const auto& [text, key] : modes)
        new QTreeWidgetItem(m_list, {text, key});
    for (const QAction* a :
         actions->findChildren<QAction*>(QString(), Qt::FindDirectChildrenOnly)) {
        const auto [text, key] = widgets::NotebookActions::describe(a);
        if (!key.isEmpty())
            new QTreeWidgetItem(m_list, {text, key});
    }

    auto* note = new QLabel(tr("Single keys act in command mode, when no editor has focus."), this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(520, 560);
}

}  // namespace lemma::app
