#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <vector>

#include "mpilife/census/patch.hpp"
#include "mpilife/census/patch_stepper.hpp"
#include "mpilife/core/rule.hpp"
#include "unit/census/pictures.hpp"

using namespace mpilife;
using mpilife::test::picture;

namespace {

const std::vector<std::string> kRPentomino = {".oo", "oo.", ".o."};
const std::vector<std::string> kGlider = {".o.", "..o", "ooo"};

}  // namespace

TEST_CASE("a patch is its cells' bounding box, wherever they lie") {
  const Patch p = Patch::from_cells({{-5, 7}, {-3, 9}, {-5, 7}, {-4, 8}});
  CHECK(p.x0() == -5);
  CHECK(p.y0() == 7);
  CHECK(p.width() == 3);
  CHECK(p.height() == 3);
  CHECK(p.population() == 3);
  CHECK(p.alive(0, 0));
  CHECK(p.alive(1, 1));
  CHECK(p.alive(2, 2));
  CHECK_FALSE(p.alive(2, 0));
  CHECK(p.cells() == std::vector<Cell>{{-5, 7}, {-4, 8}, {-3, 9}});
  CHECK(Patch::from_cells({}).empty());
  CHECK(Patch::from_cells({}).population() == 0);
}

TEST_CASE("a box is cut to its live cells") {
  // 4 x 3 box at (10, 20) whose live cells are in its middle column pair.
  const std::vector<std::uint8_t> box = {0, 0, 0, 0,  //
                                         0, 1, 0, 0,  //
                                         0, 7, 1, 0};
  const Patch p = Patch::from_box(10, 20, 4, 3, box);
  CHECK(p.x0() == 11);
  CHECK(p.y0() == 21);
  CHECK(p.width() == 2);
  CHECK(p.height() == 2);
  CHECK(p.population() == 3);
  CHECK(p.bytes() == std::vector<std::uint8_t>{1, 0, 1, 1});
  CHECK(Patch::from_box(0, 0, 2, 2, {0, 0, 0, 0}).empty());
}

TEST_CASE("the eight symmetries of an asymmetric shape are distinct and undo themselves") {
  const Patch r = picture(kRPentomino, 4, -2);
  std::set<std::vector<std::uint8_t>> images;
  for (int s = 0; s < kSquareSymmetries; ++s) {
    const Patch t = r.transformed(s);
    CHECK(t.x0() == 0);
    CHECK(t.y0() == 0);
    CHECK(t.population() == r.population());
    images.insert(t.bytes());
    // Mirrors are their own inverse; a transposition followed by the mirrors (x then y) is
    // undone by the transposition followed by the mirrors swapped.
    const int inverse = (s & 4) ? (4 | ((s & 1) << 1) | ((s & 2) >> 1)) : s;
    CHECK(same_shape(t.transformed(inverse), r));
  }
  CHECK(images.size() == 8);
  // Transposition: row y becomes column y.
  CHECK(picture({"ooo", "o.."}).transformed(4).bytes() ==
        std::vector<std::uint8_t>{1, 1, 1, 0, 1, 0});
  CHECK(picture({"o.o", "ooo"}).transformed(4).width() == 2);
  CHECK(picture({"o.o", "ooo"}).transformed(1).bytes() ==
        picture({"o.o", "ooo"}).bytes());  // mirror-symmetric left-right
  CHECK(picture({"o.o", "ooo"}).transformed(2).bytes() == picture({"ooo", "o.o"}).bytes());
}

TEST_CASE("equal shapes hash equal; the place does not count") {
  CHECK(picture(kGlider, 3, 4).shape_hash() == picture(kGlider, -9, 0).shape_hash());
  CHECK(same_shape(picture(kGlider, 3, 4), picture(kGlider, -9, 0)));
  CHECK(picture(kGlider, 3, 4) != picture(kGlider, -9, 0));
  CHECK(picture(kGlider, 3, 4) == picture(kGlider).moved_to(3, 4));
  CHECK(picture(kGlider).shape_hash() != picture(kRPentomino).shape_hash());
}

TEST_CASE("the stepper runs a pattern in the unbounded plane") {
  PatchStepper stepper(Rule{});
  // A blinker turns about its centre, wherever it is.
  const Patch blinker = picture({"ooo"}, -100, 50);
  const Patch turned = stepper.step(blinker);
  CHECK(turned == picture({"o", "o", "o"}, -99, 49));
  CHECK(stepper.step(turned) == blinker);
  // A glider moves one cell diagonally every four generations.
  Patch g = picture(kGlider, 2, 3);
  for (int t = 0; t < 4; ++t) g = stepper.step(g);
  CHECK(g == picture(kGlider, 3, 4));
  // The R-pentomino settles at generation 1103 with 116 cells (six gliders escaping).
  Patch r = picture(kRPentomino);
  for (int t = 0; t < 1103; ++t) r = stepper.step(r);
  CHECK(r.population() == 116);
  // A lone cell dies; the empty pattern stays empty.
  CHECK(stepper.step(picture({"o"})).empty());
  CHECK(stepper.step(Patch{}).empty());
}

TEST_CASE("the stepper applies the rule it is given and refuses B0") {
  // In B36/S23 (HighLife) six neighbours give birth: the centre of a 3x3 ring minus two corners.
  const Patch six = picture({"oo.", "o.o", "oo."});
  PatchStepper life(Rule{});
  PatchStepper highlife(parse_rule("B36/S23").rule);
  const auto has = [](const Patch& p, Cell c) {
    const std::vector<Cell> cells = p.cells();
    return std::find(cells.begin(), cells.end(), c) != cells.end();
  };
  CHECK_FALSE(has(life.step(six), Cell{1, 1}));
  CHECK(has(highlife.step(six), Cell{1, 1}));
  CHECK(highlife.rule() == parse_rule("B36/S23").rule);
  CHECK_THROWS_AS(PatchStepper(parse_rule("B03/S23").rule), std::invalid_argument);
}
