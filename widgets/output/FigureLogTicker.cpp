// Log ticks at 1, 2 and 5 times the powers of ten over short ranges.
#include "widgets/output/FigureLogTicker.h"

#include <cmath>

namespace lemma::widgets {

namespace {

constexpr double kDenseDecades = 2.5;
constexpr int kDenseTicks = 4;  // the tick count below which a short range keeps the decades

}  // namespace

QVector<double> FigureLogTicker::createTickVector(double tickStep, const QCPRange& range) {
    const double decades = std::log10(range.upper / range.lower);
    m_dense = range.lower > 0 && decades < kDenseDecades && mTickCount >= kDenseTicks;
    if (!m_dense)
        return QCPAxisTickerLog::createTickVector(tickStep, range);
    QVector<double> ticks;
    // One tick beyond each end, as QCustomPlot's tickers make them (it trims them later).
    const int first = static_cast<int>(std::floor(std::log10(range.lower))) - 1;
    const int last = static_cast<int>(std::ceil(std::log10(range.upper)));
    for (int e = first; e <= last; ++e) {
        for (const double m : {1.0, 2.0, 5.0})
            ticks.append(m * std::pow(10.0, e));
    }
    return ticks;
}

QString FigureLogTicker::getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                                      int precision) {
    if (!m_dense)
        return QCPAxisTickerLog::getTickLabel(tick, locale, formatChar, precision);
    return locale.toString(tick, 'g', 6);
}

}  // namespace lemma::widgets
