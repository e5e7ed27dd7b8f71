// Cycles of the dependency graph: which cells sit on one, and a shortest loop through a cell
// to show the user.
#pragma once

#include <vector>

#include "engine/notebook/DependencyGraph.h"

namespace lemma::notebook {

// The strongly connected components of the graph, each sorted by id; singletons included, in
// no particular order of components.
std::vector<std::vector<CellId>> stronglyConnectedComponents(const DependencyGraph& graph);

// The components with more than one node: each is a set of cells that depend on each other.
std::vector<std::vector<CellId>> findCycles(const DependencyGraph& graph);

// A shortest path id → … → id along edges, starting and ending with id; empty when `id` is on
// no cycle. Among equally short loops, the one through smaller ids wins, so messages are stable.
std::vector<CellId> shortestCycleThrough(const DependencyGraph& graph, CellId id);

}  // namespace lemma::notebook
