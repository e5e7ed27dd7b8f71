// The keyboard reference (see ShortcutsDialog.h).
#include "app/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app/ActionCatalog.h"
#include "widgets/notebook/NotebookActions.h"

namespace lemma::app {

ShortcutsDialog::ShortcutsDialog(const widgets::NotebookActions* actions, const QMenuBar* menuBar,
                                 QWidget* parent)
    : QDialog(parent), m_search(new QLineEdit(this)), m_list(new QTreeWidget(this)) {
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_search->setPlaceholderText(tr("Search actions and keys"));
    m_search->setClearButtonEnabled(true);
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Action"), tr("Key")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);

    // Keys that are not menu commands: modes, moving between cells, the editor, figures.
    const QList<QPair<QString, QString>> keys = {
        {tr("Edit the selected cell"), tr("Enter")},
        {tr("Leave the editor or a control (command mode)"), tr("Escape")},
        {tr("Select the previous / next cell"), tr("Up / Down, K / J")},
        {tr("Select the first / last cell"), tr("Home / End")},
        {tr("Undo in command mode"), QStringLiteral("Z")},
        {tr("Paste Cell Above"), QStringLiteral("Shift+V")},
        {tr("Stop (command mode)"), QStringLiteral("I, I")},
        {tr("Go to the previous / next cell from the first / last line"), tr("Up / Down")},
        {tr("Complete a name (common prefix, list when several match)"), QStringLiteral("Tab")},
        {tr("Show the completions"), QStringLiteral("Ctrl+Space")},
        {tr("Indent / unindent the selected lines"), QStringLiteral("Tab / Shift+Tab")},
        {tr("Help for the name under the cursor"), QStringLiteral("F1")},
        {tr("Zoom a figure (or click it first, then the wheel)"), tr("Ctrl+Wheel")},
        {tr("Reset a figure's view"), tr("Double-click")},
    };
    QSet<QString> seen;
    auto add = [&](const QString& text, const QString& key) {
        if (key.isEmpty() || seen.contains(text + key))
            return;
        seen.insert(text + key);
        new QTreeWidgetItem(m_list, {text, key});
    };
    for (const auto& [text, key] : keys)
        add(text, key);
    for (const QAction* a :
         actions->findChildren<QAction*>(QString(), Qt::FindDirectChildrenOnly)) {
        const auto [text, key] = widgets::NotebookActions::describe(a);
        add(text, key);
    }
    if (menuBar) {
        for (const ActionCatalog::Entry& e : ActionCatalog::entries(menuBar))
            add(e.text, e.key);
    }

    auto* note = new QLabel(tr("Single keys act in command mode, when no editor has focus."), this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &ShortcutsDialog::filter);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(560, 620);
}

void ShortcutsDialog::filter(const QString& text) {
    const QStringList words =
        text.simplified().toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_list->topLevelItem(i);
        const QString haystack = (item->text(0) + QLatin1Char(' ') + item->text(1)).toLower();
        bool match = true;
        for (const QString& w : words)
            match = match && haystack.contains(w);
        item->setHidden(!match);
    }
}

}  // namespace lemma::app
