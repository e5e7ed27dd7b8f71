// The notebook file format: a Markdown file whose fenced `lemma` blocks are code cells.
//
// Reading then writing gives back the same bytes for any valid UTF-8 input. To make that
// possible each cell keeps its exact text and the blank lines before it (Cell::leading), and
// the notebook keeps a byte-order mark, its front matter and the blank lines after the last
// cell. Prose between two code cells is one Markdown cell, whatever headings or blank lines
// it holds; only blank lines at its edges are separators. Fenced blocks of other languages
// are prose, and a `lemma` fence inside one is too.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/notebook/Diagnostic.h"
#include "engine/notebook/Notebook.h"

namespace lemma::notebook {

struct ParsedNotebook {
    Notebook notebook;
    std::vector<Diagnostic> warnings;  // e.g. a fence never closed; the notebook is still usable
};

// Parses a notebook file's bytes. `fileName` only labels messages. Throws lemma::Error when
// the bytes are not UTF-8 ("notebook.md:3: not valid UTF-8 (byte 0xff)", position = the
// first bad byte's line and column), so nothing is mangled.
ParsedNotebook parseNotebook(std::string_view bytes, std::string_view fileName = {});

// The file's bytes. For a notebook read by parseNotebook and not changed since, these are
// exactly the bytes it was read from.
std::string serializeNotebook(const Notebook& notebook);

// Reads and parses a file, naming it by its file name in messages. Throws lemma::Error when
// it cannot be read or is not UTF-8.
ParsedNotebook readNotebookFile(const std::filesystem::path& path);

// Writes through a temporary file in the same folder renamed over the target, so a crash
// never leaves half a notebook. Throws lemma::Error on failure.
void writeNotebookFile(const std::filesystem::path& path, const Notebook& notebook);

}  // namespace lemma::notebook
