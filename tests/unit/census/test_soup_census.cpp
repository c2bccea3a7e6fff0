#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "mpilife/census/soup_census.hpp"
#include "mpilife/census/soup_hash.hpp"
#include "mpilife/core/rule.hpp"
#include "unit/census/pictures.hpp"

using namespace mpilife;
using mpilife::test::picture_cells;

namespace {

using Counts = std::map<std::string, std::int64_t>;

Rule life() {
  return parse_rule("B3/S23").rule;
}

// `rows` placed at (x, y) added to `cells`.
void place(std::vector<Cell>& cells, const std::vector<std::string>& rows, std::int64_t x,
           std::int64_t y) {
  for (const Cell& c : picture_cells(rows, x, y)) cells.push_back(c);
}

}  // namespace

TEST_CASE("census_of_pattern: a single known object is itself") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> objects = {
      {{"oo", "oo"}, "xs4_33"},
      {{".oo.", "o..o", ".oo."}, "xs6_696"},
      {{"ooo"}, "xp2_7"},
      {{".ooo", "ooo."}, "xp2_7e"},
      {{"oo..", "oo..", "..oo", "..oo"}, "xp2_318c"},
      {{".o.", "..o", "ooo"}, "xq4_153"},
      {{".o..o", "o....", "o...o", "oooo."}, "xq4_6frc"},
  };
  for (const auto& [rows, code] : objects) {
    CAPTURE(code);
    const SoupResult r = census_of_pattern(picture_cells(rows), life());
    CHECK(r.stabilised);
    CHECK(r.unclassified.empty());
    CHECK(r.counts == Counts{{code, 1}});
  }
}

TEST_CASE("census_of_pattern: separated objects are counted one by one") {
  std::vector<Cell> cells;
  place(cells, {"oo", "oo"}, 0, 0);
  place(cells, {"oo", "oo"}, 10, 0);
  place(cells, {"ooo"}, 0, 10);
  place(cells, {".oo.", "o..o", ".oo."}, 20, 20);
  place(cells, {"oo.", "o.o", ".o."}, 30, 0);
  const SoupResult r = census_of_pattern(cells, life());
  CHECK(r.stabilised);
  CHECK(r.counts == Counts{{"xs4_33", 2}, {"xp2_7", 1}, {"xs6_696", 1}, {"xs5_253", 1}});
  CHECK(r.objects() == 5);
}

TEST_CASE("census_of_pattern: a pseudo still life splits into its still lifes") {
  // Two blocks one column apart: a pseudo still life (no cell between them is ever born).
  std::vector<Cell> cells;
  place(cells, {"oo.oo", "oo.oo"}, 0, 0);
  const SoupResult r = census_of_pattern(cells, life());
  CHECK(r.counts == Counts{{"xs4_33", 2}});
}

TEST_CASE("census_of_pattern: a pattern that settles is followed to its ash") {
  // The R-pentomino: 1103 generations, 6 gliders out, 25 objects in its ash with them (LifeWiki).
  const SoupResult r = census_of_pattern(picture_cells({".oo", "oo.", ".o."}), life());
  CHECK(r.stabilised);
  CHECK(r.unclassified.empty());
  CHECK(r.counts.at("xq4_153") == 6);
  CHECK(r.counts.at("xs4_33") == 8);
  CHECK(r.counts.at("xp2_7") == 4);
}

TEST_CASE("census_of_pattern: the generation cap reports the pattern unfinished") {
  CensusLimits limits;
  limits.max_generations = 200;
  const SoupResult r = census_of_pattern(picture_cells({".oo", "oo.", ".o."}), life(), limits);
  CHECK_FALSE(r.stabilised);
  CHECK(r.reason.find("generation cap") != std::string::npos);
}

TEST_CASE("census_of_pattern: a glider leaving is taken out and counted; one arriving is not") {
  // A block far behind (north-west) makes the box wide enough from the start for escaping ships
  // to be looked for.
  const std::vector<std::string> glider_se = {".o.", "..o", "ooo"};  // moves right and down
  std::vector<Cell> leaving;
  place(leaving, {"oo", "oo"}, -60, -60);
  place(leaving, {"oo", "oo"}, 0, 0);
  place(leaving, glider_se, 10, 10);
  const SoupResult away = census_of_pattern(leaving, life());
  CHECK(away.stabilised);
  CHECK(away.escaped == 1);
  CHECK(away.counts == Counts{{"xs4_33", 2}, {"xq4_153", 1}});

  // The same glider with the block in its path: it is not taken out before it gets there, so the
  // census is not that of two blocks and a glider apart.
  std::vector<Cell> arriving;
  place(arriving, {"oo", "oo"}, -60, -60);
  place(arriving, glider_se, 0, 0);
  place(arriving, {"oo", "oo"}, 20, 20);
  const SoupResult hit = census_of_pattern(arriving, life());
  CHECK(hit.stabilised);
  CHECK(hit.counts != Counts{{"xs4_33", 2}, {"xq4_153", 1}});
  CHECK(hit.counts.at("xs4_33") >= 1);
}

TEST_CASE("census_of_pattern: ships leaving in each of the eight directions are taken out") {
  // A glider or an LWSS in each of its eight orientations, 30 cells out from a pair of blocks
  // along its own direction of travel: it is taken out (escaped) and counted once; two of them
  // side by side with the same velocity (fellows, which never lead each other) both go.
  const std::vector<Cell> glider = picture_cells({".o.", "..o", "ooo"});
  const std::vector<Cell> lwss = picture_cells({".o..o", "o....", "o...o", "oooo."});
  for (const auto& [ship, code] :
       {std::pair{glider, std::string("xq4_153")}, std::pair{lwss, std::string("xq4_6frc")}}) {
    for (int s = 0; s < kSquareSymmetries; ++s) {
      CAPTURE(code);
      CAPTURE(s);
      const Patch shape = Patch::from_cells(ship).transformed(s);
      const ObjectClass c = classify_object(shape, life());
      REQUIRE(c.kind == ObjectKind::spaceship);
      const std::int64_t sx = c.dx > 0 ? 1 : (c.dx < 0 ? -1 : 0);
      const std::int64_t sy = c.dy > 0 ? 1 : (c.dy < 0 ? -1 : 0);
      for (int copies = 1; copies <= 2; ++copies) {
        std::vector<Cell> cells;
        place(cells, {"oo", "oo"}, 0, 0);
        place(cells, {"oo", "oo"}, -40, 7);
        for (int k = 0; k < copies; ++k) {
          // The second copy 10 cells to one side, across the direction of travel.
          const std::int64_t x = 30 * sx + 10 * k * -sy;
          const std::int64_t y = 30 * sy + 10 * k * sx;
          for (const Cell& cell : shape.cells()) cells.push_back(Cell{cell.x + x, cell.y + y});
        }
        const SoupResult r = census_of_pattern(cells, life());
        CHECK(r.stabilised);
        CHECK(r.escaped == copies);
        CHECK(r.counts == Counts{{"xs4_33", 2}, {code, copies}});
      }
    }
  }
}
