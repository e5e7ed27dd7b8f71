// The notebook window's undo commands (see CellCommands.h).
#include "widgets/notebook/CellCommands.h"

#include <QCoreApplication>
#include <utility>

#include "widgets/notebook/NotebookController.h"

namespace lemma::widgets {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("lemma::widgets::CellCommands", text);
}

}  // namespace

TextEditCommand::TextEditCommand(NotebookController* controller, NotebookModel::Key key,
                                 QString before, QString after, bool applied, QUndoCommand* parent)
    : QUndoCommand(tr("Edit Cell"), parent),
      m_controller(controller),
      m_key(key),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_applied(applied) {
    // The changed span: after the common prefix, before the common suffix.
    const int shorter = int(std::min(m_before.size(), m_after.size()));
    int prefix = 0;
    while (prefix < shorter && m_before[prefix] == m_after[prefix])
        ++prefix;
    int suffix = 0;
    while (suffix < shorter - prefix &&
           m_before[m_before.size() - 1 - suffix] == m_after[m_after.size() - 1 - suffix])
        ++suffix;
    m_start = prefix;
    m_end = int(m_after.size()) - suffix;
    const int removed = int(m_before.size()) - suffix - prefix;
    const int added = m_end - m_start;
    if (applied && removed == 0 && added > 0 &&
        !m_after.mid(m_start, added).contains(QLatin1Char('\n')))
        m_merge = Merge::Typing;
    else if (applied && added == 0 && removed > 0)
        m_merge = Merge::Deleting;
}

void TextEditCommand::setControlMerge(int control) {
    m_merge = Merge::Control;
    m_control = control;
    m_quiet = true;
    setText(tr("Move Control"));
}

void TextEditCommand::undo() {
    m_controller->applyText(m_key, m_before, m_start);
}

void TextEditCommand::redo() {
    if (m_applied) {
        m_applied = false;  // the editor already made this change
        return;
    }
    const bool reveal = !std::exchange(m_quiet, false);
    m_controller->applyText(m_key, m_after, m_end, reveal);
}

bool TextEditCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = static_cast<const TextEditCommand*>(other);
    if (o->m_key != m_key || o->m_merge != m_merge || m_merge == Merge::None)
        return false;
    bool merges = false;
    switch (m_merge) {
        case Merge::Control:
            merges = o->m_control == m_control;
            break;
        case Merge::Typing:
            merges = o->m_start == m_end;
            break;
        case Merge::Deleting:
            // Backspace ends where this began; Delete starts where this began.
            merges = o->m_start == m_start ||
                     o->m_start + int(o->m_before.size()) - int(o->m_after.size()) == m_start;
            break;
        case Merge::None:
            break;
    }
    if (!merges)
        return false;
    m_after = o->m_after;
    m_start = std::min(m_start, o->m_start);
    m_end = o->m_end;
    setObsolete(m_before == m_after);
    return true;
}

InsertCellCommand::InsertCellCommand(NotebookController* controller, int index, CellSnapshot cell,
                                     QUndoCommand* parent)
    : QUndoCommand(tr("Insert Cell"), parent),
      m_controller(controller),
      m_index(index),
      m_cell(std::move(cell)) {}

void InsertCellCommand::redo() {
    m_key = m_controller->model()->insertCell(m_index, m_cell, m_key);
    m_controller->showCell(m_key);
}

void InsertCellCommand::undo() {
    NotebookModel* model = m_controller->model();
    const int index = model->indexOf(m_key);
    model->removeCell(m_key);
    if (model->count() > 0)
        m_controller->showCell(model->keyAt(std::min(index, model->count() - 1)));
}

RemoveCellCommand::RemoveCellCommand(NotebookController* controller, NotebookModel::Key key,
                                     QUndoCommand* parent)
    : QUndoCommand(tr("Delete Cell"), parent), m_controller(controller), m_key(key) {}

void RemoveCellCommand::redo() {
    NotebookModel* model = m_controller->model();
    m_index = model->indexOf(m_key);
    m_cell = model->removeCell(m_key);
    if (model->count() > 0)
        m_controller->showCell(model->keyAt(std::min(m_index, model->count() - 1)));
}

void RemoveCellCommand::undo() {
    m_controller->model()->insertCell(m_index, m_cell, m_key);
    m_controller->showCell(m_key);
}

MoveCellCommand::MoveCellCommand(NotebookController* controller, NotebookModel::Key key, int to)
    : QUndoCommand(tr("Move Cell")), m_controller(controller), m_key(key), m_to(to) {}

void MoveCellCommand::redo() {
    m_from = m_controller->model()->indexOf(m_key);
    m_controller->model()->moveCell(m_key, m_to);
    m_controller->showCell(m_key);
}

void MoveCellCommand::undo() {
    m_controller->model()->moveCell(m_key, m_from);
    m_controller->showCell(m_key);
}

ChangeKindCommand::ChangeKindCommand(NotebookController* controller, NotebookModel::Key key,
                                     notebook::CellKind kind)
    : QUndoCommand(kind == notebook::CellKind::Code ? tr("Change to Code")
                                                    : tr("Change to Markdown")),
      m_controller(controller),
      m_key(key),
      m_kind(kind) {}

void ChangeKindCommand::redo() {
    NotebookModel* model = m_controller->model();
    m_index = model->indexOf(m_key);
    m_old = model->removeCell(m_key);
    CellSnapshot changed;
    changed.kind = m_kind;
    changed.text = m_old.text;
    model->insertCell(m_index, changed, m_key);
    m_controller->showCell(m_key);
}

void ChangeKindCommand::undo() {
    NotebookModel* model = m_controller->model();
    model->removeCell(m_key);
    model->insertCell(m_index, m_old, m_key);
    m_controller->showCell(m_key);
}

SetInfoCommand::SetInfoCommand(NotebookController* controller, NotebookModel::Key key,
                               QString before, QString after)
    : QUndoCommand(tr("Change Cell Options")),
      m_controller(controller),
      m_key(key),
      m_before(std::move(before)),
      m_after(std::move(after)) {}

void SetInfoCommand::redo() {
    m_controller->model()->setInfo(m_key, m_after);
    // Pinning from a figure's menu or switching a derivation's mode must not move the page;
    // a redo from the Edit menu shows the cell it changes.
    if (std::exchange(m_pushed, true))
        m_controller->showCell(m_key);
}

void SetInfoCommand::undo() {
    m_controller->model()->setInfo(m_key, m_before);
    m_controller->showCell(m_key);
}

}  // namespace lemma::widgets
