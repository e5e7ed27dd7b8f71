// The widgets' one meeting point with the engine: owns the Session and turns its listener
// calls, which come from the worker thread, into Qt signals on the GUI thread.
#pragma once

#include <QObject>
#include <QString>

#include "engine/notebook/Session.h"

namespace lemma::widgets {

// Responsibilities:
// - own the engine Session and forward GUI requests to it;
// - deliver the session's notifications as queued signals, so slots run on the GUI thread;
// - offer the builtins' names and help (for completion and the help panel).
class SessionBridge : public QObject, private notebook::SessionListener {
    Q_OBJECT
public:
    explicit SessionBridge(QObject* parent = nullptr);
    ~SessionBridge() override;

    notebook::Session& session() { return m_session; }
    const notebook::Session& session() const { return m_session; }
    // The builtins the session offers (a copy of its registry; the registry is immutable).
    const builtins::Registry& registry() const { return m_registry; }

Q_SIGNALS:
    void stateChanged(quint64 cell, int state);
    // The cell's outputs changed; read them with session().outputs(cell).
    void outputsChanged(quint64 cell);
    void progressed(quint64 cell, double fraction);
    void becameIdle();

private:
    void cellStateChanged(notebook::CellId cell, notebook::CellState state) override;
    void cellFinished(notebook::CellId cell, notebook::CellState state,
                      const output::Outputs& outputs) override;
    void cellProgress(notebook::CellId cell, double fraction) override;
    void cellPartial(notebook::CellId cell, const output::Outputs& outputs) override;
    void idle() override;

    builtins::Registry m_registry;
    notebook::Session m_session;  // after m_registry, which it copies
};

// std::string ↔ QString, UTF-8 both ways.
inline QString toQString(const std::string& s) {
    return QString::fromStdString(s);
}
inline std::string toStdString(const QString& s) {
    return s.toStdString();
}

}  // namespace lemma::widgets
