// The notebook's colours, derived from the application palette so that light and dark themes
// (the system's, or the one chosen in the preferences) both read well.
#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>

namespace lemma::widgets {

struct ThemeColors {
    bool dark = false;
    QColor text;
    // Syntax.
    QColor keyword;
    QColor builtin;
    QColor number;
    QColor string;
    QColor comment;
    QColor heading;
    QColor math;
    // Editor.
    QColor codeBackground;
    QColor gutterText;
    QColor currentLine;
    QColor bracketMatch;
    QColor errorLine;
    // Cells and outputs.
    QColor commandSelection;  // the selected cell's bar in command mode
    QColor editSelection;     // … in edit mode
    QColor cellBorder;
    QColor outputBackground;
    QColor errorText;
    QColor errorBackground;
    QColor stale;
    QColor running;
    QColor done;

    bool operator==(const ThemeColors&) const = default;
};

ThemeColors themeColors(const QPalette& palette);

// The font of code and printed outputs: the system's fixed-pitch font when it really is one,
// else DejaVu Sans Mono (installed with Lemma). Some systems map "monospace" to a font with
// double-width glyphs that Qt does not count as fixed pitch, and columns of numbers then drift.
QFont codeFont();

}  // namespace lemma::widgets
