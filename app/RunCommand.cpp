// `lemma run`: load, apply --set overrides, run every cell headless, print the outputs.
#include "app/RunCommand.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "app/NotebookLoader.h"
#include "engine/lang/SourceEdit.h"
#include "engine/notebook/Session.h"
#include "engine/output/DerivationData.h"
#include "engine/output/Display.h"
#include "engine/output/Json.h"
#include "engine/output/OutputText.h"

namespace lemma::app {

namespace {

using notebook::CellState;

}  // namespace

void applyOverrides(notebook::Notebook& nb, const CommandLine& cl, const std::string& fileName) {
    for (const auto& [name, value] : cl.sets) {
        bool applied = false;
        for (std::size_t i = 0; i < nb.size() && !applied; ++i) {
            notebook::Cell& cell = nb.at(i);
            if (!cell.isCode())
                continue;
            if (auto edited = lang::replaceAssignment(cell.source(), name, value)) {
                cell.setSource(*edited);
                applied = true;
            }
        }
        if (!applied)
            throw Error("--set " + name + "=" + value + ": no top-level assignment '" + name +
                        " = …' in " + fileName);
    }
}

namespace {

const char* statusOf(const notebook::Session& session, notebook::CellId id) {
    switch (session.state(id)) {
        case CellState::Done:
            return "ok";
        case CellState::Error:
            return "error";
        case CellState::Cancelled:
            return "error";
        default:
            return "not-run";
    }
}

// Derivation steps shown by the notebook that fail (or hold when they should fail).
std::size_t flaggedSteps(const notebook::Session& session) {
    std::size_t flagged = 0;
    for (const auto& cell : session.notebook().cells()) {
        if (!cell.isCode())
            continue;
        for (const auto& o : session.outputs(cell.id())) {
            if (const auto* d = std::get_if<output::Display>(&o)) {
                if (const auto derivation = output::derivationOf(d->value))
                    flagged += derivation->flaggedCount();
            }
        }
    }
    return flagged;
}

// What a report shows for the cell: why it did not run, then its outputs.
output::Outputs shownOutputs(const notebook::Session& session, notebook::CellId id) {
    output::Outputs out = session.notes(id);
    for (output::Output& o : session.outputs(id))
        out.push_back(std::move(o));
    return out;
}

void printText(const notebook::Session& session, std::ostream& out) {
    const auto& cells = session.notebook().cells();
    for (const auto& cell : cells) {
        if (!cell.isCode())
            continue;
        const auto outputs = shownOutputs(session, cell.id());
        out << "── cell " << session.cellNumber(cell.id()) << ", line " << cell.line() << " ("
            << statusOf(session, cell.id()) << ") ──\n";
        for (const auto& o : outputs)
            out << output::outputText(o);
    }
}

void printJson(const notebook::Session& session, const std::string& fileName, bool ok,
               std::ostream& out) {
    out << "{\n  \"file\": " << output::jsonString(fileName)
        << ",\n  \"ok\": " << (ok ? "true" : "false") << ",\n  \"cells\": [";
    const auto& cells = session.notebook().cells();
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto& cell = cells[i];
        out << (i ? ",\n" : "\n") << "    {\"index\": " << (i + 1) << ", \"kind\": \""
            << (cell.isCode() ? "code" : "markdown") << "\"";
        if (cell.isCode())
            out << ", \"number\": " << session.cellNumber(cell.id())
                << ", \"line\": " << cell.line() << ", \"status\": \""
                << statusOf(session, cell.id()) << "\"";
        out << ", \"outputs\": [";
        const auto outputs = cell.isCode() ? shownOutputs(session, cell.id()) : output::Outputs{};
        for (std::size_t k = 0; k < outputs.size(); ++k)
            out << (k ? ",\n      " : "\n      ") << output::jsonOutput(outputs[k]);
        out << (outputs.empty() ? "]}" : "\n    ]}");
    }
    out << "\n  ]\n}\n";
}

}  // namespace

std::optional<std::string> runBounded(notebook::Session& session, const CommandLine& cl) {
    session.setLimits({cl.timeout, cl.memory});
    session.runAll();
    if (cl.timeout <= 0) {
        session.wait();
        return std::nullopt;
    }
    using Clock = std::chrono::steady_clock;
    const auto grace = std::chrono::duration<double>(cl.timeout + std::max(1.0, cl.timeout));
    notebook::CellId watched = 0;
    Clock::time_point since = Clock::now();
    while (!session.waitFor(0.1)) {
        notebook::CellId running = 0;
        for (const auto& cell : session.notebook().cells()) {
            if (cell.isCode() && session.state(cell.id()) == CellState::Running)
                running = cell.id();
        }
        if (running != watched) {
            watched = running;
            since = Clock::now();
            continue;
        }
        if (running == 0 || Clock::now() - since < grace)
            continue;
        const auto* cell = session.notebook().find(running);
        return "cell " + std::to_string(session.cellNumber(running)) + ", line " +
               std::to_string(cell ? cell->line() : 0) + ": timed out after " +
               output::shortestNumber(cl.timeout) +
               " s and could not be stopped (it is inside a computation that cannot be "
               "interrupted); the cells after it were not run";
    }
    return std::nullopt;
}

void abandonRun(std::ostream& out, std::ostream& err) {
    out.flush();
    err.flush();
    std::fflush(nullptr);
    std::_Exit(1);
}

int runCommand(const CommandLine& cl, std::ostream& out, std::ostream& err) {
    LoadedNotebook loaded;
    try {
        loaded = loadNotebook(cl.tour ? std::string() : cl.file);
        applyOverrides(loaded.parsed.notebook, cl, loaded.displayName);
    } catch (const Error& e) {
        err << "lemma: " << e.what() << "\n";
        return 2;
    }
    for (const auto& w : loaded.parsed.warnings)
        err << "lemma: warning: " << w.toString() << "\n";

    notebook::Session session;
    session.setDataDir(loaded.dataDir);
    session.load(std::move(loaded.parsed.notebook));
    if (const auto stuck = runBounded(session, cl)) {
        if (cl.json)
            printJson(session, loaded.displayName, false, out);
        else
            printText(session, out);
        err << "lemma: " << *stuck << "\n";
        abandonRun(out, err);
    }

    bool ok = true;
    for (const auto& cell : session.notebook().cells()) {
        if (cell.isCode() && session.state(cell.id()) != CellState::Done)
            ok = false;
    }
    const std::size_t flagged = flaggedSteps(session);
    if (cl.json) {
        printJson(session, loaded.displayName, ok, out);
    } else {
        printText(session, out);
        if (flagged > 0)
            out << "── " << flagged
                << (flagged == 1 ? " derivation step fails" : " derivation steps fail")
                << (cl.strict ? " (--strict: exit 1)" : "") << " ──\n";
    }
    if (cl.strict && flagged > 0)
        ok = false;
    return ok ? 0 : 1;
}

bool reportFailures(const notebook::Session& session, std::ostream& err) {
    bool ok = true;
    for (const auto& cell : session.notebook().cells()) {
        if (!cell.isCode() || session.state(cell.id()) == CellState::Done)
            continue;
        ok = false;
        std::string message = session.notRun(cell.id()) ? "not run" : "failed";
        for (const auto& o : shownOutputs(session, cell.id())) {
            if (const auto* e = std::get_if<output::Error>(&o))
                message = e->message;
        }
        err << "lemma: cell " << session.cellNumber(cell.id()) << ", line " << cell.line()
            << ": " << message << "\n";
    }
    return ok;
}

}  // namespace lemma::app
