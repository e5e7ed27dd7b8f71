// Which cell defines which global name, and which names each cell reads: the part of the
// reactive graph that knows about names.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/notebook/Cell.h"
#include "engine/notebook/DependencyGraph.h"

namespace lemma::notebook {

// Responsibilities:
// - record each code cell's defined and used names (from the parser);
// - answer who defines a name: usually one cell; when several do, the one that defined it
//   first is its owner (in notebook order at load, then in the order of edits), and only the
//   later definers are in conflict: the owner keeps running;
// - derive the dependency edges: a cell depends on the owner of each name it uses.
// Names no cell defines are free (builtins, or an error when the cell runs).
class Definitions {
public:
    void set(CellId cell, std::vector<std::string> defs, std::vector<std::string> uses);
    void remove(CellId cell);
    bool contains(CellId cell) const { return m_cells.count(cell) > 0; }

    const std::vector<std::string>& defs(CellId cell) const;
    const std::vector<std::string>& uses(CellId cell) const;

    // The cells defining `name`, by id.
    std::set<CellId> definers(std::string_view name) const;
    // The cell that defined `name` first and still defines it, or 0.
    CellId owner(std::string_view name) const;
    // The names `cell` defines that another cell owns, sorted.
    std::vector<std::string> conflicts(CellId cell) const;

    // What `cell` reads from other cells: (name, owner) for each use owned by another cell,
    // in the order of the uses.
    std::vector<std::pair<std::string, CellId>> dependencies(CellId cell) const;

    // A graph over the recorded cells with an edge definer → user for every dependency.
    DependencyGraph graph() const;

private:
    void drop(const std::string& name, CellId cell);

    struct Names {
        std::vector<std::string> defs;
        std::vector<std::string> uses;
    };
    std::map<CellId, Names> m_cells;
    // Each name's definers in the order they started defining it; the first is the owner.
    std::map<std::string, std::vector<CellId>, std::less<>> m_definers;
};

}  // namespace lemma::notebook
