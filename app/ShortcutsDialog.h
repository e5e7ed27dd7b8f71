// A reference of the notebook's keys: every cell action with its shortcut or command-mode key.
#pragma once

#include <QDialog>

class QTreeWidget;

namespace lemma::widgets {
class NotebookActions;
}

namespace lemma::app {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(const widgets::NotebookActions* actions, QWidget* parent = nullptr);

    QTreeWidget* list() const { return m_list; }

private:
    QTreeWidget* m_list;
};

}  // namespace lemma::app
