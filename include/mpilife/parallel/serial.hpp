#pragma once

#include <cstdint>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_roles.hpp"

namespace mpilife {

/// Fills every ghost cell of `tile`, taken as the whole grid, in process: wrapped from the
/// opposite edge on a torus, dead on a plane. Uses the same faces as the MPI exchange.
void fill_ghosts_local(TileFaces& tile, Topology topology);

/// Runs `generations` generations of `start` on one tile in this process: the serial oracle.
CellArray evolve_serial(const CellArray& start, const Rule& rule, Topology topology,
                        KernelKind kernel, std::int64_t generations);

}  // namespace mpilife
