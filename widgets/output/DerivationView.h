// Shows a derivation: each step's formula, its note, the two sides evaluated (compactly) and a
// verdict badge; "step through" reveals the steps one at a time, "show all" lays them out.
#pragma once

#include <QWidget>
#include <optional>
#include <vector>

#include "engine/output/DerivationData.h"
#include "widgets/output/OutputPart.h"

class QDialog;
class QLabel;
class QPushButton;

namespace lemma::widgets {

// Responsibilities: recognise one displayed derivation and draw it; keep the mode (step through
// or show all) and the step reached when the derivation is re-run, so checks update in place;
// say when the person switches the mode (the cell keeps it in its options); move between steps
// with the Next/Previous buttons and the arrow keys; open a step's sides (or the result) in
// full tables on a click. Every formula is drawn by paintTex, the one place the TeX typesetter
// plugs in.
class DerivationView : public QWidget, public OutputPart {
    Q_OBJECT
public:
    explicit DerivationView(QWidget* parent = nullptr);

    QWidget* widget() override { return this; }
    bool setOutputs(const output::Outputs& outputs) override;
    void setColors(const ThemeColors& colors) override;

    bool steppingThrough() const { return m_stepping; }
    // Sets the mode without telling anyone (the cell's option says it); entering step-through
    // starts at the first step.
    void setSteppingThrough(bool on);
    // How many steps are visible (all of them when showing all).
    int visibleSteps() const;
    void next();
    void previous();

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;

    // A value in a few characters: a scalar, a short vector, a matrix preview.
    static QString compactValue(const lang::Value& v);
    // Opens the sides of step `step` (0-based; -1: the derivation's result) in full tables,
    // those that are matrices or vectors; nullptr when neither is.
    QDialog* openFull(int step);
    // Where step `step`'s sides (-1: the result) were last laid out; empty when not shown.
    QRectF valueBox(int step) const;
    // Where step `step`'s note (0-based) was last laid out; empty when it has none or is hidden.
    QRectF noteBox(int step) const;

Q_SIGNALS:
    // The person switched between step-through and show-all.
    void steppingThroughToggled(bool on);

protected:
    // A tooltip over a step's sides shows both in full.
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    // Draws `tex` with its top-left corner at `at` within `maxWidth` and returns the box it
    // takes; with a null painter it only measures. Until the typesetter is connected it draws
    // the TeX source in the theme's math colour.
    QRectF paintTex(QPainter* painter, QPointF at, qreal maxWidth, const QString& tex) const;
    // Lays out (and, with a painter, draws) the visible steps from y = top; returns the bottom.
    qreal paintSteps(QPainter* painter, qreal top, qreal width) const;
    void refresh();
    bool opensInFull(int step) const;

    std::optional<output::DerivationData> m_derivation;
    bool m_stepping = false;
    int m_reached = 1;  // steps revealed in step-through mode
    ThemeColors m_colors;
    bool m_hasColors = false;
    QLabel* m_title;
    QLabel* m_summary;
    QPushButton* m_mode;
    QPushButton* m_previous;
    QPushButton* m_next;
    QLabel* m_position;
    QWidget* m_header;
    // Where each visible step's sides (-1: the result) were laid out last (for their tooltips
    // and clicks).
    mutable std::vector<std::pair<QRectF, int>> m_sideBoxes;
    // Where each visible step's note was laid out last (empty boxes for steps without one).
    mutable std::vector<QRectF> m_noteBoxes;
};

}  // namespace lemma::widgets
