#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/blocking.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/halo.hpp"
#include "mpilife/parallel/mpi/comm.hpp"

namespace mpilife {

/// Where this rank's tile sits: the global grid, the process grid and the owned block.
struct Layout {
  std::int64_t width = 0;               ///< global grid width
  std::int64_t height = 0;              ///< global grid height
  Topology topology = Topology::torus;  ///< edges
  ProcessGrid procs;                    ///< process columns x rows
  std::array<int, 2> coords{};          ///< this rank's {col, row}
  Extent local;                         ///< this rank's block in global coordinates
  std::int64_t origin_x = 0;            ///< universe (Golly) x of the grid's column 0
  std::int64_t origin_y = 0;            ///< universe (Golly) y of the grid's row 0
};

/// What the caller of Simulation::step knows of the cells since the last step.
enum class SinceLastStep {
  maybe_edited,  ///< cells may have been written (or there was no step): fill the ghosts first
  untouched      ///< no cell was written on any rank: go on from the ghosts the last step left
};

/// The distributed time loop: every rank owns one tile of the grid and steps it in lock-step.
class Simulation {
 public:
  /// Builds the Cart communicator over `world` and a dead tile for this rank. Topology::unbounded
  /// is a plane whose edge the caller keeps live cells away from (Universe): no edge watch.
  /// `blocking` asks for a halo depth and a time block (0 = automatic: the rules of
  /// kernel/blocking.hpp, the depth agreed by all ranks); the fast kernel only, the depth cut to
  /// the thinnest tile (a face holds no more rows or columns than its tile) and the time block to
  /// the depth. Collective.
  Simulation(const mpi::Comm& world, std::int64_t width, std::int64_t height, Topology topology,
             const ProcessGrid& procs, KernelKind kernel, const Rule& rule,
             std::int64_t generation = 0, Blocking blocking = {});
  ~Simulation();

  /// Advances n generations. With ghosts one cell deep, each is: start the halo exchange, update
  /// the interior while it is in flight (polling it), wait, update the border ring, swap. With
  /// deeper ghosts the halo is exchanged at the start and again every halo_depth generations, and
  /// the tile sweeps time_block generations at a time (one at a time while a plane's edge is
  /// watched); the first sweep after an exchange runs while it is in flight, and the cells within
  /// reach of the late ghosts are computed again after it (Tile::advance_overlapped). A step
  /// starts with an exchange unless `since` says no cell was written since the last (on any rank:
  /// all must pass the same), when it goes on with the ghosts that one left. Collective.
  void step(std::int64_t n = 1, SinceLastStep since = SinceLastStep::maybe_edited);

  /// The halo depth and time block in use.
  const Blocking& blocking() const { return blocking_; }
  /// The halo depth and time block asked for (0 = automatic), for a grid that replaces this one.
  const Blocking& requested_blocking() const { return requested_; }
  /// Halo exchanges so far.
  std::int64_t halo_exchanges() const { return exchanges_; }
  /// Halo messages this rank sent so far: one per side served by another rank, per exchange.
  std::int64_t halo_messages() const { return exchanges_ * halo_->remote_sides(); }

  /// The current generation number.
  std::int64_t generation() const { return generation_; }
  /// This rank's tile (current state).
  Tile& tile() { return *tile_; }
  /// This rank's tile (current state).
  const Tile& tile() const { return *tile_; }
  /// Where this rank's tile sits.
  const Layout& layout() const { return layout_; }
  /// Sets the universe coordinates of the grid's cell (0, 0) (layout().origin_x/origin_y).
  void place_at(std::int64_t origin_x, std::int64_t origin_y) {
    layout_.origin_x = origin_x;
    layout_.origin_y = origin_y;
  }
  /// The Cartesian communicator.
  const mpi::CartComm& cart() const { return cart_; }
  /// Seconds this rank spent blocked waiting for halo messages.
  double halo_wait_seconds() const { return halo_->wait_seconds(); }
  /// Live cells on the whole grid (collective).
  std::int64_t population() const;
  /// The global extent of the tile of rank `rank` (of the Cartesian communicator).
  Extent extent_of(int rank) const;
  /// On a plane: the first generation so far (the current one included) at which a live cell
  /// lay on the outermost row or column of the grid, where the plane's result starts to depart
  /// from an unbounded universe; -1 when none did, and always -1 on a torus. Collective.
  std::int64_t first_edge_contact() const;

 private:
  mpi::CartComm cart_;
  Layout layout_;
  std::unique_ptr<Tile> tile_;
  std::unique_ptr<HaloExchange> halo_;
  /// Records `generation` (the current state's) in edge_contact_ if a live cell of this tile lies
  /// on the grid's outer edge (plane only; this rank's sides on that edge).
  void watch_edges(std::int64_t generation) const;
  /// The blocking in use for the tile of this rank: requested_ resolved (collective).
  Blocking resolve_blocking(KernelKind kernel) const;
  /// One generation with ghosts one cell deep, the exchange overlapped with the interior.
  void step_one();

  Blocking requested_;
  Blocking blocking_;
  int fresh_;  // generations advanced since the ghosts were filled (the depth: spent)
  std::int64_t exchanges_ = 0;
  std::int64_t generation_;
  std::int64_t rows_per_poll_;
  std::vector<Dir> outer_sides_;            // this tile's sides on a plane's outer edge
  mutable std::int64_t edge_contact_ = -1;  // first generation with a live cell on the edge
};

}  // namespace mpilife
