// Equivalence: the distributed run, for every process grid, topology, rule and kernel, equals the
// serial reference kernel bit for bit.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/io/pattern.hpp"
#include "mpilife/kernel/blocking.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/serial.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "support/gather_grid.hpp"
#include "support/mpi_test_util.hpp"

using namespace mpilife;

namespace {

struct Case {
  std::string what;
  std::int64_t width;
  std::int64_t height;
  Topology topology;
  Rule rule;
  std::int64_t generations;
};

// The fast kernel's halo depths and time blocks the cases run with, besides {1, 1}: deep halos
// swept one generation at a time, in blocks shorter than the depth and as deep as the depth (the
// depth cut to the thinnest tile where the tiles are thinner).
const std::vector<Blocking> kDeep = {{2, 2}, {3, 1}, {5, 5}, {8, 3}, {16, 16}};

// Runs the case distributed on `procs` from `start` (known on rank 0) and compares with the serial
// reference on rank 0; the verdict is shared by every rank. The generations are stepped in calls
// of 1, 2, 3, ... generations, each after the first told `since` (maybe_edited: it refills the
// ghosts first; untouched: it goes on with the last call's).
void check_case(const Case& c, const ProcessGrid& procs, KernelKind kernel, const CellArray& start,
                Blocking blocking = {}, SinceLastStep since = SinceLastStep::maybe_edited) {
  const mpi::Comm world = mpi::world();
  Simulation sim(world, c.width, c.height, c.topology, procs, kernel, c.rule, 0, blocking);
  std::vector<Cell> cells;
  if (world.rank() == 0) {
    for (std::int64_t y = 0; y < c.height; ++y) {
      for (std::int64_t x = 0; x < c.width; ++x) {
        if (start(y, x)) cells.push_back({x, y});
      }
    }
  }
  place_cells(sim, cells);
  for (std::int64_t n = 1; sim.generation() < c.generations; ++n) {
    sim.step(std::min(n, c.generations - sim.generation()),
             n == 1 ? SinceLastStep::maybe_edited : since);
  }
  const CellArray got = gather_grid(sim);
  bool same = true;
  if (world.rank() == 0) {
    const CellArray want =
        evolve_serial(start, c.rule, c.topology, KernelKind::reference, c.generations);
    same = (got == want).all();
  }
  INFO(c.what, " ", c.width, "x", c.height, " ", to_string(c.topology), " ", c.rule.to_string(),
       " procs ", test::name(procs), " kernel ", to_string(kernel), " halo depth ",
       sim.blocking().halo_depth, " time block ", sim.blocking().time_block,
       since == SinceLastStep::untouched ? " ghosts kept across calls" : "");
  CHECK(test::root_says(same));
}

// Every process grid, both kernels; the fast one also with each of `deep`, every other one with
// the ghosts kept from one call to the next.
void check_everywhere(const Case& c, const CellArray& start,
                      const std::vector<Blocking>& deep = {{8, 8}}) {
  for (const ProcessGrid& g : test::process_grids(test::world_size(), c.width, c.height)) {
    for (KernelKind k : {KernelKind::reference, KernelKind::fast}) check_case(c, g, k, start);
    for (std::size_t i = 0; i < deep.size(); ++i) {
      check_case(c, g, KernelKind::fast, start, deep[i],
                 i % 2 == 0 ? SinceLastStep::untouched : SinceLastStep::maybe_edited);
    }
  }
}

}  // namespace

TEST_CASE("random soups on odd sizes, both topologies, several rules") {
  const std::vector<std::string> rules = {"B3/S23", "B36/S23", "B3678/S34678", "B2/S", "B0/S8"};
  const std::vector<std::array<std::int64_t, 2>> sizes = {{37, 23}, {65, 19}, {13, 70}};
  std::uint64_t seed = 11;
  for (const auto& r : rules) {
    for (const auto& [w, h] : sizes) {
      for (Topology t : {Topology::torus, Topology::plane}) {
        const Case c{"soup", w, h, t, parse_rule(r).rule, 24};
        check_everywhere(c, soup_grid(w, h, ++seed, 0.4), kDeep);
      }
    }
  }
}

TEST_CASE("deep halos in flight during the first sweep: tiles tall and wide enough to overlap") {
  // Tiles of 26 to 192 rows and 32 to 192 columns: the first sweep after each exchange runs
  // while the ghosts are in flight, and the bands (north, south) and folds (west, east) near the
  // late sides are computed again once they are in, on every process grid.
  const std::vector<Blocking> deep = {{2, 2}, {3, 1}, {4, 4}, {8, 8}, {8, 3}};
  std::uint64_t seed = 900;
  for (const std::string r : {"B3/S23", "B0/S8"}) {
    for (Topology t : {Topology::torus, Topology::plane}) {
      const Case c{"soup", 192, 160, t, parse_rule(r).rule, 40};
      const CellArray start = soup_grid(c.width, c.height, ++seed, 0.35);
      for (const ProcessGrid& g : test::process_grids(test::world_size(), c.width, c.height)) {
        for (const Blocking& b : deep) {
          check_case(c, g, KernelKind::fast, start, b, SinceLastStep::maybe_edited);
          check_case(c, g, KernelKind::fast, start, b, SinceLastStep::untouched);
        }
      }
    }
  }
}

TEST_CASE("a glider through the point where four tiles meet") {
  // 2x2-ish process grids meet at the tile corners; a glider sent diagonally through the centre
  // of a small torus crosses the corner of four tiles whatever the decomposition.
  const std::int64_t n = 24;
  CellArray start = CellArray::Zero(n, n);
  const int glider[5][2] = {{1, 0}, {2, 1}, {0, 2}, {1, 2}, {2, 2}};
  for (const auto& xy : glider) start(4 + xy[1], 4 + xy[0]) = 1;
  for (Topology t : {Topology::torus, Topology::plane}) {
    check_everywhere({"glider", n, n, t, Rule{}, 4 * n}, start);
  }
}

TEST_CASE("every pattern in patterns/") {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(MPILIFE_SOURCE_DIR "/patterns")) {
    if (entry.path().extension() != ".rle") continue;
    ++files;
    const Pattern p = read_pattern(entry.path().string());
    const std::int64_t m = 12;
    const std::int64_t w = p.width + 2 * m;
    const std::int64_t h = p.height + 2 * m;
    CellArray start = CellArray::Zero(h, w);
    for (const Cell& cell : p.cells) start(cell.y + m, cell.x + m) = 1;
    const Rule rule = p.rule ? p.rule->rule : Rule{};
    for (Topology t : {Topology::torus, Topology::plane}) {
      check_everywhere({entry.path().filename().string(), w, h, t, rule, 30}, start);
    }
  }
  CHECK(files >= 11);
}

TEST_CASE("a plane reports the first generation a live cell lay on its edge, as the serial run") {
  // Soups of low density on a plane: some reach the edge early, the sparse glider-free ones not.
  const std::vector<std::array<std::int64_t, 2>> sizes = {{40, 30}, {70, 17}};
  std::uint64_t seed = 500;
  int touched = 0;
  int untouched = 0;
  for (const auto& [w, h] : sizes) {
    for (const double density : {0.0, 0.15, 0.35}) {
      // Dead border of 3 cells at the start, so contact (if any) happens during the run.
      CellArray start = soup_grid(w, h, ++seed, density);
      start.topRows(3).setZero();
      start.bottomRows(3).setZero();
      start.leftCols(3).setZero();
      start.rightCols(3).setZero();
      const Rule life = parse_rule("B3/S23").rule;
      constexpr std::int64_t kGenerations = 40;
      std::int64_t want = -1;
      CellArray cur = start;
      for (std::int64_t g = 0; g <= kGenerations && want < 0; ++g) {
        const bool touches = cur.topRows(1).any() || cur.bottomRows(1).any() ||
                             cur.leftCols(1).any() || cur.rightCols(1).any();
        if (touches) want = g;
        cur = evolve_serial(cur, life, Topology::plane, KernelKind::reference, 1);
      }
      ++(want > 3 ? touched : untouched);
      for (const ProcessGrid& procs : test::process_grids(test::world_size(), w, h)) {
        for (const Topology t : {Topology::plane, Topology::torus}) {
          // Ghosts 4 deep and swept 4 generations at a time where no edge is watched.
          Simulation sim(mpi::world(), w, h, t, procs, KernelKind::fast, life, 0,
                         density > 0.2 ? Blocking{4, 4} : Blocking{});
          std::vector<Cell> cells;
          if (test::world_rank() == 0) {
            for (std::int64_t y = 0; y < h; ++y) {
              for (std::int64_t x = 0; x < w; ++x) {
                if (start(y, x)) cells.push_back({x, y});
              }
            }
          }
          place_cells(sim, cells);
          sim.step(kGenerations);
          INFO(w, "x", h, " density ", density, " procs ", test::name(procs), " ", to_string(t),
               " halo depth ", sim.blocking().halo_depth);
          CHECK(sim.first_edge_contact() == (t == Topology::plane ? want : -1));
        }
      }
    }
  }
  CHECK(touched >= 2);  // the cases reach the edge during the run, and some never do
  CHECK(untouched >= 2);
}

TEST_CASE("deep halos exchange once every halo-depth generations") {
  const std::int64_t n = 128;  // tiles at least 8 deep up to 16 ranks
  const Rule life = parse_rule("B3/S23").rule;
  for (const ProcessGrid& procs : test::process_grids(test::world_size(), n, n)) {
    INFO("procs ", test::name(procs));
    Simulation classic(mpi::world(), n, n, Topology::torus, procs, KernelKind::fast, life, 0, {});
    classic.step(80);
    CHECK(classic.halo_exchanges() == 80);
    for (const Blocking b : {Blocking{8, 8}, Blocking{8, 1}, Blocking{8, 3}}) {
      Simulation deep(mpi::world(), n, n, Topology::torus, procs, KernelKind::fast, life, 0, b);
      REQUIRE(deep.blocking().halo_depth == 8);
      deep.step(80);
      CHECK(deep.halo_exchanges() == 10);
      CHECK(deep.halo_messages() * 8 == classic.halo_messages());
    }
    // Each call refills the ghosts first (cells may have been edited between calls), unless told
    // that none was: then the calls go on with the ghosts the last one left.
    Simulation calls(mpi::world(), n, n, Topology::torus, procs, KernelKind::fast, life, 0, {8, 8});
    for (int g = 0; g < 5; ++g) calls.step(1);
    CHECK(calls.halo_exchanges() == 5);
    Simulation kept(mpi::world(), n, n, Topology::torus, procs, KernelKind::fast, life, 0, {8, 8});
    kept.step(1);
    for (int g = 1; g < 80; g += 3) kept.step(std::min(3, 80 - g), SinceLastStep::untouched);
    CHECK(kept.generation() == 80);
    CHECK(kept.halo_exchanges() == 10);
  }
}

TEST_CASE("cells edited between two steps: the next one fills the deep ghosts afresh") {
  // A block across the middle of the grid (on the tiles' edges wherever they lie) cleared after
  // 3 generations of ghosts 8 deep: the neighbours' ghosts hold the cells before the edit, and
  // only a new exchange brings them up to date.
  const std::int64_t n = 96;
  const Rule life = parse_rule("B3/S23").rule;
  const CellArray start = soup_grid(n, n, 77, 0.45);
  const Extent block{n / 2 - 20, n / 2 - 20, 40, 40};
  CellArray want = evolve_serial(start, life, Topology::torus, KernelKind::reference, 3);
  want.block(block.y0, block.x0, block.h, block.w).setZero();
  want = evolve_serial(want, life, Topology::torus, KernelKind::reference, 10);
  for (const ProcessGrid& procs : test::process_grids(test::world_size(), n, n)) {
    INFO("procs ", test::name(procs));
    Simulation sim(mpi::world(), n, n, Topology::torus, procs, KernelKind::fast, life, 0, {8, 8});
    std::vector<Cell> cells;
    if (mpi::world().rank() == 0) {
      for (std::int64_t y = 0; y < n; ++y) {
        for (std::int64_t x = 0; x < n; ++x) {
          if (start(y, x)) cells.push_back({x, y});
        }
      }
    }
    place_cells(sim, cells);
    sim.step(3);
    clear_region(sim, block);
    sim.step(10);
    const CellArray got = gather_grid(sim);
    CHECK(test::root_says(mpi::world().rank() != 0 || (got == want).all()));
  }
}

TEST_CASE("a halo deeper than the thinnest tile is cut to it") {
  const Rule life = parse_rule("B3/S23").rule;
  const ProcessGrid procs = test::process_grids(test::world_size(), 40, 40).front();
  const std::int64_t thinnest = std::min(40 / procs.cols, 40 / procs.rows);
  Simulation sim(mpi::world(), 40, 40, Topology::torus, procs, KernelKind::fast, life, 0, {64, 64});
  CHECK(sim.blocking().halo_depth == std::min<std::int64_t>(thinnest, 64));
  CHECK(sim.blocking().time_block == sim.blocking().halo_depth);
  Simulation reference(mpi::world(), 40, 40, Topology::torus, procs, KernelKind::reference, life, 0,
                       {8, 8});
  CHECK(reference.blocking().halo_depth == 1);
}
