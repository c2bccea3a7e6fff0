#include "mpilife/parallel/universe.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <utility>
#include <vector>

#include "mpilife/core/geometry.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/regrid.hpp"

namespace mpilife {

namespace {

enum Side { north, south, west, east };

// Which sides of the grid have a live cell within `margin` cells, as seen by this rank.
std::array<int, 4> near_edges(const Simulation& sim, std::int64_t margin) {
  const Layout& lay = sim.layout();
  const Extent t = lay.local;
  // The columns (local) that lie in the west and east strips.
  const std::int64_t west_end = std::clamp<std::int64_t>(margin - t.x0, 0, t.w);
  const std::int64_t east_begin = std::clamp<std::int64_t>(lay.width - margin - t.x0, 0, t.w);
  const bool west_or_east = west_end > 0 || east_begin < t.w;
  std::array<int, 4> near{};
  const auto any = [](const std::uint8_t* p, std::int64_t n) {
    return std::any_of(p, p + n, [](std::uint8_t c) { return c != 0; });
  };
  const auto visit = [&](std::int64_t y, const std::uint8_t* row) {
    const std::int64_t gy = t.y0 + y;
    const bool top = gy < margin;
    const bool bottom = gy >= lay.height - margin;
    if ((top || bottom) && any(row, t.w)) {
      if (top) near[north] = 1;
      if (bottom) near[south] = 1;
    }
    if (west_end > 0 && any(row, west_end)) near[west] = 1;
    if (east_begin < t.w && any(row + east_begin, t.w - east_begin)) near[east] = 1;
  };
  if (west_or_east) {
    for_each_row(sim.tile(), 0, t.h, visit);
  } else {
    // Only the rows in the north and south strips.
    const std::int64_t top_end = std::clamp<std::int64_t>(margin - t.y0, 0, t.h);
    const std::int64_t bottom_begin = std::clamp<std::int64_t>(lay.height - margin - t.y0, 0, t.h);
    if (top_end > 0) for_each_row(sim.tile(), 0, top_end, visit);
    if (bottom_begin < t.h) for_each_row(sim.tile(), std::max(bottom_begin, top_end), t.h, visit);
  }
  return near;
}

}  // namespace

Universe::Universe(std::unique_ptr<Simulation> sim, KernelKind kernel, const Rule& rule,
                   std::optional<Growth> growth, ProcessGridFor procs_for)
    : sim_(std::move(sim)),
      kernel_(kernel),
      rule_(rule),
      growth_(growth),
      procs_for_(std::move(procs_for)),
      next_check_(sim_->generation()) {
  if (growth_) growth_->margin = std::max<std::int64_t>(growth_->margin, 2);
}

GrowthCheck Universe::step(std::int64_t n, SinceLastStep since) {
  GrowthCheck check = GrowthCheck::room;
  if (growth_ && sim_->generation() >= next_check_) {
    check = grow_if_needed();
    if (check == GrowthCheck::limited) return check;
  }
  if (growth_) n = std::min(n, next_check_ - sim_->generation());
  sim_->step(n, since);
  cell_updates_ += static_cast<double>(sim_->layout().width) *
                   static_cast<double>(sim_->layout().height) * static_cast<double>(n);
  return check;
}

void Universe::restart(const std::function<std::unique_ptr<Simulation>()>& make) {
  halo_wait_before_ += sim_->halo_wait_seconds();
  halo_messages_before_ += sim_->halo_messages();
  sim_.reset();
  sim_ = make();
  next_check_ = sim_->generation();
}

GrowthCheck Universe::grow_if_needed() {
  if (!growth_) return GrowthCheck::room;
  const std::int64_t m = growth_->margin;
  // Live cells move at most one cell a generation: with none within m of an edge now, none reaches
  // the edge for m - 1 generations. Check again after m / 2.
  next_check_ = sim_->generation() + m / 2;
  std::array<int, 4> near = near_edges(*sim_, m);
  mpi::allreduce(near.data(), near.size(), mpi::Op::max, sim_->cart().comm());
  if (near == std::array<int, 4>{}) return GrowthCheck::room;
  const auto start = std::chrono::steady_clock::now();
  const Layout& lay = sim_->layout();
  // Each crowded side grows by half the grid's size along it, at least two margins.
  const std::int64_t grow_x = std::max(2 * m, lay.width / 2);
  const std::int64_t grow_y = std::max(2 * m, lay.height / 2);
  Regrid to;
  to.dx = near[west] ? grow_x : 0;
  to.dy = near[north] ? grow_y : 0;
  to.width = lay.width + to.dx + (near[east] ? grow_x : 0);
  to.height = lay.height + to.dy + (near[south] ? grow_y : 0);
  if (growth_->max_cells > 0 &&
      static_cast<long double>(to.width) * static_cast<long double>(to.height) >
          static_cast<long double>(growth_->max_cells)) {
    wanted_width_ = to.width;
    wanted_height_ = to.height;
    return GrowthCheck::limited;
  }
  to.procs = procs_for_(to.width, to.height);
  to.band_cells = growth_->band_cells;
  std::unique_ptr<Simulation> next = regrid(*sim_, to, kernel_, rule_);
  halo_wait_before_ += sim_->halo_wait_seconds();
  halo_messages_before_ += sim_->halo_messages();
  sim_ = std::move(next);
  ++growths_;
  growth_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Now every live cell is at least m from every edge: 2 m on the grown sides, and the others
  // were not crowded.
  return GrowthCheck::grown;
}

}  // namespace mpilife
