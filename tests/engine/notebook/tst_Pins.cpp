// Pinned settings: kept in the cell's options, recomputed from them (also after save and
// open), overlaid faded with a legend naming what differs, at most eight, cleared at once.
#include <QtTest>

#include <memory>

#include "engine/lang/SourceEdit.h"
#include "engine/notebook/NotebookFormat.h"
#include "engine/notebook/Pins.h"
#include "engine/notebook/Session.h"
#include "engine/output/Figure.h"

using namespace lemma::notebook;
using lemma::output::Figure;
using lemma::output::Line;
using lemma::output::Outputs;

namespace {

std::vector<CellId> ids(const Session& s) {
    std::vector<CellId> out;
    for (const Cell& c : s.notebook().cells()) {
        if (c.isCode())
            out.push_back(c.id());
    }
    return out;
}

std::shared_ptr<const Figure> firstFigure(const Outputs& outputs) {
    for (const auto& o : outputs) {
        if (const auto* rich = std::get_if<lemma::output::Rich>(&o)) {
            if (auto f = std::dynamic_pointer_cast<const Figure>(rich->object))
                return f;
        }
    }
    return nullptr;
}

// The labels of the first panel's series, in order.
QStringList labels(const Figure& f) {
    QStringList out;
    for (const auto& s : f.panels.front().series)
        out << QString::fromStdString(s.label);
    return out;
}

std::vector<double> ysOf(const Figure& f, std::size_t series) {
    return std::get<Line>(f.panels.front().series.at(series).data).y;
}

// A control in one cell and the figure in the next: a pin recomputes the chain.
const char* kTwoCells =
    "---\ntitle: pins\n---\n"
    "```lemma\nk = slider(1, 10, value=2, step=1)\n```\n\n"
    "Some prose.\n\n"
    "```lemma\nfigure(title=\"lines\")\nplot([1 2 3], k * [1 2 3], "
    "label=\"now\")\nplot([1 2 3], [0 0 0], label=\"zero\")\n```\n";

void moveControl(Session& s, CellId cell, const std::string& literal) {
    const auto edited =
        lemma::lang::replaceControlValue(s.notebook().find(cell)->source(), 0, literal);
    QVERIFY(edited);
    s.edit(cell, *edited);
    s.wait();
}

}  // namespace

class tst_Pins : public QObject {
    Q_OBJECT

private slots:
    void pinOptionsRoundTrip() {
        const std::string info = "lemma hide-code pin=\"B=256\" id=x pin=\"lr=0.1 opt='a b'\"";
        const std::vector<Pin> pins = pinsOf(info);
        QCOMPARE(pins.size(), std::size_t(2));
        QCOMPARE(pins[0], (Pin{{"B", "256"}}));
        QCOMPARE(pins[1], (Pin{{"lr", "0.1"}, {"opt", "'a b'"}}));
        QCOMPARE(withoutPins(info), std::string("lemma hide-code id=x"));
        QCOMPARE(withPin("lemma", pins[1]), std::string("lemma pin=\"lr=0.1 opt='a b'\""));
        QCOMPARE(pinsOf(withPin("lemma", pins[1])), std::vector<Pin>{pins[1]});
        QCOMPARE(pinLiteral("\"adam\""), std::string("'adam'"));
        QCOMPARE(pinDifference(pins[1], Pin{{"lr", "1e-1"}, {"opt", "'x'"}}),
                 std::string("opt = 'a b'"));
        QCOMPARE(pinDifference(pins[0], Pin{{"B", "256.0"}}), std::string());
    }

    void controlCallsNameTheirAssignments() {
        const auto calls = lemma::lang::controlCalls(
            "B = slider(8, 1024, value=64, scale=\"log\")\nx = 2 * slider(0, 1);\n"
            "c = choice({\"a\", \"b\"}, value=\"b\"); t = toggle()\ns.slider(1)\n");
        QCOMPARE(calls.size(), std::size_t(4));
        QCOMPARE(calls[0].name, std::string("B"));
        QCOMPARE(calls[0].value, std::string("64"));
        QCOMPARE(calls[1].name, std::string());
        QCOMPARE(calls[2].name, std::string("c"));
        QCOMPARE(calls[2].value, std::string("\"b\""));
        QCOMPARE(calls[3].name, std::string("t"));
        QCOMPARE(calls[3].value, std::string());
    }

    void pinnedCurvesOverlayLaterRuns() {
        Session s;
        s.load(parseNotebook(kTwoCells).notebook);
        s.runAllBlocking();
        const auto cells = ids(s);
        const Session::PinResult pin = s.pinnedInfo(cells[1]);
        QCOMPARE(pin.error, std::string());
        QCOMPARE(pin.info, std::string("lemma pin=\"k=2\""));
        s.setInfoString(cells[1], pin.info);
        s.wait();
        // Nothing differs yet: no overlay.
        QCOMPARE(firstFigure(s.outputs(cells[1]))->pinned, 0);

        moveControl(s, cells[0], "5");
        const auto f = firstFigure(s.outputs(cells[1]));
        QVERIFY(f);
        QCOMPARE(f->pinned, 1);
        // The pinned line under the current ones; the unchanged zero line is not repeated.
        QCOMPARE(labels(*f), (QStringList{"pinned: k = 2", "now", "zero"}));
        QCOMPARE(ysOf(*f, 0), (std::vector<double>{2, 4, 6}));
        QCOMPARE(ysOf(*f, 1), (std::vector<double>{5, 10, 15}));
        QVERIFY(f->panels.front().series[0].style.line == lemma::output::LineStyle::Dashed);
        // The session's globals keep the current value.
        QCOMPARE(s.globals()->at("k").real()(0, 0), 5.0);
    }

    void pinsAreSavedAsControlValuesAndRecomputedOnOpen() {
        std::string saved;
        {
            Session s;
            s.load(parseNotebook(kTwoCells).notebook);
            s.runAllBlocking();
            const auto cells = ids(s);
            s.setInfoString(cells[1], s.pinnedInfo(cells[1]).info);
            s.wait();
            moveControl(s, cells[0], "7");
            s.setInfoString(cells[1], s.pinnedInfo(cells[1]).info);
            s.wait();
            moveControl(s, cells[0], "3");
            saved = serializeNotebook(s.notebook());
        }
        QVERIFY(saved.find("```lemma pin=\"k=2\" pin=\"k=7\"\n") != std::string::npos);
        // Reading and writing changes no byte.
        QCOMPARE(serializeNotebook(parseNotebook(saved).notebook), saved);

        Session opened;
        opened.load(parseNotebook(saved).notebook);
        opened.runAllBlocking();
        const auto f = firstFigure(opened.outputs(ids(opened)[1]));
        QVERIFY(f);
        QCOMPARE(f->pinned, 2);
        QCOMPARE(labels(*f), (QStringList{"pinned: k = 7", "pinned: k = 2", "now", "zero"}));
        QCOMPARE(ysOf(*f, 0), (std::vector<double>{7, 14, 21}));
        QCOMPARE(ysOf(*f, 1), (std::vector<double>{2, 4, 6}));
        QCOMPARE(ysOf(*f, 2), (std::vector<double>{3, 6, 9}));
    }

    void aControlInTheCellItselfIsPinnedToo() {
        Session s;
        s.load(parseNotebook("```lemma\nB = slider(8, 1024, value=64, scale=\"log\");\n"
                             "opt = choice({\"sgd\", \"adam\"}, value=\"sgd\");\n"
                             "figure()\nplot(1:2, [B isequal(opt, \"adam\")])\n```\n")
                   .notebook);
        s.runAllBlocking();
        const CellId cell = ids(s)[0];
        const Session::PinResult pin = s.pinnedInfo(cell);
        QCOMPARE(pin.info, std::string("lemma pin=\"B=64 opt='sgd'\""));
        s.setInfoString(cell, pin.info);
        s.wait();
        auto source =
            lemma::lang::replaceControlValue(s.notebook().find(cell)->source(), 1, "\"adam\"");
        QVERIFY(source);
        s.edit(cell, *source);
        s.wait();
        const auto f = firstFigure(s.outputs(cell));
        QVERIFY(f);
        QCOMPARE(labels(*f), (QStringList{"pinned: opt = 'sgd'", ""}));
        QCOMPARE(ysOf(*f, 0), (std::vector<double>{64, 0}));
        QCOMPARE(ysOf(*f, 1), (std::vector<double>{64, 1}));
    }

    void aNinthPinIsRefusedAndOneCallClearsThemAll() {
        Session s;
        s.load(parseNotebook(kTwoCells).notebook);
        s.runAllBlocking();
        const auto cells = ids(s);
        const std::string original = s.notebook().find(cells[1])->infoString();
        for (int k = 1; k <= 8; ++k) {
            moveControl(s, cells[0], std::to_string(k));
            const Session::PinResult pin = s.pinnedInfo(cells[1]);
            QCOMPARE(pin.error, std::string());
            s.setInfoString(cells[1], pin.info);
            s.wait();
        }
        QCOMPARE(pinsOf(s.notebook().find(cells[1])->infoString()).size(), std::size_t(8));
        moveControl(s, cells[0], "9");
        const Session::PinResult ninth = s.pinnedInfo(cells[1]);
        QCOMPARE(ninth.info, std::string());
        QCOMPARE(ninth.error,
                 std::string("cell 2 already has 8 pins, the most it can hold: clear them first"));
        QCOMPARE(firstFigure(s.outputs(cells[1]))->pinned, 8);

        s.setInfoString(cells[1], s.unpinnedInfo(cells[1]));
        s.wait();
        QCOMPARE(s.notebook().find(cells[1])->infoString(), original);
        const auto f = firstFigure(s.outputs(cells[1]));
        QCOMPARE(f->pinned, 0);
        QCOMPARE(labels(*f), (QStringList{"now", "zero"}));
    }

    void refusals() {
        Session s;
        s.load(parseNotebook(kTwoCells).notebook);
        s.runAllBlocking();
        const auto cells = ids(s);
        s.setInfoString(cells[1], s.pinnedInfo(cells[1]).info);
        s.wait();
        QCOMPARE(s.pinnedInfo(cells[1]).error,
                 std::string("these settings are already pinned (k=2)"));

        Session plain;
        plain.load(parseNotebook("```lemma\nfigure()\nplot([1 2])\n```\n").notebook);
        plain.runAllBlocking();
        QCOMPARE(plain.pinnedInfo(ids(plain)[0]).error,
                 std::string("nothing to pin: cell 1 and the cells it reads have no named "
                             "control (such as lr = slider(…))"));
    }
};

QTEST_APPLESS_MAIN(tst_Pins)
#include "tst_Pins.moc"
