// Parsing of the lemma command line.
#include "app/CommandLine.h"

#include <cctype>

namespace lemma::app {

namespace {

bool isName(const std::string& s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
        return false;
    for (const char c : s) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
            return false;
    }
    return true;
}

}  // namespace

std::string CommandLine::usage() {
    return "Usage:\n"
           "  lemma [FILE]                       open FILE (or the tour) in the notebook window\n"
           "  lemma run FILE [options]           run a notebook headless and print its outputs\n"
           "  lemma run --tour [options]         run the built-in tour notebook\n"
           "  lemma --help | --version\n"
           "\n"
           "Options of run:\n"
           "  --json              print one JSON document (schema in README.md)\n"
           "  --set NAME=VALUE    replace the right-hand side of the top-level assignment\n"
           "                      'NAME = …' before running (repeatable)\n"
           "  --strict            treat a failing derivation step as a failure (exit 1)\n"
           "\n"
           "run exits with 0 when every cell ran, 1 when any cell failed, 2 on bad arguments.\n";
}

CommandLine CommandLine::parse(const std::vector<std::string>& args) {
    CommandLine cl;
    std::size_t i = 0;
    if (!args.empty() && args[0] == "run") {
        cl.mode = Mode::Run;
        i = 1;
    }
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            cl.mode = Mode::Help;
            return cl;
        }
        if (a == "--version" || a == "-v") {
            cl.mode = Mode::Version;
            return cl;
        }
        if (cl.mode == Mode::Run && a == "--json") {
            cl.json = true;
        } else if (cl.mode == Mode::Run && a == "--strict") {
            cl.strict = true;
        } else if (cl.mode == Mode::Run && a == "--tour") {
            cl.tour = true;
        } else if (cl.mode == Mode::Run && (a == "--set" || a.rfind("--set=", 0) == 0)) {
            std::string assignment;
            if (a == "--set") {
                if (i + 1 >= args.size()) {
                    cl.error = "--set needs NAME=VALUE";
                    return cl;
                }
                assignment = args[++i];
            } else {
                assignment = a.substr(6);
            }
            const auto eq = assignment.find('=');
            const std::string name =
                eq == std::string::npos ? assignment : assignment.substr(0, eq);
            if (eq == std::string::npos || !isName(name) || eq + 1 == assignment.size()) {
                cl.error = "--set " + assignment + ": expected NAME=VALUE, e.g. --set lr=0.01";
                return cl;
            }
            cl.sets.emplace_back(name, assignment.substr(eq + 1));
        } else if (a.size() > 1 && a[0] == '-') {
            cl.error = "unknown option '" + a + "'";
            return cl;
        } else if (cl.file.empty()) {
            cl.file = a;
        } else {
            cl.error = "unexpected argument '" + a + "' (only one notebook file)";
            return cl;
        }
    }
    if (cl.mode == Mode::Run && cl.file.empty() && !cl.tour) {
        cl.error = "run needs a notebook FILE (or --tour)";
    } else if (cl.mode == Mode::Run && !cl.file.empty() && cl.tour) {
        cl.error = "run takes a FILE or --tour, not both";
    }
    return cl;
}

}  // namespace lemma::app
