// Equivalence: the distributed run, for every process grid, topology, rule and kernel, equals the
// serial reference kernel bit for bit.
#include <doctest/doctest.h>

#include <filesystem>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/io/pattern.hpp"
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

// Runs the case distributed on `procs` from `start` (known on rank 0) and compares with the serial
// reference on rank 0; the verdict is shared by every rank.
void check_case(const Case& c, const ProcessGrid& procs, KernelKind kernel,
                const CellArray& start) {
  const mpi::Comm world = mpi::world();
  Simulation sim(world, c.width, c.height, c.topology, procs, kernel, c.rule);
  std::vector<Cell> cells;
  if (world.rank() == 0) {
    for (std::int64_t y = 0; y < c.height; ++y) {
      for (std::int64_t x = 0; x < c.width; ++x) {
        if (start(y, x)) cells.push_back({x, y});
      }
    }
  }
  place_cells(sim, cells);
  for (std::int64_t g = 0; g < c.generations; ++g) sim.step();
  const CellArray got = gather_grid(sim);
  bool same = true;
  if (world.rank() == 0) {
    const CellArray want =
        evolve_serial(start, c.rule, c.topology, KernelKind::reference, c.generations);
    same = (got == want).all();
  }
  INFO(c.what, " ", c.width, "x", c.height, " ", to_string(c.topology), " ", c.rule.to_string(),
       " procs ", test::name(procs), " kernel ", to_string(kernel));
  CHECK(test::root_says(same));
}

void check_everywhere(const Case& c, const CellArray& start) {
  for (const ProcessGrid& g : test::process_grids(test::world_size(), c.width, c.height)) {
    for (KernelKind k : {KernelKind::reference, KernelKind::fast}) check_case(c, g, k, start);
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
        check_everywhere(c, soup_grid(w, h, ++seed, 0.4));
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
          Simulation sim(mpi::world(), w, h, t, procs, KernelKind::fast, life);
          std::vector<Cell> cells;
          if (test::world_rank() == 0) {
            for (std::int64_t y = 0; y < h; ++y) {
              for (std::int64_t x = 0; x < w; ++x) {
                if (start(y, x)) cells.push_back({x, y});
              }
            }
          }
          place_cells(sim, cells);
          for (std::int64_t g = 0; g < kGenerations; ++g) sim.step();
          INFO(w, "x", h, " density ", density, " procs ", test::name(procs), " ",
               to_string(t));
          CHECK(sim.first_edge_contact() == (t == Topology::plane ? want : -1));
        }
      }
    }
  }
  CHECK(touched >= 2);  // the cases reach the edge during the run, and some never do
  CHECK(untouched >= 2);
}
