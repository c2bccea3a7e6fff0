#include "mpilife/parallel/serial.hpp"

#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"

namespace mpilife {

void fill_ghosts_local(TileFaces& tile, Topology topology) {
  std::vector<std::byte> buffer;
  for (Dir d : kAllDirs) {
    if (topology == Topology::plane) {
      tile.clear_ghost(d);
      continue;
    }
    // On a one-tile torus the neighbour on every side is the tile itself: its ghost on side d
    // mirrors its own face on the opposite side.
    buffer.resize(tile.face_bytes(opposite(d)));
    tile.pack_face(opposite(d), buffer.data());
    tile.unpack_ghost(d, buffer.data());
  }
}

CellArray evolve_serial(const CellArray& start, const Rule& rule, Topology topology,
                        KernelKind kernel, std::int64_t generations) {
  auto tile = make_tile(kernel, start.cols(), start.rows(), rule);
  load(*tile, start);
  for (std::int64_t g = 0; g < generations; ++g) {
    fill_ghosts_local(*tile, topology);
    tile->step_all();
  }
  return to_array(*tile);
}

}  // namespace mpilife
