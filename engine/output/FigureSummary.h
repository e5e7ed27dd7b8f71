// A figure in one line of text: what `lemma run` prints where the window would draw the figure.
#pragma once

#include <string>

#include "engine/output/Figure.h"

namespace lemma::output {

// "[figure "Training loss": 3 series (band, line, line), x "step", y "loss" (log)]\n". A grid
// lists its panels: "[figure "t": 1×2 panels; 1: 1 series (line); 2 "right": …]\n". Runs of
// three or more series of one kind are counted ("line ×12"); a heatmap gives its size.
std::string figureSummary(const Figure& figure);

}  // namespace lemma::output
