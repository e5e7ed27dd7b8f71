// Parsing of the lemma command line.
#include "app/CommandLine.h"

#include <cctype>
#include <string>

#include "engine/core/MemoryBudget.h"

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

bool endsWith(const std::string& s, const std::string& suffix) {
    if (s.size() < suffix.size())
        return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
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
           "  lemma export FILE -o OUT.pdf|OUT.html [options]\n"
           "                                     run a notebook and write its report\n"
           "  lemma --help | --version\n"
           "\n"
           "Options of run:\n"
           "  --json              print one JSON document (schema in README.md)\n"
           "  --set NAME=VALUE    replace the right-hand side of the top-level assignment\n"
           "                      'NAME = …' before running (repeatable)\n"
           "  --strict            treat a failing derivation step as a failure (exit 1)\n"
           "  --timeout SECONDS   stop a cell that runs longer; it fails as timed out (exit 1)\n"
           "  --memory SIZE       the memory a cell may hold, e.g. 512M, 12G (K/M/G/T; default:\n"
           "                      half of physical memory)\n"
           "\n"
           "Options of export (and --set, --tour, --timeout, --memory as for run):\n"
           "  -o, --output OUT    the report to write: .pdf or .html\n"
           "  --hide-code         leave every code cell out (a cell's hide-code option hides one)\n"
           "  --page a4|letter    the paper size (default a4)\n"
           "  --toc, --no-toc     a table of contents (default: when there are 4+ headings)\n"
           "  --allow-errors      write the report even when a cell failed\n"
           "\n"
           "run and export exit with 0 when every cell ran, 1 when any cell failed (export then\n"
           "writes nothing unless --allow-errors), 2 on bad arguments or an unreadable notebook.\n";
}

CommandLine CommandLine::parse(const std::vector<std::string>& args) {
    CommandLine cl;
    std::size_t i = 0;
    if (!args.empty() && args[0] == "run") {
        cl.mode = Mode::Run;
        i = 1;
    } else if (!args.empty() && args[0] == "export") {
        cl.mode = Mode::Export;
        i = 1;
    }
    const bool headless = cl.mode == Mode::Run || cl.mode == Mode::Export;
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
        } else if (headless && a == "--tour") {
            cl.tour = true;
        } else if (cl.mode == Mode::Export && (a == "-o" || a == "--output")) {
            if (i + 1 >= args.size()) {
                cl.error = a + " needs the report's file name (OUT.pdf or OUT.html)";
                return cl;
            }
            cl.output = args[++i];
        } else if (cl.mode == Mode::Export && a == "--hide-code") {
            cl.hideCode = true;
        } else if (cl.mode == Mode::Export && a == "--allow-errors") {
            cl.allowErrors = true;
        } else if (cl.mode == Mode::Export && (a == "--toc" || a == "--no-toc")) {
            cl.contents = a == "--toc" ? 1 : -1;
        } else if (cl.mode == Mode::Export && (a == "--page" || a.rfind("--page=", 0) == 0)) {
            std::string page;
            if (a == "--page") {
                if (i + 1 >= args.size()) {
                    cl.error = "--page needs a4 or letter";
                    return cl;
                }
                page = args[++i];
            } else {
                page = a.substr(7);
            }
            if (page != "a4" && page != "letter") {
                cl.error = "--page " + page + ": expected a4 or letter";
                return cl;
            }
            cl.page = page;
        } else if (headless && (a == "--timeout" || a.rfind("--timeout=", 0) == 0 ||
                                a == "--memory" || a.rfind("--memory=", 0) == 0)) {
            const bool timeout = a.rfind("--timeout", 0) == 0;
            const std::string flag = timeout ? "--timeout" : "--memory";
            std::string value;
            if (a == flag) {
                if (i + 1 >= args.size()) {
                    cl.error = flag + (timeout ? " needs a number of seconds, e.g. --timeout 60"
                                               : " needs a size, e.g. --memory 12G");
                    return cl;
                }
                value = args[++i];
            } else {
                value = a.substr(flag.size() + 1);
            }
            if (timeout) {
                std::size_t used = 0;
                double seconds = -1;
                try {
                    seconds = std::stod(value, &used);
                } catch (...) {
                    used = 0;
                }
                if (used == 0 || used != value.size() || !(seconds > 0) || seconds > 1e9) {
                    cl.error = "--timeout " + value + ": expected a positive number of seconds";
                    return cl;
                }
                cl.timeout = seconds;
            } else {
                const auto bytes = MemoryBudget::parse(value);
                if (!bytes) {
                    cl.error = "--memory " + value +
                               ": expected a size with K, M, G or T, e.g. 512M or 12G";
                    return cl;
                }
                cl.memory = *bytes;
            }
        } else if (headless && (a == "--set" || a.rfind("--set=", 0) == 0)) {
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
    const std::string verb = cl.mode == Mode::Export ? "export" : "run";
    if (headless && cl.file.empty() && !cl.tour) {
        cl.error = verb + " needs a notebook FILE (or --tour)";
    } else if (headless && !cl.file.empty() && cl.tour) {
        cl.error = verb + " takes a FILE or --tour, not both";
    } else if (cl.mode == Mode::Export && cl.output.empty()) {
        cl.error = "export needs -o OUT.pdf or -o OUT.html";
    } else if (cl.mode == Mode::Export && !endsWith(cl.output, ".pdf") &&
               !endsWith(cl.output, ".html") && !endsWith(cl.output, ".htm")) {
        cl.error = "-o " + cl.output + ": the report's name must end in .pdf or .html";
    }
    return cl;
}

}  // namespace lemma::app
