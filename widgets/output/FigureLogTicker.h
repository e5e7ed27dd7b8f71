// Ticks for a log axis that spans few decades: powers of ten alone would leave it with two or
// three labels.
#pragma once

#include <qcustomplot.h>

namespace lemma::widgets {

// A log ticker that, over fewer than about two and a half decades and with room for four or
// more ticks, puts them at 1, 2 and 5 times the powers of ten and labels them as plain numbers
// (0.05, 0.1, 0.2 …); otherwise it is QCustomPlot's, with powers of ten.
class FigureLogTicker : public QCPAxisTickerLog {
protected:
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;

private:
    bool m_dense = false;  // the last range got the 1-2-5 ticks
};

}  // namespace lemma::widgets
