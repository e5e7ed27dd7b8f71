// The reactive session (see Session.h).
#include "engine/notebook/Session.h"

#include <algorithm>

#include "engine/core/Error.h"
#include "engine/lang/LikelyDefinitions.h"
#include "engine/lang/Parser.h"
#include "engine/lang/SourceEdit.h"
#include "engine/notebook/Cycles.h"

namespace lemma::notebook {

namespace {

bool sameErrors(const std::vector<output::Error>& a, const std::vector<output::Error>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const output::Error& x, const output::Error& y) {
                          return x.message == y.message && x.pos == y.pos;
                      });
}

}  // namespace

Session::Session(SessionListener* listener) : Session(listener, builtins::Registry::standard()) {}

Session::Session(SessionListener* listener, builtins::Registry registry)
    : m_registry(std::move(registry)), m_results(listener), m_worker(m_registry, m_results) {}

Session::~Session() {
    m_worker.drop([](CellId) { return true; });
}

void Session::load(Notebook notebook) {
    // Ids of the new notebook may repeat old ones, so no old result may arrive after this.
    m_worker.drop([](CellId) { return true; });
    m_worker.wait();
    m_results.clear();
    Job reset;
    reset.resetGlobals = true;
    m_worker.post(std::move(reset));

    m_notebook = std::move(notebook);
    m_analysis.clear();
    m_definitions = Definitions();
    for (const Cell& cell : m_notebook.cells()) {
        if (cell.isCode())
            analyze(cell);
    }
    rebuild();
}

std::vector<CellId> Session::codeCells() const {
    std::vector<CellId> ids;
    for (const Cell& cell : m_notebook.cells()) {
        if (cell.isCode())
            ids.push_back(cell.id());
    }
    return ids;
}

output::NumberStyle Session::numberStyle(std::string_view name) const {
    if (const CellId owner = m_definitions.owner(name)) {
        if (const std::optional<output::NumberStyle> style = m_results.numberStyle(owner))
            return *style;
    }
    return m_notebook.frontMatter().numberStyle();
}

int Session::cellNumber(CellId cell) const {
    const auto it = m_numbers.find(cell);
    return it == m_numbers.end() ? 0 : it->second;
}

void Session::analyze(const Cell& cell) {
    Analysis analysis;
    try {
        analysis.program = lang::parseProgram(cell.source());
        m_definitions.set(cell.id(), analysis.program->defs, analysis.program->uses);
    } catch (const Error& e) {
        analysis.syntaxErrors.push_back(output::Error{e.what(), e.pos()});
    } catch (const std::exception& e) {
        analysis.syntaxErrors.push_back(output::Error{e.what(), {}});
    }
    // A cell with a syntax error defines nothing when it runs, but keeps the names of its last
    // good parse in the graph: its dependents then say which cell they wait for instead of
    // failing on undefined names.
    // Without one (the notebook was opened with the error in it), a token scan guesses them.
    if (!analysis.program && !m_definitions.contains(cell.id())) {
        m_definitions.set(cell.id(), lang::likelyDefinitions(cell.source()), {});
    }
    m_analysis[cell.id()] = std::move(analysis);
}

void Session::rebuild() {
    m_numbers.clear();
    int number = 0;
    for (CellId id : codeCells())
        m_numbers[id] = ++number;
    m_graph = m_definitions.graph();

    std::map<CellId, std::string> cycleMessages;
    for (const std::vector<CellId>& cycle : findCycles(m_graph)) {
        for (CellId id : cycle) {
            std::string message = "cycle: ";
            const std::vector<CellId> path = shortestCycleThrough(m_graph, id);
            for (std::size_t i = 0; i < path.size(); ++i) {
                if (i > 0)
                    message += " → ";
                message += "cell " + std::to_string(cellNumber(path[i]));
            }
            cycleMessages[id] = std::move(message);
        }
    }

    m_staticErrors.clear();
    for (CellId id : codeCells()) {
        std::vector<output::Error> errors = m_analysis[id].syntaxErrors;
        // Only the later definer fails; the established one keeps running.
        for (const auto& [name, owner] : redefinitions(id)) {
            errors.push_back(output::Error{
                "'" + name + "' is already defined in cell " + std::to_string(cellNumber(owner)),
                {}});
        }
        const auto cycle = cycleMessages.find(id);
        if (cycle != cycleMessages.end())
            errors.push_back(output::Error{cycle->second, {}});
        if (!errors.empty())
            m_staticErrors[id] = std::move(errors);
    }
}

std::vector<std::pair<std::string, CellId>> Session::redefinitions(CellId cell) const {
    std::vector<std::pair<std::string, CellId>> out;
    for (const std::string& name : m_definitions.conflicts(cell))
        out.emplace_back(name, m_definitions.owner(name));
    return out;
}

std::vector<output::Error> Session::staticErrors(CellId cell) const {
    const auto it = m_staticErrors.find(cell);
    return it == m_staticErrors.end() ? std::vector<output::Error>{} : it->second;
}

bool Session::isLazy(CellId cell) const {
    const Cell* c = m_notebook.find(cell);
    return lazy() || (c && c->hasOption("lazy"));
}

bool Session::upToDate(CellId cell) const {
    const CellState s = state(cell);
    return s != CellState::Idle && s != CellState::Stale && s != CellState::Cancelled;
}

std::set<CellId> Session::outdatedAncestors(const std::set<CellId>& cells) const {
    std::set<CellId> out;
    for (CellId id : m_graph.ancestors(cells)) {
        if (!upToDate(id))
            out.insert(id);
    }
    return out;
}

void Session::update(const std::set<CellId>& changed, std::vector<CellId> forget) {
    const DependencyGraph oldGraph = m_graph;
    const std::map<CellId, std::vector<output::Error>> oldErrors = m_staticErrors;
    for (CellId id : changed) {
        const Cell* cell = m_notebook.find(id);
        if (cell && cell->isCode()) {
            analyze(*cell);
        } else {
            m_definitions.remove(id);
            m_analysis.erase(id);
        }
    }
    rebuild();

    std::set<CellId> affected = changed;
    for (CellId id : codeCells()) {
        const auto old = oldErrors.find(id);
        const std::vector<output::Error> before =
            old == oldErrors.end() ? std::vector<output::Error>{} : old->second;
        if (!sameErrors(before, staticErrors(id)))
            affected.insert(id);
    }
    std::set<CellId> stale;
    auto addExisting = [&](const std::set<CellId>& ids) {
        for (CellId id : ids) {
            if (m_graph.contains(id))
                stale.insert(id);
        }
    };
    addExisting(affected);
    addExisting(oldGraph.descendants(affected));
    addExisting(m_graph.descendants(affected));
    // What a fresh run would need first: parents cancelled or never run (lazy ones wait).
    for (CellId id : outdatedAncestors(stale)) {
        if (!isLazy(id))
            stale.insert(id);
    }

    Job job;
    job.forget = std::move(forget);
    schedule(stale, {}, std::move(job));
}

void Session::schedule(std::set<CellId> stale, std::set<CellId> forced, Job job) {
    // Work still queued joins this run: it was going to run anyway, now in one order with the
    // new work. A running cell whose inputs changed is stopped and runs again.
    for (CellId id : m_worker.drop([&](CellId running) { return stale.count(running) > 0; })) {
        if (!m_graph.contains(id))
            continue;
        stale.insert(id);
        forced.insert(id);
    }
    std::map<CellId, std::size_t> rank;
    for (std::size_t i = 0; i < m_notebook.size(); ++i)
        rank[m_notebook.at(i).id()] = i;
    const std::vector<CellId> order =
        m_graph.topologicalOrder([&](CellId id) { return rank.at(id); });

    std::set<CellId> held;  // lazy cells waiting to be asked, and what depends on them
    for (CellId id : order) {
        if (!stale.count(id))
            continue;
        const std::vector<output::Error> errors = staticErrors(id);
        const bool parentHeld = std::any_of(m_graph.parents(id).begin(), m_graph.parents(id).end(),
                                            [&](CellId p) { return held.count(p) > 0; });
        // The cell by its rank: Notebook::find is a linear search, once per cell would make a
        // run of a long notebook quadratic.
        const Cell& cell = m_notebook.at(rank.at(id));
        const bool lazyCell = lazy() || cell.hasOption("lazy");
        if (errors.empty() && !forced.count(id) && (lazyCell || parentHeld)) {
            held.insert(id);
            m_results.setState(id, CellState::Stale);
            continue;
        }
        CellTask task;
        task.cell = id;
        if (errors.empty()) {
            if (!pinsOf(cell.infoString()).empty())
                task.pins = pinRuns(id);
            task.program = m_analysis.at(id).program;
            for (const auto& [name, definer] : m_definitions.dependencies(id)) {
                task.dependencies.push_back(Dependency{definer, name, cellNumber(definer)});
            }
        } else {
            task.errors.assign(errors.begin(), errors.end());
            task.keepNames = !m_analysis.at(id).syntaxErrors.empty();
        }
        job.tasks.push_back(std::move(task));
        m_results.queue(id);
    }
    job.seed = m_notebook.seed();
    job.numberStyle = m_notebook.frontMatter().numberStyle();
    job.dataDir = m_dataDir;
    job.limits = m_limits;
    if (!job.tasks.empty() || job.resetGlobals || !job.forget.empty()) {
        m_worker.post(std::move(job));
    }
}

void Session::runAll() {
    const std::vector<CellId> ids = codeCells();
    const std::set<CellId> all(ids.begin(), ids.end());
    Job job;
    job.resetGlobals = true;
    schedule(all, all, std::move(job));
}

void Session::run(CellId cell) {
    const Cell* c = m_notebook.find(cell);
    if (!c || !c->isCode())
        return;
    std::set<CellId> targets = outdatedAncestors({cell});
    targets.insert(cell);
    std::set<CellId> stale = targets;
    for (CellId id : m_graph.descendants({cell}))
        stale.insert(id);
    for (CellId id : m_graph.descendants(targets)) {
        if (!upToDate(id))
            stale.insert(id);
    }
    schedule(stale, targets, Job());
}

void Session::edit(CellId cell, std::string_view source) {
    Cell* c = m_notebook.find(cell);
    if (!c)
        return;
    c->setSource(source);
    if (c->isCode())
        update({cell});
}

void Session::setInfoString(CellId cell, std::string_view info) {
    Cell* c = m_notebook.find(cell);
    if (!c || !c->isCode())
        return;
    const std::vector<Pin> pinsBefore = pinsOf(c->infoString());
    c->setInfoString(info);
    // New or cleared pins change the cell's figures, so it runs again.
    if (pinsOf(c->infoString()) != pinsBefore || (!isLazy(cell) && !upToDate(cell)))
        run(cell);
}

std::vector<CellId> Session::chainTo(CellId cell) const {
    std::set<CellId> members = m_graph.ancestors({cell});
    members.insert(cell);
    std::map<CellId, std::size_t> rank;
    for (std::size_t i = 0; i < m_notebook.size(); ++i)
        rank[m_notebook.at(i).id()] = i;
    std::vector<CellId> chain;
    for (CellId id : m_graph.topologicalOrder([&](CellId x) { return rank.at(x); })) {
        if (members.count(id))
            chain.push_back(id);
    }
    if (!m_graph.contains(cell))
        chain.push_back(cell);
    return chain;
}

Pin Session::currentSettings(CellId cell) const {
    Pin pin;
    for (CellId id : chainTo(cell)) {
        const Cell* c = m_notebook.find(id);
        if (!c || !c->isCode())
            continue;
        std::vector<std::shared_ptr<const output::Control>> shown;
        for (const output::Output& o : m_results.outputs(id)) {
            if (const auto* rich = std::get_if<output::Rich>(&o)) {
                if (auto control = std::dynamic_pointer_cast<const output::Control>(rich->object))
                    shown.push_back(std::move(control));
            }
        }
        const std::vector<lang::ControlCall> calls = lang::controlCalls(c->source());
        for (std::size_t k = 0; k < calls.size(); ++k) {
            if (calls[k].name.empty())
                continue;
            std::string literal;
            if (!calls[k].value.empty())
                literal = pinLiteral(calls[k].value);
            else if (k < shown.size())
                literal = controlLiteral(*shown[k]);
            if (literal.empty() || literal.find('"') != std::string::npos)
                continue;
            pin.push_back(PinValue{calls[k].name, std::move(literal)});
        }
    }
    return pin;
}

Session::PinResult Session::pinnedInfo(CellId cell) const {
    const Cell* c = m_notebook.find(cell);
    if (!c || !c->isCode())
        return {{}, "only a code cell's figures can be pinned"};
    const std::vector<Pin> pins = pinsOf(c->infoString());
    if (pins.size() >= kMaxPins)
        return {{},
                "cell " + std::to_string(cellNumber(cell)) + " already has " +
                    std::to_string(kMaxPins) + " pins, the most it can hold: clear them first"};
    const Pin current = currentSettings(cell);
    if (current.empty())
        return {{},
                "nothing to pin: cell " + std::to_string(cellNumber(cell)) +
                    " and the cells it reads have no named control (such as lr = slider(…))"};
    if (std::find(pins.begin(), pins.end(), current) != pins.end())
        return {{}, "these settings are already pinned (" + pinText(current) + ")"};
    return {withPin(c->infoString(), current), {}};
}

std::string Session::unpinnedInfo(CellId cell) const {
    const Cell* c = m_notebook.find(cell);
    return c ? withoutPins(c->infoString()) : std::string();
}

std::vector<PinRun> Session::pinRuns(CellId cell) const {
    const Cell* target = m_notebook.find(cell);
    if (!target || !target->isCode())
        return {};
    const std::vector<Pin> pins = pinsOf(target->infoString());
    if (pins.empty())
        return {};
    const Pin current = currentSettings(cell);
    const std::vector<CellId> chain = chainTo(cell);
    std::vector<PinRun> runs;
    for (const Pin& pin : pins) {
        PinRun run;
        run.label = pinDifference(pin, current);
        if (run.label.empty())
            continue;
        std::map<CellId, std::string> sources;
        std::set<CellId> changed;
        for (CellId id : chain) {
            const Cell* c = m_notebook.find(id);
            if (!c || !c->isCode())
                continue;
            std::string source = c->source();
            const std::vector<lang::ControlCall> calls = lang::controlCalls(source);
            for (std::size_t k = 0; k < calls.size(); ++k) {
                for (const PinValue& v : pin) {
                    if (v.name != calls[k].name)
                        continue;
                    if (auto edited = lang::replaceControlValue(source, k, v.literal))
                        source = std::move(*edited);
                }
            }
            if (source != c->source())
                changed.insert(id);
            sources[id] = std::move(source);
        }
        if (changed.empty())
            continue;
        // The changed cells and what lies between them and the cell.
        std::set<CellId> runSet;
        for (CellId id : chain) {
            const std::set<CellId>& parents =
                m_graph.contains(id) ? m_graph.parents(id) : std::set<CellId>{};
            const bool downstream = std::any_of(parents.begin(), parents.end(),
                                                [&](CellId p) { return runSet.count(p) > 0; });
            if (changed.count(id) || downstream || id == cell)
                runSet.insert(id);
        }
        bool parsed = true;
        for (CellId id : chain) {
            if (!runSet.count(id) || !sources.count(id))
                continue;
            try {
                run.chain.push_back(lang::parseProgram(sources[id]));
            } catch (const std::exception&) {
                parsed = false;
                break;
            }
            run.key.append("#").append(std::to_string(id)).append("\n");
            run.key.append(sources[id]).append("\n");
            for (const auto& [name, definer] : m_definitions.dependencies(id)) {
                if (!runSet.count(definer) &&
                    std::find(run.inputs.begin(), run.inputs.end(), definer) == run.inputs.end())
                    run.inputs.push_back(definer);
            }
        }
        if (parsed)
            runs.push_back(std::move(run));
    }
    return runs;
}

CellId Session::insertCell(std::size_t index, CellKind kind, std::string_view source,
                           std::string_view info) {
    if (kind == CellKind::Markdown)
        return m_notebook.insertMarkdown(index, source);
    const CellId id = m_notebook.insertCode(index, source, info);
    update({id});
    return id;
}

void Session::removeCell(CellId cell) {
    const std::optional<std::size_t> index = m_notebook.indexOf(cell);
    if (!index)
        return;
    const bool code = m_notebook.at(*index).isCode();
    m_notebook.remove(*index);
    if (!code)
        return;
    m_results.remove(cell);
    update({cell}, {cell});
}

void Session::moveCell(CellId cell, std::size_t index) {
    const std::optional<std::size_t> from = m_notebook.indexOf(cell);
    if (!from)
        return;
    m_notebook.move(*from, index);
    // Only numbers in messages can change.
    update({});
}

void Session::cancel() {
    for (CellId id : m_worker.drop([](CellId) { return true; })) {
        m_results.setState(id, CellState::Stale);
    }
}

void Session::wait() {
    m_worker.wait();
}

}  // namespace lemma::notebook
