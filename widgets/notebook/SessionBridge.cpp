// Queued delivery of the session's notifications to the GUI thread.
#include "widgets/notebook/SessionBridge.h"

namespace lemma::widgets {

SessionBridge::SessionBridge(QObject* parent)
    : QObject(parent), m_registry(builtins::Registry::standard()), m_session(this, m_registry) {}

SessionBridge::~SessionBridge() {
    m_session.cancel();
}

// Each override runs on the worker thread: post the signal to this object's thread. Posted
// calls are dropped if the bridge is destroyed first.
void SessionBridge::cellStateChanged(notebook::CellId cell, notebook::CellState state) {
    QMetaObject::invokeMethod(
        this, [this, cell, state] { Q_EMIT stateChanged(quint64(cell), int(state)); },
        Qt::QueuedConnection);
}

void SessionBridge::cellFinished(notebook::CellId cell, notebook::CellState,
                                 const output::Outputs&) {
    QMetaObject::invokeMethod(
        this, [this, cell] { Q_EMIT outputsChanged(quint64(cell)); }, Qt::QueuedConnection);
}

void SessionBridge::cellProgress(notebook::CellId cell, double fraction) {
    QMetaObject::invokeMethod(
        this, [this, cell, fraction] { Q_EMIT progressed(quint64(cell), fraction); },
        Qt::QueuedConnection);
}

void SessionBridge::cellPartial(notebook::CellId cell, const output::Outputs&) {
    QMetaObject::invokeMethod(
        this, [this, cell] { Q_EMIT outputsChanged(quint64(cell)); }, Qt::QueuedConnection);
}

void SessionBridge::idle() {
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT becameIdle(); }, Qt::QueuedConnection);
}

}  // namespace lemma::widgets
