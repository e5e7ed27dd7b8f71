// File → Export PDF… / Export HTML…: the window's notebook, as it is on screen, to a report.
#pragma once

#include <QObject>
#include <QString>
#include <functional>

class QProgressDialog;
class QWidget;

namespace lemma::widgets {
class NotebookModel;
}

namespace lemma::app {

class FileController;
struct Preferences;

// Responsibilities:
// - suggest a file name beside the notebook and ask where to write;
// - wait (with a cancellable progress dialog) until the notebook has run, so the report shows
//   what a fresh run gives;
// - write the report atomically (beside the target, then renamed) and open it if the user
//   wants that (Preferences → Reports).
class ReportExporter : public QObject {
    Q_OBJECT
public:
    enum class Format { Pdf, Html };

    ReportExporter(widgets::NotebookModel* model, FileController* files,
                   std::function<Preferences()> preferences, QWidget* window);

    // Asks for a file name, then exports.
    void exportReport(Format format);
    // Exports to `path`; true on success. `open` opens the written report.
    bool exportTo(const QString& path, Format format, bool open);

    // "attention.pdf" beside the notebook (or in the home folder when it has never been saved).
    QString suggestedPath(Format format) const;

    // Shows a problem to the user (a message box; tests replace it).
    std::function<void(const QString& message)> showError;
    // Called at each step of writing with the progress dialog (tests cancel through it).
    std::function<void(QProgressDialog& progress)> onProgress;

Q_SIGNALS:
    void message(const QString& text);

private:
    bool waitUntilRun();

    widgets::NotebookModel* m_model;
    FileController* m_files;
    std::function<Preferences()> m_preferences;
    QWidget* m_window;
};

}  // namespace lemma::app
