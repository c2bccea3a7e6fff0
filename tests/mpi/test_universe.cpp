// The unbounded universe: a small plane that grows (redistributing its tiles) before any live
// cell reaches its edge gives exactly what a plane too big to be reached gives, at every process
// grid.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/pattern.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/serial.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "mpilife/parallel/universe.hpp"
#include "support/gather_grid.hpp"
#include "support/mpi_test_util.hpp"

using namespace mpilife;

namespace {

// Live cells of `p` placed with its (0, 0) at (x0, y0) of a w x h array.
CellArray placed(const Pattern& p, std::int64_t w, std::int64_t h, std::int64_t x0,
                 std::int64_t y0) {
  CellArray a = CellArray::Zero(h, w);
  for (const Cell& c : p.cells) a(c.y + y0, c.x + x0) = 1;
  return a;
}

void check_growth(const std::string& file, std::int64_t generations, const DecompSpec& spec,
                  std::int64_t margin) {
  const Pattern p = read_pattern(std::string(MPILIFE_SOURCE_DIR) + "/patterns/" + file);
  const Rule life = parse_rule("B3/S23").rule;
  const int ranks = test::world_size();
  const ProcessGridFor procs_for = [&](std::int64_t w, std::int64_t h) {
    return choose_process_grid(spec, ranks, w, h, mpi::dims_create(ranks));
  };
  // The universe starts as the pattern and a margin on every side.
  const std::int64_t w0 = p.width + 2 * margin;
  const std::int64_t h0 = p.height + 2 * margin;
  auto sim = std::make_unique<Simulation>(mpi::world(), w0, h0, Topology::plane,
                                          procs_for(w0, h0), KernelKind::fast, life);
  std::vector<Cell> cells;
  if (test::world_rank() == 0) {
    for (const Cell& c : p.cells) cells.push_back({c.x + margin, c.y + margin});
  }
  place_cells(*sim, cells);
  sim->place_at(-margin, -margin);
  Growth growth;
  growth.margin = margin;
  growth.band_cells = 5000;  // several bands per move
  Universe u(std::move(sim), KernelKind::fast, life, growth, procs_for);
  for (std::int64_t g = 0; g < generations; ++g) REQUIRE(u.step() != GrowthCheck::limited);
  CHECK(u.sim().generation() == generations);
  CHECK(u.growths() >= 1);
  CHECK(u.sim().first_edge_contact() == -1);

  const CellArray got = gather_grid(u.sim());
  bool same = true;
  if (test::world_rank() == 0) {
    // A plane no live cell can reach in time: the pattern's (0, 0) at (b, b).
    const std::int64_t b = generations + 4;
    const CellArray start = placed(p, p.width + 2 * b, p.height + 2 * b, b, b);
    const CellArray want = evolve_serial(start, life, Topology::plane, KernelKind::reference,
                                         generations);
    // The universe's grid, at its place in that plane, holds every live cell of it.
    const std::int64_t x0 = u.origin_x() + b;
    const std::int64_t y0 = u.origin_y() + b;
    std::int64_t inside = 0;
    for (std::int64_t y = 0; y < got.rows(); ++y) {
      for (std::int64_t x = 0; x < got.cols(); ++x) {
        const std::int64_t wx = x + x0;
        const std::int64_t wy = y + y0;
        const bool in = wx >= 0 && wx < want.cols() && wy >= 0 && wy < want.rows();
        const std::uint8_t expected = in ? want(wy, wx) : 0;
        same = same && got(y, x) == expected;
        inside += expected;
      }
    }
    same = same && inside == static_cast<std::int64_t>(want.cast<std::int64_t>().sum());
  }
  INFO(file, " ", generations, " generations, decomposition ", spec.to_string(), ", margin ",
       margin, ", grew ", u.growths(), " times to ", u.sim().layout().width, "x",
       u.sim().layout().height);
  CHECK(test::root_says(same));
}

}  // namespace

TEST_CASE("a gun, a methuselah and a spaceship grow their universe and match a huge plane") {
  for (const DecompSpec& spec : {parse_decomp("1d"), parse_decomp("2d")}) {
    check_growth("gosper-glider-gun.rle", 250, spec, 8);
    check_growth("r-pentomino.rle", 200, spec, 6);
    check_growth("lwss.rle", 120, spec, 4);
  }
}

TEST_CASE("a universe that would grow past its cell limit stops, exact up to there") {
  const Pattern p = read_pattern(std::string(MPILIFE_SOURCE_DIR) + "/patterns/glider.rle");
  const Rule life = parse_rule("B3/S23").rule;
  const int ranks = test::world_size();
  const ProcessGridFor procs_for = [&](std::int64_t w, std::int64_t h) {
    return choose_process_grid(parse_decomp("1d"), ranks, w, h, mpi::dims_create(ranks));
  };
  auto sim = std::make_unique<Simulation>(mpi::world(), 16, 16, Topology::plane, procs_for(16, 16),
                                          KernelKind::fast, life);
  std::vector<Cell> cells;
  if (test::world_rank() == 0) {
    for (const Cell& c : p.cells) cells.push_back({c.x + 6, c.y + 6});
  }
  place_cells(*sim, cells);
  sim->place_at(-6, -6);
  Growth growth;
  growth.margin = 4;
  growth.max_cells = 40 * 40;
  Universe u(std::move(sim), KernelKind::fast, life, growth, procs_for);
  GrowthCheck last = GrowthCheck::room;
  std::int64_t g = 0;
  for (; g < 400 && last != GrowthCheck::limited; ++g) last = u.step();
  CHECK(last == GrowthCheck::limited);
  CHECK(u.sim().layout().width * u.sim().layout().height <= 40 * 40);
  CHECK(u.sim().first_edge_contact() == -1);  // stopped before it went wrong
  CHECK(u.sim().population() == 5);
}
