// The command line of the lemma executable: what the user asked for, parsed and checked.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lemma::app {

struct CommandLine {
    enum class Mode { Gui, Run, Export, Help, Version };

    Mode mode = Mode::Gui;
    std::string file;  // empty: the tour (GUI, or `run --tour`)
    bool tour = false;
    bool json = false;
    bool strict = false;  // a derivation step that fails makes `run` exit 1
    std::vector<std::pair<std::string, std::string>> sets;  // --set name=value
    double timeout = 0;        // --timeout SECONDS: a cell running longer fails; 0: no limit
    std::uint64_t memory = 0;  // --memory 12G: bytes a cell may hold; 0: the preference/default
    // export
    std::string output;        // -o OUT.pdf | OUT.html
    bool hideCode = false;     // --hide-code
    std::string page = "a4";   // --page a4|letter
    bool allowErrors = false;  // --allow-errors: write the report even when a cell failed
    int contents = 0;          // --toc: 1, --no-toc: -1, automatic: 0
    std::string error;         // non-empty: the arguments were wrong; says what and where

    // Parses arguments without the program name.
    static CommandLine parse(const std::vector<std::string>& args);
    static std::string usage();
};

}  // namespace lemma::app
