#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "mpilife/kernel/tile_roles.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/mpi/requests.hpp"

namespace mpilife {

/// Fills a tile's ghost cells from its eight neighbours with persistent Irecv/Isend requests.
///
/// Each side d of the tile is one of three kinds:
///   remote  - another rank: its face arrives by message (tag = the direction it was sent in)
///   self    - this rank on a periodic dimension: the face is copied in process
///   outside - beyond a plane's edge (MPI_PROC_NULL): the ghost is made dead
/// All eight sides are exchanged at once (corners as one-cell messages), so corners need no
/// second phase and every message is in flight while the interior is computed.
class HaloExchange {
 public:
  /// Sets up the requests for `tile` on `cart` (both must outlive this object).
  HaloExchange(const mpi::CartComm& cart, TileFaces& tile);
  ~HaloExchange();
  HaloExchange(const HaloExchange&) = delete;
  HaloExchange& operator=(const HaloExchange&) = delete;

  /// Starts the exchange of the tile's current faces; in-process sides are filled at once.
  void start();
  /// Lets messages progress (Open MPI has no progress thread); true once all have arrived.
  bool poll();
  /// Waits for every message and fills the remote ghosts; adds the blocked time to wait_seconds().
  void finish();
  /// Seconds spent blocked in finish() so far.
  double wait_seconds() const { return wait_seconds_; }
  /// Number of sides served by messages to other ranks.
  int remote_sides() const;
  /// The sides served by messages (side_bit per Dir): the ghosts still in flight after start().
  unsigned late_sides() const;

 private:
  enum class Side { remote, self, outside };

  TileFaces& tile_;
  std::array<Side, 8> side_{};
  std::array<std::vector<std::byte>, 8> send_;  // indexed by the direction sent towards
  std::array<std::vector<std::byte>, 8> recv_;  // indexed by the direction received from
  mpi::RequestSet requests_;
  double wait_seconds_ = 0.0;
};

}  // namespace mpilife
