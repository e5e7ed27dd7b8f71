// The autosave timer and this window's recovery file (see Autosave.h).
#include "app/Autosave.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QUuid>

#include "app/FileController.h"
#include "widgets/notebook/NotebookModel.h"

namespace lemma::app {

namespace {

constexpr int kInterval = 30'000;

QString newId() {
    return QString::number(QCoreApplication::applicationPid()) + QLatin1Char('-') +
           QUuid::createUuid().toString(QUuid::Id128).left(12);
}

}  // namespace

Autosave::Autosave(widgets::NotebookModel* model, FileController* files, RecoveryStore store,
                   QObject* parent)
    : QObject(parent),
      m_model(model),
      m_files(files),
      m_store(std::move(store)),
      m_id(newId()),
      m_lock(m_store.lockFile(m_id)) {
    m_lock.setStaleLockTime(0);
    m_timer.setInterval(defaultInterval());
    connect(&m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    connect(files, &FileController::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            discard();
    });
    m_timer.start();
}

Autosave::~Autosave() {
    discard();
}

int Autosave::defaultInterval() {
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("LEMMA_AUTOSAVE_MS", &ok);
    return ok && ms > 0 ? ms : kInterval;
}

void Autosave::setEnabled(bool enabled) {
    if (enabled)
        m_timer.start();
    else
        m_timer.stop();
}

bool Autosave::saveNow() {
    if (!m_files->isModified()) {
        discard();
        return false;
    }
    std::string bytes = m_model->snapshot();
    if (bytes == m_written && QFile::exists(recoveryFile()))
        return false;
    // Hold the lock before the file exists: a file without a held lock is an orphan.
    if (!m_lock.isLocked() && (!QDir().mkpath(m_store.dir()) || !m_lock.tryLock(0))) {
        if (!std::exchange(m_reportedFailure, true))
            Q_EMIT failed(tr("Autosave cannot lock %1").arg(m_store.lockFile(m_id)));
        return false;
    }
    RecoveryEntry entry;
    entry.originalPath = m_files->path();
    entry.name = m_files->displayName();
    entry.written = QDateTime::currentDateTime();
    entry.bytes = bytes;
    QString error;
    if (!m_store.write(m_id, entry, &error)) {
        if (!std::exchange(m_reportedFailure, true))
            Q_EMIT failed(tr("Autosave failed: %1").arg(error));
        return false;
    }
    m_reportedFailure = false;
    m_written = std::move(bytes);
    return true;
}

void Autosave::discard() {
    m_written.clear();
    QFile::remove(recoveryFile());
}

}  // namespace lemma::app
