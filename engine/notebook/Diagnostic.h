// A message about a notebook file, tied to a line: "notebook.md:7: code fence opened here is
// never closed".
#pragma once

#include <string>

namespace lemma::notebook {

struct Diagnostic {
    std::string file;  // the file's name as shown to the user; may be empty
    int line = 0;      // 1-based
    std::string message;

    // "file:line: message", or "line N: message" when there is no file name.
    std::string toString() const {
        if (file.empty())
            return "line " + std::to_string(line) + ": " + message;
        return file + ":" + std::to_string(line) + ": " + message;
    }

    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

}  // namespace lemma::notebook
