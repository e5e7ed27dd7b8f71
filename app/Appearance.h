// Light and dark: the application palette (the system's, or a chosen light or dark one) and
// the notebook colours derived from it.
#pragma once

#include <QObject>
#include <QPalette>

#include "app/Preferences.h"
#include "widgets/notebook/Theme.h"

namespace lemma::app {

// Responsibilities:
// - apply the chosen theme to the application: for System, give the palette back to the
//   platform (so it follows the desktop's light or dark switch); otherwise set a complete
//   light or dark palette;
// - notice every change of the application palette, whoever made it, and announce the
//   notebook colours for it.
class Appearance : public QObject {
    Q_OBJECT
public:
    explicit Appearance(QObject* parent = nullptr);

    void setTheme(Preferences::Theme theme);
    Preferences::Theme theme() const { return m_theme; }
    // The notebook colours for the application's current palette.
    widgets::ThemeColors colors() const;

    static QPalette lightPalette();
    static QPalette darkPalette();

Q_SIGNALS:
    void colorsChanged(const lemma::widgets::ThemeColors& colors);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    Preferences::Theme m_theme = Preferences::Theme::System;
};

}  // namespace lemma::app
