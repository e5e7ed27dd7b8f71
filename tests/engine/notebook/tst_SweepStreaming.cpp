// A running sweep streams its curves into the cell: partial outputs (the cell's outputs so far
// and a figure of every configuration's full loss up to the last evaluation) reach the
// listener before the cell finishes, and the finished outputs replace them.
#include <QtTest>

#include <mutex>

#include "engine/notebook/NotebookFormat.h"
#include "engine/notebook/Session.h"
#include "engine/output/Figure.h"

using namespace lemma::notebook;
using lemma::output::Figure;
using lemma::output::Line;
using lemma::output::Outputs;

namespace {

// The partial and finished outputs of each cell, in the order they arrived.
class Recorder : public SessionListener {
public:
    struct Event {
        bool finished = false;
        Outputs outputs;
    };
    void cellPartial(CellId, const Outputs& outputs) override {
        std::lock_guard lock(m_mutex);
        m_events.push_back({false, outputs});
    }
    void cellFinished(CellId, CellState, const Outputs& outputs) override {
        std::lock_guard lock(m_mutex);
        m_events.push_back({true, outputs});
    }
    std::vector<Event> events() {
        std::lock_guard lock(m_mutex);
        return m_events;
    }

private:
    std::mutex m_mutex;
    std::vector<Event> m_events;
};

std::shared_ptr<const Figure> lastFigure(const Outputs& outputs) {
    std::shared_ptr<const Figure> figure;
    for (const auto& o : outputs) {
        if (const auto* rich = std::get_if<lemma::output::Rich>(&o)) {
            if (auto f = std::dynamic_pointer_cast<const Figure>(rich->object))
                figure = f;
        }
    }
    return figure;
}

}  // namespace

class tst_SweepStreaming : public QObject {
    Q_OBJECT

private slots:
    void curvesArriveBeforeTheEnd() {
        Recorder recorder;
        Session s(&recorder);
        s.load(parseNotebook("```lemma\ndisp(\"before\")\n"
                             "task = logistic(n=2000, d=10, noise=1, seed=3);\n"
                             "r = sweep(task, optimizers={\"sgd\", \"adam\"}, lrs=0.1, "
                             "batches=[16 64], seeds=2, steps=200, eval_every=10);\n"
                             "disp(\"after\")\n```\n")
                   .notebook);
        s.runAllBlocking();
        const std::vector<Recorder::Event> events = recorder.events();
        QVERIFY(events.size() >= 2);
        QVERIFY(events.back().finished);
        QVERIFY(!events.front().finished);
        std::size_t partials = 0;
        for (const Recorder::Event& e : events)
            partials += e.finished ? 0 : 1;
        QCOMPARE(partials + 1, events.size());

        // The first partial: what the cell printed so far, then the curves after one round.
        const Outputs& first = events.front().outputs;
        QCOMPARE(first.size(), std::size_t(2));
        QCOMPARE(std::get<lemma::output::Text>(first[0]).text, std::string("before\n"));
        const auto figure = lastFigure(first);
        QVERIFY(figure);
        QCOMPARE(figure->title, std::string("sweep running: 10 of 200 steps"));
        const auto& series = figure->panels.front().series;
        QCOMPARE(series.size(), std::size_t(4));  // 2 optimizers × 2 batch sizes
        QCOMPARE(series[0].label, std::string("sgd, lr 0.1, |B| 16"));
        QCOMPARE(series[3].label, std::string("adam, lr 0.1, |B| 64"));
        const Line& line = std::get<Line>(series[0].data);
        QCOMPARE(line.x, (std::vector<double>{0, 10}));
        QVERIFY(std::isfinite(line.y[0]) && std::isfinite(line.y[1]));
        // Every configuration starts from the same point: the same full loss at step 0.
        QCOMPARE(std::get<Line>(series[3].data).y[0], line.y[0]);

        // Later partials only grow; the finished outputs have no partial figure.
        std::size_t points = 0;
        for (const Recorder::Event& e : events) {
            if (e.finished)
                continue;
            const std::size_t n =
                std::get<Line>(lastFigure(e.outputs)->panels[0].series[0].data).x.size();
            QVERIFY(n > points);
            points = n;
        }
        QVERIFY(!lastFigure(events.back().outputs));
        QCOMPARE(std::get<lemma::output::Text>(events.back().outputs.back()).text,
                 std::string("after\n"));
    }
};

QTEST_APPLESS_MAIN(tst_SweepStreaming)
#include "tst_SweepStreaming.moc"
