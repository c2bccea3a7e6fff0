#include "mpilife/kernel.hpp"

#include <stdexcept>

namespace mpilife {

std::string to_string(KernelKind k) {
  return k == KernelKind::fast ? "fast" : "reference";
}

KernelKind kernel_from_string(std::string_view name) {
  return name == "reference" ? KernelKind::reference : KernelKind::fast;
}

std::unique_ptr<Tile> make_tile(KernelKind kind, std::int64_t w, std::int64_t h, const Rule& rule) {
  if (w < 1 || h < 1) throw std::invalid_argument("a tile needs at least one row and column");
  return kind == KernelKind::fast ? make_fast_tile(w, h, rule) : make_reference_tile(w, h, rule);
}

}  // namespace mpilife

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
