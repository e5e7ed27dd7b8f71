// The wheel over an output that does not take it (a plot without focus, a slider): the page
// around it scrolls instead.
#pragma once

class QWheelEvent;
class QWidget;

namespace lemma::widgets {

// Sends `wheel` to the nearest scroll area around `from` (the notebook page), as if it had
// turned over the page itself. Does nothing when there is none.
void scrollEnclosingPage(const QWidget* from, const QWheelEvent* wheel);

}  // namespace lemma::widgets
