// `lemma export`: run a notebook headless and write its report (PDF or HTML).
#pragma once

#include <ostream>

#include "app/CommandLine.h"

namespace lemma::app {

// Returns the exit code as `lemma run` does: 0 when every cell ran and the report was written,
// 1 when a cell failed (nothing is written unless --allow-errors), 2 for an unreadable
// notebook, an override that did not apply, or a report that could not be written. Needs no
// display: without one it picks Qt's offscreen platform before creating the application.
int exportCommand(int argc, char** argv, const CommandLine& cl, std::ostream& out,
                  std::ostream& err);

}  // namespace lemma::app
