#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

/// How an unbounded universe grows.
struct Growth {
  std::int64_t margin = 32;    ///< live cells closer than this to an edge make the grid grow
  std::int64_t max_cells = 0;  ///< the grid never grows beyond this many cells; 0 = no limit
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

/// The grid a run steps: a bounded one (torus or plane, `growth` none) that just steps, or Golly's
/// unbounded universe on a finite distributed grid (`growth` given): a plane that grows before
/// any live cell can reach its edge. Every margin/2 generations the ranks check (one small
/// all-reduce) whether a live cell lies within `margin` cells of an edge; the grid then grows on
/// those sides by half its size (at least 2 margins), so growth is rare (amortised O(1) per cell),
/// and the tiles are redistributed over the same ranks rank to rank (regrid). Live cells spread at
/// most one cell per generation, so no live cell ever touches the edge and the result is exactly
/// the unbounded universe's. Cell (x, y) of the grid is cell (x + origin_x, y + origin_y) of the
/// universe (sim().layout()), whose coordinates never change.
class Universe {
 public:
  /// Steps `sim`; with `growth`, `sim` is an unbounded (or plane) grid placed in the universe
  /// (Simulation::place_at) and grows as described above.
  Universe(std::unique_ptr<Simulation> sim, KernelKind kernel, const Rule& rule,
           std::optional<Growth> growth, ProcessGridFor procs_for);

  /// Grows first if a check is due and needed; then up to n generations, stopping early at the
  /// next growth check (see sim().generation()), `since` as Simulation::step's (a grown grid
  /// fills its ghosts anyway). Returns the check's outcome (room when none was due); on
  /// `limited` it does not step. Collective.
  GrowthCheck step(std::int64_t n = 1, SinceLastStep since = SinceLastStep::maybe_edited);

  /// Replaces the grid by the one `make` builds (the old one freed first, so the two never take
  /// memory together): a reset to the starting generation. The counters (growths, cell updates,
  /// halo wait) go on. Collective.
  void restart(const std::function<std::unique_ptr<Simulation>()>& make);

  /// Checks now (collective): grows when a live cell is within the margin of an edge.
  GrowthCheck grow_if_needed();

  /// The current grid (a new object after each growth: do not keep references across step()).
  Simulation& sim() { return *sim_; }
  const Simulation& sim() const { return *sim_; }
  /// True for an unbounded universe.
  bool grows() const { return growth_.has_value(); }
  /// Universe coordinates of the grid's cell (0, 0).
  std::int64_t origin_x() const { return sim_->layout().origin_x; }
  std::int64_t origin_y() const { return sim_->layout().origin_y; }
  /// Times the grid grew.
  int growths() const { return growths_; }
  /// Seconds spent growing (checks excluded), this rank.
  double growth_seconds() const { return growth_seconds_; }
  /// Cells updated so far (width x height of the grid at each step).
  double cell_updates() const { return cell_updates_; }
  /// Seconds this rank waited for halo messages, over every grid it had.
  double halo_wait_seconds() const { return halo_wait_before_ + sim_->halo_wait_seconds(); }
  /// Halo messages this rank sent so far, over every grid.
  std::int64_t halo_messages() const { return halo_messages_before_ + sim_->halo_messages(); }
  /// After `limited`: the size the grid needed to grow to.
  std::int64_t wanted_width() const { return wanted_width_; }
  std::int64_t wanted_height() const { return wanted_height_; }

 private:
  std::unique_ptr<Simulation> sim_;
  KernelKind kernel_;
  Rule rule_;
  std::optional<Growth> growth_;
  ProcessGridFor procs_for_;
  std::int64_t next_check_;
  int growths_ = 0;
  double growth_seconds_ = 0;
  double cell_updates_ = 0;
  double halo_wait_before_ = 0;
  std::int64_t halo_messages_before_ = 0;
  std::int64_t wanted_width_ = 0;
  std::int64_t wanted_height_ = 0;
};

}  // namespace mpilife
