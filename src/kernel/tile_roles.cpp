#include "mpilife/kernel/tile_roles.hpp"

#include <vector>

#include "mpilife/kernel/packed_row.hpp"

namespace mpilife {

void TileCells::read_row_bits(std::int64_t y, std::uint64_t* out) const {
  std::vector<std::uint8_t> row(static_cast<std::size_t>(width()));
  read_row(y, row.data());
  pack_row(row.data(), width(), out);
}

}  // namespace mpilife
