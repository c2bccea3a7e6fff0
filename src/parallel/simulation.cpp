#include "mpilife/parallel/simulation.hpp"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <limits>

#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/blocking.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/halo.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"

namespace mpilife {

Simulation::Simulation(const mpi::Comm& world, std::int64_t width, std::int64_t height,
                       Topology topology, const ProcessGrid& procs, KernelKind kernel,
                       const Rule& rule, std::int64_t generation, Blocking blocking)
    : cart_(world, procs.cols, procs.rows, topology == Topology::torus),
      requested_(blocking),
      generation_(generation) {
  layout_.width = width;
  layout_.height = height;
  layout_.topology = topology;
  layout_.procs = procs;
  layout_.coords = cart_.coords();
  layout_.local = tile_extent(width, height, procs, layout_.coords[0], layout_.coords[1]);
  blocking_ = resolve_blocking(kernel);
  fresh_ = blocking_.halo_depth;  // no ghosts filled yet
  tile_ = make_tile(kernel, layout_.local.w, layout_.local.h, rule, blocking_.halo_depth);
  halo_ = std::make_unique<HaloExchange>(cart_, *tile_);
  rows_per_poll_ = std::max<std::int64_t>(1, kCellsPerPoll / layout_.local.w);
  if (topology == Topology::plane) {
    const auto [col, row] = layout_.coords;
    if (row == 0) outer_sides_.push_back(Dir::north);
    if (row == procs.rows - 1) outer_sides_.push_back(Dir::south);
    if (col == 0) outer_sides_.push_back(Dir::west);
    if (col == procs.cols - 1) outer_sides_.push_back(Dir::east);
  }
}

void Simulation::watch_edges(std::int64_t generation) const {
  if (edge_contact_ >= 0) return;
  for (const Dir d : outer_sides_) {
    if (tile_->edge_alive(d)) {
      edge_contact_ = generation;
      return;
    }
  }
}

std::int64_t Simulation::first_edge_contact() const {
  watch_edges(generation_);  // the current state has not been stepped from yet: look at it too
  const std::int64_t none = std::numeric_limits<std::int64_t>::max();
  const std::int64_t first =
      mpi::allreduce(edge_contact_ >= 0 ? edge_contact_ : none, mpi::Op::min, cart_.comm());
  return first == none ? -1 : first;
}

Simulation::~Simulation() = default;

Blocking Simulation::resolve_blocking(KernelKind kernel) const {
  if (kernel != KernelKind::fast) return {1, 1};
  Blocking b = requested_;
  const std::int64_t w = layout_.local.w;
  const std::int64_t h = layout_.local.h;
  if (b.time_block == 0) {
    b.time_block = automatic_time_block(w, h, read_cache_sizes());
    if (b.halo_depth > 0) b.time_block = std::min(b.time_block, b.halo_depth);
  }
  if (b.halo_depth == 0) {
    // Each rank's wish from its own tile and caches; the deepest wins, as all must agree.
    b.halo_depth =
        mpi::allreduce(automatic_halo_depth(w, h, b.time_block), mpi::Op::max, cart_.comm());
  }
  // The thinnest tile of the grid (tiles differ by at most one row or column).
  const std::int64_t thinnest =
      std::min(layout_.width / layout_.procs.cols, layout_.height / layout_.procs.rows);
  b.halo_depth = static_cast<int>(
      std::clamp<std::int64_t>(b.halo_depth, 1, std::min<std::int64_t>(thinnest, kMaxHaloDepth)));
  b.time_block = std::clamp(b.time_block, 1, b.halo_depth);
  return b;
}

void Simulation::step(std::int64_t n, SinceLastStep since) {
  if (blocking_.halo_depth == 1) {
    for (std::int64_t g = 0; g < n; ++g) step_one();
    return;
  }
  // Edited cells (here or at a neighbour) make the ghosts stale: fill them first. The first sweep
  // from newly filled ghosts runs while they are in flight.
  if (since == SinceLastStep::maybe_edited) fresh_ = blocking_.halo_depth;
  const std::function<void()> poll = [&] { halo_->poll(); };
  const std::function<void()> wait = [&] { halo_->finish(); };
  fresh_ = advance_tile(
      *tile_, n, fresh_,
      [&](int k) {
        halo_->start();
        ++exchanges_;
        tile_->advance_overlapped(k, halo_->late_sides(), poll, wait);
      },
      [&](std::int64_t done) {
        // A plane's edge is watched at every generation until a live cell reaches it.
        if (outer_sides_.empty() || edge_contact_ >= 0) return blocking_.time_block;
        watch_edges(generation_ + done);
        return 1;
      });
  generation_ += n;
}

void Simulation::step_one() {
  watch_edges(generation_);
  ++exchanges_;
  halo_->start();
  const std::int64_t h = tile_->height();
  for (std::int64_t row = 1; row + 1 < h; row += rows_per_poll_) {
    tile_->step_interior(row, std::min(row + rows_per_poll_, h - 1));
    halo_->poll();
  }
  halo_->finish();
  tile_->step_border();
  tile_->swap();
  ++generation_;
}

std::int64_t Simulation::population() const {
  return mpi::allreduce(tile_->population(), mpi::Op::sum, cart_.comm());
}

Extent Simulation::extent_of(int rank) const {
  const std::array<int, 2> at = cart_.coords_of(rank);
  return tile_extent(layout_.width, layout_.height, layout_.procs, at[0], at[1]);
}

}  // namespace mpilife
