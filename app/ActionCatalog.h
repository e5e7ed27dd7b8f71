// Every command of a window, found through its menus: for the command palette and the
// keyboard reference.
#pragma once

#include <QList>
#include <QString>

class QAction;
class QMenuBar;

namespace lemma::app {

// Responsibilities: walk a menu bar (submenus included: Examples, Open Recent) and list each
// command with the menu path it lives under, its text without mnemonics and its key.
class ActionCatalog {
public:
    struct Entry {
        QAction* action = nullptr;
        QString path;  // "File › Examples"
        QString text;  // "A tour of Lemma"
        QString key;   // "Ctrl+S", a command-mode key ("D, D"), or ""
    };

    // Separators, submenu entries and invisible actions are left out; disabled ones are kept
    // (the caller decides).
    static QList<Entry> entries(const QMenuBar* menuBar);

    // How well `entry` matches `query`: 0 its text exactly, 1 its text starts with the query,
    // 2 every word of the query is in its text or path, -1 no match. An empty query matches
    // everything with rank 2.
    static int rank(const Entry& entry, const QString& query);
};

}  // namespace lemma::app
