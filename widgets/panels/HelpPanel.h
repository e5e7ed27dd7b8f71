// The Help dock: every builtin's usage and one-line help, searchable.
#pragma once

#include <QWidget>

class QLineEdit;
class QListWidget;
class QTextBrowser;

namespace lemma::builtins {
class Registry;
}

namespace lemma::widgets {

// Responsibilities: list the builtins; filter them by a search over names and help text;
// show the selected one's usage and help; jump to a name on request (F1 in an editor).
class HelpPanel : public QWidget {
    Q_OBJECT
public:
    explicit HelpPanel(const builtins::Registry& registry, QWidget* parent = nullptr);

    // Shows `name` if it is a builtin (clearing the search); returns false otherwise.
    bool showBuiltin(const QString& name);
    QLineEdit* searchField() const { return m_search; }
    QListWidget* list() const { return m_list; }
    QTextBrowser* details() const { return m_details; }

private:
    void filter(const QString& text);
    void showDetails();

    const builtins::Registry& m_registry;
    QLineEdit* m_search;
    QListWidget* m_list;
    QTextBrowser* m_details;
};

}  // namespace lemma::widgets
