// What Lemma shows when it starts: notebooks recovered after a crash (when the person wants
// them back), then the file named on the command line, or the tour.
#pragma once

#include <QString>
#include <functional>
#include <vector>

#include "app/RecoveryStore.h"

namespace lemma::app {

class MainWindow;

// What startup may have to ask or tell, replaceable so tests answer without dialogs. The
// defaults use message boxes.
struct StartupDialogs {
    // Whether to restore a recovered notebook.
    std::function<bool(const RecoveryEntry& entry)> restore;
    // The named file cannot be opened.
    std::function<void(const QString& message)> error;

    static StartupDialogs standard();
};

// Opens (but does not show) the first windows: one per recovered notebook the person takes
// back, then `file` unless it was among them (the tour instead when it cannot be read), and
// the tour when nothing else opened. Every orphaned recovery file is removed once handled; a
// restored one lives on in its new window's recovery file. The windows delete themselves when
// closed.
std::vector<MainWindow*> openStartupWindows(const QString& file, const StartupDialogs& dialogs,
                                            const RecoveryStore& store = RecoveryStore());

}  // namespace lemma::app
