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
// - answer who defines a name: usually one cell, several when a name is defined twice, which
//   is an error the session reports on every cell involved;
// - derive the dependency edges: a cell depends on every other cell defining a name it uses.
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
    // The names `cell` defines that some other cell defines too, sorted.
    std::vector<std::string> conflicts(CellId cell) const;

    // What `cell` reads from other cells: (name, defining cell) for each use and each of its
    // definers other than `cell` itself, in the order of the uses.
    std::vector<std::pair<std::string, CellId>> dependencies(CellId cell) const;

    // A graph over the recorded cells with an edge definer → user for every dependency.
    DependencyGraph graph() const;

private:
    struct Names {
        std::vector<std::string> defs;
        std::vector<std::string> uses;
    };
    std::map<CellId, Names> m_cells;
    std::map<std::string, std::set<CellId>, std::less<>> m_definers;
};

}  // namespace lemma::notebook
