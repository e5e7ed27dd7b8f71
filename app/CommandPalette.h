// The command palette (Ctrl+Shift+P): every command of the window and every example notebook,
// found by typing part of its name.
#pragma once

#include <QDialog>
#include <QList>

#include "app/ActionCatalog.h"

class QLineEdit;
class QListWidget;
class QMenuBar;

namespace lemma::app {

// Responsibilities: list the enabled commands of a menu bar (ActionCatalog), filter and rank
// them as the person types (exact and prefix matches first), and trigger the chosen one
// with Enter or a click, after the palette has closed.
class CommandPalette : public QDialog {
    Q_OBJECT
public:
    explicit CommandPalette(const QMenuBar* menuBar, QWidget* parent = nullptr);

    QLineEdit* searchField() const { return m_search; }
    QListWidget* list() const { return m_list; }
    // The command Enter would run now, or nullptr.
    QAction* currentAction() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void filter(const QString& text);
    void runCurrent();

    QList<ActionCatalog::Entry> m_entries;
    QLineEdit* m_search;
    QListWidget* m_list;
};

}  // namespace lemma::app
