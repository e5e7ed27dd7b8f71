// The notebook's cell actions (run, insert, delete, move, split, merge, kind, hide …) as
// QActions for menus, the toolbar and the cell context menu.
#pragma once

#include <QObject>
#include <QPair>
#include <QString>

class QAction;
class QMenu;

namespace lemma::widgets {

class NotebookView;

// Responsibilities:
// - create one QAction per cell operation, bound to the NotebookView's operation on the
//   current cell;
// - give actions with modifier keys real shortcuts; show the single-key command-mode keys
//   (A, B, D,D …) in menus without making them shortcuts, since they must not fire while
//   typing (NotebookView handles them in command mode);
// - keep enabled states and check marks in step with the current cell;
// - build the Cell menu and the context menu.
class NotebookActions : public QObject {
    Q_OBJECT
public:
    explicit NotebookActions(NotebookView* view, QObject* parent = nullptr);

    QAction* runCell;
    QAction* runAndAdvance;
    QAction* runAndInsert;
    QAction* runAll;
    QAction* stop;
    QAction* insertAbove;
    QAction* insertBelow;
    QAction* insertMarkdownBelow;
    QAction* deleteCell;
    QAction* moveUp;
    QAction* moveDown;
    QAction* split;
    QAction* mergeBelow;
    QAction* toCode;
    QAction* toMarkdown;
    QAction* hideCode;
    QAction* hideOutputs;
    QAction* lazyCell;
    QAction* cutCell;
    QAction* copyCell;
    QAction* pasteBelow;
    QAction* selectPrevious;
    QAction* selectNext;

    // Adds the cell actions to `menu` (the window's Cell menu and the context menu share them).
    void fillCellMenu(QMenu* menu) const;
    void fillRunMenu(QMenu* menu) const;
    void updateStates();

    // An action's text without mnemonics, and its key: the shortcut, or the command-mode key
    // its text shows after a tab.
    static QPair<QString, QString> describe(const QAction* action);

private:
    QAction* make(const QString& text, const QString& commandKey = {});

    NotebookView* m_view;
};

}  // namespace lemma::widgets
