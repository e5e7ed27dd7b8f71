// The window's commands through its menus (see ActionCatalog.h).
#include "app/ActionCatalog.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>

#include "widgets/notebook/NotebookActions.h"

namespace lemma::app {

namespace {

QString plain(const QString& text) {
    static const QRegularExpression mnemonic(QStringLiteral("&(?!&)"));
    QString out = text.section(QLatin1Char('\t'), 0, 0);
    out.remove(mnemonic);
    return out;
}

void collect(const QMenu* menu, const QString& path, QList<ActionCatalog::Entry>& out) {
    for (QAction* a : menu->actions()) {
        if (a->isSeparator() || !a->isVisible())
            continue;
        if (a->menu()) {
            collect(a->menu(), path + QStringLiteral(" › ") + plain(a->text()), out);
            continue;
        }
        const auto [text, key] = widgets::NotebookActions::describe(a);
        if (text.isEmpty())
            continue;
        out.append({a, path, text, key});
    }
}

}  // namespace

QList<ActionCatalog::Entry> ActionCatalog::entries(const QMenuBar* menuBar) {
    QList<Entry> out;
    for (QAction* top : menuBar->actions()) {
        if (top->menu())
            collect(top->menu(), plain(top->text()), out);
    }
    return out;
}

int ActionCatalog::rank(const Entry& entry, const QString& query) {
    const QString q = query.simplified().toLower();
    if (q.isEmpty())
        return 2;
    const QString text = entry.text.toLower();
    if (text == q)
        return 0;
    if (text.startsWith(q))
        return 1;
    const QString haystack = text + QLatin1Char(' ') + entry.path.toLower();
    for (const QString& word : q.split(QLatin1Char(' '))) {
        if (!haystack.contains(word))
            return -1;
    }
    return 2;
}

}  // namespace lemma::app
