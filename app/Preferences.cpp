// Reading and writing the preferences (see Preferences.h).
#include "app/Preferences.h"

#include <QSettings>

namespace lemma::app {

namespace {

const QString kTheme = QStringLiteral("preferences/theme");
const QString kRunOnEdit = QStringLiteral("preferences/runOnEdit");
const QString kAutosave = QStringLiteral("preferences/autosave");
const QString kLetterPaper = QStringLiteral("preferences/letterPaper");
const QString kOpenReports = QStringLiteral("preferences/openReports");
const QString kMemoryBudget = QStringLiteral("preferences/memoryBudget");

}  // namespace

QString Preferences::themeName(Theme theme) {
    switch (theme) {
        case Theme::Light:
            return QStringLiteral("light");
        case Theme::Dark:
            return QStringLiteral("dark");
        case Theme::System:
            break;
    }
    return QStringLiteral("system");
}

Preferences::Theme Preferences::themeFromName(const QString& name) {
    if (name == QLatin1String("light"))
        return Theme::Light;
    if (name == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

Preferences Preferences::load() {
    const QSettings settings;
    Preferences p;
    p.theme = themeFromName(settings.value(kTheme).toString());
    p.runOnEdit = settings.value(kRunOnEdit, p.runOnEdit).toBool();
    p.autosave = settings.value(kAutosave, p.autosave).toBool();
    p.letterPaper = settings.value(kLetterPaper, p.letterPaper).toBool();
    p.openReports = settings.value(kOpenReports, p.openReports).toBool();
    p.memoryBudget = settings.value(kMemoryBudget, p.memoryBudget).toULongLong();
    return p;
}

void Preferences::save() const {
    QSettings settings;
    settings.setValue(kTheme, themeName(theme));
    settings.setValue(kRunOnEdit, runOnEdit);
    settings.setValue(kAutosave, autosave);
    settings.setValue(kLetterPaper, letterPaper);
    settings.setValue(kOpenReports, openReports);
    settings.setValue(kMemoryBudget, memoryBudget);
}

}  // namespace lemma::app
