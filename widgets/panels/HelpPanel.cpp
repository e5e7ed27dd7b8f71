// The searchable builtin help (see HelpPanel.h).
#include "widgets/panels/HelpPanel.h"

#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

#include "engine/builtins/Examples.h"
#include "engine/lang/Builtin.h"
#include "widgets/notebook/SessionBridge.h"

namespace lemma::widgets {

HelpPanel::HelpPanel(const builtins::Registry& registry, QWidget* parent)
    : QWidget(parent),
      m_registry(registry),
      m_search(new QLineEdit(this)),
      m_list(new QListWidget(this)),
      m_details(new QTextBrowser(this)),
      m_insert(new QPushButton(tr("Insert example in a new cell"), this)) {
    m_search->setPlaceholderText(tr("Search builtins (name or description)"));
    m_search->setClearButtonEnabled(true);
    for (const std::string& name : registry.names()) {
        const builtins::Builtin* b = registry.find(name);
        auto* item = new QListWidgetItem(toQString(name), m_list);
        item->setToolTip(toQString(b->help));
        item->setData(Qt::UserRole, toQString(b->help).toLower());
    }
    m_details->setOpenLinks(false);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_list);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(split, 1);
    layout->addWidget(m_insert);
    m_insert->setEnabled(false);
    connect(m_insert, &QPushButton::clicked, this, [this] {
        if (!m_example.isEmpty())
            Q_EMIT exampleInsertRequested(m_example);
    });

    connect(m_search, &QLineEdit::textChanged, this, &HelpPanel::filter);
    connect(m_list, &QListWidget::currentItemChanged, this, &HelpPanel::showDetails);
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

namespace {

// How well a builtin matches a search, best first: its name exactly, then names starting with
// it, names containing it, and last help texts mentioning it; -1 for no match.
int rank(const QListWidgetItem* item, const QString& needle) {
    if (needle.isEmpty())
        return 0;
    const QString name = item->text().toLower();
    if (name == needle)
        return 0;
    if (name.startsWith(needle))
        return 1;
    if (name.contains(needle))
        return 2;
    if (item->data(Qt::UserRole).toString().contains(needle))
        return 3;
    return -1;
}

}  // namespace

void HelpPanel::filter(const QString& text) {
    const QString needle = text.trimmed().toLower();
    // Reorder by rank, alphabetically within a rank (the registry's order).
    QList<QListWidgetItem*> items;
    while (m_list->count() > 0)
        items.append(m_list->takeItem(0));
    std::stable_sort(items.begin(), items.end(),
                     [&](const QListWidgetItem* a, const QListWidgetItem* b) {
                         const int ra = rank(a, needle);
                         const int rb = rank(b, needle);
                         if ((ra < 0) != (rb < 0))
                             return rb < 0;
                         if (ra != rb)
                             return ra < rb;
                         return a->text() < b->text();
                     });
    QListWidgetItem* first = nullptr;
    for (QListWidgetItem* item : items) {
        m_list->addItem(item);
        const bool match = rank(item, needle) >= 0;
        item->setHidden(!match);
        if (match && !first)
            first = item;
    }
    // The best match is selected as the search changes.
    m_list->setCurrentItem(first);
    if (first)
        m_list->scrollToItem(first);
    if (!first) {
        m_details->setHtml(tr("<p>No builtin matches “%1”.</p>").arg(text.toHtmlEscaped()));
        m_example.clear();
        m_insert->setEnabled(false);
    }
}

bool HelpPanel::showBuiltin(const QString& name) {
    const auto items = m_list->findItems(name, Qt::MatchExactly);
    if (items.isEmpty())
        return false;
    m_search->clear();
    m_list->setCurrentItem(items.first());
    m_list->scrollToItem(items.first());
    return true;
}

void HelpPanel::showDetails() {
    const QListWidgetItem* item = m_list->currentItem();
    if (!item)
        return;
    const builtins::Builtin* b = m_registry.find(toStdString(item->text()));
    if (!b)
        return;
    m_example = toQString(std::string(builtins::exampleFor(b->name)));
    QString html = QStringLiteral("<h3>%1</h3><p><code>%2</code></p><p>%3</p>")
                       .arg(item->text().toHtmlEscaped(), toQString(b->usage).toHtmlEscaped(),
                            toQString(b->help).toHtmlEscaped());
    if (!m_example.isEmpty())
        html += tr("<p><b>Example</b></p>") +
                QStringLiteral("<pre>%1</pre>").arg(m_example.toHtmlEscaped());
    m_details->setHtml(html);
    m_insert->setEnabled(!m_example.isEmpty());
}

}  // namespace lemma::widgets
