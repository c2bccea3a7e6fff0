#pragma once

// The fast kernel against the reference kernel, a generation at a time, for the kernel tests.

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/serial.hpp"

namespace mpilife::test {

/// Steps `fast` (a dead tile of the size of `start`) and a reference tile side by side from
/// `start` for `generations`, comparing cells and population after every one; at the first
/// difference a failed check naming `what`, the generation, size, rule and topology, and false.
inline bool same_as_reference(Tile& fast, const CellArray& start, const Rule& rule,
                              Topology topology, std::int64_t generations,
                              const std::string& what) {
  const std::int64_t w = start.cols();
  const std::int64_t h = start.rows();
  const std::unique_ptr<Tile> ref = make_tile(KernelKind::reference, w, h, rule);
  load(fast, start);
  load(*ref, start);
  for (std::int64_t g = 0; g < generations; ++g) {
    fill_ghosts_local(fast, topology);
    fill_ghosts_local(*ref, topology);
    fast.step_all();
    ref->step_all();
    if (!(to_array(fast) == to_array(*ref)).all() || fast.population() != ref->population()) {
      FAIL_CHECK(what << " differs at generation " << g + 1 << ": " << w << "x" << h << " "
                      << rule.to_string() << " " << to_string(topology) << " population fast "
                      << fast.population() << " reference " << ref->population());
      return false;
    }
  }
  return true;
}

}  // namespace mpilife::test
