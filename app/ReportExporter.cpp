// Exporting the window's notebook as a report (see ReportExporter.h).
#include "app/ReportExporter.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>

#include "app/Appearance.h"
#include "app/FileController.h"
#include "app/Preferences.h"
#include "widgets/notebook/NotebookModel.h"
#include "widgets/notebook/SessionBridge.h"
#include "widgets/report/HtmlReport.h"
#include "widgets/report/PdfReport.h"

namespace lemma::app {

ReportExporter::ReportExporter(widgets::NotebookModel* model, FileController* files,
                               std::function<Preferences()> preferences, QWidget* window)
    : QObject(window),
      m_model(model),
      m_files(files),
      m_preferences(std::move(preferences)),
      m_window(window) {
    showError = [this](const QString& text) { QMessageBox::warning(m_window, tr("Lemma"), text); };
}

QString ReportExporter::suggestedPath(Format format) const {
    const QString suffix = format == Format::Pdf ? QStringLiteral(".pdf") : QStringLiteral(".html");
    const QString path = m_files->path();
    if (!path.isEmpty()) {
        const QFileInfo info(path);
        return info.dir().filePath(info.completeBaseName() + suffix);
    }
    QString base = m_files->displayName();
    if (base.endsWith(QLatin1String(".md")))
        base.chop(3);
    if (base.isEmpty())
        base = QStringLiteral("notebook");
    return QDir::home().filePath(base + suffix);
}

void ReportExporter::exportReport(Format format) {
    const bool pdf = format == Format::Pdf;
    const QString path = QFileDialog::getSaveFileName(
        m_window, pdf ? tr("Export PDF") : tr("Export HTML"), suggestedPath(format),
        pdf ? tr("PDF documents (*.pdf)") : tr("Web pages (*.html)"));
    if (path.isEmpty())
        return;
    exportTo(path, format, m_preferences().openReports);
}

bool ReportExporter::waitUntilRun() {
    if (!m_model->busy())
        return true;
    QProgressDialog progress(tr("Waiting for the notebook to finish running…"), tr("Cancel"), 0, 0,
                             m_window);
    progress.setWindowTitle(tr("Export"));
    progress.setMinimumDuration(300);
    QEventLoop loop;
    connect(m_model, &widgets::NotebookModel::idle, &loop, &QEventLoop::quit);
    connect(&progress, &QProgressDialog::canceled, &loop, &QEventLoop::quit);
    // The idle signal may have been sent between the check above and the loop.
    QTimer poll;
    connect(&poll, &QTimer::timeout, &loop, [this, &loop] {
        if (!m_model->busy())
            loop.quit();
    });
    poll.start(100);
    loop.exec();
    return !progress.wasCanceled() && !m_model->busy();
}

bool ReportExporter::exportTo(const QString& path, Format format, bool open) {
    const QByteArray bytes = QByteArray::fromStdString(m_model->serialize());
    if (!waitUntilRun()) {
        Q_EMIT message(tr("Export cancelled"));
        return false;
    }
    const Preferences prefs = m_preferences();
    widgets::ReportSource source;
    source.session = &m_model->bridge()->session();
    source.fileName = m_files->displayName();
    source.fileBytes = bytes;
    source.dataDir = source.session->dataDir();
    widgets::ReportOptions options;
    options.page = prefs.letterPaper ? QPageSize::Letter : QPageSize::A4;
    options.colors = widgets::themeColors(Appearance::lightPalette());

    // Writing runs on the GUI thread (figures are painted by QCustomPlot), so the window keeps
    // painting through a modal progress dialog that the writer updates cell by cell and page
    // by page; Cancel stops it and leaves no file.
    QProgressDialog progress(tr("Writing %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0,
                             100, m_window);
    progress.setWindowTitle(tr("Export"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    progress.setAutoClose(false);
    progress.setAutoReset(false);
    options.progress = [this, &progress](int done, int total) {
        if (progress.maximum() != total)
            progress.setMaximum(total);
        progress.setValue(done);
        if (onProgress)
            onProgress(progress);
        return !progress.wasCanceled();
    };

    QStringList warnings;
    options.warning = [&warnings](const QString& w) { warnings << w; };

    QSaveFile file(path);
    QString problem;
    if (!file.open(QIODevice::WriteOnly)) {
        problem = file.errorString();
    } else {
        problem = format == Format::Pdf ? widgets::PdfReport::write(file, source, options)
                                        : widgets::HtmlReport::write(file, source, options);
        if (!problem.isEmpty())
            file.cancelWriting();
        else if (!file.commit())
            problem = file.errorString();
    }
    progress.close();
    if (problem == widgets::ReportBuilder::cancelled()) {
        Q_EMIT message(tr("Export cancelled"));
        return false;
    }
    if (!problem.isEmpty()) {
        showError(tr("Could not export %1: %2").arg(QFileInfo(path).fileName(), problem));
        return false;
    }
    if (warnings.isEmpty())
        Q_EMIT message(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
    else
        Q_EMIT message(
            tr("Exported %1 (%2)")
                .arg(QDir::toNativeSeparators(path), warnings.join(QStringLiteral("; "))));
    if (open)
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    return true;
}

}  // namespace lemma::app
