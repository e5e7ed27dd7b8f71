// The tick rules of figure axes on top of QCustomPlot's: whole-number steps for whole-number
// data, real minus signs, and tick counts chosen so that no two tick labels touch.
#pragma once

#include <qcustomplot.h>

namespace lemma::widgets {

// A linear ticker that, for data made of whole numbers (steps, token indices), never puts a
// tick between two whole numbers (no 2.5 or 0.5 steps), and writes negative numbers with a
// minus sign (U+2212) rather than a hyphen.
class FigureTicker : public QCPAxisTicker {
public:
    explicit FigureTicker(bool integral = false) : m_integral(integral) {}

    bool integral() const { return m_integral; }
    // A fixed tick step, or 0 for one chosen from the tick count.
    void setStep(double step) { m_step = step; }
    double step() const { return m_step; }

protected:
    double getTickStep(const QCPRange& range) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;

private:
    bool m_integral;
    double m_step = 0.0;
};

// Fits the ticks of a panel's horizontal axis x and vertical axis y (either may be null) to
// `pixels`, the size of their axis rect: the largest tick count that leaves a readable gap
// between neighbouring labels, no minor ticks on a log axis where decades are too close to hold
// them, and with `sameStep` one tick step on both axes (an equal-aspect panel's grid of
// squares: the finer of their steps when both can hold its labels, else the coarser). True when
// anything changed.
bool fitTicks(QCPAxis* x, QCPAxis* y, QSize pixels, bool sameStep);

}  // namespace lemma::widgets
