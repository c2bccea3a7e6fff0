#pragma once

#include <cstdint>
#include <memory>

#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

/// The new grid of a regrid: its size and process grid, and where the old grid's cell (0, 0)
/// lands in it.
struct Regrid {
  std::int64_t width = 0;   ///< new grid width
  std::int64_t height = 0;  ///< new grid height
  ProcessGrid procs;        ///< new process grid over the same ranks
  std::int64_t dx = 0;      ///< old cell (x, y) becomes new cell (x + dx, y + dy)
  std::int64_t dy = 0;
  std::int64_t band_cells = std::int64_t{1} << 24;  ///< cells per band moved at once (>= a row)
};

/// A new simulation over the same ranks, at the same generation, holding `old`'s cells moved by
/// (dx, dy) into the `to` grid (cells that fall outside are dropped, new cells are dead), with
/// `kernel` and `rule`. The cells travel directly between the ranks that own them before and
/// after, a band of rows at a time (all-to-all; no rank ever holds more than its tiles and one
/// band), never through rank 0. Collective over `old`'s ranks.
std::unique_ptr<Simulation> regrid(const Simulation& old, const Regrid& to, KernelKind kernel,
                                   const Rule& rule);

}  // namespace mpilife
