// The topology of the reactive graph (see DependencyGraph.h).
#include "engine/notebook/DependencyGraph.h"

#include <algorithm>
#include <queue>
#include <stdexcept>

#include "engine/notebook/Cycles.h"

namespace lemma::notebook {

namespace {

const std::set<CellId>& noNodes() {
    static const std::set<CellId> empty;
    return empty;
}

}  // namespace

void DependencyGraph::addNode(CellId id) {
    m_children[id];
    m_parents[id];
}

void DependencyGraph::removeNode(CellId id) {
    for (CellId p : parents(id))
        m_children[p].erase(id);
    for (CellId c : children(id))
        m_parents[c].erase(id);
    m_children.erase(id);
    m_parents.erase(id);
}

std::vector<CellId> DependencyGraph::nodes() const {
    std::vector<CellId> out;
    out.reserve(m_children.size());
    for (const auto& [id, _] : m_children)
        out.push_back(id);
    return out;
}

void DependencyGraph::addEdge(CellId parent, CellId child) {
    if (!contains(parent) || !contains(child)) {
        throw std::invalid_argument("DependencyGraph::addEdge: unknown node");
    }
    if (parent == child)
        return;
    m_children[parent].insert(child);
    m_parents[child].insert(parent);
}

const std::set<CellId>& DependencyGraph::parents(CellId id) const {
    const auto it = m_parents.find(id);
    return it == m_parents.end() ? noNodes() : it->second;
}

const std::set<CellId>& DependencyGraph::children(CellId id) const {
    const auto it = m_children.find(id);
    return it == m_children.end() ? noNodes() : it->second;
}

std::set<CellId> DependencyGraph::reach(const std::set<CellId>& roots,
                                        const std::map<CellId, std::set<CellId>>& edges) const {
    std::set<CellId> seen;
    std::vector<CellId> todo(roots.begin(), roots.end());
    while (!todo.empty()) {
        const CellId id = todo.back();
        todo.pop_back();
        const auto it = edges.find(id);
        if (it == edges.end())
            continue;
        for (CellId next : it->second) {
            if (seen.insert(next).second)
                todo.push_back(next);
        }
    }
    return seen;
}

std::set<CellId> DependencyGraph::descendants(const std::set<CellId>& roots) const {
    return reach(roots, m_children);
}

std::set<CellId> DependencyGraph::ancestors(const std::set<CellId>& roots) const {
    return reach(roots, m_parents);
}

std::vector<CellId> DependencyGraph::topologicalOrder(const Rank& rank) const {
    // Kahn's algorithm on the graph of strongly connected components, so that a cycle is one
    // block: its members wait for the block's parents and its children wait for the block.
    const std::vector<std::vector<CellId>> components = stronglyConnectedComponents(*this);
    std::map<CellId, std::size_t> componentOf;
    for (std::size_t c = 0; c < components.size(); ++c) {
        for (CellId id : components[c])
            componentOf[id] = c;
    }
    std::vector<std::set<std::size_t>> next(components.size());
    std::vector<std::size_t> waiting(components.size(), 0);
    std::vector<std::size_t> key(components.size());
    for (std::size_t c = 0; c < components.size(); ++c) {
        key[c] = rank(components[c].front());
        for (CellId id : components[c]) {
            key[c] = std::min(key[c], rank(id));
            for (CellId child : children(id)) {
                const std::size_t d = componentOf.at(child);
                if (d != c && next[c].insert(d).second)
                    ++waiting[d];
            }
        }
    }

    using Entry = std::pair<std::size_t, std::size_t>;  // (key, component)
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> ready;
    for (std::size_t c = 0; c < components.size(); ++c) {
        if (waiting[c] == 0)
            ready.emplace(key[c], c);
    }
    std::vector<CellId> order;
    order.reserve(m_children.size());
    while (!ready.empty()) {
        const std::size_t c = ready.top().second;
        ready.pop();
        std::vector<CellId> members = components[c];
        std::sort(members.begin(), members.end(),
                  [&](CellId a, CellId b) { return rank(a) < rank(b); });
        order.insert(order.end(), members.begin(), members.end());
        for (std::size_t d : next[c]) {
            if (--waiting[d] == 0)
                ready.emplace(key[d], d);
        }
    }
    return order;
}

}  // namespace lemma::notebook
