// The cell's number, state mark and drag handle (see CellGutter.h).
#include "widgets/notebook/CellGutter.h"
#include "widgets/notebook/Theme.h"

#include <QApplication>
#include <QFontDatabase>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace lemma::widgets {

namespace {

QString stateTip(notebook::CellState state) {
    switch (state) {
        case notebook::CellState::Idle:
            return QObject::tr("Not run yet");
        case notebook::CellState::Stale:
            return QObject::tr("Stale: its inputs changed; Ctrl+Enter runs it");
        case notebook::CellState::Queued:
            return QObject::tr("Queued");
        case notebook::CellState::Running:
            return QObject::tr("Running");
        case notebook::CellState::Done:
            return QObject::tr("Up to date");
        case notebook::CellState::Error:
            return QObject::tr("Failed");
        case notebook::CellState::Cancelled:
            return QObject::tr("Stopped");
    }
    return {};
}

}  // namespace

CellGutter::CellGutter(bool code, QWidget* parent) : QWidget(parent), m_code(code) {
    setFont(codeFont());
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    setCursor(Qt::OpenHandCursor);
    setToolTip(code ? stateTip(m_state) : tr("Drag to move the cell"));
}

QSize CellGutter::sizeHint() const {
    return {fontMetrics().horizontalAdvance(QStringLiteral("[999]")) + 26, 20};
}

void CellGutter::setNumber(int number) {
    if (number == m_number)
        return;
    m_number = number;
    update();
}

void CellGutter::setState(notebook::CellState state) {
    m_state = state;
    if (m_code)
        setToolTip(stateTip(state));
    update();
}

void CellGutter::setColors(const ThemeColors& colors) {
    m_colors = colors;
    update();
}

void CellGutter::setTextTop(int top) {
    m_textTop = top;
    update();
}

QString CellGutter::label() const {
    if (!m_code)
        return {};
    const bool busy =
        m_state == notebook::CellState::Queued || m_state == notebook::CellState::Running;
    const QString inside = busy           ? QStringLiteral("*")
                           : m_number > 0 ? QString::number(m_number)
                                          : QStringLiteral(" ");
    return QLatin1Char('[') + inside + QLatin1Char(']');
}

void CellGutter::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int markWidth = 14;
    const QRect textRect(0, m_textTop, width() - markWidth, fm.height());

    if (m_hover) {
        // Grip dots: the handle to drag the cell by.
        p.setPen(Qt::NoPen);
        p.setBrush(m_colors.gutterText);
        for (int row = 0; row < 3; ++row) {
            for (int col = 0; col < 2; ++col)
                p.drawEllipse(QPointF(5 + col * 4, m_textTop + 4 + row * 4), 1.2, 1.2);
        }
    }
    if (!m_code)
        return;

    QColor color = m_colors.gutterText;
    switch (m_state) {
        case notebook::CellState::Queued:
        case notebook::CellState::Running:
            color = m_colors.running;
            break;
        case notebook::CellState::Error:
            color = m_colors.errorText;
            break;
        case notebook::CellState::Stale:
            color = m_colors.stale;
            break;
        default:
            break;
    }
    p.setPen(color);
    p.drawText(textRect, Qt::AlignRight | Qt::AlignVCenter, label());

    // The state mark, right of the number.
    const QPointF centre(width() - markWidth / 2.0, m_textTop + fm.height() / 2.0);
    const double r = 3.5;
    switch (m_state) {
        case notebook::CellState::Running:
            p.setPen(Qt::NoPen);
            p.setBrush(m_colors.running);
            p.drawEllipse(centre, r, r);
            break;
        case notebook::CellState::Queued:
        case notebook::CellState::Stale:
            p.setPen(QPen(color, 1.4));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(centre, r, r);
            break;
        case notebook::CellState::Error:
            p.setPen(Qt::NoPen);
            p.setBrush(m_colors.errorText);
            p.drawEllipse(centre, r, r);
            break;
        case notebook::CellState::Cancelled:
            p.setPen(Qt::NoPen);
            p.setBrush(m_colors.stale);
            p.drawRect(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r));
            break;
        case notebook::CellState::Done:
        case notebook::CellState::Idle:
            break;
    }
}

void CellGutter::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->position().toPoint();
        m_pressed = true;
        Q_EMIT clicked();
    }
    event->accept();
}

void CellGutter::mouseMoveEvent(QMouseEvent* event) {
    if (m_pressed && (event->buttons() & Qt::LeftButton) &&
        (event->position().toPoint() - m_pressPos).manhattanLength() >=
            QApplication::startDragDistance()) {
        m_pressed = false;
        Q_EMIT dragRequested();
    }
}

void CellGutter::enterEvent(QEnterEvent*) {
    m_hover = true;
    update();
}

void CellGutter::leaveEvent(QEvent*) {
    m_hover = false;
    update();
}

}  // namespace lemma::widgets
