// The step view of a derivation (see DerivationView.h).
#include "widgets/output/DerivationView.h"
#include "widgets/notebook/Theme.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "engine/output/Display.h"
#include "widgets/math/MathFormula.h"
#include "widgets/notebook/SessionBridge.h"
#include "widgets/output/MatrixDialog.h"

namespace lemma::widgets {

namespace {

constexpr qreal kPad = 8.0;
constexpr qreal kNumberWidth = 26.0;
constexpr qreal kBadgeGap = 12.0;

QString number(double x) {
    if (x == 0.0)
        return QStringLiteral("0");
    return QString::number(x, 'g', 4);
}

QString verdictLabel(output::Verdict v) {
    return QString::fromStdString(output::verdictText(v));
}

// The font a note is measured and drawn in. Qt 6.4's shaping of a letter followed by a
// combining mark ("p̂", "σ̂", the engine's estimates) takes DejaVu Sans's mark-to-base anchor
// as an offset of about an em upwards, so the hat lands over the line before; unshaped, the
// mark keeps its own zero-width metrics, which put it over the letter's x-height.
QFont noteFont(QFont font, const QString& note) {
    const bool marks = std::any_of(note.begin(), note.end(),
                                   [](QChar c) { return c.category() == QChar::Mark_NonSpacing; });
    if (marks)
        font.setStyleStrategy(QFont::StyleStrategy(font.styleStrategy() | QFont::PreferNoShaping));
    return font;
}

}  // namespace

DerivationView::DerivationView(QWidget* parent)
    : QWidget(parent),
      m_title(new QLabel),
      m_summary(new QLabel),
      m_mode(new QPushButton(tr("Step through"))),
      m_previous(new QPushButton(tr("Previous"))),
      m_next(new QPushButton(tr("Next"))),
      m_position(new QLabel),
      m_header(new QWidget(this)) {
    setObjectName(QStringLiteral("derivationView"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);  // a pointing hand over sides that open in full
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    QFont bold = m_title->font();
    bold.setWeight(QFont::DemiBold);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    for (QPushButton* b : {m_mode, m_previous, m_next}) {
        b->setFocusPolicy(Qt::NoFocus);
        b->setAutoDefault(false);
    }
    m_previous->setToolTip(tr("Previous step (←)"));
    m_next->setToolTip(tr("Next step (→)"));
    auto* head = new QHBoxLayout(m_header);
    head->setContentsMargins(int(kPad), 6, int(kPad), 2);
    head->addWidget(m_title, 1);
    head->addWidget(m_summary);
    head->addSpacing(8);
    head->addWidget(m_previous);
    head->addWidget(m_position);
    head->addWidget(m_next);
    head->addWidget(m_mode);
    connect(m_mode, &QPushButton::clicked, this, [this] {
        setSteppingThrough(!m_stepping);
        Q_EMIT steppingThroughToggled(m_stepping);
    });
    connect(m_next, &QPushButton::clicked, this, &DerivationView::next);
    connect(m_previous, &QPushButton::clicked, this, &DerivationView::previous);
    refresh();
}

bool DerivationView::setOutputs(const output::Outputs& outputs) {
    if (outputs.size() != 1)
        return false;
    const auto* display = std::get_if<output::Display>(&outputs[0]);
    if (!display)
        return false;
    std::optional<output::DerivationData> d = output::derivationOf(display->value);
    if (!d)
        return false;
    m_derivation = std::move(d);
    m_title->setText(toQString(m_derivation->title));
    m_summary->setText(toQString(m_derivation->summary()));
    refresh();
    return true;
}

void DerivationView::setColors(const ThemeColors& colors) {
    m_colors = colors;
    m_hasColors = true;
    update();
}

void DerivationView::setSteppingThrough(bool on) {
    if (on == m_stepping)
        return;
    m_stepping = on;
    if (on)
        m_reached = 1;
    refresh();
}

int DerivationView::visibleSteps() const {
    const int total = m_derivation ? int(m_derivation->steps.size()) : 0;
    return m_stepping ? std::min(m_reached, total) : total;
}

void DerivationView::next() {
    if (!m_stepping || !m_derivation)
        return;
    m_reached = std::min(m_reached + 1, int(m_derivation->steps.size()));
    refresh();
}

void DerivationView::previous() {
    if (!m_stepping)
        return;
    m_reached = std::max(m_reached - 1, 1);
    refresh();
}

void DerivationView::refresh() {
    const int total = m_derivation ? int(m_derivation->steps.size()) : 0;
    m_reached = std::clamp(m_reached, 1, std::max(total, 1));
    m_mode->setText(m_stepping ? tr("Show all") : tr("Step through"));
    m_previous->setVisible(m_stepping);
    m_next->setVisible(m_stepping);
    m_position->setVisible(m_stepping);
    m_previous->setEnabled(m_reached > 1);
    m_next->setEnabled(m_reached < total);
    m_position->setText(tr("step %1 of %2").arg(visibleSteps()).arg(total));
    m_header->setFixedWidth(width());
    m_header->adjustSize();
    setFixedHeight(heightForWidth(width() > 0 ? width() : 640));
    updateGeometry();
    update();
}

int DerivationView::heightForWidth(int width) const {
    const qreal top = m_header->sizeHint().height();
    return int(std::ceil(paintSteps(nullptr, top, width))) + 4;
}

QSize DerivationView::sizeHint() const {
    return {640, heightForWidth(640)};
}

void DerivationView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_header->setFixedWidth(width());
    const int h = heightForWidth(width());
    if (h != height())
        setFixedHeight(h);
}

QRectF DerivationView::paintTex(QPainter* painter, QPointF at, qreal maxWidth,
                                const QString& tex) const {
    // The step's formula, typeset in display style at the text's size; one wider than the
    // column is scaled down to fit rather than cut.
    const double points = font().pointSizeF() > 0 ? font().pointSizeF() * 1.1 : 11.0;
    const math::MathFormula formula = math::MathFormula::layout(
        tex, math::MathFormula::Style::Display, points, painter ? painter->device() : nullptr);
    const double scale = formula.width() > maxWidth ? maxWidth / formula.width() : 1.0;
    const QSizeF size(formula.width() * scale, formula.height() * scale);
    if (painter) {
        painter->save();
        painter->translate(at);
        painter->scale(scale, scale);
        formula.paint(painter, QPointF(0, formula.ascent()),
                      m_hasColors ? m_colors.text : palette().color(QPalette::Text));
        painter->restore();
    }
    return QRectF(at, size);
}

qreal DerivationView::paintSteps(QPainter* painter, qreal top, qreal width) const {
    if (!m_derivation)
        return top;
    const QFont base = font();
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * 0.9);
    QFont mono = codeFont();
    mono.setPointSizeF(base.pointSizeF() * 0.85);
    QFont badgeFont = small;
    badgeFont.setWeight(QFont::DemiBold);
    const QFontMetricsF monoFm(mono), badgeFm(badgeFont), baseFm(base);
    const QColor text = m_hasColors ? m_colors.text : palette().color(QPalette::Text);
    const QColor muted =
        m_hasColors ? m_colors.comment : palette().color(QPalette::PlaceholderText);
    const QColor good = m_hasColors ? m_colors.done : QColor(0x2e, 0x7d, 0x32);
    const QColor bad = m_hasColors ? m_colors.errorText : QColor(0xc6, 0x28, 0x28);
    const QColor rule = m_hasColors ? m_colors.cellBorder : palette().color(QPalette::Mid);

    qreal y = top + 2;
    m_sideBoxes.clear();
    m_noteBoxes.clear();
    const int shown = visibleSteps();
    for (int i = 0; i < shown; ++i) {
        const output::DerivationStepData& s = m_derivation->steps[std::size_t(i)];
        const output::Verdict verdict = s.verdict();
        const QString badge = verdictLabel(verdict);
        const qreal badgeWidth = badgeFm.horizontalAdvance(badge) + 14;
        const qreal badgeHeight = badgeFm.height() + 6;
        const qreal left = kPad + kNumberWidth;
        const qreal texWidth = std::max<qreal>(80, width - left - badgeWidth - kBadgeGap - kPad);
        const qreal rowTop = y + 6;

        const QRectF tex = paintTex(painter, QPointF(left, rowTop), texWidth, toQString(s.tex));
        qreal bottom = std::max(tex.bottom(), rowTop + badgeHeight);

        const QString note = toQString(s.note);
        const QFont noteFace = noteFont(small, note);
        QRectF noteBox;
        if (!note.isEmpty()) {
            noteBox = QFontMetricsF(noteFace).boundingRect(
                QRectF(left, bottom + 3, width - left - kPad, 1e6), Qt::TextWordWrap, note);
            bottom = noteBox.bottom();
        }
        // The sides on one line when they fit, else lhs and rhs on a line each.
        const QString lhs = QStringLiteral("lhs ") + compactValue(s.lhs);
        const QString rhs = QStringLiteral("rhs ") + compactValue(s.rhs);
        const QString check = QStringLiteral("diff %1 (tol %2)")
                                  .arg(toQString(output::formatDiff(s.diff)), number(s.tol));
        const qreal sidesWidth = width - left - kPad;
        QStringList sideLines;
        const QString oneLine = lhs + QStringLiteral("   ") + rhs + QStringLiteral("   ") + check;
        if (monoFm.horizontalAdvance(oneLine) <= sidesWidth)
            sideLines << oneLine;
        else
            sideLines << lhs << rhs + QStringLiteral("   ") + check;
        const QRectF sidesBox(left, bottom + 3, sidesWidth, monoFm.height() * sideLines.size());
        m_sideBoxes.push_back({sidesBox.adjusted(0, 0, 0, 0), i});
        m_noteBoxes.push_back(noteBox);
        bottom = sidesBox.bottom();

        if (painter) {
            painter->setPen(muted);
            painter->setFont(base);
            painter->drawText(QRectF(kPad, rowTop, kNumberWidth, baseFm.height()),
                              Qt::AlignLeft | Qt::AlignTop, QString::number(i + 1) + ".");
            if (!note.isEmpty()) {
                painter->setFont(noteFace);
                painter->setPen(text);
                painter->drawText(noteBox, Qt::TextWordWrap, note);
            }
            painter->setFont(mono);
            painter->setPen(muted);
            for (int k = 0; k < sideLines.size(); ++k)
                painter->drawText(
                    QRectF(left, sidesBox.top() + k * monoFm.height(), sidesWidth, monoFm.height()),
                    Qt::AlignLeft | Qt::AlignVCenter,
                    monoFm.elidedText(sideLines[k], Qt::ElideRight, sidesWidth));

            QColor tone = verdict == output::Verdict::Verified          ? good
                          : verdict == output::Verdict::FailsAsExpected ? muted
                                                                        : bad;
            const QRectF badgeBox(width - kPad - badgeWidth, rowTop, badgeWidth, badgeHeight);
            QColor fill = tone;
            fill.setAlphaF(0.14);
            QPainterPath path;
            path.addRoundedRect(badgeBox, badgeHeight / 2, badgeHeight / 2);
            painter->setRenderHint(QPainter::Antialiasing);
            painter->fillPath(path, fill);
            painter->setPen(QPen(tone, 1.0));
            painter->drawPath(path);
            painter->setFont(badgeFont);
            painter->drawText(badgeBox, Qt::AlignCenter, badge);
            if (i + 1 < shown) {
                painter->setPen(QPen(rule, 1.0));
                painter->drawLine(QPointF(kPad, bottom + 7.5), QPointF(width - kPad, bottom + 7.5));
            }
        }
        y = bottom + 8;
    }
    if (shown == int(m_derivation->steps.size()) && !m_derivation->result.isEmpty()) {
        const QString result = tr("result  %1").arg(compactValue(m_derivation->result));
        m_sideBoxes.push_back({QRectF(kPad, y + 4, width - 2 * kPad, monoFm.height()), -1});
        if (painter) {
            painter->setFont(mono);
            painter->setPen(text);
            painter->drawText(QRectF(kPad, y + 4, width - 2 * kPad, monoFm.height()),
                              Qt::AlignLeft | Qt::AlignVCenter,
                              monoFm.elidedText(result, Qt::ElideRight, width - 2 * kPad));
        }
        y += monoFm.height() + 8;
    }
    return y;
}

void DerivationView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QColor background =
        m_hasColors ? m_colors.outputBackground : palette().color(QPalette::Base);
    p.fillRect(rect(), background);
    if (hasFocus()) {
        p.setPen(
            QPen(m_hasColors ? m_colors.editSelection : palette().color(QPalette::Highlight), 1));
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
    paintSteps(&p, m_header->height(), width());
}

void DerivationView::keyPressEvent(QKeyEvent* event) {
    if (m_stepping && (event->key() == Qt::Key_Right || event->key() == Qt::Key_Down)) {
        next();
    } else if (m_stepping && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Up)) {
        previous();
    } else {
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool DerivationView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip && m_derivation) {
        const auto* help = static_cast<QHelpEvent*>(event);
        for (const auto& [box, index] : m_sideBoxes) {
            if (!box.contains(help->pos()))
                continue;
            QString full;
            if (index < 0) {
                full = toQString(output::formatDisplay("result", m_derivation->result));
            } else {
                const output::DerivationStepData& s = m_derivation->steps[std::size_t(index)];
                full = toQString(output::formatDisplay("lhs", s.lhs)) +
                       toQString(output::formatDisplay("rhs", s.rhs));
            }
            QString tip = QStringLiteral("<pre>%1</pre>").arg(full.toHtmlEscaped().trimmed());
            if (opensInFull(index))
                tip += tr("<p>Click to open in full</p>");
            QToolTip::showText(help->globalPos(), tip, this);
            return true;
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

void DerivationView::mousePressEvent(QMouseEvent* event) {
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::LeftButton) {
        for (const auto& [box, index] : m_sideBoxes) {
            if (box.contains(event->position()) && openFull(index)) {
                event->accept();
                return;
            }
        }
    }
    QWidget::mousePressEvent(event);
}

void DerivationView::mouseMoveEvent(QMouseEvent* event) {
    bool clickable = false;
    for (const auto& [box, index] : m_sideBoxes)
        clickable = clickable || (box.contains(event->position()) && opensInFull(index));
    setCursor(clickable ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QWidget::mouseMoveEvent(event);
}

bool DerivationView::opensInFull(int step) const {
    if (!m_derivation || step >= int(m_derivation->steps.size()))
        return false;
    const auto table = [](const lang::Value& v) { return v.isNumeric() && v.numel() > 1; };
    if (step < 0)
        return table(m_derivation->result);
    const output::DerivationStepData& s = m_derivation->steps[std::size_t(step)];
    return table(s.lhs) || table(s.rhs);
}

QRectF DerivationView::valueBox(int step) const {
    for (const auto& [box, index] : m_sideBoxes) {
        if (index == step)
            return box;
    }
    return {};
}

QRectF DerivationView::noteBox(int step) const {
    return step >= 0 && step < int(m_noteBoxes.size()) ? m_noteBoxes[std::size_t(step)] : QRectF();
}

QDialog* DerivationView::openFull(int step) {
    if (!opensInFull(step))
        return nullptr;
    const QString title = toQString(m_derivation->title);
    auto* dialog = new MatrixDialog(
        step < 0 ? tr("%1 — result").arg(title) : tr("%1 — step %2").arg(title).arg(step + 1),
        window());
    const auto add = [&](const QString& label, const lang::Value& v) {
        if (v.isNumeric())
            dialog->addMatrix(
                tr("%1   %2 %3").arg(label, toQString(v.sizeString()), toQString(v.typeName())), v);
    };
    if (step < 0) {
        add(tr("result"), m_derivation->result);
    } else {
        const output::DerivationStepData& s = m_derivation->steps[std::size_t(step)];
        add(tr("lhs"), s.lhs);
        add(tr("rhs"), s.rhs);
    }
    dialog->show();
    return dialog;
}

QString DerivationView::compactValue(const lang::Value& v) {
    if (!v.isReal())
        return toQString(v.typeName());
    const arma::mat& m = v.real();
    if (m.n_elem == 0)
        return QStringLiteral("[]");
    if (m.n_elem == 1)
        return number(m(0));
    auto list = [&](arma::uword count, auto at) {
        QStringList parts;
        const arma::uword shown = std::min<arma::uword>(count, 5);
        for (arma::uword i = 0; i < shown; ++i)
            parts << number(at(i));
        if (count > shown)
            parts << QStringLiteral("…");
        return parts.join(QStringLiteral(", "));
    };
    if (m.n_rows == 1 || m.n_cols == 1)
        return QStringLiteral("[%1]").arg(list(m.n_elem, [&](arma::uword i) { return m(i); }));
    QStringList rows;
    const arma::uword shownRows = std::min<arma::uword>(m.n_rows, 2);
    for (arma::uword r = 0; r < shownRows; ++r)
        rows << list(m.n_cols, [&](arma::uword c) { return m(r, c); });
    if (m.n_rows > shownRows)
        rows << QStringLiteral("…");
    return QStringLiteral("%1×%2 [%3]")
        .arg(m.n_rows)
        .arg(m.n_cols)
        .arg(rows.join(QStringLiteral("; ")));
}

}  // namespace lemma::widgets
