// The outputs of one cell, each run of them in the view for its kind.
#pragma once

#include <QPointer>
#include <QWidget>
#include <vector>

#include "widgets/output/OutputPart.h"

class QVBoxLayout;

namespace lemma::widgets {

class FigureView;

// Responsibilities:
// - split a cell's outputs into parts (consecutive text together; each table, error, control
//   and figure alone) and show each in the view the factory picks for its kind;
// - when a run yields parts of the same kinds as before, update the views in place (a control
//   keeps its place and focus while being dragged), otherwise rebuild;
// - pass on a control's edits with the control's number in the cell, an error's jump, a
//   derivation's change of mode and a figure's requests to pin its settings or clear its pins;
//   apply the cell's derivation mode to its derivation views.
class OutputArea : public QWidget {
    Q_OBJECT
public:
    explicit OutputArea(QWidget* parent = nullptr);

    void setOutputs(const output::Outputs& outputs);
    void setColors(const ThemeColors& colors);
    bool isEmpty() const { return m_parts.empty(); }
    // Hides the error views (while the cell runs again, its old error is not news).
    void setErrorsHidden(bool hidden);
    // The views, in order (for tests and the cell's keyboard focus).
    std::vector<QWidget*> views() const;
    // The mode of derivations (step through or show all), the cell's option: applied to those
    // shown now and to later ones.
    void setSteppingThrough(bool on);
    // Shows `text` over the figure that last asked for a pin.
    void showPinNotice(const QString& text);

Q_SIGNALS:
    void controlEdited(int control, const QString& literal);
    // The person switched a derivation's mode.
    void steppingThroughToggled(bool on);
    void errorActivated(int line, int column);
    void pinRequested();
    void clearPinsRequested();

private:
    struct Part {
        OutputKind kind;
        OutputPart* view = nullptr;
    };
    OutputPart* makeView(OutputKind kind, int control);
    void connectFigures(QWidget* view);
    void figureAskedForPin();

    QVBoxLayout* m_layout;
    std::vector<Part> m_parts;
    ThemeColors m_colors;
    bool m_hasColors = false;
    bool m_errorsHidden = false;
    bool m_steppingThrough = false;
    QPointer<FigureView> m_pinning;  // the figure that last asked for a pin
};

}  // namespace lemma::widgets
