// The window's file commands: New, Open, Open Recent, Examples, Save, Save As, Revert, and the
// question before unsaved work is thrown away.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <string>

#include "app/NotebookLoader.h"

class QFileSystemWatcher;
class QTimer;
class QUndoStack;
class QWidget;

namespace lemma::widgets {
class NotebookModel;
}

namespace lemma::app {

// Responsibilities:
// - know which file the window shows (none for the tour, an example or a new notebook), its
//   name for the title, and whether there are unsaved changes (the undo stack is not clean,
//   or the notebook came back from a crash);
// - open notebooks (and run them), save atomically with QSaveFile, revert;
// - keep the recent files in QSettings;
// - ask before unsaved work is lost. The questions and error messages go through replaceable
//   functions, so tests answer them without dialogs.
class FileController : public QObject {
    Q_OBJECT
public:
    enum class Answer { Save, Discard, Cancel };

    FileController(widgets::NotebookModel* model, QUndoStack* stack, QWidget* window);

    // Replaceable dialogs (defaults: message boxes and file dialogs on `window`).
    std::function<Answer(const QString& name)> askToSave;
    std::function<bool(const QString& question)> confirm;
    std::function<void(const QString& message)> showError;
    std::function<QString(const QString& suggested)> askSavePath;
    std::function<QString()> askOpenPath;

    QString path() const { return m_path; }
    QString displayName() const { return m_name; }
    bool isModified() const;
    // "attention.md[*] — Lemma", for QWidget::setWindowTitle with setWindowModified.
    QString windowTitle() const;

    // Shows a loaded notebook and runs it. `modified`: it has unsaved changes (recovered).
    void show(LoadedNotebook loaded, bool modified = false);
    // A notebook recovered after a crash: shown modified, under its original path if any.
    void restore(const std::string& bytes, const QString& originalPath, const QString& name);

    bool newNotebook();
    bool open(const QString& path);
    bool openWithDialog();
    bool openExample(const QString& name);
    bool save();
    bool saveAs(QString path = {});
    bool revert();
    // Asks to save unsaved changes; false when the user cancels.
    bool maybeSave();

    QStringList recentFiles() const;
    void clearRecentFiles();

    // Looks at the file on disk now (the watcher calls this, a little after a change): when
    // another program changed it, offers to reload — and when this window has unsaved changes
    // too, says that reloading loses them. Declining keeps the window's version; a later save
    // asks before overwriting the other change.
    void checkDisk();

Q_SIGNALS:
    void titleChanged();
    void modifiedChanged(bool modified);
    void recentFilesChanged();
    void message(const QString& text);
    void saved(const QString& path);

private:
    bool load(const QString& path);
    bool writeTo(const QString& path);
    void addRecent(const QString& path);
    void setFile(const QString& path, const QString& name);
    // Remembers the bytes now on disk as the ones this window knows, and watches the file.
    void trackDisk();
    // True when the file on disk is not what this window last read or wrote.
    bool changedOnDisk() const;

    widgets::NotebookModel* m_model;
    QUndoStack* m_stack;
    QWidget* m_window;
    QString m_path;
    QString m_name;
    bool m_recovered = false;  // modified without an undo step: restored after a crash
    QFileSystemWatcher* m_watcher;
    QTimer* m_diskCheck;       // coalesces the watcher's bursts of signals
    QByteArray m_diskDigest;   // SHA-256 of the bytes last read from or written to m_path
    bool m_asking = false;     // a question about the disk is open
};

}  // namespace lemma::app
