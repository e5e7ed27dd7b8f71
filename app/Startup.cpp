// The first windows (see Startup.h).
#include "app/Startup.h"

#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

#include "app/Autosave.h"
#include "app/FileController.h"
#include "app/MainWindow.h"

namespace lemma::app {

namespace {

bool askToRestore(const RecoveryEntry& entry) {
    QMessageBox box;
    box.setIcon(QMessageBox::Question);
    box.setWindowTitle(QObject::tr("Recover Unsaved Work"));
    box.setText(QObject::tr("Lemma did not close normally while “%1” had unsaved changes.")
                    .arg(entry.name));
    box.setInformativeText(QObject::tr("They were saved automatically at %1. Restore them?")
                               .arg(QLocale().toString(entry.written, QLocale::ShortFormat)));
    QPushButton* restore = box.addButton(QObject::tr("&Restore"), QMessageBox::AcceptRole);
    box.addButton(QObject::tr("&Discard"), QMessageBox::DestructiveRole);
    box.setDefaultButton(restore);
    box.exec();
    return box.clickedButton() == restore;
}

}  // namespace

StartupDialogs StartupDialogs::standard() {
    StartupDialogs d;
    d.restore = askToRestore;
    d.error = [](const QString& message) {
        QMessageBox::warning(nullptr, QObject::tr("Lemma"), message);
    };
    return d;
}

std::vector<MainWindow*> openStartupWindows(const QString& file, const StartupDialogs& dialogs,
                                            const RecoveryStore& store) {
    std::vector<MainWindow*> windows;
    auto newWindow = [&windows] {
        auto* w = new MainWindow;
        w->setAttribute(Qt::WA_DeleteOnClose);
        windows.push_back(w);
        return w;
    };
    const QString wanted = file.isEmpty() ? QString() : QFileInfo(file).absoluteFilePath();
    bool wantedRestored = false;
    for (const RecoveryEntry& entry : store.orphans()) {
        if (dialogs.restore(entry)) {
            MainWindow* w = newWindow();
            w->files()->restore(entry.bytes, entry.originalPath, entry.name);
            // Written under the new window's name before the old file goes, so a second
            // crash right now still loses nothing.
            w->autosave()->saveNow();
            wantedRestored = wantedRestored || (!wanted.isEmpty() && entry.originalPath == wanted);
        }
        RecoveryStore::remove(entry);
    }
    if (!wanted.isEmpty() && !wantedRestored) {
        MainWindow* w = newWindow();
        FileController* files = w->files();
        const auto showError = std::exchange(files->showError, dialogs.error);
        const bool opened = files->open(wanted);
        files->showError = showError;
        if (!opened)
            w->openTour();
    }
    if (windows.empty())
        newWindow()->openTour();
    return windows;
}

}  // namespace lemma::app
