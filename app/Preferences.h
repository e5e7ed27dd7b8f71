// The user's preferences, kept in QSettings: the theme, whether edits re-run cells, autosave,
// the reports' paper, the memory a cell may hold.
#pragma once

#include <QString>

class QSettings;

namespace lemma::app {

// A plain value: load() reads it from the application's QSettings, save() writes it back.
// Missing or unreadable keys fall back to the defaults below.
struct Preferences {
    enum class Theme { System, Light, Dark };

    Theme theme = Theme::System;
    // Editing a code cell re-runs it and its dependents (off: they turn stale until run).
    bool runOnEdit = true;
    // Unsaved work is written to a recovery file every 30 seconds.
    bool autosave = true;
    // Reports: Letter paper instead of A4, and opening a report once it is written.
    bool letterPaper = false;
    bool openReports = true;
    // The memory one cell may hold, in bytes; 0: half of physical memory.
    quint64 memoryBudget = 0;

    static Preferences load();
    void save() const;

    static QString themeName(Theme theme);
    static Theme themeFromName(const QString& name);

    friend bool operator==(const Preferences&, const Preferences&) = default;
};

}  // namespace lemma::app
