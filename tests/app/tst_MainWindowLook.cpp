// The window as a person sees it: the tour and every example notebook, in the light and the
// dark palette, at a normal window size. Checks what can be checked from pixels in every run
// (the page follows the palette, no cell is blank, each cell state has a colour of its own)
// and, when LEMMA_SCREENSHOT_DIR is set, saves each picture there for a person to look at.
#include <QAbstractItemView>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QHash>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QScrollBar>
#include <QTest>
#include <QToolButton>
#include <cmath>
#include <memory>

#include <QTextCursor>
#include "app/Appearance.h"
#include "app/FileController.h"
#include "app/MainWindow.h"
#include "app/NotebookLoader.h"
#include "app/PreferencesDialog.h"
#include "app/ShortcutsDialog.h"
#include "support/GuiTest.h"
#include "widgets/notebook/CellGutter.h"
#include "widgets/notebook/CellView.h"
#include "widgets/notebook/CodeCompleter.h"
#include "widgets/notebook/NotebookView.h"

using namespace lemma;

namespace {

double lightness(const QImage& image, const QRect& r) {
    double sum = 0;
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); y += 4) {
        for (int x = r.left(); x <= r.right(); x += 4) {
            sum += QColor(image.pixel(x, y)).lightnessF();
            ++n;
        }
    }
    return n > 0 ? sum / n : 0;
}

// The most common colour of the image: its background.
QRgb background(const QImage& image) {
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            ++counts[image.pixel(x, y)];
    }
    QRgb best = 0;
    int most = -1;
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        if (it.value() > most) {
            most = it.value();
            best = it.key();
        }
    }
    return best;
}

int distance(const QColor& a, const QColor& b) {
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
           std::abs(a.blue() - b.blue());
}

// Blank: (almost) every pixel is the background.
bool blank(const QImage& image) {
    const QColor bg = QColor::fromRgb(background(image));
    int different = 0;
    int total = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            ++total;
            if (distance(QColor(image.pixel(x, y)), bg) > 60)
                ++different;
        }
    }
    return different < total / 200 + 3;
}

// The mean colour of what is drawn on the background (a gutter's number and mark).
QColor ink(const QImage& image) {
    const QColor bg = QColor::fromRgb(background(image));
    double r = 0, g = 0, b = 0;
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c(image.pixel(x, y));
            if (distance(c, bg) > 90) {
                r += c.red();
                g += c.green();
                b += c.blue();
                ++n;
            }
        }
    }
    return n == 0 ? bg : QColor(int(r / n), int(g / n), int(b / n));
}

}  // namespace

// A window at a normal size in the light or the dark palette, shown.
std::unique_ptr<app::MainWindow> openWindow(bool dark) {
    auto window = std::make_unique<app::MainWindow>();
    app::Preferences p = window->preferences();
    p.theme = dark ? app::Preferences::Theme::Dark : app::Preferences::Theme::Light;
    window->setPreferences(p);
    window->resize(1280, 860);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("the window was not exposed");
    return window;
}

class tst_MainWindowLook : public QObject {
    Q_OBJECT

private slots:
    void screenshots_data() {
        QTest::addColumn<QString>("example");
        QTest::addColumn<bool>("dark");
        for (const app::Example& e : app::exampleNotebooks()) {
            const QString name = QString::fromStdString(e.name);
            QTest::newRow(qPrintable(name + "-light")) << name << false;
            QTest::newRow(qPrintable(name + "-dark")) << name << true;
        }
    }

    // The states a cell can be in, on one screen: an error, a stale lazy cell, a running cell
    // with its stop button, hidden code and outputs; and the completion popup.
    void cellStates_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void cellStates() {
        QFETCH(bool, dark);
        const auto owned = openWindow(dark);
        app::MainWindow& window = *owned;
        app::LoadedNotebook loaded;
        loaded.displayName = "states.md";
        loaded.parsed = notebook::parseNotebook(
            "# Cell states\n\nAn error, with its line marked:\n\n"
            "```lemma\nx = [1 2 3];\ny = x * [4 5 6];\n```\n\n"
            "```lemma\nbase = 2\n```\n\n"
            "A lazy cell after its input changed:\n\n"
            "```lemma lazy\nsquared = base ^ 2\n```\n\n"
            "```lemma hide-code\nhidden = 1\n```\n\n"
            "```lemma\nk = 0;\nwhile true\n    k = k + 1;\nend\n```\n\n"
            "```lemma\nmat = magic_square = [8 1 6; 3 5 7; 4 9 2]\n```\n",
            "states.md");
        window.files()->show(std::move(loaded));
        QTest::qWait(300);
        widgets::NotebookModel* model = window.model();
        // Make the lazy cell stale: change its input.
        const int base = test::cellWith(model, "base = 2");
        QTextCursor c(model->document(base));
        c.movePosition(QTextCursor::End);
        c.insertText("0");
        model->flush();
        QTest::qWait(300);
        // Open the completion popup in the first code cell.
        const int first = test::cellWith(model, "y = x *");
        window.view()->selectCell(first);
        window.view()->enterEditMode();
        widgets::CodeEditor* editor = window.view()->cellView(first)->editor();
        editor->moveCursor(QTextCursor::End);
        QTest::keyClick(editor, Qt::Key_Return);
        QTest::keyClicks(editor, "z = so");
        QTest::qWait(200);
        const QImage image = window.grab().toImage();

        // Every state as it should be, each drawn in its own colour, nothing blank.
        using notebook::CellState;
        const std::pair<QString, CellState> expected[] = {
            {"y = x *", CellState::Error},
            {"squared = base", CellState::Stale},
            {"while true", CellState::Running},
            {"hidden = 1", CellState::Done},
        };
        QList<QColor> inks;
        for (const auto& [needle, state] : expected) {
            const int key = test::cellWith(model, needle);
            QVERIFY2(key, qPrintable(needle));
            QCOMPARE(model->state(key), state);
            widgets::CellView* cell = window.view()->cellView(key);
            QVERIFY2(!blank(cell->grab().toImage()), qPrintable(needle));
            inks << ink(cell->gutter()->grab().toImage());
        }
        for (int i = 0; i < inks.size(); ++i) {
            for (int j = i + 1; j < inks.size(); ++j)
                QVERIFY2(distance(inks[i], inks[j]) > 60,
                         qPrintable(QString("states %1 and %2 look alike: %3 and %4")
                                        .arg(i)
                                        .arg(j)
                                        .arg(inks[i].name(), inks[j].name())));
        }
        QVERIFY(!blank(image));
        widgets::CellView* running = window.view()->cellView(test::cellWith(model, "while true"));
        QVERIFY(running->stopButton()->isVisible());
        QVERIFY(window.view()
                    ->cellView(test::cellWith(model, "squared"))
                    ->notice()
                    .startsWith("Stale"));
        QVERIFY(window.findChild<widgets::CodeCompleter*>()->popup()->isVisible());
        const QString dir = qEnvironmentVariable("LEMMA_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            const QString base = dir + "/states" + (dark ? "-dark" : "-light");
            QVERIFY(image.save(base + ".png"));
            QWidget* popup = window.findChild<widgets::CodeCompleter*>()->popup();
            if (popup->isVisible())
                popup->grab().save(base + "-completion.png");
        }
        window.model()->cancel();
        window.files()->askToSave = [](const QString&) {
            return app::FileController::Answer::Discard;
        };
    }

    // The dialogs and the Cell menu, as pictures only.
    void dialogs() {
        const QString dir = qEnvironmentVariable("LEMMA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("LEMMA_SCREENSHOT_DIR is not set");
        app::MainWindow window;
        app::PreferencesDialog preferences(window.preferences(), &window);
        preferences.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preferences));
        preferences.grab().save(dir + "/preferences.png");
        app::ShortcutsDialog shortcuts(window.cellActions(), window.menuBar(), &window);
        shortcuts.show();
        QVERIFY(QTest::qWaitForWindowExposed(&shortcuts));
        shortcuts.grab().save(dir + "/shortcuts.png");
        QMenu* cell = window.menuBar()->actions()[2]->menu();
        cell->popup(QPoint(0, 0));
        QVERIFY(QTest::qWaitForWindowExposed(cell));
        cell->grab().save(dir + "/cell-menu.png");
        cell->hide();
        QMenu* file = window.menuBar()->actions()[0]->menu();
        file->popup(QPoint(0, 0));
        QVERIFY(QTest::qWaitForWindowExposed(file));
        file->grab().save(dir + "/file-menu.png");
        file->hide();
    }

    void screenshots() {
        QFETCH(QString, example);
        QFETCH(bool, dark);
        const auto owned = openWindow(dark);
        app::MainWindow& window = *owned;
        QVERIFY(window.files()->openExample(example));
        QVERIFY(test::settle(window.model(), 60000));
        QTest::qWait(100);

        const QImage image = window.grab().toImage();
        const QString dir = qEnvironmentVariable("LEMMA_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            const QString base =
                dir + "/" + QFileInfo(example).completeBaseName() + (dark ? "-dark" : "-light");
            QVERIFY(image.save(base + ".png"));
            // Further down the notebook too.
            auto* view = window.view();
            QScrollBar* bar = view->verticalScrollBar();
            for (int page = 1; page <= 16 && bar->value() < bar->maximum(); ++page) {
                bar->setValue(page * view->viewport()->height() * 9 / 10);
                QTest::qWait(50);
                window.grab().toImage().save(base + "-" + QString::number(page) + ".png");
            }
        }
        // The notebook page follows the palette: sample its left margin, beside the cells.
        const QRect page = window.view()->geometry();
        const double l =
            lightness(image, QRect(page.left() + 16, page.top() + 8, 16, page.height() - 16));
        if (dark)
            QVERIFY2(l < 0.35, qPrintable(QString::number(l)));
        else
            QVERIFY2(l > 0.75, qPrintable(QString::number(l)));
    }
};

QTEST_MAIN(tst_MainWindowLook)
#include "tst_MainWindowLook.moc"
