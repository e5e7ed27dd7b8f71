// `lemma run`: runs a notebook headless and prints every cell's outputs.
#pragma once

#include <ostream>

#include "app/CommandLine.h"
#include "engine/notebook/Notebook.h"
#include "engine/notebook/Session.h"

namespace lemma::app {

// Returns the process exit code: 0 when every cell ran, 1 when any failed (or, with --strict,
// when a derivation step fails), 2 when the notebook could not be read or an override did not
// apply.
int runCommand(const CommandLine& cl, std::ostream& out, std::ostream& err);

// Applies each --set to the first code cell that assigns the name at top level; throws
// lemma::Error naming the override that did not apply.
void applyOverrides(notebook::Notebook& nb, const CommandLine& cl, const std::string& fileName);

// True when every code cell ran; otherwise lists each failed cell ("cell 3, line 12: …") on
// `err`.
bool reportFailures(const notebook::Session& session, std::ostream& err);

}  // namespace lemma::app
