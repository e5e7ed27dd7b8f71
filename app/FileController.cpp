// The window's file commands (see FileController.h).
#include "app/FileController.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QUndoStack>

#include "engine/core/Error.h"
#include "widgets/notebook/NotebookModel.h"
#include "widgets/notebook/SessionBridge.h"

namespace lemma::app {

namespace {

const QString kRecentKey = QStringLiteral("files/recent");
constexpr int kMaxRecent = 10;
const QString kFilter = QObject::tr("Lemma notebooks (*.md);;All files (*)");

}  // namespace

FileController::FileController(widgets::NotebookModel* model, QUndoStack* stack, QWidget* window)
    : QObject(window), m_model(model), m_stack(stack), m_window(window) {
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
    Q_EMIT titleChanged();
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
