// `lemma run`: runs a notebook headless and prints every cell's outputs.
#pragma once

#include <optional>
#include <ostream>
#include <string>

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

// Runs every cell of the session under the command line's bounds (--timeout, --memory) and
// waits. A cell past its time limit fails as timed out and the run goes on; one that does not
// stop (it is inside a computation that cannot be interrupted, such as a LAPACK call) is given
// as long again, then the result is its message ("cell 3, line 12: timed out after 2 s …"):
// the caller reports it and ends the process, since the worker thread cannot be joined.
std::optional<std::string> runBounded(notebook::Session& session, const CommandLine& cl);

// Ends the process at once with exit code 1, after flushing `out` and `err`: for a cell that
// cannot be stopped.
[[noreturn]] void abandonRun(std::ostream& out, std::ostream& err);

// True when every code cell ran; otherwise lists each failed cell ("cell 3, line 12: …") on
// `err`.
bool reportFailures(const notebook::Session& session, std::ostream& err);

}  // namespace lemma::app
