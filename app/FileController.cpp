// The window's file commands (see FileController.h).
#include "app/FileController.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QTimer>
#include <QUndoStack>

#include "engine/core/Error.h"
#include "widgets/notebook/NotebookModel.h"
#include "widgets/notebook/SessionBridge.h"

namespace lemma::app {

namespace {

const QString kRecentKey = QStringLiteral("files/recent");
constexpr int kMaxRecent = 10;
const QString kFilter = QObject::tr("Lemma notebooks (*.md);;All files (*)");

QByteArray digestOf(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

}  // namespace

FileController::FileController(widgets::NotebookModel* model, QUndoStack* stack, QWidget* window)
    : QObject(window),
      m_model(model),
      m_stack(stack),
      m_window(window),
      m_watcher(new QFileSystemWatcher(this)),
      m_diskCheck(new QTimer(this)) {
    m_diskCheck->setSingleShot(true);
    m_diskCheck->setInterval(200);
    connect(m_diskCheck, &QTimer::timeout, this, &FileController::checkDisk);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_diskCheck,
            qOverload<>(&QTimer::start));
    askToSave = [this](const QString& name) {
        const auto button = QMessageBox::warning(
            m_window, tr("Unsaved changes"),
            tr("“%1” has unsaved changes. Save them before closing it?").arg(name),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (button == QMessageBox::Save)
            return Answer::Save;
        return button == QMessageBox::Discard ? Answer::Discard : Answer::Cancel;
    };
    confirm = [this](const QString& question) {
        return QMessageBox::question(m_window, tr("Lemma"), question) == QMessageBox::Yes;
    };
    showError = [this](const QString& text) { QMessageBox::warning(m_window, tr("Lemma"), text); };
    askSavePath = [this](const QString& suggested) {
        return QFileDialog::getSaveFileName(m_window, tr("Save Notebook"), suggested, kFilter);
    };
    askOpenPath = [this] {
        const QStringList recent = recentFiles();
        const QString dir = recent.isEmpty() ? QString() : QFileInfo(recent.first()).path();
        return QFileDialog::getOpenFileName(m_window, tr("Open Notebook"), dir, kFilter);
    };
    connect(stack, &QUndoStack::cleanChanged, this,
            [this] { Q_EMIT modifiedChanged(isModified()); });
}

bool FileController::isModified() const {
    return m_recovered || !m_stack->isClean();
}

QString FileController::windowTitle() const {
    return m_name + QStringLiteral("[*] — Lemma");
}

void FileController::setFile(const QString& path, const QString& name) {
    m_path = path;
    m_name = name;
    trackDisk();
    Q_EMIT titleChanged();
}

void FileController::trackDisk() {
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    m_diskDigest.clear();
    if (m_path.isEmpty())
        return;
    m_diskDigest = digestOf(m_path);
    m_watcher->addPath(m_path);
}

bool FileController::changedOnDisk() const {
    return !m_path.isEmpty() && QFileInfo::exists(m_path) && digestOf(m_path) != m_diskDigest;
}

void FileController::checkDisk() {
    // Editors that save by renaming replace the file: watch the new one.
    if (!m_path.isEmpty() && !m_watcher->files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher->addPath(m_path);
    if (m_asking || !changedOnDisk())
        return;
    m_asking = true;
    const bool reload =
        isModified()
            ? confirm(tr("“%1” was changed by another program, and has unsaved changes here. "
                         "Reload it and lose the changes made here?")
                          .arg(m_name))
            : confirm(tr("“%1” was changed by another program. Reload it?").arg(m_name));
    m_asking = false;
    if (!reload) {
        Q_EMIT message(tr("Kept this window's version of %1; saving will ask before "
                          "overwriting the other change")
                           .arg(m_name));
        return;
    }
    const QString path = m_path;
    LoadedNotebook loaded;
    try {
        loaded = loadNotebook(path.toStdString());
    } catch (const Error& e) {
        showError(widgets::toQString(e.what()));
        return;
    }
    show(std::move(loaded));
    Q_EMIT message(tr("Reloaded %1").arg(m_name));
}

void FileController::show(LoadedNotebook loaded, bool modified) {
    for (const notebook::Diagnostic& d : loaded.parsed.warnings)
        Q_EMIT message(widgets::toQString(d.toString()));
    m_model->load(std::move(loaded.parsed.notebook), loaded.dataDir);
    m_recovered = modified;
    setFile(loaded.path.empty() ? QString() : QString::fromStdString(loaded.path.string()),
            widgets::toQString(loaded.displayName));
    Q_EMIT modifiedChanged(isModified());
    m_model->runAll();
}

void FileController::restore(const std::string& bytes, const QString& originalPath,
                             const QString& name) {
    LoadedNotebook loaded;
    loaded.displayName = widgets::toStdString(name);
    try {
        loaded.parsed = notebook::parseNotebook(bytes, loaded.displayName);
    } catch (const Error& e) {
        showError(
            tr("The recovered notebook cannot be read: %1").arg(widgets::toQString(e.what())));
        return;
    }
    if (!originalPath.isEmpty()) {
        loaded.path = originalPath.toStdString();
        loaded.dataDir = loaded.path.parent_path();
    }
    show(std::move(loaded), true);
    Q_EMIT message(tr("Restored unsaved changes to %1").arg(name));
}

bool FileController::newNotebook() {
    if (!maybeSave())
        return false;
    LoadedNotebook loaded;
    loaded.displayName = "Untitled.md";
    loaded.parsed = notebook::parseNotebook("```lemma\n```\n", loaded.displayName);
    show(std::move(loaded));
    return true;
}

bool FileController::open(const QString& path) {
    return maybeSave() && load(path);
}

bool FileController::load(const QString& path) {
    LoadedNotebook loaded;
    try {
        loaded = loadNotebook(path.toStdString());
    } catch (const Error& e) {
        showError(widgets::toQString(e.what()));
        return false;
    }
    show(std::move(loaded));
    addRecent(QFileInfo(path).absoluteFilePath());
    return true;
}

bool FileController::openWithDialog() {
    if (!maybeSave())
        return false;
    const QString path = askOpenPath();
    return !path.isEmpty() && load(path);
}

bool FileController::openExample(const QString& name) {
    if (!maybeSave())
        return false;
    try {
        show(loadExample(name.toStdString()));
    } catch (const Error& e) {
        showError(widgets::toQString(e.what()));
        return false;
    }
    return true;
}

bool FileController::save() {
    if (m_path.isEmpty())
        return saveAs();
    return writeTo(m_path);
}

bool FileController::saveAs(QString path) {
    if (path.isEmpty()) {
        path = askSavePath(m_path.isEmpty() ? m_name : m_path);
        if (path.isEmpty())
            return false;
    }
    return writeTo(path);
}

bool FileController::writeTo(const QString& path) {
    // Never overwrite, unasked, what another program wrote since this window read the file.
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_path).absoluteFilePath() &&
        changedOnDisk() &&
        !confirm(tr("“%1” was changed by another program since it was opened here. Overwrite "
                    "that change with this window's version?")
                     .arg(m_name)))
        return false;
    const std::string bytes = m_model->serialize();
    // QSaveFile writes a temporary file and renames it over the target on commit, so a crash
    // or a full disk never leaves half a notebook.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        showError(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    file.write(bytes.data(), qint64(bytes.size()));
    if (!file.commit()) {
        showError(tr("Cannot save %1: %2").arg(path, file.errorString()));
        return false;
    }
    const QFileInfo info(path);
    m_model->setDataDir(info.absolutePath().toStdString());
    m_recovered = false;
    setFile(info.absoluteFilePath(), info.fileName());
    m_stack->setClean();
    Q_EMIT modifiedChanged(false);
    addRecent(info.absoluteFilePath());
    Q_EMIT message(tr("Saved %1").arg(info.fileName()));
    Q_EMIT saved(info.absoluteFilePath());
    return true;
}

bool FileController::revert() {
    if (m_path.isEmpty() || !isModified())
        return false;
    if (!confirm(tr("Throw away the unsaved changes to “%1”?").arg(m_name)))
        return false;
    LoadedNotebook loaded;
    try {
        loaded = loadNotebook(m_path.toStdString());
    } catch (const Error& e) {
        showError(widgets::toQString(e.what()));
        return false;
    }
    show(std::move(loaded));
    return true;
}

bool FileController::maybeSave() {
    if (!isModified())
        return true;
    switch (askToSave(m_name)) {
        case Answer::Save:
            return save();
        case Answer::Discard:
            return true;
        case Answer::Cancel:
            return false;
    }
    return false;
}

QStringList FileController::recentFiles() const {
    return QSettings().value(kRecentKey).toStringList();
}

void FileController::addRecent(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    Q_EMIT recentFilesChanged();
}

void FileController::clearRecentFiles() {
    QSettings().remove(kRecentKey);
    Q_EMIT recentFilesChanged();
}

}  // namespace lemma::app
