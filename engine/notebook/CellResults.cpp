// Cell states and outputs shared across threads (see CellResults.h).
#include "engine/notebook/CellResults.h"

namespace lemma::notebook {

void CellResults::setState(CellId cell, CellState state) {
    std::lock_guard notify(m_notifyMutex);
    {
        std::lock_guard lock(m_mutex);
        Entry& e = m_cells[cell];
        if (e.state == state)
            return;
        e.state = state;
    }
    if (m_listener)
        m_listener->cellStateChanged(cell, state);
}

void CellResults::queue(CellId cell) {
    {
        std::lock_guard lock(m_mutex);
        ++m_cells[cell].pending;
    }
    setState(cell, CellState::Queued);
}

int CellResults::take(CellId cell) {
    std::lock_guard lock(m_mutex);
    Entry& e = m_cells[cell];
    if (e.pending > 0)
        --e.pending;
    return e.pending;
}

void CellResults::finish(CellId cell, CellState state, output::Outputs outputs,
                         output::NumberStyle style) {
    std::lock_guard notify(m_notifyMutex);
    bool changed = false;
    bool queuedAgain = false;
    {
        std::lock_guard lock(m_mutex);
        Entry& e = m_cells[cell];
        changed = e.state != state;
        queuedAgain = e.pending > 0;
        e.state = queuedAgain ? CellState::Queued : state;
        e.outputs = outputs;
        e.notes.clear();
        e.style = style;
    }
    if (!m_listener)
        return;
    if (changed)
        m_listener->cellStateChanged(cell, state);
    m_listener->cellFinished(cell, state, outputs);
    if (queuedAgain)
        m_listener->cellStateChanged(cell, CellState::Queued);
}

void CellResults::hold(CellId cell, CellState state, output::Outputs notes) {
    std::lock_guard notify(m_notifyMutex);
    bool changed = false;
    bool queuedAgain = false;
    output::Outputs outputs;
    {
        std::lock_guard lock(m_mutex);
        Entry& e = m_cells[cell];
        changed = e.state != state;
        queuedAgain = e.pending > 0;
        e.state = queuedAgain ? CellState::Queued : state;
        e.notes = std::move(notes);
        outputs = e.outputs;
    }
    if (!m_listener)
        return;
    if (changed)
        m_listener->cellStateChanged(cell, state);
    m_listener->cellFinished(cell, state, outputs);
    if (queuedAgain)
        m_listener->cellStateChanged(cell, CellState::Queued);
}

void CellResults::progress(CellId cell, double fraction) {
    std::lock_guard notify(m_notifyMutex);
    if (m_listener)
        m_listener->cellProgress(cell, fraction);
}

void CellResults::partial(CellId cell, output::Outputs outputs) {
    std::lock_guard notify(m_notifyMutex);
    {
        std::lock_guard lock(m_mutex);
        m_cells[cell].outputs = outputs;
    }
    if (m_listener)
        m_listener->cellPartial(cell, outputs);
}

void CellResults::idle() {
    std::lock_guard notify(m_notifyMutex);
    if (m_listener)
        m_listener->idle();
}

void CellResults::remove(CellId cell) {
    std::lock_guard lock(m_mutex);
    m_cells.erase(cell);
}

void CellResults::clear() {
    std::lock_guard lock(m_mutex);
    m_cells.clear();
}

CellState CellResults::state(CellId cell) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_cells.find(cell);
    return it == m_cells.end() ? CellState::Idle : it->second.state;
}

output::Outputs CellResults::outputs(CellId cell) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_cells.find(cell);
    return it == m_cells.end() ? output::Outputs{} : it->second.outputs;
}

output::Outputs CellResults::notes(CellId cell) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_cells.find(cell);
    return it == m_cells.end() ? output::Outputs{} : it->second.notes;
}

std::optional<output::NumberStyle> CellResults::numberStyle(CellId cell) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_cells.find(cell);
    return it == m_cells.end() ? std::nullopt : it->second.style;
}

bool CellResults::notRun(CellId cell) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_cells.find(cell);
    return it != m_cells.end() && it->second.state == CellState::Stale && !it->second.notes.empty();
}

}  // namespace lemma::notebook
