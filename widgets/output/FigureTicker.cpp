// Tick steps, labels and counts for figure axes.
#include "widgets/output/FigureTicker.h"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>

namespace lemma::widgets {

namespace {

constexpr double kLabelGap = 14.0;  // pixels between neighbouring labels along an axis
constexpr double kLineGap = 6.0;    // pixels between labels stacked up an axis
constexpr int kMinorDecade = 40;    // pixels a decade needs for its eight minor ticks

// The ticks `ticker` makes for the axis' range at its current tick count (within the range
// only) and their labels.
void ticksOf(QCPAxis* axis, QCPAxisTicker& ticker, QVector<double>& ticks,
             QVector<QString>& labels) {
    const QString format = axis->numberFormat();
    QVector<double> all;
    QVector<QString> allLabels;
    ticker.generate(axis->range(), axis->parentPlot()->locale(),
                    format.isEmpty() ? QLatin1Char('g') : format.at(0), axis->numberPrecision(),
                    all, nullptr, &allLabels);
    ticks.clear();
    labels.clear();
    for (qsizetype k = 0; k < all.size(); ++k) {
        if (axis->range().contains(all[k])) {
            ticks.append(all[k]);
            labels.append(k < allLabels.size() ? allLabels[k] : QString());
        }
    }
}

bool readable(QCPAxis* axis, bool horizontal, const QVector<double>& ticks,
              const QVector<QString>& labels, const QFontMetrics& fm) {
    for (qsizetype k = 1; k < ticks.size(); ++k) {
        const double distance =
            std::abs(axis->coordToPixel(ticks[k]) - axis->coordToPixel(ticks[k - 1]));
        const double needed =
            horizontal
                ? (fm.horizontalAdvance(labels[k]) + fm.horizontalAdvance(labels[k - 1])) / 2.0 +
                      kLabelGap
                : fm.height() + kLineGap;
        if (distance < needed)
            return false;
    }
    return true;
}

double tickStep(QCPAxis* axis) {
    QVector<double> ticks;
    QVector<QString> labels;
    ticksOf(axis, *axis->ticker(), ticks, labels);
    return ticks.size() >= 2 ? ticks[1] - ticks[0] : 0.0;
}

void fitTickCount(QCPAxis* axis, bool horizontal, int pixels) {
    const QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
    if (const auto own = ticker.dynamicCast<FigureTicker>())
        own->setStep(0.0);
    const int most = horizontal ? std::clamp(pixels / 70, 1, 8) : std::clamp(pixels / 45, 1, 8);
    const QFontMetrics fm(axis->tickLabelFont());
    QVector<double> ticks;
    QVector<QString> labels;
    // Ticks in the range for a count, or -1 when their labels would touch.
    auto attempt = [&](int count) {
        ticker->setTickCount(count);
        ticksOf(axis, *ticker, ticks, labels);
        return readable(axis, horizontal, ticks, labels, fm) ? static_cast<int>(ticks.size()) : -1;
    };
    // Preferred: the most readable ticks up to `most`, at least two of them; then two or more
    // from a higher count (a short axis over an awkward range); then a single tick; then, on an
    // axis too short for any, two labels that touch.
    int chosen = 0, single = 0, crowded = 0;
    for (int count = most; count >= 1 && !chosen; --count) {
        const int n = attempt(count);
        if (n >= 2)
            chosen = count;
        else if (n == 1 && !single)
            single = count;
        else if (n == -1 && !crowded)
            crowded = count;
    }
    for (int count = most + 1; !chosen && count <= 10; ++count) {
        if (attempt(count) >= 2)
            chosen = count;
    }
    ticker->setTickCount(chosen ? chosen : (single ? single : (crowded ? crowded : most)));
    if (const auto log = ticker.dynamicCast<QCPAxisTickerLog>()) {
        // Minor ticks at 2…9 × 10ⁿ only where the major ticks are single decades far enough
        // apart; elsewhere they would smear into a dark bar (or, between 1-2-5 ticks, fall in
        // the wrong places).
        ticksOf(axis, *ticker, ticks, labels);
        const QCPRange range = axis->range();
        const double decade = pixels / std::max(1e-9, std::log10(range.upper / range.lower));
        const bool decadeSteps = ticks.size() < 2 || std::abs(ticks[1] / ticks[0] - 10.0) < 0.5;
        log->setSubTickCount(decadeSteps && decade >= kMinorDecade ? 8 : 0);
    }
}

void shareTickStep(QCPAxis* x, QCPAxis* y) {
    const auto tx = x->ticker().dynamicCast<FigureTicker>();
    const auto ty = y->ticker().dynamicCast<FigureTicker>();
    const double sx = tickStep(x), sy = tickStep(y);
    if (!tx || !ty || sx <= 0.0 || sy <= 0.0)
        return;
    // The finer step where both axes can still hold its labels, else the coarser.
    const QFontMetrics fm(x->tickLabelFont());
    const double fine = std::min(sx, sy);
    tx->setStep(fine);
    ty->setStep(fine);
    QVector<double> ticks;
    QVector<QString> labels;
    ticksOf(x, *tx, ticks, labels);
    bool fits = readable(x, true, ticks, labels, fm);
    ticksOf(y, *ty, ticks, labels);
    fits = fits && readable(y, false, ticks, labels, fm);
    if (!fits) {
        tx->setStep(std::max(sx, sy));
        ty->setStep(std::max(sx, sy));
    }
}

// What the tick rules decide for an axis, to tell whether a fit changed anything.
struct TickState {
    int count = 0;
    double step = 0.0;
    int minor = 0;

    explicit TickState(QCPAxis* axis) {
        if (!axis)
            return;
        count = axis->ticker()->tickCount();
        if (const auto own = axis->ticker().dynamicCast<FigureTicker>())
            step = own->step();
        if (const auto log = axis->ticker().dynamicCast<QCPAxisTickerLog>())
            minor = log->subTickCount();
    }
    bool operator==(const TickState&) const = default;
};

}  // namespace

double FigureTicker::getTickStep(const QCPRange& range) {
    if (m_step > 0.0)
        return m_step;
    const double step = QCPAxisTicker::getTickStep(range);
    // Zoomed in closer than two whole numbers, fractions are all there is to show.
    if (!m_integral || step >= 10.0 || range.size() < 2.0)
        return step;
    // The whole step of 1, 2, 5 or 10 that comes closest to the wanted number of ticks.
    const double wanted = std::max(1, mTickCount);
    double best = 1.0;
    for (const double candidate : {2.0, 5.0, 10.0}) {
        if (std::abs(range.size() / candidate - wanted) < std::abs(range.size() / best - wanted))
            best = candidate;
    }
    return best;
}

QString FigureTicker::getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                                   int precision) {
    QString label = QCPAxisTicker::getTickLabel(tick, locale, formatChar, precision);
    if (label.startsWith(QLatin1Char('-')))
        label[0] = QChar(0x2212);
    return label;
}

bool fitTicks(QCPAxis* x, QCPAxis* y, QSize pixels, bool sameStep) {
    const TickState beforeX(x), beforeY(y);
    if (x)
        fitTickCount(x, true, pixels.width());
    if (y)
        fitTickCount(y, false, pixels.height());
    if (x && y && sameStep)
        shareTickStep(x, y);
    return !(TickState(x) == beforeX) || !(TickState(y) == beforeY);
}

}  // namespace lemma::widgets
