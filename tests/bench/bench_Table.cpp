// Lemma's side of `make bench` (scripts/run-benchmarks.sh): one workload per invocation,
// printed as "seconds <t>" (or "value <x>"), so the script can alternate Lemma, NumPy and
// Octave round by round. Engine workloads run through a notebook Session, as a person's cell
// would (argument passing, the worker publishing its globals, and so on); window workloads
// build the real window offscreen.
#include <dlfcn.h>
#include <sys/resource.h>
#include <unistd.h>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSlider>
#include <QTest>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/FileController.h"
#include "app/MainWindow.h"
#include "app/NotebookLoader.h"
#include "app/Startup.h"
#include "engine/notebook/NotebookFormat.h"
#include "engine/notebook/Session.h"
#include "support/GuiTest.h"
#include "widgets/notebook/NotebookModel.h"
#include "widgets/notebook/NotebookView.h"
#include "widgets/output/ControlView.h"
#include "widgets/output/FigureView.h"

using namespace lemma;

namespace {

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct Workload {
    std::string setup;    // runs once, untimed
    std::string measure;  // the timed cell
};

// The Lemma text of each engine workload; the NumPy and Octave scripts beside this file do
// the same work.
const std::map<std::string, Workload>& workloads() {
    static const std::map<std::string, Workload> w = {
        {"attention", {"X = randn(2048, 64);", "A = attention(X, X);"}},
        {"randn", {"", "Z = randn(4096, 4096);"}},
        {"rsvd", {"W = randn(4096, 4096);", "[U, s, V] = rsvd(W, 64, oversample=10, power=2);"}},
        {"lowrank", {"W = randn(1024, 1024);", "L = lowrank(W, 64);"}},
        {"spectrum", {"X = randn(2048, 64);\nA = attention(X, X).weights;", "S = spectrum(A);"}},
        {"spectrum_k6",
         {"X = randn(2048, 64);\nA = attention(X, X).weights;", "S = spectrum(A, k=6);"}},
        {"gemm2048", {"A = randn(2048, 2048);\nB = randn(2048, 2048);", "C = A * B;"}},
        {"svd1024", {"W = randn(1024, 1024);", "[U, S, V] = svd(W);"}},
        {"svd2048", {"W = randn(2048, 2048);", "[U, S, V] = svd(W);"}},
        {"eig1024", {"W = randn(1024, 1024);", "e = eig_gen(W);"}},
        {"eig2048", {"W = randn(2048, 2048);", "e = eig_gen(W);"}},
        {"loop", {"", "s = 0;\nfor i = 1:1e6\n    s = s + i * 2;\nend"}},
        {"calls", {"f = @(x) x * 2 + 1;", "s = 0;\nfor i = 1:1e6\n    s = s + f(i);\nend"}},
    };
    return w;
}

std::string codeCell(const std::string& code) {
    return "```lemma\n" + code + "\n```\n\n";
}

// Runs the setup, then the measured cell `rounds` times; prints each time.
int runEngine(const std::string& name, int rounds) {
    const auto it = workloads().find(name);
    if (it == workloads().end()) {
        std::fprintf(stderr, "unknown workload %s\n", name.c_str());
        return 2;
    }
    std::string text = "# bench\n\n";
    if (!it->second.setup.empty()) {
        text += codeCell(it->second.setup);
    }
    text += codeCell(it->second.measure);
    notebook::Session session;
    session.load(notebook::parseNotebook(text, "bench.md").notebook);
    session.runAllBlocking();
    notebook::CellId measured{};
    for (const auto& cell : session.notebook().cells()) {
        if (cell.isCode()) {
            if (session.state(cell.id()) != notebook::CellState::Done) {
                std::fprintf(stderr, "%s: a cell failed\n", name.c_str());
                return 1;
            }
            measured = cell.id();
        }
    }
    for (int r = 0; r < rounds; ++r) {
        const double t0 = now();
        session.run(measured);
        session.wait();
        std::printf("seconds %.6f\n", now() - t0);
    }
    return 0;
}

// CPU time of all threads of this process so far.
double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

long residentBytes() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return resident * sysconf(_SC_PAGESIZE);
}

// Peak memory of the attention notebook at n = 2048 beyond its input, in matrices of n²
// doubles.
int runMemory() {
    const std::string text = "# memory\n\n" + codeCell("X = randn(2048, 64);") +
                             codeCell("A = attention(X, X);") +
                             codeCell("S = spectrum(A.weights, k=6);");
    notebook::Session session;
    notebook::Notebook nb = notebook::parseNotebook(text, "memory.md").notebook;
    session.load(nb);
    const auto cells = session.notebook().cells();
    session.run(cells[1].id());
    session.wait();
    const long before = residentBytes();
    for (std::size_t i = 2; i < cells.size(); ++i) {
        session.run(cells[i].id());
    }
    session.wait();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double peak = static_cast<double>(usage.ru_maxrss) * 1024.0;
    std::printf("value %.2f\n", (peak - static_cast<double>(before)) / (2048.0 * 2048.0 * 8.0));
    return 0;
}

// Seconds since this process was started by the kernel (exec, dynamic linking and all).
double sinceProcessStart() {
    std::ifstream stat("/proc/self/stat");
    std::string line;
    std::getline(stat, line);
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string field;
    for (int i = 3; i <= 22; ++i) {
        fields >> field;
    }
    const double started = std::stod(field) / static_cast<double>(sysconf(_SC_CLK_TCK));
    timespec ts{};
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9 - started;
}

// Records when figures and the window paint.
class PaintWatch : public QObject {
public:
    double lastFigurePaint = 0.0;
    double firstWindowPaint = 0.0;
    QWidget* window = nullptr;
    const double* trace = nullptr;  // when set, each figure paint is printed relative to it

    bool eventFilter(QObject* object, QEvent* event) override {
        if (event->type() != QEvent::Paint) {
            return false;
        }
        auto* widget = qobject_cast<QWidget*>(object);
        if (!widget) {
            return false;
        }
        // A figure paints through its children (the plot); any of them counts.
        for (QWidget* w = widget; w; w = w->parentWidget()) {
            if (qobject_cast<widgets::FigureView*>(w)) {
                lastFigurePaint = now();
                if (trace) {
                    std::fprintf(stderr, "  %7.1f ms paint %s\n", (lastFigurePaint - *trace) * 1e3,
                                 widget->metaObject()->className());
                }
                break;
            }
        }
        if (window && firstWindowPaint == 0.0 && widget->window() == window) {
            firstWindowPaint = now();
        }
        return false;
    }
};

// BENCH_TRACE: an application that prints every event the window spends more than 3 ms on.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;
    const double* trace = nullptr;

    bool notify(QObject* receiver, QEvent* event) override {
        if (!trace) {
            return QApplication::notify(receiver, event);
        }
        const double t0 = now();
        const int type = event->type();
        const bool result = QApplication::notify(receiver, event);
        const double t1 = now();
        if (t1 - t0 > 0.003) {
            std::fprintf(stderr, "  %7.1f ms event %d to %s took %.1f ms\n", (t0 - *trace) * 1e3,
                         type, receiver->metaObject()->className(), (t1 - t0) * 1e3);
        }
        return result;
    }
};

int runStartup(int argc, char** argv) {
    const double tMain = now();
    TimedApplication application(argc, argv);
    PaintWatch watch;
    application.installEventFilter(&watch);
    app::StartupDialogs dialogs;
    dialogs.restore = [](const app::RecoveryEntry&) { return false; };
    const double t0 = now();
    // BENCH_TRACE=1: the phases of the start and every event that took more than 3 ms.
    const bool trace = qEnvironmentVariableIsSet("BENCH_TRACE");
    if (trace) {
        application.trace = &t0;
        std::fprintf(stderr, "  before main %.1f ms, QApplication %.1f ms\n",
                     (sinceProcessStart() - (now() - tMain)) * 1e3, (t0 - tMain) * 1e3);
    }
    const auto windows = app::openStartupWindows({}, dialogs);
    if (windows.empty()) {
        return 1;
    }
    if (trace) {
        std::fprintf(stderr, "  %7.1f ms windows built\n", (now() - t0) * 1e3);
    }
    watch.window = windows.front();
    for (app::MainWindow* w : windows) {
        w->show();
    }
    if (trace) {
        std::fprintf(stderr, "  %7.1f ms shown\n", (now() - t0) * 1e3);
    }
    if (!QTest::qWaitFor([&] { return watch.firstWindowPaint != 0.0; }, 10000)) {
        return 1;
    }
    const double inProcess = watch.firstWindowPaint - t0;
    if (trace) {
        std::fprintf(stderr, "  %7.1f ms first paint\n", inProcess * 1e3);
    }
    // The process had already run for sinceProcessStart() − (now() − t0) before t0.
    const double before = sinceProcessStart() - (now() - t0);
    std::printf("seconds %.6f\n", before + inProcess);
    // The CPU time of all threads until then: on a loaded machine the wall clock also counts
    // the time other processes held the cores.
    std::printf("cpu %.6f\n", cpuSeconds());
    for (app::MainWindow* w : windows) {
        delete w;
    }
    return 0;
}

// A slider step in an example notebook until its figures have repainted.
int runSlider(int argc, char** argv, const std::string& example, int rounds) {
    TimedApplication application(argc, argv);
    PaintWatch watch;
    application.installEventFilter(&watch);
    app::MainWindow w;
    w.resize(1400, 1100);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w)) {
        return 1;
    }
    if (example == "tour") {
        w.openTour();
    } else {
        app::initResources();
        w.files()->show(app::loadExample(example + ".md"));
    }
    widgets::NotebookModel* model = w.model();
    if (!test::settle(model, 120000)) {
        return 1;
    }
    QSlider* slider = nullptr;
    for (widgets::ControlView* control : w.findChildren<widgets::ControlView*>()) {
        if (control->slider()) {
            slider = control->slider();
            break;
        }
    }
    if (!slider) {
        std::fprintf(stderr, "%s: no slider\n", example.c_str());
        return 1;
    }
    // The figure the slider drives is the first one below it: bring both into view (a figure
    // outside the viewport never paints).
    QWidget* page = w.view()->widget();
    const int sliderY = slider->mapTo(page, QPoint(0, 0)).y();
    widgets::FigureView* figure = nullptr;
    int figureY = 0;
    for (widgets::FigureView* f : w.findChildren<widgets::FigureView*>()) {
        const int y = f->mapTo(page, QPoint(0, 0)).y();
        if (f->isVisible() && y > sliderY && (!figure || y < figureY)) {
            figure = f;
            figureY = y;
        }
    }
    if (!figure) {
        std::fprintf(stderr, "%s: no figure below the slider\n", example.c_str());
        return 1;
    }
    w.view()->ensureWidgetVisible(figure, 0, 0);
    w.view()->ensureWidgetVisible(slider, 0, 0);
    QTest::qWait(300);
    // BENCH_TRACE=1: when each cell's state and outputs changed (after the window handled
    // them) and when figures painted, relative to the slider step.
    const bool trace = qEnvironmentVariableIsSet("BENCH_TRACE");
    double t0 = 0.0;
    if (trace) {
        QObject::connect(model, &widgets::NotebookModel::stateChanged, [&](int key) {
            std::fprintf(stderr, "  %7.1f ms state of %d\n", (now() - t0) * 1e3, key);
        });
        QObject::connect(model, &widgets::NotebookModel::outputsChanged, [&](int key) {
            std::fprintf(stderr, "  %7.1f ms outputs of %d shown\n", (now() - t0) * 1e3, key);
        });
        watch.trace = &t0;
        application.trace = &t0;
    }
    for (int r = 0; r < rounds; ++r) {
        QTest::qWait(200);
        watch.lastFigurePaint = 0.0;
        const int step = std::max(1, (slider->maximum() - slider->minimum()) / 20);
        const int target = slider->value() + (r % 2 == 0 ? step : -step);
        const double cpu0 = cpuSeconds();
        t0 = now();
        slider->setValue(target);
        test::settle(model, 120000);
        // Let the repaint that follows the last result through.
        QTest::qWait(150);
        std::printf("seconds %.6f\n",
                    watch.lastFigurePaint > t0 ? watch.lastFigurePaint - t0 : -1.0);
        std::printf("cpu %.6f\n", cpuSeconds() - cpu0);
    }
    w.files()->askToSave = [](const QString&) { return app::FileController::Answer::Discard; };
    return 0;
}

// OpenBLAS's own name for the kernel it chose, when the BLAS in use is OpenBLAS.
int runKernel() {
    using Name = char* (*)();
    const auto name = reinterpret_cast<Name>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    const auto config = reinterpret_cast<Name>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
    std::printf("value %s (%s)\n", name ? name() : "not OpenBLAS", config ? config() : "");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string what = argc > 1 ? argv[1] : "";
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
    if (what == "list") {
        for (const auto& [name, w] : workloads()) {
            std::printf("%s\n", name.c_str());
        }
        return 0;
    }
    if (what == "kernel") {
        return runKernel();
    }
    if (what == "memory") {
        return runMemory();
    }
    if (what == "startup") {
        return runStartup(argc, argv);
    }
    if (what == "slider-tour") {
        return runSlider(argc, argv, "tour", rounds);
    }
    if (what == "slider-attention") {
        return runSlider(argc, argv, "attention-spectra", rounds);
    }
    if (what == "slider-batch") {
        return runSlider(argc, argv, "batch-size", rounds);
    }
    if (workloads().count(what)) {
        return runEngine(what, rounds);
    }
    std::fprintf(stderr,
                 "usage: bench_Table list | kernel | memory | startup | slider-tour | "
                 "slider-attention | slider-batch | WORKLOAD [rounds]\n");
    return 2;
}
