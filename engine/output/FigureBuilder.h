// The figure that a cell run's plot calls draw into: started by figure(), by subplot() or by
// the first plot call, and handed to the cell's outputs when it starts.
#pragma once

#include <functional>
#include <memory>

#include "engine/output/Figure.h"

namespace lemma::output {

// Responsibilities:
//  - know the current figure and panel of one run (it lives in the run's Context, so two runs
//    never share it);
//  - start figures and publish each one the moment it starts, so that the cell's outputs keep
//    the order in which the cell made its figures and printed its text;
//  - select subplot panels.
//
// A published figure is still filled in by later plot calls of the same run. That is safe
// because a run's outputs are handed over only when the run ends, and the builder (with the
// run's Context) is gone by then: from that moment the figure is immutable.
class FigureBuilder {
public:
    using Publish = std::function<void(std::shared_ptr<const Figure>)>;

    // Starts a new 1×1 figure, publishes it and makes its panel current.
    Figure& startFigure(const Publish& publish);

    // The current panel, starting a figure when there is none.
    Axes& axes(const Publish& publish);

    // Selects panel `index` (1-based, row by row) of a rows×cols grid. With no current
    // figure, or with an empty 1×1 one, the figure becomes that grid. Throws lemma::Error when
    // the current figure is a different grid or the index is out of range.
    Axes& subplot(int rows, int cols, int index, const Publish& publish);

    // The current figure, or null.
    Figure* figure() { return m_figure.get(); }

private:
    std::shared_ptr<Figure> m_figure;
    int m_panel = 0;
};

}  // namespace lemma::output
