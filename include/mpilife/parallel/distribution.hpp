#pragma once

#include <cstdint>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

/// Gathers the whole current grid to rank 0 (each tile lands through a subarray datatype);
/// other ranks get an empty array. Collective.
CellArray gather_grid(const Simulation& sim);

/// Live-cell counts of the `scale` x `scale` blocks tiling `region` (global cells, inside the grid;
/// the last blocks may be partial), computed by the ranks that own the cells and summed onto rank
/// 0 as a row-major ceil(h/scale) x ceil(w/scale) array; other ranks get an empty vector. The
/// traffic is one value per block, not per cell. Collective.
std::vector<std::uint32_t> gather_block_counts(const Simulation& sim, const Extent& region,
                                               std::int64_t scale);

/// Makes the cells listed on rank 0 (global coordinates, inside the grid) alive on the ranks that
/// own them; the list on other ranks is ignored. Collective.
void place_cells(Simulation& sim, const std::vector<Cell>& cells_on_root);

/// Fills this rank's tile with the counter-based soup of `seed` and `density` (no communication:
/// every rank computes its own cells, so the soup does not depend on the decomposition).
void fill_soup(Simulation& sim, std::uint64_t seed, double density);

}  // namespace mpilife
