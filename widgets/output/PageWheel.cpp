// Forwarding the wheel to the page (see PageWheel.h).
#include "widgets/output/PageWheel.h"

#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QWheelEvent>

namespace lemma::widgets {

void scrollEnclosingPage(const QWidget* from, const QWheelEvent* wheel) {
    // Sent, not left to propagate: the wheel a child has filtered stops at that child.
    for (QWidget* w = from->parentWidget(); w; w = w->parentWidget()) {
        auto* area = qobject_cast<QAbstractScrollArea*>(w);
        if (!area)
            continue;
        QWidget* viewport = area->viewport();
        QWheelEvent copy(viewport->mapFromGlobal(wheel->globalPosition()), wheel->globalPosition(),
                         wheel->pixelDelta(), wheel->angleDelta(), wheel->buttons(),
                         wheel->modifiers(), wheel->phase(), wheel->inverted(), wheel->source());
        QCoreApplication::sendEvent(viewport, &copy);
        return;
    }
}

}  // namespace lemma::widgets
