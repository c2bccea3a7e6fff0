#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

/// How an unbounded universe grows.
struct Growth {
  std::int64_t margin = 32;     ///< live cells closer than this to an edge make the grid grow
  std::int64_t max_cells = 0;   ///< the grid never grows beyond this many cells; 0 = no limit
  std::int64_t band_cells = std::int64_t{1} << 24;  ///< cells moved at once while growing
};

/// What a growth check found.
enum class GrowthCheck {
  room,     ///< no live cell near an edge: nothing to do
  grown,    ///< the grid grew (and was redistributed over the ranks)
  limited,  ///< it had to grow but would pass Growth::max_cells: the universe cannot go on exactly
};

/// The process grid for a grid of the given size (the decomposition the user chose).
using ProcessGridFor = std::function<ProcessGrid(std::int64_t width, std::int64_t height)>;

/// Golly's unbounded universe on a finite distributed grid: a plane that grows before any live
/// cell can reach its edge. Every margin/2 generations the ranks check (one small all-reduce)
/// whether a live cell lies within `margin` cells of an edge; the grid then grows on those sides
/// by half its size (at least 2 margins), so growth is rare (amortised O(1) per cell), and the
/// tiles are redistributed over the same ranks rank to rank (regrid). Live cells spread at most one
/// cell per generation, so no live cell ever touches the edge and the result is exactly the
/// unbounded universe's. Cell (x, y) of the grid is cell (x + origin_x, y + origin_y) of the
/// universe, whose coordinates never change.
class Universe {
 public:
  /// `sim`, a plane, holds the universe's cells from (origin_x, origin_y).
  Universe(std::unique_ptr<Simulation> sim, std::int64_t origin_x, std::int64_t origin_y,
           KernelKind kernel, const Rule& rule, const Growth& growth, ProcessGridFor procs_for);

  /// Grows first if a check is due and needed; then one generation. Returns the check's outcome
  /// (room when none was due); on `limited` it does not step. Collective.
  GrowthCheck step();

  /// Checks now (collective): grows when a live cell is within the margin of an edge.
  GrowthCheck grow_if_needed();

  /// The current grid.
  Simulation& sim() { return *sim_; }
  const Simulation& sim() const { return *sim_; }
  /// Universe coordinates of the grid's cell (0, 0).
  std::int64_t origin_x() const { return origin_x_; }
  std::int64_t origin_y() const { return origin_y_; }
  /// Times the grid grew.
  int growths() const { return growths_; }
  /// Seconds spent growing (checks excluded), this rank.
  double growth_seconds() const { return growth_seconds_; }

 private:
  std::unique_ptr<Simulation> sim_;
  std::int64_t origin_x_;
  std::int64_t origin_y_;
  KernelKind kernel_;
  Rule rule_;
  Growth growth_;
  ProcessGridFor procs_for_;
  std::int64_t next_check_;
  int growths_ = 0;
  double growth_seconds_ = 0;
};

}  // namespace mpilife
