// The current figure and panel of one run.
#include "engine/output/FigureBuilder.h"

#include <string>

#include "engine/core/Error.h"

namespace lemma::output {

namespace {

// A grid larger than this is a typo, not a figure (and would allocate needlessly).
constexpr int kMaxPanels = 64;

std::string grid(int rows, int cols) {
    return std::to_string(rows) + "×" + std::to_string(cols);
}

}  // namespace

Figure& FigureBuilder::startFigure(const Publish& publish) {
    m_figure = std::make_shared<Figure>();
    m_panel = 0;
    publish(m_figure);
    return *m_figure;
}

Axes& FigureBuilder::axes(const Publish& publish) {
    if (!m_figure)
        startFigure(publish);
    return m_figure->panels[static_cast<std::size_t>(m_panel)];
}

Axes& FigureBuilder::subplot(int rows, int cols, int index, const Publish& publish) {
    if (rows < 1 || cols < 1 || rows * cols > kMaxPanels)
        throw Error("subplot: a grid needs 1 to " + std::to_string(kMaxPanels) + " panels, got " +
                    grid(rows, cols));
    if (index < 1 || index > rows * cols)
        throw Error("subplot: index " + std::to_string(index) + " is outside the " +
                    grid(rows, cols) + " grid (1 to " + std::to_string(rows * cols) + ")");
    if (!m_figure)
        startFigure(publish);
    Figure& f = *m_figure;
    if (f.rows != rows || f.cols != cols) {
        const bool fresh = f.rows == 1 && f.cols == 1 && f.panels.front().isEmpty();
        if (!fresh)
            throw Error("subplot: the current figure is a " + grid(f.rows, f.cols) +
                        " grid; call figure() first to start a " + grid(rows, cols) + " grid");
        // Settings made by figure(…) before the grid existed go to the first panel.
        Axes first = std::move(f.panels.front());
        f.rows = rows;
        f.cols = cols;
        f.panels.assign(static_cast<std::size_t>(rows * cols), Axes{});
        f.panels.front() = std::move(first);
    }
    m_panel = index - 1;
    return f.panels[static_cast<std::size_t>(m_panel)];
}

}  // namespace lemma::output
