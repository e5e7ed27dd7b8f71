// A notebook in memory (see Notebook.h).
#include "engine/notebook/Notebook.h"

#include <stdexcept>

namespace lemma::notebook {

std::optional<std::size_t> Notebook::indexOf(CellId id) const {
    for (std::size_t i = 0; i < m_cells.size(); ++i) {
        if (m_cells[i].id() == id)
            return i;
    }
    return std::nullopt;
}

const Cell* Notebook::find(CellId id) const {
    const std::optional<std::size_t> i = indexOf(id);
    return i ? &m_cells[*i] : nullptr;
}

Cell* Notebook::find(CellId id) {
    const std::optional<std::size_t> i = indexOf(id);
    return i ? &m_cells[*i] : nullptr;
}

CellId Notebook::append(Cell cell) {
    cell.m_id = m_nextId++;
    m_cells.push_back(std::move(cell));
    return m_cells.back().id();
}

CellId Notebook::insert(std::size_t index, Cell cell) {
    if (index > m_cells.size())
        throw std::out_of_range("Notebook::insert: index out of range");
    const bool atStart = index == 0 && m_frontMatter.empty() && !m_bom;
    cell.setLeading(atStart ? std::string() : m_eol);
    if (index < m_cells.size() && m_cells[index].leading().empty()) {
        m_cells[index].setLeading(m_eol);
    }
    cell.m_id = m_nextId++;
    m_cells.insert(m_cells.begin() + static_cast<std::ptrdiff_t>(index), std::move(cell));
    return m_cells[index].id();
}

CellId Notebook::insertCode(std::size_t index, std::string_view source, std::string_view info) {
    return insert(index, Cell::code(source, info, m_eol));
}

CellId Notebook::insertMarkdown(std::size_t index, std::string_view source) {
    return insert(index, Cell::markdown(source, m_eol));
}

Cell Notebook::remove(std::size_t index) {
    if (index >= m_cells.size())
        throw std::out_of_range("Notebook::remove: index out of range");
    Cell cell = std::move(m_cells[index]);
    m_cells.erase(m_cells.begin() + static_cast<std::ptrdiff_t>(index));
    if (index < m_cells.size())
        m_cells[index].setLeading(cell.leading());
    return cell;
}

void Notebook::move(std::size_t from, std::size_t to) {
    if (from >= m_cells.size() || to >= m_cells.size()) {
        throw std::out_of_range("Notebook::move: index out of range");
    }
    if (from == to)
        return;
    // The blank lines at the top of the file stay at the top, whichever cell comes first.
    const CellId oldFirst = m_cells.front().id();
    std::string topLeading = m_cells.front().leading();
    Cell cell = std::move(m_cells[from]);
    m_cells.erase(m_cells.begin() + static_cast<std::ptrdiff_t>(from));
    m_cells.insert(m_cells.begin() + static_cast<std::ptrdiff_t>(to), std::move(cell));
    if (m_cells.front().id() != oldFirst) {
        std::string displaced = m_cells.front().leading();
        m_cells.front().setLeading(std::move(topLeading));
        Cell* old = find(oldFirst);
        old->setLeading(displaced.empty() ? m_eol : std::move(displaced));
    }
    if (to > 0 && m_cells[to].leading().empty())
        m_cells[to].setLeading(m_eol);
}

}  // namespace lemma::notebook
