// Cycles of the dependency graph (see Cycles.h).
#include "engine/notebook/Cycles.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace lemma::notebook {

namespace {

// Tarjan's algorithm, with an explicit stack of (node, next child) frames instead of recursion:
// a chain of a million cells, each using the one before, must not overflow the call stack.
class Tarjan {
public:
    explicit Tarjan(const DependencyGraph& graph) : m_graph(graph) {}

    std::vector<std::vector<CellId>> run() {
        for (CellId id : m_graph.nodes()) {
            if (!m_index.count(id))
                visit(id);
        }
        return std::move(m_components);
    }

private:
    struct Frame {
        CellId node;
        std::set<CellId>::const_iterator next;
    };

    void enter(CellId v, std::vector<Frame>& frames) {
        m_index[v] = m_low[v] = m_counter++;
        m_stack.push_back(v);
        m_onStack[v] = true;
        frames.push_back(Frame{v, m_graph.children(v).begin()});
    }

    void visit(CellId root) {
        std::vector<Frame> frames;
        enter(root, frames);
        while (!frames.empty()) {
            Frame& f = frames.back();
            const CellId v = f.node;
            if (f.next != m_graph.children(v).end()) {
                const CellId w = *f.next++;
                if (!m_index.count(w))
                    enter(w, frames);
                else if (m_onStack[w])
                    m_low[v] = std::min(m_low[v], m_index[w]);
                continue;
            }
            frames.pop_back();
            if (!frames.empty()) {
                const CellId parent = frames.back().node;
                m_low[parent] = std::min(m_low[parent], m_low[v]);
            }
            if (m_low[v] == m_index[v])
                popComponent(v);
        }
    }

    void popComponent(CellId v) {
        std::vector<CellId> component;
        CellId w = 0;
        do {
            w = m_stack.back();
            m_stack.pop_back();
            m_onStack[w] = false;
            component.push_back(w);
        } while (w != v);
        std::sort(component.begin(), component.end());
        m_components.push_back(std::move(component));
    }

    const DependencyGraph& m_graph;
    std::map<CellId, std::size_t> m_index, m_low;
    std::map<CellId, bool> m_onStack;
    std::vector<CellId> m_stack;
    std::size_t m_counter = 0;
    std::vector<std::vector<CellId>> m_components;
};

}  // namespace

std::vector<std::vector<CellId>> stronglyConnectedComponents(const DependencyGraph& graph) {
    return Tarjan(graph).run();
}

std::vector<std::vector<CellId>> findCycles(const DependencyGraph& graph) {
    std::vector<std::vector<CellId>> cycles;
    for (std::vector<CellId>& c : stronglyConnectedComponents(graph)) {
        if (c.size() > 1)
            cycles.push_back(std::move(c));
    }
    std::sort(cycles.begin(), cycles.end());
    return cycles;
}

std::vector<CellId> shortestCycleThrough(const DependencyGraph& graph, CellId id) {
    // Breadth-first from id's children back to id; children are visited in id order, so the
    // first path found is also the smallest among the shortest.
    std::map<CellId, CellId> cameFrom;
    std::deque<CellId> todo;
    for (CellId child : graph.children(id)) {
        if (!cameFrom.count(child)) {
            cameFrom[child] = id;
            todo.push_back(child);
        }
    }
    while (!todo.empty()) {
        const CellId v = todo.front();
        todo.pop_front();
        if (v == id) {
            std::vector<CellId> path{id};
            for (CellId w = cameFrom.at(id); w != id; w = cameFrom.at(w))
                path.push_back(w);
            path.push_back(id);
            std::reverse(path.begin(), path.end());
            return path;
        }
        for (CellId child : graph.children(v)) {
            if (!cameFrom.count(child)) {
                cameFrom[child] = v;
                todo.push_back(child);
            }
        }
    }
    return {};
}

}  // namespace lemma::notebook
