// The topology of a notebook's reactive graph: cells as nodes, "defines a name the other
// uses" as edges. It knows nothing of names or sources; Definitions and Session supply them.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "engine/notebook/Cell.h"

namespace lemma::notebook {

// Responsibilities:
// - hold nodes and directed edges parent → child (self-edges are dropped: a cell reading a
//   name it defines itself depends on nothing);
// - answer parents, children, ancestors and descendants;
// - order nodes topologically, breaking ties by a caller's rank (notebook order), with each
//   cycle kept together as one block so that cells downstream of a cycle still get a place.
// Finding the cycles themselves is Cycles' job.
class DependencyGraph {
public:
    void addNode(CellId id);
    // Removes the node and its edges.
    void removeNode(CellId id);
    bool contains(CellId id) const { return m_children.count(id) > 0; }
    std::vector<CellId> nodes() const;

    // Both ends must be nodes.
    void addEdge(CellId parent, CellId child);
    const std::set<CellId>& parents(CellId id) const;
    const std::set<CellId>& children(CellId id) const;

    // Every node reachable from `roots` along edges; a root is included only when it is
    // reachable from a root (it sits on a cycle).
    std::set<CellId> descendants(const std::set<CellId>& roots) const;
    // Every node from which `roots` are reachable, same convention.
    std::set<CellId> ancestors(const std::set<CellId>& roots) const;

    using Rank = std::function<std::size_t(CellId)>;
    // All nodes, parents before children; among nodes free to go next, the lowest rank first.
    // Nodes of one cycle come together, in rank order.
    std::vector<CellId> topologicalOrder(const Rank& rank) const;

private:
    std::set<CellId> reach(const std::set<CellId>& roots,
                           const std::map<CellId, std::set<CellId>>& edges) const;

    std::map<CellId, std::set<CellId>> m_children;
    std::map<CellId, std::set<CellId>> m_parents;
};

}  // namespace lemma::notebook
