// Completion of builtin and notebook names in code editors, each shown with its one-line help.
#pragma once

#include <QCompleter>
#include <QString>
#include <vector>

class QStandardItemModel;

namespace lemma::builtins {
class Registry;
}

namespace lemma::widgets {

// Responsibilities:
// - hold the candidates: every builtin (usage and help) and the names the notebook's cells
//   define ("defined in cell 3");
// - show them in a popup that draws each name with its help, filtered by the typed prefix.
// One completer serves all editors of a window; an editor attaches it when it gets focus.
class CodeCompleter : public QCompleter {
    Q_OBJECT
public:
    // A name to offer, with its one-line help and a longer tooltip (the usage).
    struct Candidate {
        QString name;
        QString help;
        QString detail;
    };

    explicit CodeCompleter(QObject* parent = nullptr);

    void setBuiltins(const builtins::Registry& registry);
    void setNotebookNames(const std::vector<Candidate>& names);
    // The help line of a builtin or notebook name, or "".
    QString helpFor(const QString& name) const;

    static constexpr int kNameRole = Qt::UserRole;
    static constexpr int kHelpRole = Qt::UserRole + 1;

private:
    void rebuild();

    QStandardItemModel* m_model;
    std::vector<Candidate> m_builtins;
    std::vector<Candidate> m_names;
};

}  // namespace lemma::widgets
