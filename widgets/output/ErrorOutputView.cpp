// One error of a cell, with a jump to its line (see ErrorOutputView.h).
#include "widgets/output/ErrorOutputView.h"
#include "widgets/notebook/Theme.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

#include "widgets/notebook/SessionBridge.h"

namespace lemma::widgets {

ErrorOutputView::ErrorOutputView(QWidget* parent)
    : QFrame(parent), m_title(new QLabel), m_message(new QLabel), m_link(new QLabel) {
    setObjectName(QStringLiteral("errorOutput"));
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    // Its own roles: inside the notebook page (Base) it would otherwise paint as the page.
    setBackgroundRole(QPalette::Window);
    setForegroundRole(QPalette::WindowText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setFont(codeFont());
    QFont bold = m_title->font();
    bold.setWeight(QFont::DemiBold);
    m_title->setFont(bold);
    m_link->setTextFormat(Qt::RichText);
    m_link->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_link, &QLabel::linkActivated, this, [this] { Q_EMIT activated(m_line, m_column); });

    auto* head = new QHBoxLayout;
    head->setContentsMargins(0, 0, 0, 0);
    head->addWidget(m_title);
    head->addStretch(1);
    head->addWidget(m_link);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 6, 10, 7);
    layout->setSpacing(2);
    layout->addLayout(head);
    layout->addWidget(m_message);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

bool ErrorOutputView::setOutputs(const output::Outputs& outputs) {
    if (outputs.size() != 1 || !std::holds_alternative<output::Error>(outputs[0]))
        return false;
    const auto& e = std::get<output::Error>(outputs[0]);
    m_line = e.pos.line;
    m_column = e.pos.column;
    const bool cancelled = e.message == "cancelled";
    if (cancelled)
        m_title->setText(tr("Stopped"));
    else if (e.pos.known())
        m_title->setText(tr("Error on line %1, column %2").arg(m_line).arg(m_column));
    else
        m_title->setText(tr("Error"));
    m_message->setText(toQString(e.message));
    m_message->setVisible(!cancelled);
    m_link->setVisible(e.pos.known());
    showLink();
    return true;
}

void ErrorOutputView::showLink() {
    // Rich-text links ignore the label's palette: the colour goes into the anchor.
    const QString color = m_linkColor.isValid() ? m_linkColor.name() : QString();
    m_link->setText(m_line > 0 ? QStringLiteral("<a href=\"#line\" style=\"color:%1\">%2</a>")
                                     .arg(color, tr("Go to line %1").arg(m_line))
                               : QString());
}

void ErrorOutputView::paintEvent(QPaintEvent* event) {
    QFrame::paintEvent(event);
    QPainter p(this);
    p.fillRect(QRect(0, 0, 3, height()), palette().color(QPalette::WindowText));
}

void ErrorOutputView::setColors(const ThemeColors& colors) {
    QPalette p = palette();
    p.setColor(QPalette::Window, colors.errorBackground);
    p.setColor(QPalette::WindowText, colors.errorText);
    p.setColor(QPalette::Link, colors.errorText);
    setPalette(p);
    QPalette text = m_message->palette();
    text.setColor(QPalette::WindowText, colors.text);
    m_message->setPalette(text);
    m_linkColor = colors.errorText;
    showLink();
}

}  // namespace lemma::widgets
