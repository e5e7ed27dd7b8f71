// Names and their defining cells (see Definitions.h).
#include "engine/notebook/Definitions.h"

#include <algorithm>

namespace lemma::notebook {

namespace {

const std::vector<std::string>& noNames() {
    static const std::vector<std::string> empty;
    return empty;
}

}  // namespace

void Definitions::set(CellId cell, std::vector<std::string> defs, std::vector<std::string> uses) {
    // Names the cell keeps defining keep their place among the definers (an edit of the owner
    // does not hand its names to a later definer); new ones queue behind the current owner.
    const std::vector<std::string> old = this->defs(cell);
    for (const std::string& name : old) {
        if (std::find(defs.begin(), defs.end(), name) == defs.end())
            drop(name, cell);
    }
    for (const std::string& name : defs) {
        std::vector<CellId>& definers = m_definers[name];
        if (std::find(definers.begin(), definers.end(), cell) == definers.end())
            definers.push_back(cell);
    }
    m_cells[cell] = Names{std::move(defs), std::move(uses)};
}

void Definitions::drop(const std::string& name, CellId cell) {
    const auto d = m_definers.find(name);
    if (d == m_definers.end())
        return;
    std::erase(d->second, cell);
    if (d->second.empty())
        m_definers.erase(d);
}

void Definitions::remove(CellId cell) {
    const auto it = m_cells.find(cell);
    if (it == m_cells.end())
        return;
    for (const std::string& name : it->second.defs)
        drop(name, cell);
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
    return it == m_definers.end() ? std::set<CellId>{}
                                  : std::set<CellId>(it->second.begin(), it->second.end());
}

CellId Definitions::owner(std::string_view name) const {
    const auto it = m_definers.find(name);
    return it == m_definers.end() || it->second.empty() ? 0 : it->second.front();
}

std::vector<std::string> Definitions::conflicts(CellId cell) const {
    std::set<std::string> names;
    for (const std::string& name : defs(cell)) {
        if (owner(name) != cell)
            names.insert(name);
    }
    return {names.begin(), names.end()};
}

std::vector<std::pair<std::string, CellId>> Definitions::dependencies(CellId cell) const {
    std::vector<std::pair<std::string, CellId>> out;
    for (const std::string& name : uses(cell)) {
        const CellId definer = owner(name);
        if (definer != 0 && definer != cell)
            out.emplace_back(name, definer);
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
