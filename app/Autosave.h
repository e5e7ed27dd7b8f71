// Writes a window's unsaved notebook to a recovery file every 30 seconds, so that a crash or
// a killed process loses at most that much work.
#pragma once

#include <QLockFile>
#include <QObject>
#include <QString>
#include <QTimer>
#include <string>

#include "app/RecoveryStore.h"

namespace lemma::widgets {
class NotebookModel;
}

namespace lemma::app {

class FileController;

// Responsibilities:
// - hold this window's recovery lock for its whole life (so no other Lemma takes the file for
//   an orphan) and write the recovery file on a timer while there are unsaved changes, only
//   when the bytes changed since the last write;
// - remove the file when the changes are saved or thrown away, and when the window goes.
//
// The interval is 30 s; the environment variable LEMMA_AUTOSAVE_MS overrides it (tests).
class Autosave : public QObject {
    Q_OBJECT
public:
    Autosave(widgets::NotebookModel* model, FileController* files,
             RecoveryStore store = RecoveryStore(), QObject* parent = nullptr);
    ~Autosave() override;

    static int defaultInterval();
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_timer.isActive(); }
    int interval() const { return m_timer.interval(); }

    // Writes the recovery file now if there are unsaved changes not yet written; removes it
    // when there are none. True when it wrote.
    bool saveNow();
    // Removes this window's recovery file (the changes were saved or thrown away).
    void discard();
    QString recoveryFile() const { return m_store.entryFile(m_id); }

Q_SIGNALS:
    void failed(const QString& message);

private:
    widgets::NotebookModel* m_model;
    FileController* m_files;
    RecoveryStore m_store;
    QString m_id;
    QLockFile m_lock;
    QTimer m_timer;
    std::string m_written;  // the bytes last written
    bool m_reportedFailure = false;
};

}  // namespace lemma::app
