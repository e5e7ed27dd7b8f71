// Controls as Qt controls (see ControlView.h).
#include "widgets/output/ControlView.h"
#include "widgets/notebook/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QWheelEvent>

#include "engine/output/Control.h"
#include "widgets/notebook/SessionBridge.h"
#include "widgets/output/PageWheel.h"

namespace lemma::widgets {

using output::Control;

ControlView::ControlView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ControlView::build(int kind) {
    // Rebuilt only when the kind changes, which is rare (an edited cell).
    qDeleteAll(findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
    delete layout();
    m_slider = nullptr;
    m_value = nullptr;
    m_combo = nullptr;
    m_check = nullptr;
    m_kind = kind;

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 2, 0, 2);
    row->setSpacing(10);
    m_label = new QLabel(this);
    row->addWidget(m_label);
    switch (Control::Kind(kind)) {
        case Control::Kind::Slider:
            m_slider = new QSlider(Qt::Horizontal, this);
            m_slider->setMinimumWidth(260);
            m_slider->setTracking(true);
            // Keys only after Tab, with the style's focus frame: a drag leaves them with the
            // notebook.
            m_slider->setFocusPolicy(Qt::TabFocus);
            m_slider->installEventFilter(this);
            m_value = new QLabel(this);
            m_value->setFont(codeFont());
            m_value->setMinimumWidth(
                m_value->fontMetrics().horizontalAdvance(QStringLiteral("-0.000000e-00")));
            m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
            row->addWidget(m_slider, 2);
            row->addWidget(m_value);
            connect(m_slider, &QSlider::valueChanged, this, &ControlView::sliderMoved);
            break;
        case Control::Kind::Choice:
            m_combo = new QComboBox(this);
            m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
            m_combo->setFocusPolicy(Qt::TabFocus);
            m_combo->installEventFilter(this);
            row->addWidget(m_combo);
            connect(m_combo, &QComboBox::activated, this, [this](int index) {
                if (m_control && index >= 0 && std::size_t(index) < m_control->literals().size())
                    Q_EMIT edited(toQString(m_control->literals()[std::size_t(index)]));
            });
            break;
        case Control::Kind::Toggle:
            m_check = new QCheckBox(this);
            m_check->setFocusPolicy(Qt::TabFocus);
            row->addWidget(m_check);
            connect(m_check, &QCheckBox::clicked, this, [this](bool on) {
                Q_EMIT edited(on ? QStringLiteral("true") : QStringLiteral("false"));
            });
            break;
    }
    row->addStretch(1);
}

bool ControlView::eventFilter(QObject* watched, QEvent* event) {
    // The wheel over a control that has no focus scrolls the page: moving the pointer over a
    // slider while scrolling must not change a value.
    auto* control = qobject_cast<QWidget*>(watched);
    if (event->type() == QEvent::Wheel && control && !control->hasFocus()) {
        scrollEnclosingPage(this, static_cast<QWheelEvent*>(event));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool ControlView::setOutputs(const output::Outputs& outputs) {
    if (outputs.size() != 1 || !std::holds_alternative<output::Rich>(outputs[0]))
        return false;
    auto control =
        std::dynamic_pointer_cast<const Control>(std::get<output::Rich>(outputs[0]).object);
    if (!control)
        return false;
    if (int(control->kind()) != m_kind)
        build(int(control->kind()));
    m_control = control;
    const QString label = toQString(control->label());
    m_label->setText(label);
    m_label->setVisible(!label.isEmpty());

    switch (control->kind()) {
        case Control::Kind::Slider: {
            // The user's hand wins: a run of an older value that finishes mid-drag, or after
            // the release but before the run of the last value, does not move the slider back.
            const int position = control->positionOf(control->value());
            const bool waiting = m_awaiting >= 0 && position != m_awaiting &&
                                 m_sinceEdit.isValid() && m_sinceEdit.elapsed() < 3000;
            if (m_slider->isSliderDown() || waiting)
                break;
            m_awaiting = -1;
            const QSignalBlocker block(m_slider);
            m_slider->setRange(0, control->positions());
            m_slider->setPageStep(std::max(1, control->positions() / 10));
            m_slider->setValue(position);
            showValue(control->value());
            break;
        }
        case Control::Kind::Choice: {
            const QSignalBlocker block(m_combo);
            QStringList items;
            for (const std::string& option : control->options())
                items << toQString(option);
            QStringList current;
            for (int i = 0; i < m_combo->count(); ++i)
                current << m_combo->itemText(i);
            if (current != items) {
                m_combo->clear();
                m_combo->addItems(items);
            }
            m_combo->setCurrentIndex(int(control->selected()));
            break;
        }
        case Control::Kind::Toggle: {
            const QSignalBlocker block(m_check);
            m_check->setChecked(control->checked());
            break;
        }
    }
    return true;
}

void ControlView::showValue(double value) {
    m_value->setText(toQString(Control::numberLiteral(value)));
}

void ControlView::sliderMoved(int position) {
    if (!m_control)
        return;
    const double value = m_control->valueAt(position);
    showValue(value);
    m_awaiting = m_control->positionOf(value);
    m_sinceEdit.start();
    Q_EMIT edited(toQString(Control::numberLiteral(value)));
}

}  // namespace lemma::widgets
