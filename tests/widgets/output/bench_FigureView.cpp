// Replotting a 1,000,000-point loss curve: a full replot, a pan (shifted range) and an export
// to an image. Not a timed test: it reports, the reader judges (a pan should stay well under a
// frame, 16 ms).
#include <qcustomplot.h>

#include <QtTest>
#include <cmath>

#include "engine/output/Figure.h"
#include "widgets/output/FigurePainter.h"
#include "widgets/output/FigureView.h"

using namespace lemma;

namespace {

std::shared_ptr<const output::Figure> lossCurve(std::size_t n) {
    auto figure = std::make_shared<output::Figure>();
    figure->title = "1e6-point loss";
    output::Axes& axes = figure->panels.front();
    axes.y.log = true;
    output::Line line;
    line.x.resize(n);
    line.y.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        const double t = static_cast<double>(k);
        line.x[k] = t;
        // A decaying loss with step-to-step noise, as minibatch training gives.
        line.y[k] = 2.0 * std::exp(-t / 2e5) + 0.05 + 0.02 * std::sin(t * 12.9898) * std::sin(t);
    }
    output::Style style;
    style.color = output::paletteColor(0);
    axes.series.push_back(output::Series{"loss", style, std::move(line)});
    return figure;
}

}  // namespace

class BenchFigureView : public QObject {
    Q_OBJECT

private slots:
    void replot() {
        widgets::FigureView view(lossCurve(1'000'000));
        view.resize(800, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QBENCHMARK {
            view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        }
    }

    void pan() {
        widgets::FigureView view(lossCurve(1'000'000));
        view.resize(800, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCPAxis* x = view.plot()->axisRects().front()->axis(QCPAxis::atBottom);
        double shift = 1000;
        QBENCHMARK {
            x->moveRange(shift);
            shift = -shift;
            view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        }
    }

    void exportImage() {
        widgets::FigureView view(lossCurve(1'000'000));
        view.resize(800, 500);
        QBENCHMARK {
            widgets::FigurePainter::toImage(*view.plot(), QSize(800, 500), 96);
        }
    }
};

QTEST_MAIN(BenchFigureView)
#include "bench_FigureView.moc"
