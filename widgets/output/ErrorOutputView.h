// An error of a cell: red, with where it happened and a link that puts the cursor there.
#pragma once

#include <QColor>
#include <QFrame>

#include "widgets/output/OutputPart.h"

class QLabel;

namespace lemma::widgets {

// Responsibilities: show one error's message and position; offer "Go to line N", which asks
// (through activated) for the cell's editor to show that place.
class ErrorOutputView : public QFrame, public OutputPart {
    Q_OBJECT
public:
    explicit ErrorOutputView(QWidget* parent = nullptr);

    QWidget* widget() override { return this; }
    bool setOutputs(const output::Outputs& outputs) override;
    void setColors(const ThemeColors& colors) override;

    int line() const { return m_line; }
    QLabel* title() const { return m_title; }
    QLabel* message() const { return m_message; }
    QLabel* link() const { return m_link; }

Q_SIGNALS:
    void activated(int line, int column);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void showLink();

    QLabel* m_title;
    QLabel* m_message;
    QLabel* m_link;
    int m_line = 0;
    int m_column = 0;
    QColor m_linkColor;
};

}  // namespace lemma::widgets
