// Finding and reading notebooks: the file the command line names, the built-in tour, and the
// example notebooks in the application's resources.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "engine/notebook/NotebookFormat.h"

namespace lemma::app {

struct LoadedNotebook {
    notebook::ParsedNotebook parsed;
    std::string displayName;        // "attention.md", or "tour.md" for the tour
    std::filesystem::path path;     // empty for the tour
    std::filesystem::path dataDir;  // where load() reads data files from
};

// Registers the application's resources (example notebooks, icons). They live in a static
// library, so they must be asked for once; repeated calls are harmless.
void initResources();

// The built-in tour notebook's bytes, from the application's resources.
std::string tourNotebookBytes();

// Reads `file`, or the tour when `file` is empty. Throws lemma::Error naming the file.
LoadedNotebook loadNotebook(const std::string& file);

// An example notebook of the resources, by file name ("tour.md"). Throws lemma::Error when
// there is none.
LoadedNotebook loadExample(const std::string& name);

// The example notebooks in the resources: file name and title, the tour first.
struct Example {
    std::string name;   // "controls.md"
    std::string title;  // the front matter's title, or the file name
};
std::vector<Example> exampleNotebooks();

}  // namespace lemma::app
