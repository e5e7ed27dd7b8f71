// A control a cell showed (slider, choice, toggle) as a Qt control; moving it asks for the
// cell's `value=` to be rewritten.
#pragma once

#include <QElapsedTimer>
#include <QWidget>
#include <memory>

#include "widgets/output/OutputPart.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;

namespace lemma::output {
class Control;
}

namespace lemma::widgets {

// Responsibilities:
// - draw a slider (with its value), a drop-down or a check box for an output::Control;
// - on user input, emit the source literal of the new value (edited), continuously while a
//   slider is dragged;
// - update in place when the cell runs again, but never move a slider the user is holding;
// - take keys and the wheel only with focus (reached by Tab): without it the wheel scrolls the
//   page, so scrolling past a slider never changes its value.
class ControlView : public QWidget, public OutputPart {
    Q_OBJECT
public:
    explicit ControlView(QWidget* parent = nullptr);

    QWidget* widget() override { return this; }
    bool setOutputs(const output::Outputs& outputs) override;

    QSlider* slider() const { return m_slider; }
    QComboBox* combo() const { return m_combo; }
    QCheckBox* check() const { return m_check; }

Q_SIGNALS:
    // `literal` is the new value as source text ("0.002", "\"gelu\"", "true").
    void edited(const QString& literal);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void build(int kind);
    void sliderMoved(int position);
    void showValue(double value);

    std::shared_ptr<const output::Control> m_control;
    int m_kind = -1;
    int m_awaiting = -1;  // the slider position last sent, until a run shows it
    QElapsedTimer m_sinceEdit;
    QLabel* m_label = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_value = nullptr;
    QComboBox* m_combo = nullptr;
    QCheckBox* m_check = nullptr;
};

}  // namespace lemma::widgets
