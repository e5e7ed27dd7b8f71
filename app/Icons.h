// The window's toolbar and menu icons: the desktop's icon theme when it has them, otherwise
// simple line drawings in the palette's text colour (so they suit light and dark alike).
#pragma once

#include <QIcon>

namespace lemma::app {

enum class Icon {
    New,
    Open,
    Save,
    Undo,
    Redo,
    Run,
    RunAll,
    Stop,
    AddCell,
    MoveUp,
    MoveDown,
    Delete,
};

// The theme icon for `icon` if the desktop's theme has one, else the drawn one.
QIcon icon(Icon icon);
// Always the drawn one (for tests and screenshots that must not depend on the desktop).
QIcon drawnIcon(Icon icon);

}  // namespace lemma::app
