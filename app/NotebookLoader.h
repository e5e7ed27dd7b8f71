// Finding and reading the notebook the command line names: a file, or the built-in tour.
#pragma once

#include <filesystem>
#include <string>

#include "engine/notebook/NotebookFormat.h"

namespace lemma::app {

struct LoadedNotebook {
    notebook::ParsedNotebook parsed;
    std::string displayName;        // "attention.md", or "tour.md" for the tour
    std::filesystem::path path;     // empty for the tour
    std::filesystem::path dataDir;  // where load() reads data files from
};

// The built-in tour notebook's bytes, from the application's resources.
std::string tourNotebookBytes();

// Reads `file`, or the tour when `file` is empty. Throws lemma::Error naming the file.
LoadedNotebook loadNotebook(const std::string& file);

}  // namespace lemma::app
