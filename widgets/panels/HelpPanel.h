// The Help dock: every builtin's usage, description and example, searchable.
#pragma once

#include <QWidget>

class QLineEdit;
class QListWidget;
class QPushButton;
class QTextBrowser;

namespace lemma::builtins {
class Registry;
}

namespace lemma::widgets {

// Responsibilities: list the builtins; filter them by a search over names and help text;
// show the selected one's usage, help and example; offer the example for a new cell (the main
// window inserts it); jump to a name on request (F1 in an editor).
class HelpPanel : public QWidget {
    Q_OBJECT
public:
    explicit HelpPanel(const builtins::Registry& registry, QWidget* parent = nullptr);

    // Shows `name` if it is a builtin (clearing the search); returns false otherwise.
    bool showBuiltin(const QString& name);
    QLineEdit* searchField() const { return m_search; }
    QListWidget* list() const { return m_list; }
    QTextBrowser* details() const { return m_details; }
    QPushButton* insertButton() const { return m_insert; }

Q_SIGNALS:
    // The user asked for the shown builtin's example in a new code cell.
    void exampleInsertRequested(const QString& code);

private:
    void filter(const QString& text);
    void showDetails();

    const builtins::Registry& m_registry;
    QLineEdit* m_search;
    QListWidget* m_list;
    QTextBrowser* m_details;
    QPushButton* m_insert;
    QString m_example;  // the shown builtin's example
};

}  // namespace lemma::widgets
