// The notebook's cell actions (see NotebookActions.h).
#include "widgets/notebook/NotebookActions.h"

#include <QAction>
#include <QMenu>
#include <QRegularExpression>
#include <QUndoStack>

#include "widgets/notebook/NotebookView.h"

namespace lemma::widgets {

using notebook::CellKind;

QAction* NotebookActions::make(const QString& text, const QString& commandKey) {
    // "Text\tKey" shows the key in the shortcut column without making it a shortcut.
    auto* a =
        new QAction(commandKey.isEmpty() ? text : text + QLatin1Char('\t') + commandKey, this);
    return a;
}

NotebookActions::NotebookActions(NotebookView* view, QObject* parent)
    : QObject(parent), m_view(view) {
    runCell = make(tr("&Run Cell"));
    runCell->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    runAndAdvance = make(tr("Run Cell and &Advance"));
    runAndAdvance->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Return));
    runAndInsert = make(tr("Run Cell and &Insert Below"));
    runAndInsert->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Return));
    runAll = make(tr("Run A&ll Cells"));
    runAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    stop = make(tr("&Stop"));
    stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    stop->setToolTip(tr("Stop the running cell (Ctrl+., or I,I in command mode)"));

    insertAbove = make(tr("Insert Code Cell &Above"), QStringLiteral("A"));
    insertBelow = make(tr("Insert Code Cell &Below"), QStringLiteral("B"));
    insertMarkdownBelow = make(tr("Insert &Markdown Cell Below"));
    deleteCell = make(tr("&Delete Cell"), QStringLiteral("D, D"));
    moveUp = make(tr("Move Cell &Up"));
    moveUp->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Up));
    moveDown = make(tr("Move Cell Do&wn"));
    moveDown->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Down));
    split = make(tr("S&plit Cell at Cursor"));
    split->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Minus));
    mergeBelow = make(tr("Merge with Cell Be&low"), QStringLiteral("Shift+M"));
    toCode = make(tr("Change to &Code"), QStringLiteral("Y"));
    toMarkdown = make(tr("Change to Mar&kdown"), QStringLiteral("M"));
    hideCode = make(tr("&Hide Code"), QStringLiteral("Shift+H"));
    hideCode->setCheckable(true);
    hideOutputs = make(tr("Hide &Outputs"), QStringLiteral("O"));
    hideOutputs->setCheckable(true);
    lazyCell = make(tr("La&zy: Run Only When Asked"));
    lazyCell->setCheckable(true);
    cutCell = make(tr("Cu&t Cell"), QStringLiteral("X"));
    copyCell = make(tr("Cop&y Cell"), QStringLiteral("C"));
    pasteBelow = make(tr("Paste Cell Belo&w"), QStringLiteral("V"));
    selectPrevious = make(tr("Select &Previous Cell"), QStringLiteral("K"));
    selectNext = make(tr("Select &Next Cell"), QStringLiteral("J"));

    connect(runCell, &QAction::triggered, view,
            [view] { view->runCurrent(CodeEditor::RunMode::Run); });
    connect(runAndAdvance, &QAction::triggered, view,
            [view] { view->runCurrent(CodeEditor::RunMode::RunAndAdvance); });
    connect(runAndInsert, &QAction::triggered, view,
            [view] { view->runCurrent(CodeEditor::RunMode::RunAndInsert); });
    connect(runAll, &QAction::triggered, view, &NotebookView::runAll);
    connect(stop, &QAction::triggered, view, &NotebookView::stop);
    connect(insertAbove, &QAction::triggered, view, [view] { view->insertAbove(); });
    connect(insertBelow, &QAction::triggered, view, [view] { view->insertBelow(); });
    connect(insertMarkdownBelow, &QAction::triggered, view,
            [view] { view->insertBelow(CellKind::Markdown); });
    connect(deleteCell, &QAction::triggered, view, &NotebookView::deleteCurrent);
    connect(moveUp, &QAction::triggered, view, [view] { view->moveCurrent(-1); });
    connect(moveDown, &QAction::triggered, view, [view] { view->moveCurrent(1); });
    connect(split, &QAction::triggered, view, &NotebookView::splitCurrent);
    connect(mergeBelow, &QAction::triggered, view, &NotebookView::mergeCurrent);
    connect(toCode, &QAction::triggered, view, [view] { view->setCurrentKind(CellKind::Code); });
    connect(toMarkdown, &QAction::triggered, view,
            [view] { view->setCurrentKind(CellKind::Markdown); });
    connect(hideCode, &QAction::triggered, view, &NotebookView::toggleCodeHidden);
    connect(hideOutputs, &QAction::triggered, view, &NotebookView::toggleOutputs);
    connect(lazyCell, &QAction::triggered, view, &NotebookView::toggleLazy);
    connect(cutCell, &QAction::triggered, view, &NotebookView::cutCurrent);
    connect(copyCell, &QAction::triggered, view, &NotebookView::copyCurrent);
    connect(pasteBelow, &QAction::triggered, view, [view] { view->paste(false); });
    connect(selectPrevious, &QAction::triggered, view, [view] {
        const int i = view->currentIndex();
        if (i > 0)
            view->selectCell(view->model()->keyAt(i - 1));
    });
    connect(selectNext, &QAction::triggered, view, [view] {
        const int i = view->currentIndex();
        if (i + 1 < view->model()->count())
            view->selectCell(view->model()->keyAt(i + 1));
    });

    // Tooltips (toolbar buttons) name the key, the way the menus show it.
    for (QAction* a : findChildren<QAction*>(QString(), Qt::FindDirectChildrenOnly)) {
        if (a == stop)
            continue;
        const auto [text, key] = describe(a);
        a->setToolTip(key.isEmpty() ? text : tr("%1 (%2)").arg(text, key));
    }

    NotebookModel* model = view->model();
    connect(view, &NotebookView::currentChanged, this, &NotebookActions::updateStates);
    connect(model, &NotebookModel::infoChanged, this, &NotebookActions::updateStates);
    connect(model, &NotebookModel::outputsCollapsedChanged, this, &NotebookActions::updateStates);
    connect(model, &NotebookModel::cellInserted, this, &NotebookActions::updateStates);
    connect(model, &NotebookModel::cellRemoved, this, &NotebookActions::updateStates);
    connect(model, &NotebookModel::cellMoved, this, &NotebookActions::updateStates);
    connect(model, &NotebookModel::reset, this, &NotebookActions::updateStates);
    updateStates();
}

QPair<QString, QString> NotebookActions::describe(const QAction* a) {
    QString text = a->text();
    QString key = a->shortcut().toString(QKeySequence::NativeText);
    const qsizetype tab = text.indexOf(QLatin1Char('\t'));
    if (tab >= 0) {
        if (key.isEmpty())
            key = text.mid(tab + 1);
        text = text.left(tab);
    }
    static const QRegularExpression mnemonic(QStringLiteral("&(?!&)"));
    text.remove(mnemonic);
    return {text, key};
}

void NotebookActions::updateStates() {
    NotebookModel* model = m_view->model();
    const int key = m_view->currentKey();
    const int index = m_view->currentIndex();
    const bool has = index >= 0;
    const bool code = has && model->isCode(key);
    for (QAction* a :
         {runCell, runAndAdvance, runAndInsert, deleteCell, split, cutCell, copyCell, hideOutputs})
        a->setEnabled(has);
    moveUp->setEnabled(has && index > 0);
    moveDown->setEnabled(has && index + 1 < model->count());
    mergeBelow->setEnabled(has && index + 1 < model->count());
    toCode->setEnabled(has && !code);
    toMarkdown->setEnabled(code);
    hideCode->setEnabled(code);
    lazyCell->setEnabled(code);
    hideCode->setChecked(code && model->hasOption(key, QStringLiteral("hide-code")));
    lazyCell->setChecked(code && model->hasOption(key, QStringLiteral("lazy")));
    hideOutputs->setChecked(has && model->outputsCollapsed(key));
}

void NotebookActions::fillRunMenu(QMenu* menu) const {
    menu->addAction(runCell);
    menu->addAction(runAndAdvance);
    menu->addAction(runAndInsert);
    menu->addAction(runAll);
    menu->addSeparator();
    menu->addAction(stop);
}

void NotebookActions::fillCellMenu(QMenu* menu) const {
    menu->addAction(insertAbove);
    menu->addAction(insertBelow);
    menu->addAction(insertMarkdownBelow);
    menu->addSeparator();
    menu->addAction(cutCell);
    menu->addAction(copyCell);
    menu->addAction(pasteBelow);
    menu->addAction(deleteCell);
    menu->addSeparator();
    menu->addAction(moveUp);
    menu->addAction(moveDown);
    menu->addAction(split);
    menu->addAction(mergeBelow);
    menu->addSeparator();
    menu->addAction(toCode);
    menu->addAction(toMarkdown);
    menu->addSeparator();
    menu->addAction(hideCode);
    menu->addAction(hideOutputs);
    menu->addAction(lazyCell);
}

}  // namespace lemma::widgets
