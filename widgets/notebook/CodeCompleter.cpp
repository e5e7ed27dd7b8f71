// The completion popup's candidates and drawing (see CodeCompleter.h).
#include "widgets/notebook/CodeCompleter.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <algorithm>
#include <map>

#include "engine/lang/Builtin.h"
#include "widgets/notebook/SessionBridge.h"

namespace lemma::widgets {

namespace {

// Draws "name   help…": the name in the text colour, the help dimmed and elided.
class CandidateDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette& pal = opt.palette;
        const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
        QColor dim = text;
        dim.setAlphaF(0.6f);
        const QRect r = opt.rect.adjusted(6, 0, -6, 0);
        const QString name = index.data(CodeCompleter::kNameRole).toString();
        const QString help = index.data(CodeCompleter::kHelpRole).toString();

        QFont bold = opt.font;
        bold.setWeight(QFont::DemiBold);
        const int nameWidth = std::max(QFontMetrics(bold).horizontalAdvance(name) + 16, 120);
        painter->save();
        painter->setFont(bold);
        painter->setPen(text);
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, name);
        painter->setFont(opt.font);
        painter->setPen(dim);
        const QRect helpRect = r.adjusted(nameWidth, 0, 0, 0);
        painter->drawText(helpRect, Qt::AlignVCenter | Qt::AlignLeft,
                          opt.fontMetrics.elidedText(help, Qt::ElideRight, helpRect.width()));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        s.setHeight(std::max(s.height(), option.fontMetrics.height() + 6));
        return s;
    }
};

}  // namespace

CodeCompleter::CodeCompleter(QObject* parent)
    : QCompleter(parent), m_model(new QStandardItemModel(this)) {
    setModel(m_model);
    setCompletionRole(kNameRole);
    setCaseSensitivity(Qt::CaseSensitive);
    setModelSorting(QCompleter::CaseSensitivelySortedModel);
    setCompletionMode(QCompleter::PopupCompletion);
    setMaxVisibleItems(10);
    popup()->setItemDelegate(new CandidateDelegate(popup()));
    popup()->setMinimumWidth(520);
}

void CodeCompleter::setBuiltins(const builtins::Registry& registry) {
    m_builtins.clear();
    for (const std::string& name : registry.names()) {
        const builtins::Builtin* b = registry.find(name);
        m_builtins.push_back({toQString(name), toQString(b->help), toQString(b->usage)});
    }
    rebuild();
}

void CodeCompleter::setNotebookNames(const std::vector<Candidate>& names) {
    m_names = names;
    rebuild();
}

QString CodeCompleter::helpFor(const QString& name) const {
    for (const auto* list : {&m_names, &m_builtins}) {
        for (const Candidate& c : *list) {
            if (c.name == name)
                return c.detail.isEmpty() ? c.help : c.detail + QStringLiteral(" — ") + c.help;
        }
    }
    return {};
}

void CodeCompleter::rebuild() {
    // A notebook name shadows a builtin of the same name, as in the language.
    std::map<QString, const Candidate*> all;
    for (const Candidate& c : m_builtins)
        all[c.name] = &c;
    for (const Candidate& c : m_names)
        all[c.name] = &c;
    m_model->clear();
    for (const auto& [name, c] : all) {
        auto* item = new QStandardItem;
        item->setData(name, kNameRole);
        item->setData(c->help, kHelpRole);
        item->setData(name, Qt::DisplayRole);
        item->setToolTip(c->detail.isEmpty() ? c->help : c->detail + QLatin1Char('\n') + c->help);
        item->setEditable(false);
        m_model->appendRow(item);
    }
}

}  // namespace lemma::widgets
