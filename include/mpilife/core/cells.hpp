#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cstdint>
#include <vector>

namespace mpilife {

/// A whole grid (or tile) of cells, one byte per cell, row-major, 1 = alive.
using CellArray = Eigen::Array<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// One live cell, relative to the pattern's top-left corner.
struct Cell {
  std::int64_t x = 0;  ///< column, 0 = leftmost
  std::int64_t y = 0;  ///< row, 0 = top
  friend bool operator==(const Cell& a, const Cell& b) { return a.x == b.x && a.y == b.y; }
};

/// What an edit does to one cell.
enum class CellChange : std::uint8_t {
  clear,  ///< makes it dead
  set,    ///< makes it alive
  flip    ///< makes it the opposite of what it is
};

/// One cell edit: a cell and what happens to it.
struct CellEdit {
  Cell cell;                             ///< the cell
  CellChange change = CellChange::flip;  ///< what happens to it
  friend bool operator==(const CellEdit& a, const CellEdit& b) {
    return a.cell == b.cell && a.change == b.change;
  }
};

/// The smallest and largest coordinates of a set of cells (inclusive, so no span can overflow).
struct CellBounds {
  std::int64_t min_x = 0;  ///< leftmost column
  std::int64_t min_y = 0;  ///< top row
  std::int64_t max_x = 0;  ///< rightmost column
  std::int64_t max_y = 0;  ///< bottom row
};

/// The bounds of `cells`, which must not be empty.
inline CellBounds bounds_of(const std::vector<Cell>& cells) {
  CellBounds b{cells.front().x, cells.front().y, cells.front().x, cells.front().y};
  for (const Cell& c : cells) {
    b.min_x = std::min(b.min_x, c.x);
    b.min_y = std::min(b.min_y, c.y);
    b.max_x = std::max(b.max_x, c.x);
    b.max_y = std::max(b.max_y, c.y);
  }
  return b;
}

}  // namespace mpilife
