#include "mpilife/kernel/tile_io.hpp"

#include <stdexcept>

#include "mpilife/core/cells.hpp"
#include "mpilife/kernel/tile.hpp"

namespace mpilife {

CellArray to_array(const Tile& tile) {
  CellArray cells(tile.height(), tile.width());
  for (std::int64_t y = 0; y < tile.height(); ++y) tile.read_row(y, &cells(y, 0));
  return cells;
}

void load(Tile& tile, const CellArray& cells) {
  if (cells.rows() != tile.height() || cells.cols() != tile.width()) {
    throw std::invalid_argument("load: array shape differs from the tile");
  }
  for (std::int64_t y = 0; y < tile.height(); ++y) tile.write_row(y, &cells(y, 0));
}

}  // namespace mpilife
