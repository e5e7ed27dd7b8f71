// The strip left of a cell: its number ("[3]") and a mark for its state; drag it to move the
// cell.
#pragma once

#include <QWidget>

#include "engine/notebook/CellState.h"
#include "widgets/notebook/Theme.h"

namespace lemma::widgets {

class CellGutter : public QWidget {
    Q_OBJECT
public:
    explicit CellGutter(bool code, QWidget* parent = nullptr);

    void setNumber(int number);
    void setState(notebook::CellState state);
    notebook::CellState state() const { return m_state; }
    // What the gutter shows: "[3]", or "[*]" while the cell is queued or running.
    QString label() const;
    void setColors(const ThemeColors& colors);
    // The vertical offset of the first text line, to align the number with it.
    void setTextTop(int top);

    QSize sizeHint() const override;

Q_SIGNALS:
    void dragRequested();
    void clicked();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    bool m_code;
    int m_number = 0;
    int m_textTop = 6;
    bool m_hover = false;
    notebook::CellState m_state = notebook::CellState::Idle;
    ThemeColors m_colors;
    QPoint m_pressPos;
    bool m_pressed = false;
};

}  // namespace lemma::widgets
