#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mpilife/census/patch.hpp"
#include "mpilife/core/cells.hpp"

namespace mpilife::test {

/// The live cells of a picture: one string per row, 'o' alive and '.' dead, top-left at (x, y).
inline std::vector<Cell> picture_cells(const std::vector<std::string>& rows, std::int64_t x = 0,
                                       std::int64_t y = 0) {
  std::vector<Cell> cells;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      if (rows[r][c] == 'o') {
        cells.push_back(Cell{x + static_cast<std::int64_t>(c), y + static_cast<std::int64_t>(r)});
      }
    }
  }
  return cells;
}

/// The patch of a picture (see picture_cells).
inline Patch picture(const std::vector<std::string>& rows, std::int64_t x = 0, std::int64_t y = 0) {
  return Patch::from_cells(picture_cells(rows, x, y));
}

}  // namespace mpilife::test
