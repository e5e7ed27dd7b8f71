// Names and their defining cells (see Definitions.h).
#include "engine/notebook/Definitions.h"

namespace lemma::notebook {

namespace {

const std::vector<std::string>& noNames() {
    static const std::vector<std::string> empty;
    return empty;
}

}  // namespace

void Definitions::set(CellId cell, std::vector<std::string> defs, std::vector<std::string> uses) {
    remove(cell);
    for (const std::string& name : defs)
        m_definers[name].insert(cell);
    m_cells[cell] = Names{std::move(defs), std::move(uses)};
}

void Definitions::remove(CellId cell) {
    const auto it = m_cells.find(cell);
    if (it == m_cells.end())
        return;
    for (const std::string& name : it->second.defs) {
        const auto d = m_definers.find(name);
        if (d == m_definers.end())
            continue;
        d->second.erase(cell);
        if (d->second.empty())
            m_definers.erase(d);
    }
    m_cells.erase(it);
}

const std::vector<std::string>& Definitions::defs(CellId cell) const {
    const auto it = m_cells.find(cell);
    return it == m_cells.end() ? noNames() : it->second.defs;
}

const std::vector<std::string>& Definitions::uses(CellId cell) const {
    const auto it = m_cells.find(cell);
    return it == m_cells.end() ? noNames() : it->second.uses;
}

std::set<CellId> Definitions::definers(std::string_view name) const {
    const auto it = m_definers.find(name);
    return it == m_definers.end() ? std::set<CellId>{} : it->second;
}

std::vector<std::string> Definitions::conflicts(CellId cell) const {
    std::set<std::string> names;
    for (const std::string& name : defs(cell)) {
        if (definers(name).size() > 1)
            names.insert(name);
    }
    return {names.begin(), names.end()};
}

std::vector<std::pair<std::string, CellId>> Definitions::dependencies(CellId cell) const {
    std::vector<std::pair<std::string, CellId>> out;
    for (const std::string& name : uses(cell)) {
        for (CellId definer : definers(name)) {
            if (definer != cell)
                out.emplace_back(name, definer);
        }
    }
    return out;
}

DependencyGraph Definitions::graph() const {
    DependencyGraph g;
    for (const auto& [cell, _] : m_cells)
        g.addNode(cell);
    for (const auto& [cell, _] : m_cells) {
        for (const auto& [name, definer] : dependencies(cell))
            g.addEdge(definer, cell);
    }
    return g;
}

}  // namespace lemma::notebook
