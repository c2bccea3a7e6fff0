#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "mpilife/census/bit_plane.hpp"
#include "mpilife/census/patch_stepper.hpp"
#include "mpilife/census/soup_hash.hpp"
#include "mpilife/core/rule.hpp"
#include "unit/census/pictures.hpp"

using namespace mpilife;

namespace {

// Steps `fast` and `slow` (from `p`) `generations` times, requiring the same cells, population
// and box after every generation; `p` ends as the last generation.
void follow(BitPlane& fast, PatchStepper& slow, Patch& p, int generations) {
  for (int t = 0; t < generations; ++t) {
    p = slow.step(p);
    fast.step();
    REQUIRE(fast.patch() == p);
    REQUIRE(fast.population() == p.population());
    REQUIRE(fast.width() == p.width());
    REQUIRE(fast.height() == p.height());
  }
}

}  // namespace

TEST_CASE("BitPlane steps as PatchStepper does, generation by generation") {
  // Catagolue soups under Life and HighLife, followed as they spread past word and row edges
  // (the box is re-cut as they grow and as gliders leave).
  for (const char* text : {"B3/S23", "B36/S23", "B3/S12345"}) {
    const Rule rule = parse_rule(text).rule;
    for (std::uint64_t i = 0; i < 3; ++i) {
      CAPTURE(text);
      CAPTURE(i);
      PatchStepper slow(rule);
      BitPlane fast(rule);
      Patch p = Patch::from_cells(hashsoup("k_mpilife", i));
      fast.assign(p);
      follow(fast, slow, p, 300);
    }
  }
}

TEST_CASE("BitPlane: an empty plane stays empty; a B0 rule is refused") {
  BitPlane plane(parse_rule("B3/S23").rule);
  plane.assign(Patch());
  plane.step();
  CHECK(plane.empty());
  CHECK(plane.patch().empty());
  CHECK_THROWS_AS(BitPlane(parse_rule("B013/S23").rule), std::invalid_argument);
}

TEST_CASE("BitPlane follows ships in all eight directions past word, row and box edges") {
  // A glider in each diagonal direction and a lightweight spaceship in each orthogonal one, 600
  // generations: the box is re-cut every few dozen generations, by whole words and by odd bit
  // counts left and right, up and down.
  const Rule rule = parse_rule("B3/S23").rule;
  const Patch glider = test::picture({".o.", "..o", "ooo"}, -70, 5);
  const Patch lwss = test::picture({".o..o", "o....", "o...o", "oooo."}, 130, -3);
  for (int s = 0; s < kSquareSymmetries; ++s) {
    for (const Patch& ship : {glider, lwss}) {
      CAPTURE(s);
      const Patch start = ship.transformed(s).moved_to(ship.x0(), ship.y0());
      PatchStepper slow(rule);
      BitPlane fast(rule);
      fast.assign(start);
      Patch p = start;
      follow(fast, slow, p, 600);
    }
  }
}

TEST_CASE("BitPlane::envelope holds every cell alive at any generation since it was started") {
  // A glider for 40 generations, across several re-cuts: its envelope is the union of its 41
  // positions, counted cell by cell against PatchStepper's states.
  const Rule rule = parse_rule("B3/S23").rule;
  Patch p = test::picture({".o.", "..o", "ooo"}, 60, -2);
  BitPlane plane(rule);
  plane.assign(p);
  CHECK(plane.envelope().empty());
  plane.start_envelope();
  PatchStepper slow(rule);
  std::vector<Cell> all = p.cells();
  for (int t = 0; t < 40; ++t) {
    plane.step();
    p = slow.step(p);
    const std::vector<Cell> more = p.cells();
    all.insert(all.end(), more.begin(), more.end());
  }
  CHECK(plane.envelope() == Patch::from_cells(all));
  CHECK(plane.envelope().population() > 4 * 5);  // more than the last state
}

TEST_CASE("BitPlane: period-2 ash is stepped by swapping buffers, and clear() starts afresh") {
  // A block, a blinker and a beacon: once two generations pass unchanged, steps only swap the
  // buffers; every generation must still be exact, and after clear() (a cell of the blinker
  // killed) the plane must follow the new pattern, not the old cycle.
  const Rule rule = parse_rule("B3/S23").rule;
  Patch p = Patch::from_cells(test::picture_cells(
      {"oo.........oo..", "oo.........o...", "..............o", ".....ooo.....oo"}));
  BitPlane fast(rule);
  PatchStepper slow(rule);
  fast.assign(p);
  follow(fast, slow, p, 101);
  // Generation 101: the blinker is vertical; kill its top cell (the domino left dies out).
  const Cell top{6, 2};
  REQUIRE(fast.alive(top.x, top.y));
  fast.clear({top});
  std::vector<Cell> cells = p.cells();
  cells.erase(std::find(cells.begin(), cells.end(), top));
  p = Patch::from_cells(cells);
  REQUIRE(fast.patch() == p);
  follow(fast, slow, p, 10);
  CHECK(p.population() == 4 + 8);  // the block and the beacon (in its 8-cell phase)
}
