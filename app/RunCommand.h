// `lemma run`: runs a notebook headless and prints every cell's outputs.
#pragma once

#include <ostream>

#include "app/CommandLine.h"

namespace lemma::app {

// Returns the process exit code: 0 when every cell ran, 1 when any failed (or, with --strict,
// when a derivation step fails), 2 when the notebook could not be read or an override did not
// apply.
int runCommand(const CommandLine& cl, std::ostream& out, std::ostream& err);

}  // namespace lemma::app
