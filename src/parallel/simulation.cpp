#include "mpilife/parallel/simulation.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>

#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/halo.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"

namespace mpilife {

namespace {

// About this many cells are updated between two polls of the halo requests: enough work to make
// a poll's cost (~0.1 us) negligible, often enough for rendezvous messages to progress.
constexpr std::int64_t kCellsPerPoll = std::int64_t{1} << 20;

}  // namespace

Simulation::Simulation(const mpi::Comm& world, std::int64_t width, std::int64_t height,
                       Topology topology, const ProcessGrid& procs, KernelKind kernel,
                       const Rule& rule, std::int64_t generation)
    : cart_(world, procs.cols, procs.rows, topology == Topology::torus), generation_(generation) {
  layout_.width = width;
  layout_.height = height;
  layout_.topology = topology;
  layout_.procs = procs;
  layout_.coords = cart_.coords();
  layout_.local = tile_extent(width, height, procs, layout_.coords[0], layout_.coords[1]);
  tile_ = make_tile(kernel, layout_.local.w, layout_.local.h, rule);
  halo_ = std::make_unique<HaloExchange>(cart_, *tile_);
  rows_per_poll_ = std::max<std::int64_t>(1, kCellsPerPoll / layout_.local.w);
  if (topology == Topology::plane) {
    const auto [col, row] = layout_.coords;
    if (row == 0) outer_sides_.push_back(Dir::north);
    if (row == procs.rows - 1) outer_sides_.push_back(Dir::south);
    if (col == 0) outer_sides_.push_back(Dir::west);
    if (col == procs.cols - 1) outer_sides_.push_back(Dir::east);
    std::size_t bytes = 0;
    for (const Dir d : outer_sides_) bytes = std::max(bytes, tile_->face_bytes(d));
    face_.resize(bytes);
  }
}

void Simulation::watch_edges() const {
  if (edge_contact_ >= 0) return;
  for (const Dir d : outer_sides_) {
    tile_->pack_face(d, face_.data());
    const std::size_t n = tile_->face_bytes(d);
    if (std::any_of(face_.begin(), face_.begin() + static_cast<std::ptrdiff_t>(n),
                    [](std::byte b) { return b != std::byte{0}; })) {
      edge_contact_ = generation_;
      return;
    }
  }
}

std::int64_t Simulation::first_edge_contact() const {
  watch_edges();  // the current state has not been stepped from yet: look at it too
  const std::int64_t none = std::numeric_limits<std::int64_t>::max();
  const std::int64_t first =
      mpi::allreduce(edge_contact_ >= 0 ? edge_contact_ : none, mpi::Op::min, cart_.comm());
  return first == none ? -1 : first;
}

Simulation::~Simulation() = default;

void Simulation::step() {
  watch_edges();
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
