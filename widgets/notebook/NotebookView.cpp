// The notebook's cells on screen, selection, modes and keys (see NotebookView.h).
#include "widgets/notebook/NotebookView.h"

#include <QApplication>
#include <QDrag>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QUndoStack>
#include <QVBoxLayout>
#include <utility>

#include "engine/output/ValueSummary.h"
#include "widgets/notebook/CodeCompleter.h"
#include "widgets/notebook/EquationIndex.h"
#include "widgets/notebook/MarkdownView.h"
#include "widgets/notebook/SessionBridge.h"

namespace lemma::widgets {

namespace {

const QString kCellMime = QStringLiteral("application/x-lemma-cell");

bool isEnter(const QKeyEvent* e) {
    return e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter;
}

}  // namespace

NotebookView::NotebookView(NotebookController* controller, CodeCompleter* completer,
                           QWidget* parent)
    : QScrollArea(parent),
      m_controller(controller),
      m_completer(completer),
      m_page(new QWidget),
      m_cells(new QVBoxLayout),
      m_dropMarker(new QWidget(m_page)),
      m_equations(new EquationIndex(this)) {
    setObjectName(QStringLiteral("notebook"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true);

    // The page is the palette's base colour (white, or the dark theme's darkest), like paper.
    m_page->setAutoFillBackground(true);
    m_page->setBackgroundRole(QPalette::Base);
    viewport()->setBackgroundRole(QPalette::Base);
    auto* pageLayout = new QVBoxLayout(m_page);
    pageLayout->setContentsMargins(8, 14, 24, 32);
    pageLayout->setSpacing(10);
    m_cells->setContentsMargins(0, 0, 0, 0);
    m_cells->setSpacing(10);
    pageLayout->addLayout(m_cells);

    auto* adders = new QHBoxLayout;
    adders->setContentsMargins(70, 4, 0, 0);
    auto* addCode = new QPushButton(tr("+ Code"), m_page);
    auto* addText = new QPushButton(tr("+ Markdown"), m_page);
    for (QPushButton* b : {addCode, addText}) {
        b->setFlat(true);
        b->setCursor(Qt::PointingHandCursor);
        b->setFocusPolicy(Qt::NoFocus);
        adders->addWidget(b);
    }
    adders->addStretch(1);
    connect(addCode, &QPushButton::clicked, this, [this] {
        const Key key = m_controller->insertCell(model()->count(), notebook::CellKind::Code);
        selectCell(key);
        enterEditMode();
    });
    connect(addText, &QPushButton::clicked, this, [this] {
        const Key key = m_controller->insertCell(model()->count(), notebook::CellKind::Markdown);
        selectCell(key);
        enterEditMode();
    });
    pageLayout->addLayout(adders);
    pageLayout->addStretch(1);
    setWidget(m_page);

    m_dropMarker->setFixedHeight(3);
    m_dropMarker->setAutoFillBackground(true);
    m_dropMarker->hide();

    m_revealTimer.setSingleShot(true);
    m_revealTimer.setInterval(0);
    connect(&m_revealTimer, &QTimer::timeout, this, &NotebookView::revealNow);
    // Presses anywhere in the page: a child that takes the press (a slider, a text browser's
    // viewport, a plot) never passes it on to its cell.
    qApp->installEventFilter(this);

    m_pendingTimer.setSingleShot(true);
    m_pendingTimer.setInterval(800);
    connect(&m_pendingTimer, &QTimer::timeout, this, [this] { m_pendingKey = 0; });

    NotebookModel* m = model();
    // Equation numbers follow the Markdown cells' order.
    auto renumber = [this] {
        QStringList texts;
        for (int i = 0; i < model()->count(); ++i) {
            const Key k = model()->keyAt(i);
            if (!model()->isCode(k))
                texts.append(model()->text(k));
        }
        m_equations->update(texts);
    };
    connect(m, &NotebookModel::reset, this, renumber);
    connect(m, &NotebookModel::cellInserted, this, renumber);
    connect(m, &NotebookModel::cellRemoved, this, renumber);
    connect(m, &NotebookModel::cellMoved, this, renumber);
    connect(m, &NotebookModel::textChanged, this, [this, renumber](int key) {
        if (model()->contains(key) && !model()->isCode(key))
            renumber();
    });
    connect(m, &NotebookModel::reset, this, &NotebookView::rebuild);
    connect(m, &NotebookModel::cellInserted, this, [this](int index) { addView(index); });
    connect(m, &NotebookModel::cellRemoved, this, &NotebookView::removeView);
    connect(m, &NotebookModel::cellMoved, this, &NotebookView::moveView);
    connect(m, &NotebookModel::infoChanged, this, [this](int key) {
        if (CellView* v = cellView(key))
            v->refreshInfo();
    });
    connect(m, &NotebookModel::stateChanged, this, [this](int key) {
        if (CellView* v = cellView(key))
            v->refreshState();
    });
    connect(m, &NotebookModel::outputsChanged, this, [this](int key) {
        if (CellView* v = cellView(key))
            v->refreshOutputs();
    });
    connect(m, &NotebookModel::outputsCollapsedChanged, this, [this](int key) {
        if (CellView* v = cellView(key))
            v->refreshOutputs();
    });
    connect(m, &NotebookModel::progressed, this, [this](int key, double) {
        if (CellView* v = cellView(key))
            v->refreshProgress();
    });
    connect(m, &NotebookModel::textChanged, this, [this](int key) {
        if (CellView* v = cellView(key))
            v->refreshText();
    });
    connect(m, &NotebookModel::numbersChanged, this, [this] {
        for (CellView* v : std::as_const(m_order))
            v->refreshNumber();
    });
    connect(m, &NotebookModel::idle, this, &NotebookView::updateCompletions);
    connect(m, &NotebookModel::reset, this, &NotebookView::updateCompletions);
    connect(m_controller, &NotebookController::cellRequested, this,
            [this](int key) { selectCell(key); });
    connect(m_controller, &NotebookController::cursorRequested, this,
            [this](int key, int position) {
                selectCell(key);
                CellView* v = cellView(key);
                if (!v)
                    return;
                QTextCursor c = v->editor()->textCursor();
                c.setPosition(std::min(position, v->editor()->document()->characterCount() - 1));
                v->editor()->setTextCursor(c);
                showCursor(key);
            });
    renumber();
    rebuild();
}

int NotebookView::currentIndex() const {
    return model()->indexOf(m_current);
}

CellView* NotebookView::cellViewAt(int index) const {
    return index >= 0 && index < m_order.size() ? m_order[index] : nullptr;
}

void NotebookView::setColors(const ThemeColors& colors) {
    m_colors = colors;
    QPalette p = m_dropMarker->palette();
    p.setColor(QPalette::Window, colors.commandSelection);
    m_dropMarker->setPalette(p);
    for (CellView* v : std::as_const(m_order))
        v->setColors(colors);
}

void NotebookView::setBuiltins(const QSet<QString>& names) {
    m_builtins = names;
    for (CellView* v : std::as_const(m_order))
        v->setBuiltins(names);
}

void NotebookView::rebuild() {
    for (CellView* v : std::as_const(m_order))
        delete v;
    m_order.clear();
    m_views.clear();
    m_current = 0;
    for (int i = 0; i < model()->count(); ++i)
        addView(i);
    if (!m_order.isEmpty())
        selectCell(m_order.first()->key(), false);
    verticalScrollBar()->setValue(0);
    setMode(Mode::Command);
}

CellView* NotebookView::addView(int index) {
    const Key key = model()->keyAt(index);
    auto* v = new CellView(m_controller, key, m_completer, m_colors, m_equations, m_page);
    v->setBuiltins(m_builtins);
    m_cells->insertWidget(index, v);
    m_order.insert(index, v);
    m_views.insert(key, v);

    connect(v, &CellView::pressed, this, [this](int k) {
        selectCell(k, false);
        CellView* cell = cellView(k);
        if (cell && !cell->editor()->hasFocus())
            setMode(Mode::Command);
    });
    connect(v, &CellView::editorFocused, this, [this](int k) {
        selectCell(k, false);
        setMode(Mode::Edit);
    });
    connect(v, &CellView::runRequested, this, [this](int k, CodeEditor::RunMode mode) {
        selectCell(k, false);
        runCurrent(mode);
    });
    connect(v, &CellView::escapePressed, this, [this](int k) {
        selectCell(k, false);
        enterCommandMode();
    });
    connect(v, &CellView::leaveRequested, this, [this](int k, int direction) {
        const int target = model()->indexOf(k) + direction;
        if (target < 0 || target >= model()->count())
            return;
        selectCell(model()->keyAt(target));
        enterEditMode();
        CodeEditor* e = cellView(m_current)->editor();
        QTextCursor c = e->textCursor();
        c.movePosition(direction < 0 ? QTextCursor::End : QTextCursor::Start);
        e->setTextCursor(c);
    });
    connect(v, &CellView::splitRequested, this, [this](int k) {
        selectCell(k, false);
        splitCurrent();
    });
    connect(v, &CellView::undoRequested, m_controller->undoStack(), &QUndoStack::undo);
    connect(v, &CellView::redoRequested, m_controller->undoStack(), &QUndoStack::redo);
    connect(v, &CellView::helpRequested, this, &NotebookView::helpRequested);
    connect(v, &CellView::contextMenuRequested, this, [this](int k, const QPoint& pos) {
        selectCell(k, false);
        if (m_contextMenu)
            m_contextMenu->exec(pos);
    });
    connect(v, &CellView::dragRequested, this, &NotebookView::startDrag);
    connect(v->editor(), &QPlainTextEdit::cursorPositionChanged, this, [this, key] {
        if (key == m_current && m_mode == Mode::Edit)
            showCursor(key);
    });
    return v;
}

void NotebookView::removeView(int index, Key key) {
    CellView* v = m_views.take(key);
    m_order.removeAt(index);
    const bool hadFocus = v && v->editor()->hasFocus();
    delete v;
    if (key == m_current)
        m_current = 0;
    if (hadFocus)
        setFocus(Qt::OtherFocusReason);
}

void NotebookView::moveView(int from, int to) {
    CellView* v = m_order.takeAt(from);
    m_order.insert(to, v);
    m_cells->removeWidget(v);
    m_cells->insertWidget(to, v);
}

void NotebookView::selectCell(Key key, bool scroll) {
    if (!m_views.contains(key))
        return;
    if (key != m_current) {
        CellView* old = cellView(m_current);
        if (old && old->isEditing() && m_mode == Mode::Edit)
            old->stopEditing();
        m_current = key;
        Q_EMIT currentChanged(key);
    }
    updateSelectionMarks();
    if (scroll)
        scrollToCell(key);
}

void NotebookView::updateSelectionMarks() {
    for (CellView* v : std::as_const(m_order))
        v->setSelected(v->key() == m_current, m_mode == Mode::Edit);
}

void NotebookView::setMode(Mode mode) {
    const bool changed = mode != m_mode;
    m_mode = mode;
    updateSelectionMarks();
    if (changed)
        Q_EMIT modeChanged(mode);
}

void NotebookView::enterEditMode() {
    CellView* v = cellView(m_current);
    if (!v)
        return;
    setMode(Mode::Edit);
    v->startEditing();
    scrollToCell(m_current);
}

void NotebookView::enterCommandMode() {
    CellView* v = cellView(m_current);
    if (v)
        v->stopEditing();
    setMode(Mode::Command);
    setFocus(Qt::OtherFocusReason);
}

void NotebookView::scrollToCell(Key key) {
    if (!cellView(key))
        return;
    // Now, as well as the geometry allows, and again once inserted or replaced cells have
    // their final heights (the page's size follows its layout only after posted events).
    m_reveal = key;
    revealNow();
    m_reveal = key;
    m_revealTimer.start();
    // A cell that has just run grows as its outputs and notices arrive: keep it in view while
    // they come (each pass moves the view only if the cell is out of it).
    for (const int ms : {300, 1000}) {
        QTimer::singleShot(ms, this, [this, key] {
            if (key == m_current) {
                m_reveal = key;
                revealNow();
            }
        });
    }
}

void NotebookView::revealNow() {
    const Key key = std::exchange(m_reveal, 0);
    CellView* v = cellView(key);
    if (!v)
        return;
    m_page->layout()->activate();
    // The scroll area resizes the page and its scroll range on a layout request.
    QEvent request(QEvent::LayoutRequest);
    QCoreApplication::sendEvent(this, &request);
    const int top = v->y();
    const int bottom = top + v->height();
    const int viewTop = verticalScrollBar()->value();
    const int viewHeight = viewport()->height();
    if (top < viewTop + 8)
        verticalScrollBar()->setValue(top - 8);
    else if (bottom > viewTop + viewHeight - 8)
        verticalScrollBar()->setValue(std::min(top - 8, bottom - viewHeight + 8));
}

void NotebookView::showCursor(Key key) {
    CellView* v = cellView(key);
    if (!v || !v->editor()->isVisible())
        return;
    const QRect r = v->editor()->cursorRect();
    const QPoint inPage = v->editor()->viewport()->mapTo(m_page, r.topLeft());
    ensureVisible(inPage.x(), inPage.y() + r.height() / 2, 20, r.height() + 16);
}

bool NotebookView::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::MouseButtonPress && watched->isWidgetType()) {
        auto* target = static_cast<QWidget*>(watched);
        if (target != m_page && m_page->isAncestorOf(target))
            cellPressed(target);
    }
    return QScrollArea::eventFilter(watched, event);
}

void NotebookView::cellPressed(QWidget* target) {
    CellView* cell = nullptr;
    bool takesFocus = false;
    for (QWidget* w = target; w && w != m_page; w = w->parentWidget()) {
        if (!cell && (w->focusPolicy() & Qt::ClickFocus) == Qt::ClickFocus)
            takesFocus = true;
        if (auto* c = qobject_cast<CellView*>(w)) {
            cell = c;
            break;
        }
    }
    if (!cell)
        return;
    selectCell(cell->key(), false);
    // The editor (and a plot, for its keys and wheel) take focus themselves; anything else
    // leaves the keys with the notebook, in command mode.
    if (!takesFocus && (m_mode == Mode::Edit || !hasFocus()))
        enterCommandMode();
}

void NotebookView::focusInEvent(QFocusEvent* event) {
    QScrollArea::focusInEvent(event);
    if (m_mode == Mode::Edit) {
        CellView* v = cellView(m_current);
        if (v)
            v->stopEditing();
        setMode(Mode::Command);
    }
}

void NotebookView::runCurrent(CodeEditor::RunMode mode) {
    CellView* v = cellView(m_current);
    if (!v)
        return;
    const int index = currentIndex();
    if (v->isCode())
        model()->run(m_current);
    else
        v->stopEditing();
    switch (mode) {
        case CodeEditor::RunMode::Run:
            if (!v->isCode())
                enterCommandMode();
            break;
        case CodeEditor::RunMode::RunAndAdvance:
            if (index + 1 < model()->count()) {
                selectCell(model()->keyAt(index + 1));
                enterCommandMode();
            } else {
                insertBelow();
            }
            break;
        case CodeEditor::RunMode::RunAndInsert:
            insertBelow();
            break;
    }
}

void NotebookView::runAll() {
    model()->runAll();
}

void NotebookView::stop() {
    model()->cancel();
}

void NotebookView::insertAbove(notebook::CellKind kind) {
    const int index = std::max(currentIndex(), 0);
    const Key key = m_controller->insertCell(index, kind);
    selectCell(key);
    enterEditMode();
}

void NotebookView::insertBelow(notebook::CellKind kind) {
    const int index = currentIndex() + 1;
    const Key key = m_controller->insertCell(index, kind);
    selectCell(key);
    enterEditMode();
}

void NotebookView::deleteCurrent() {
    if (!m_current)
        return;
    const bool editing = m_mode == Mode::Edit;
    m_controller->removeCell(m_current);
    if (editing || !hasFocus())
        enterCommandMode();
}

void NotebookView::moveCurrent(int delta) {
    const int index = currentIndex();
    if (index < 0)
        return;
    m_controller->moveCell(m_current, index + delta);
    scrollToCell(m_current);
}

void NotebookView::splitCurrent() {
    CellView* v = cellView(m_current);
    if (!v)
        return;
    const Key key = m_controller->splitCell(m_current, v->editor()->textCursor().position());
    if (key) {
        selectCell(key);
        enterEditMode();
        QTextCursor c = cellView(key)->editor()->textCursor();
        c.movePosition(QTextCursor::Start);
        cellView(key)->editor()->setTextCursor(c);
    }
}

void NotebookView::mergeCurrent() {
    if (m_current)
        m_controller->mergeWithNext(m_current);
}

void NotebookView::setCurrentKind(notebook::CellKind kind) {
    if (m_current)
        m_controller->changeKind(m_current, kind);
}

void NotebookView::toggleCodeHidden() {
    if (m_current && model()->isCode(m_current))
        m_controller->setOption(m_current, QStringLiteral("hide-code"),
                                !model()->hasOption(m_current, QStringLiteral("hide-code")));
}

void NotebookView::toggleOutputs() {
    if (m_current)
        model()->setOutputsCollapsed(m_current, !model()->outputsCollapsed(m_current));
}

void NotebookView::toggleLazy() {
    if (m_current && model()->isCode(m_current))
        m_controller->setOption(m_current, QStringLiteral("lazy"),
                                !model()->hasOption(m_current, QStringLiteral("lazy")));
}

void NotebookView::copyCurrent() {
    if (m_current)
        m_controller->copyCell(m_current);
}

void NotebookView::cutCurrent() {
    if (m_current)
        m_controller->cutCell(m_current);
}

void NotebookView::paste(bool above) {
    const int index = std::max(currentIndex(), 0) + (above || model()->count() == 0 ? 0 : 1);
    const Key key = m_controller->paste(index);
    if (key)
        selectCell(key);
}

void NotebookView::updateCompletions() {
    if (!m_completer)
        return;
    const std::shared_ptr<const lang::Globals> globals = model()->bridge()->session().globals();
    std::vector<CodeCompleter::Candidate> names;
    for (int i = 0; i < model()->count(); ++i) {
        const Key key = model()->keyAt(i);
        for (const QString& name : model()->definitions(key)) {
            QString help = tr("defined in cell [%1]").arg(model()->number(key));
            if (const auto it = globals->find(toStdString(name)); it != globals->end()) {
                const output::ValueSummary s = output::summarize(
                    it->second, 40, model()->bridge()->session().numberStyle(it->first));
                help = toQString(s.preview) + QStringLiteral(" — ") + help;
            }
            names.push_back({name, help, {}});
        }
    }
    m_completer->setNotebookNames(names);
}

bool NotebookView::handleCommandKey(QKeyEvent* e) {
    const Qt::KeyboardModifiers mods = e->modifiers() & ~Qt::KeypadModifier;
    const int key = e->key();
    const int pending = std::exchange(m_pendingKey, 0);
    if (isEnter(e)) {
        if (mods == Qt::NoModifier)
            enterEditMode();
        else if (mods == Qt::ShiftModifier)
            runCurrent(CodeEditor::RunMode::RunAndAdvance);
        else if (mods == Qt::ControlModifier)
            runCurrent(CodeEditor::RunMode::Run);
        else if (mods == Qt::AltModifier)
            runCurrent(CodeEditor::RunMode::RunAndInsert);
        else
            return false;
        return true;
    }
    const int index = currentIndex();
    if (mods == (Qt::ControlModifier | Qt::ShiftModifier) &&
        (key == Qt::Key_Up || key == Qt::Key_Down)) {
        moveCurrent(key == Qt::Key_Up ? -1 : 1);
        return true;
    }
    if (mods == Qt::ShiftModifier) {
        switch (key) {
            case Qt::Key_V:
                paste(true);
                return true;
            case Qt::Key_M:
                mergeCurrent();
                return true;
            case Qt::Key_H:
                toggleCodeHidden();
                return true;
            default:
                return false;
        }
    }
    if (mods != Qt::NoModifier)
        return false;
    switch (key) {
        case Qt::Key_Up:
        case Qt::Key_K:
            if (index > 0)
                selectCell(model()->keyAt(index - 1));
            return true;
        case Qt::Key_Down:
        case Qt::Key_J:
            if (index + 1 < model()->count())
                selectCell(model()->keyAt(index + 1));
            return true;
        case Qt::Key_Home:
            if (model()->count() > 0)
                selectCell(model()->keyAt(0));
            return true;
        case Qt::Key_End:
            if (model()->count() > 0)
                selectCell(model()->keyAt(model()->count() - 1));
            return true;
        case Qt::Key_A:
        case Qt::Key_B:
            // Jupyter keeps command mode here, so that A A A adds three cells.
            selectCell(m_controller->insertCell(key == Qt::Key_A ? std::max(index, 0) : index + 1,
                                                notebook::CellKind::Code));
            return true;
        case Qt::Key_D:
            if (pending == Qt::Key_D)
                deleteCurrent();
            else
                m_pendingKey = Qt::Key_D;
            m_pendingTimer.start();
            return true;
        case Qt::Key_I:
            if (pending == Qt::Key_I)
                stop();
            else
                m_pendingKey = Qt::Key_I;
            m_pendingTimer.start();
            return true;
        case Qt::Key_Z:
            m_controller->undoStack()->undo();
            return true;
        case Qt::Key_Y:
            setCurrentKind(notebook::CellKind::Code);
            return true;
        case Qt::Key_M:
            setCurrentKind(notebook::CellKind::Markdown);
            return true;
        case Qt::Key_X:
            cutCurrent();
            return true;
        case Qt::Key_C:
            copyCurrent();
            return true;
        case Qt::Key_V:
            paste(false);
            return true;
        case Qt::Key_O:
            toggleOutputs();
            return true;
        case Qt::Key_Escape:
            // From a focused control or plot too: the keys come back to the notebook.
            enterCommandMode();
            return true;
        default:
            return false;
    }
}

void NotebookView::keyPressEvent(QKeyEvent* event) {
    if (m_mode == Mode::Command && handleCommandKey(event)) {
        event->accept();
        return;
    }
    QScrollArea::keyPressEvent(event);
}

void NotebookView::startDrag(Key key) {
    CellView* v = cellView(key);
    if (!v)
        return;
    selectCell(key, false);
    auto* mime = new QMimeData;
    mime->setData(kCellMime, QByteArray::number(key));
    auto* drag = new QDrag(this);
    drag->setMimeData(mime);
    const QPixmap snapshot = v->grab(QRect(0, 0, v->width(), std::min(v->height(), 160)));
    drag->setPixmap(
        snapshot.scaledToWidth(std::min(snapshot.width(), 420), Qt::SmoothTransformation));
    drag->setHotSpot(QPoint(12, 12));
    drag->exec(Qt::MoveAction);
    m_dropMarker->hide();
}

int NotebookView::slotAt(int y) const {
    for (int i = 0; i < m_order.size(); ++i) {
        const CellView* v = m_order[i];
        if (y < v->y() + v->height() / 2)
            return i;
    }
    return int(m_order.size());
}

void NotebookView::dropCell(Key key, int slot) {
    const int from = model()->indexOf(key);
    if (from < 0)
        return;
    const int to = slot > from ? slot - 1 : slot;
    if (to != from)
        m_controller->moveCell(key, to);
    selectCell(key);
}

void NotebookView::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(kCellMime))
        event->acceptProposedAction();
    else
        event->ignore();  // files go to the window, which opens them
}

void NotebookView::dragMoveEvent(QDragMoveEvent* event) {
    if (!event->mimeData()->hasFormat(kCellMime)) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    const int y = m_page->mapFrom(viewport(), event->position().toPoint()).y();
    const int slot = slotAt(y);
    int markerY = 0;
    if (slot < m_order.size())
        markerY = m_order[slot]->y() - 4;
    else if (!m_order.isEmpty())
        markerY = m_order.last()->y() + m_order.last()->height() + 2;
    const int left = m_order.isEmpty() ? 0 : m_order.first()->x();
    m_dropMarker->setGeometry(left, markerY, m_page->width() - left - 20, 3);
    m_dropMarker->show();
    m_dropMarker->raise();
    // Scroll while dragging near the edges.
    const int edge = 40;
    const int vy = event->position().toPoint().y();
    if (vy < edge)
        verticalScrollBar()->setValue(verticalScrollBar()->value() - 20);
    else if (vy > viewport()->height() - edge)
        verticalScrollBar()->setValue(verticalScrollBar()->value() + 20);
}

void NotebookView::dragLeaveEvent(QDragLeaveEvent* event) {
    m_dropMarker->hide();
    QScrollArea::dragLeaveEvent(event);
}

void NotebookView::dropEvent(QDropEvent* event) {
    m_dropMarker->hide();
    if (!event->mimeData()->hasFormat(kCellMime)) {
        event->ignore();
        return;
    }
    const Key key = event->mimeData()->data(kCellMime).toInt();
    const int y = m_page->mapFrom(viewport(), event->position().toPoint()).y();
    dropCell(key, slotAt(y));
    event->acceptProposedAction();
}

}  // namespace lemma::widgets
