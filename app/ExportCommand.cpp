// `lemma export` (see ExportCommand.h).
#include "app/ExportCommand.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <memory>

#include "app/NotebookLoader.h"
#include "app/RunCommand.h"
#include "engine/notebook/NotebookFormat.h"
#include "engine/notebook/Session.h"
#include "widgets/report/HtmlReport.h"
#include "widgets/report/PdfReport.h"

namespace lemma::app {

namespace {

// A QApplication for painting, on the offscreen platform when there is no display to use.
std::unique_ptr<QApplication> ensureApplication(int& argc, char** argv) {
    if (QApplication::instance())
        return nullptr;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return std::make_unique<QApplication>(argc, argv);
}

// The notebook's bytes as they are on disk (the tour's from the resources), for the stamp.
QByteArray notebookBytes(const LoadedNotebook& loaded) {
    if (loaded.path.empty())
        return QByteArray::fromStdString(tourNotebookBytes());
    QFile file(QString::fromStdString(loaded.path.string()));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

int exportCommand(int argc, char** argv, const CommandLine& cl, std::ostream& out,
                  std::ostream& err) {
    LoadedNotebook loaded;
    try {
        loaded = loadNotebook(cl.tour ? std::string() : cl.file);
        applyOverrides(loaded.parsed.notebook, cl, loaded.displayName);
    } catch (const Error& e) {
        err << "lemma: " << e.what() << "\n";
        return 2;
    }
    for (const auto& w : loaded.parsed.warnings)
        err << "lemma: warning: " << w.toString() << "\n";
    const QByteArray bytes = notebookBytes(loaded);

    const bool html =
        !QString::fromStdString(cl.output).endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
    int qtArgc = argc;
    auto app = ensureApplication(qtArgc, argv);

    notebook::Session session;
    session.setDataDir(loaded.dataDir);
    session.load(std::move(loaded.parsed.notebook));
    if (const auto stuck = runBounded(session, cl)) {
        err << "lemma: " << *stuck << "\nlemma: no report written\n";
        abandonRun(out, err);
    }
    const bool ok = reportFailures(session, err);
    if (!ok && !cl.allowErrors) {
        err << "lemma: no report written (a cell failed; --allow-errors writes it anyway)\n";
        return 1;
    }

    widgets::ReportSource source;
    source.session = &session;
    source.fileName = QString::fromStdString(loaded.displayName);
    source.fileBytes = bytes;
    source.dataDir = loaded.dataDir;
    widgets::ReportOptions options;
    options.page = cl.page == "letter" ? QPageSize::Letter : QPageSize::A4;
    options.hideCode = cl.hideCode;
    options.contents = cl.contents > 0   ? widgets::ReportOptions::Contents::On
                       : cl.contents < 0 ? widgets::ReportOptions::Contents::Off
                                         : widgets::ReportOptions::Contents::Auto;

    options.warning = [&err, &cl](const QString& w) {
        err << "lemma: warning: " << cl.output << ": " << w.toStdString() << "\n";
    };

    // Written beside the target and renamed over it only when complete.
    const QString target = QString::fromStdString(cl.output);
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly)) {
        err << "lemma: cannot write " << cl.output << ": " << file.errorString().toStdString()
            << "\n";
        return 2;
    }
    const QString problem = html ? widgets::HtmlReport::write(file, source, options)
                                 : widgets::PdfReport::write(file, source, options);
    if (!problem.isEmpty()) {
        file.cancelWriting();
        err << "lemma: " << cl.output << ": " << problem.toStdString() << "\n";
        return 2;
    }
    if (!file.commit()) {
        err << "lemma: cannot write " << cl.output << ": " << file.errorString().toStdString()
            << "\n";
        return 2;
    }
    out << "wrote " << cl.output << "\n";
    return ok ? 0 : 1;
}

}  // namespace lemma::app
