// The notebook window's edits as undo commands (see NotebookController.h).
#include "widgets/notebook/NotebookController.h"

#include <QApplication>
#include <QClipboard>
#include <QRegularExpression>
#include <QTextCursor>
#include <QTextDocument>
#include <QUndoStack>

#include "engine/lang/SourceEdit.h"
#include "widgets/notebook/CellCommands.h"
#include "widgets/notebook/SessionBridge.h"

namespace lemma::widgets {

NotebookController::NotebookController(NotebookModel* model, QObject* parent)
    : QObject(parent), m_model(model), m_stack(new QUndoStack(this)) {
    connect(model, &NotebookModel::reset, this, [this] {
        m_shadow.clear();
        for (int i = 0; i < m_model->count(); ++i)
            remember(m_model->keyAt(i));
        m_stack->clear();
    });
    connect(model, &NotebookModel::cellInserted, this,
            [this](int index) { remember(m_model->keyAt(index)); });
    connect(model, &NotebookModel::cellRemoved, this,
            [this](int, int key) { m_shadow.remove(key); });
    connect(model, &NotebookModel::textChanged, this, &NotebookController::recordTyping);
}

void NotebookController::remember(Key key) {
    m_shadow.insert(key, m_model->text(key));
}

void NotebookController::recordTyping(Key key) {
    const QString now = m_model->text(key);
    QString& before = m_shadow[key];
    if (m_applying || now == before) {
        before = now;
        return;
    }
    auto* command = new TextEditCommand(this, key, before, now, true);
    before = now;
    m_stack->push(command);
}

void NotebookController::applyText(Key key, const QString& text, int cursor, bool reveal) {
    QTextDocument* doc = m_model->document(key);
    if (!doc)
        return;
    const QString current = m_model->text(key);
    // Replace only the span that differs, so the editor keeps its scroll and highlighting.
    const int shorter = int(std::min(current.size(), text.size()));
    int prefix = 0;
    while (prefix < shorter && current[prefix] == text[prefix])
        ++prefix;
    int suffix = 0;
    while (suffix < shorter - prefix &&
           current[current.size() - 1 - suffix] == text[text.size() - 1 - suffix])
        ++suffix;
    m_applying = true;
    QTextCursor c(doc);
    c.setPosition(prefix);
    c.setPosition(int(current.size()) - suffix, QTextCursor::KeepAnchor);
    c.insertText(text.mid(prefix, text.size() - suffix - prefix));
    m_applying = false;
    m_shadow.insert(key, text);
    if (reveal)
        Q_EMIT cursorRequested(key, std::clamp(cursor, 0, int(text.size())));
}

NotebookController::Key NotebookController::insertCell(int index, notebook::CellKind kind,
                                                       const QString& text) {
    CellSnapshot cell;
    cell.kind = kind;
    cell.text = text;
    auto* command = new InsertCellCommand(this, index, cell);
    m_stack->push(command);
    return command->key();
}

void NotebookController::removeCell(Key key) {
    if (m_model->contains(key))
        m_stack->push(new RemoveCellCommand(this, key));
}

void NotebookController::moveCell(Key key, int index) {
    const int from = m_model->indexOf(key);
    if (from < 0 || index < 0 || index >= m_model->count() || index == from)
        return;
    m_stack->push(new MoveCellCommand(this, key, index));
}

void NotebookController::changeKind(Key key, notebook::CellKind kind) {
    if (m_model->contains(key) && m_model->kind(key) != kind)
        m_stack->push(new ChangeKindCommand(this, key, kind));
}

NotebookController::Key NotebookController::splitCell(Key key, int position) {
    const int index = m_model->indexOf(key);
    if (index < 0)
        return 0;
    const QString text = m_model->text(key);
    position = std::clamp(position, 0, int(text.size()));
    QString head = text.left(position);
    QString tail = text.mid(position);
    // The line break at the split belongs to neither half.
    if (head.endsWith(QLatin1Char('\n')))
        head.chop(1);
    else if (tail.startsWith(QLatin1Char('\n')))
        tail.remove(0, 1);
    auto* split = new QUndoCommand(tr("Split Cell"));
    new TextEditCommand(this, key, text, head, false, split);
    CellSnapshot cell;
    cell.kind = m_model->kind(key);
    cell.text = tail;
    auto* insert = new InsertCellCommand(this, index + 1, cell, split);
    m_stack->push(split);
    return insert->key();
}

bool NotebookController::mergeWithNext(Key key) {
    const int index = m_model->indexOf(key);
    if (index < 0 || index + 1 >= m_model->count())
        return false;
    const Key next = m_model->keyAt(index + 1);
    const QString text = m_model->text(key);
    const QString nextText = m_model->text(next);
    QString merged = text;
    if (!text.isEmpty() && !nextText.isEmpty())
        merged += m_model->isCode(key) ? QStringLiteral("\n") : QStringLiteral("\n\n");
    merged += nextText;
    auto* merge = new QUndoCommand(tr("Merge Cells"));
    new TextEditCommand(this, key, text, merged, false, merge);
    new RemoveCellCommand(this, next, merge);
    m_stack->push(merge);
    showCell(key);
    return true;
}

QString NotebookController::withOption(const QString& info, const QString& option, bool on) {
    const QRegularExpression word(
        QStringLiteral("(^|\\s+)%1(?=\\s|$)").arg(QRegularExpression::escape(option)));
    QString out = info;
    out.remove(word);
    if (on)
        out += QLatin1Char(' ') + option;
    return out.trimmed();
}

void NotebookController::setOption(Key key, const QString& option, bool on) {
    if (!m_model->isCode(key) || m_model->hasOption(key, option) == on)
        return;
    const QString before = m_model->info(key);
    m_stack->push(new SetInfoCommand(this, key, before, withOption(before, option, on)));
}

bool NotebookController::setControlValue(Key key, int control, const QString& literal) {
    const QString before = m_model->text(key);
    const auto after =
        lang::replaceControlValue(toStdString(before), std::size_t(control), toStdString(literal));
    if (!after)
        return false;
    const QString text = toQString(*after);
    if (text == before)
        return true;
    auto* command = new TextEditCommand(this, key, before, text, false);
    command->setControlMerge(control);
    m_model->beginControlEdit();
    m_stack->push(command);
    m_model->endControlEdit();
    return true;
}

QString NotebookController::pinSettings(Key key) {
    if (!m_model->isCode(key))
        return tr("only a code cell's figures can be pinned");
    QString error;
    const QString after = m_model->pinnedInfo(key, &error);
    if (after.isEmpty())
        return error;
    m_stack->push(new SetInfoCommand(this, key, m_model->info(key), after));
    return {};
}

void NotebookController::clearPins(Key key) {
    if (!m_model->isCode(key))
        return;
    const QString before = m_model->info(key);
    const QString after = m_model->unpinnedInfo(key);
    if (after != before)
        m_stack->push(new SetInfoCommand(this, key, before, after));
}

void NotebookController::copyCell(Key key) {
    if (!m_model->contains(key))
        return;
    CellSnapshot cell;
    cell.kind = m_model->kind(key);
    cell.text = m_model->text(key);
    if (m_model->isCode(key))
        cell.info = m_model->info(key);
    m_clipboard = cell;
    QApplication::clipboard()->setText(cell.text);
}

void NotebookController::cutCell(Key key) {
    copyCell(key);
    removeCell(key);
}

NotebookController::Key NotebookController::paste(int index) {
    if (!m_clipboard)
        return 0;
    auto* command = new InsertCellCommand(this, index, *m_clipboard);
    m_stack->push(command);
    return command->key();
}

}  // namespace lemma::widgets
