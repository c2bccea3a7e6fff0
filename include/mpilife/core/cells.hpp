#pragma once

#include <Eigen/Core>
#include <cstdint>

namespace mpilife {

/// A whole grid (or tile) of cells, one byte per cell, row-major, 1 = alive.
using CellArray = Eigen::Array<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// One live cell, relative to the pattern's top-left corner.
struct Cell {
  std::int64_t x = 0;  ///< column, 0 = leftmost
  std::int64_t y = 0;  ///< row, 0 = top
  friend bool operator==(const Cell& a, const Cell& b) { return a.x == b.x && a.y == b.y; }
};

}  // namespace mpilife
