// A reference of the window's keys: every command with its shortcut, the command-mode keys,
// the editor's keys; searchable.
#pragma once

#include <QDialog>

class QLineEdit;
class QMenuBar;
class QTreeWidget;

namespace lemma::widgets {
class NotebookActions;
}

namespace lemma::app {

// Responsibilities: list the keys of the notebook (command and edit mode), of the cell actions
// and of every menu command that has one (from `menuBar`, when given), each once; filter the
// list by a search over actions and keys.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(const widgets::NotebookActions* actions,
                             const QMenuBar* menuBar = nullptr, QWidget* parent = nullptr);

    QTreeWidget* list() const { return m_list; }
    QLineEdit* searchField() const { return m_search; }

private:
    void filter(const QString& text);

    QLineEdit* m_search;
    QTreeWidget* m_list;
};

}  // namespace lemma::app
