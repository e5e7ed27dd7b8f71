// A notebook in memory: its cells in order, plus the bytes around them (byte-order mark,
// front matter, trailing blank lines) that a faithful rewrite of the file needs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/notebook/Cell.h"
#include "engine/notebook/FrontMatter.h"

namespace lemma::notebook {

// Responsibilities:
// - own the cells in order and give each a stable id when it joins;
// - create, insert, remove and move cells, keeping the separators between them sensible;
// - hold the notebook-level bytes and settings: BOM, front matter (seed, lazy, title), the
//   blank lines after the last cell, and the line ending new text gets.
// Reading and writing files is NotebookFormat's job.
class Notebook {
public:
    std::size_t size() const { return m_cells.size(); }
    bool empty() const { return m_cells.empty(); }
    const std::vector<Cell>& cells() const { return m_cells; }
    const Cell& at(std::size_t index) const { return m_cells.at(index); }
    Cell& at(std::size_t index) { return m_cells.at(index); }

    std::optional<std::size_t> indexOf(CellId id) const;
    const Cell* find(CellId id) const;
    Cell* find(CellId id);

    // Appends a cell exactly as it is (its leading separator included); returns its new id.
    CellId append(Cell cell);
    // Inserts at `index` (0 ≤ index ≤ size()) and returns the new id. The cell is separated
    // from its neighbours by one blank line when it is not at the very start.
    CellId insert(std::size_t index, Cell cell);
    // Convenience for the GUI: a new cell with this notebook's line endings.
    CellId insertCode(std::size_t index, std::string_view source, std::string_view info = "lemma");
    CellId insertMarkdown(std::size_t index, std::string_view source);
    // Removes and returns the cell; the gap before it stays, the one after it goes.
    Cell remove(std::size_t index);
    // Moves the cell at `from` so that it ends up at index `to`.
    void move(std::size_t from, std::size_t to);

    const FrontMatter& frontMatter() const { return m_frontMatter; }
    void setFrontMatter(FrontMatter frontMatter) { m_frontMatter = std::move(frontMatter); }
    std::uint64_t seed() const { return m_frontMatter.seed(); }
    bool lazy() const { return m_frontMatter.lazy(); }

    bool hasByteOrderMark() const { return m_bom; }
    void setByteOrderMark(bool bom) { m_bom = bom; }
    const std::string& trailer() const { return m_trailer; }
    void setTrailer(std::string trailer) { m_trailer = std::move(trailer); }
    const std::string& lineEnding() const { return m_eol; }
    void setLineEnding(std::string eol) { m_eol = std::move(eol); }

private:
    std::vector<Cell> m_cells;
    FrontMatter m_frontMatter;
    std::string m_trailer;
    std::string m_eol = "\n";
    bool m_bom = false;
    CellId m_nextId = 1;
};

}  // namespace lemma::notebook
