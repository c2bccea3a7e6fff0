#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "mpilife/census/apgcode.hpp"
#include "mpilife/census/patch_stepper.hpp"
#include "mpilife/census/wechsler.hpp"
#include "mpilife/core/rule.hpp"
#include "unit/census/pictures.hpp"

using namespace mpilife;
using mpilife::test::picture;
using mpilife::test::picture_cells;

namespace {

// An object as drawn, with what apgsearch 5.2 (lifelib 2.5.7) calls it.
struct Known {
  const char* name;
  std::vector<std::string> rows;
  const char* apgcode;
  ObjectKind kind;
  std::int64_t period;
  std::int64_t speed;  // cells moved per period along its direction of travel
};

const std::vector<std::string> kGlider = {".o.", "..o", "ooo"};
const std::vector<std::string> kRPentomino = {".oo", "oo.", ".o."};

const std::vector<Known>& known_objects() {
  static const std::vector<Known> known = {
      {"block", {"oo", "oo"}, "xs4_33", ObjectKind::still_life, 1, 0},
      {"beehive", {".oo.", "o..o", ".oo."}, "xs6_696", ObjectKind::still_life, 1, 0},
      {"loaf", {".oo.", "o..o", ".o.o", "..o."}, "xs7_2596", ObjectKind::still_life, 1, 0},
      {"boat", {"oo.", "o.o", ".o."}, "xs5_253", ObjectKind::still_life, 1, 0},
      {"ship", {"oo.", "o.o", ".oo"}, "xs6_356", ObjectKind::still_life, 1, 0},
      {"tub", {".o.", "o.o", ".o."}, "xs4_252", ObjectKind::still_life, 1, 0},
      {"pond", {".oo.", "o..o", "o..o", ".oo."}, "xs8_6996", ObjectKind::still_life, 1, 0},
      {"long boat", {"oo..", "o.o.", ".o.o", "..o."}, "xs7_25ac", ObjectKind::still_life, 1, 0},
      {"blinker", {"ooo"}, "xp2_7", ObjectKind::oscillator, 2, 0},
      {"toad", {".ooo", "ooo."}, "xp2_7e", ObjectKind::oscillator, 2, 0},
      {"beacon", {"oo..", "o...", "...o", "..oo"}, "xp2_318c", ObjectKind::oscillator, 2, 0},
      {"pulsar",
       {"..ooo...ooo..", ".............", "o....o.o....o", "o....o.o....o", "o....o.o....o",
        "..ooo...ooo..", ".............", "..ooo...ooo..", "o....o.o....o", "o....o.o....o",
        "o....o.o....o", ".............", "..ooo...ooo.."},
       "xp3_co9nas0san9oczgoldlo0oldlogz1047210127401",
       ObjectKind::oscillator,
       3,
       0},
      {"pentadecathlon",
       {"..o....o..", "oo.oooo.oo", "..o....o.."},
       "xp15_4r4z4r4",
       ObjectKind::oscillator,
       15,
       0},
      {"glider", kGlider, "xq4_153", ObjectKind::spaceship, 4, 1},
      {"LWSS", {".o..o", "o....", "o...o", "oooo."}, "xq4_6frc", ObjectKind::spaceship, 4, 2},
      {"MWSS",
       {"...o..", ".o...o", "o.....", "o....o", "ooooo."},
       "xq4_27dee6",
       ObjectKind::spaceship,
       4,
       2},
      {"HWSS",
       {"...oo..", ".o....o", "o......", "o.....o", "oooooo."},
       "xq4_27deee6",
       ObjectKind::spaceship,
       4,
       2},
  };
  return known;
}

// One cycle of phases of `object` under Life (the object must be periodic).
std::vector<Patch> phases_of(const Patch& object, std::int64_t period) {
  PatchStepper stepper(Rule{});
  std::vector<Patch> phases{object};
  for (std::int64_t t = 1; t < period; ++t) phases.push_back(stepper.step(phases.back()));
  return phases;
}

// Checks that every phase of `object` in every orientation, anywhere, classifies the same.
void check_every_phase_and_orientation(const Patch& object, const std::string& apgcode,
                                       ObjectKind kind, std::int64_t period, std::int64_t speed) {
  for (const Patch& phase : phases_of(object, period)) {
    for (int s = 0; s < kSquareSymmetries; ++s) {
      const Patch oriented = phase.transformed(s).moved_to(-17 + s, 29 - 3 * s);
      CAPTURE(s);
      CAPTURE(wechsler(oriented));
      const ObjectClass c = classify_object(oriented, Rule{});
      CHECK(c.apgcode == apgcode);
      CHECK(c.kind == kind);
      CHECK(c.period == period);
      CHECK(c.why == Unclassified::none);
      CHECK(c.reason.empty());
      CHECK(c.population == oriented.population());
      CHECK(c.settles_at == 0);
      CHECK(c.generations == period);
      // Orthogonal ships move along one axis, gliders along both.
      const std::int64_t ax = std::abs(c.dx);
      const std::int64_t ay = std::abs(c.dy);
      CHECK(std::max(ax, ay) == speed);
      if (speed != 0) CHECK(std::min(ax, ay) == (apgcode == std::string("xq4_153") ? 1 : 0));
    }
  }
}

// The numbers of an apgcode's prefix ("xq4_153" -> 'q', 4) and its Wechsler text.
struct ParsedCode {
  char letter;
  std::int64_t number;
  std::string wechsler;
};

ParsedCode parse_code(const std::string& code) {
  const std::size_t underscore = code.find('_');
  return {code[1], std::stoll(code.substr(2, underscore - 2)), code.substr(underscore + 1)};
}

}  // namespace

TEST_CASE("the common objects get apgsearch's codes in every orientation and every phase") {
  for (const Known& k : known_objects()) {
    CAPTURE(k.name);
    check_every_phase_and_orientation(picture(k.rows), k.apgcode, k.kind, k.period, k.speed);
  }
}

TEST_CASE("every object of apgsearch's census of 5000 k_mpilife soups, from its own code") {
  // /work/shared/reference/apgsearch-census-k_mpilife-5000.txt: apgsearch 5.2, b3s23/C1.
  const std::vector<std::string> census = {
      "xs4_33",
      "xp2_7",
      "xs6_696",
      "xq4_153",
      "xs7_2596",
      "xs5_253",
      "xs6_356",
      "xs8_6996",
      "xs4_252",
      "xs7_25ac",
      "xp2_7e",
      "xs12_g8o653z11",
      "xs6_25a4",
      "xs14_g88m952z121",
      "xp2_318c",
      "xs8_69ic",
      "xs7_178c",
      "xp3_co9nas0san9oczgoldlo0oldlogz1047210127401",
      "xs14_69bqic",
      "xs9_31ego",
      "xs8_35ac",
      "xs6_39c",
      "xq4_27dee6",
      "xs8_25ak8",
      "xq4_6frc",
      "xs9_178ko",
      "xs16_g88m996z1221",
      "xs8_3pm",
      "xs6_bd",
      "xs20_3lkkl3z32w23",
      "xs18_rhe0ehr",
      "xs16_69egmiczx1",
      "xs14_g88b96z123",
      "xs14_6is079c",
      "xs14_6970796",
      "xs10_g8o652z01",
  };
  for (const std::string& code : census) {
    CAPTURE(code);
    const ParsedCode parsed = parse_code(code);
    const Patch object = decode_wechsler(parsed.wechsler);
    // The code's own text is canonical: no orientation of that phase is simpler.
    CHECK(canonical_wechsler(object) == parsed.wechsler);
    const ObjectClass c = classify_object(object, Rule{});
    CHECK(c.apgcode == code);
    if (parsed.letter == 's') {
      CHECK(c.kind == ObjectKind::still_life);
      CHECK(c.population == parsed.number);
      CHECK(c.period == 1);
    } else {
      CHECK(c.kind == (parsed.letter == 'p' ? ObjectKind::oscillator : ObjectKind::spaceship));
      CHECK(c.period == parsed.number);
    }
    const std::int64_t speed = parsed.letter == 'q' ? std::max(std::abs(c.dx), std::abs(c.dy)) : 0;
    check_every_phase_and_orientation(object, code, c.kind, c.period, speed);
  }
}

TEST_CASE("a glider's displacement follows its orientation") {
  // As drawn it flies south-east (x and y grow); mirrored left-right, south-west; transposed and
  // mirrored both ways, north-west.
  ObjectClass c = classify_object(picture_cells(kGlider), Rule{});
  CHECK(c.dx == 1);
  CHECK(c.dy == 1);
  c = classify_object(picture(kGlider).transformed(1), Rule{});
  CHECK(c.dx == -1);
  CHECK(c.dy == 1);
  c = classify_object(picture(kGlider).transformed(7), Rule{});
  CHECK(c.dx == -1);
  CHECK(c.dy == -1);
  // The LWSS as drawn flies west.
  c = classify_object(picture({".o..o", "o....", "o...o", "oooo."}), Rule{});
  CHECK(c.dx == -2);
  CHECK(c.dy == 0);
}

TEST_CASE("the empty object") {
  const ObjectClass c = classify_object(std::vector<Cell>{}, Rule{});
  CHECK(c.kind == ObjectKind::empty);
  CHECK(c.apgcode == "xs0_0");
  CHECK(c.population == 0);
  CHECK(c.period == 0);
  CHECK(c.why == Unclassified::none);
  CHECK(classify_object(Patch{}, parse_rule("B0/S8").rule).kind == ObjectKind::empty);
}

TEST_CASE("objects that are not still lifes, oscillators or spaceships") {
  SUBCASE("the R-pentomino does not repeat within 100 generations") {
    const ObjectClass c = classify_object(picture_cells(kRPentomino), Rule{}, {100, 512});
    CHECK(c.kind == ObjectKind::unclassified);
    CHECK(c.why == Unclassified::generation_cap);
    CHECK(c.reason == "it does not repeat within the generation cap of 100");
    CHECK(c.apgcode.empty());
    CHECK(c.population == 5);
    CHECK(c.generations == 100);
  }
  SUBCASE("the R-pentomino outgrows a small box") {
    const ObjectClass c = classify_object(picture_cells(kRPentomino), Rule{}, {4096, 12});
    CHECK(c.kind == ObjectKind::unclassified);
    CHECK(c.why == Unclassified::size_cap);
    CHECK(c.generations > 0);
    CHECK(c.generations < 100);
    CHECK(c.reason.find("more than the size cap of 12 cells a side") != std::string::npos);
  }
  SUBCASE("cells too far apart are refused before a box is built for them") {
    const ObjectClass c =
        classify_object(std::vector<Cell>{{0, 0}, {1'000'000'000'000, 0}, {0, 0}}, Rule{});
    CHECK(c.why == Unclassified::size_cap);
    CHECK(c.population == 2);
    CHECK(c.generations == 0);
    CHECK(c.reason ==
          "its bounding box is 1000000000001x1 at generation 0, more than the size cap of 512 "
          "cells a side");
  }
  SUBCASE("a pre-block becomes a block: not periodic from its start") {
    const ObjectClass c = classify_object(picture_cells({"oo", "o."}), Rule{});
    CHECK(c.kind == ObjectKind::unclassified);
    CHECK(c.why == Unclassified::transient);
    CHECK(c.settles_at == 1);
    CHECK(c.period == 1);
    CHECK(c.generations == 2);
    CHECK(c.reason ==
          "it is not periodic from its start: from generation 1 it repeats with "
          "period 1");
  }
  SUBCASE("a glider beside a cell that dies at once settles into a moving cycle") {
    const ObjectClass c = classify_object(picture_cells({".o....o", "..o....", "ooo...."}), Rule{});
    CHECK(c.kind == ObjectKind::unclassified);
    CHECK(c.why == Unclassified::transient);
    CHECK(c.settles_at == 1);
    CHECK(c.period == 4);
    CHECK(c.dx == 1);
    CHECK(c.dy == 1);
    CHECK(c.generations == 5);
  }
  SUBCASE("a lone cell dies") {
    const ObjectClass c = classify_object(picture_cells({"o"}), Rule{});
    CHECK(c.why == Unclassified::dies_out);
    CHECK(c.settles_at == 1);
    CHECK(c.reason == "it dies out at generation 1");
    CHECK(to_string(c.kind) == "unclassified");
    CHECK(to_string(c.why) == "dies out");
  }
  SUBCASE("a rule with B0") {
    const ObjectClass c = classify_object(picture_cells({"oo", "oo"}), parse_rule("B03/S23").rule);
    CHECK(c.why == Unclassified::b0_rule);
    CHECK(c.reason.find("B03/S23") != std::string::npos);
  }
}

TEST_CASE("other Life-like rules") {
  const Rule highlife = parse_rule("B36/S23").rule;
  CHECK(classify_object(picture_cells({"oo", "oo"}), highlife).apgcode == "xs4_33");
  CHECK(classify_object(picture_cells(kGlider), highlife).apgcode == "xq4_153");
  // In B3/S012345678 (Life without death) nothing dies: a blinker is a still life.
  const Rule without_death = parse_rule("B3/S012345678").rule;
  CHECK(classify_object(picture_cells({"o", "o"}), without_death).apgcode == "xs2_3");
  CHECK(classify_object(picture_cells({"oo", "o."}), without_death).why ==
        Unclassified::transient);  // the fourth cell of the block is born
}

TEST_CASE("several objects in one list get one code") {
  const std::vector<Cell> two_blocks = {{0, 0},  {1, 0},  {0, 1},  {1, 1},
                                        {10, 0}, {11, 0}, {10, 1}, {11, 1}};
  const ObjectClass c = classify_object(two_blocks, Rule{});
  CHECK(c.kind == ObjectKind::still_life);
  CHECK(c.apgcode == "xs8_33y433");
}

TEST_CASE("apgcodes from phases: Catagolue's limits on a phase") {
  // A still life as its one phase; an oscillator's simplest phase names it.
  CHECK(apgcode_of({picture({"oo", "oo"})}, false) == "xs4_33");
  CHECK(apgcode_of({picture({"o", "o", "o"}), picture({"ooo"})}, false) == "xp2_7");
  CHECK(apgcode_of({picture({"o", "o", "o"})}, true) == "xq1_7");
  // A phase whose box with a margin holds more than 40000 cells cannot name it.
  const Patch wide = Patch::from_cells({{0, 0}, {200, 200}});
  CHECK((wide.width() + 2) * (wide.height() + 2) > kMaxPhaseArea);
  CHECK(apgcode_of({wide}, false) == "ov_s2");
  CHECK(apgcode_of({wide, wide}, false) == "ov_p2");
  CHECK(apgcode_of({wide, wide, wide}, true) == "ov_q3");
  const Patch narrower = Patch::from_cells({{0, 0}, {197, 197}});
  CHECK(apgcode_of({wide, narrower}, false).rfind("xp2_", 0) == 0);
  // Neither can one whose text is longer than 1280 characters: a checkerboard of w x w cells
  // reads w characters a strip in every orientation, with a 'z' between strips.
  const auto checkerboard = [](std::int64_t w) {
    std::vector<Cell> cells;
    for (std::int64_t y = 0; y < w; ++y) {
      for (std::int64_t x = y % 2; x < w; x += 2) cells.push_back(Cell{x, y});
    }
    return Patch::from_cells(cells);
  };
  const Patch board79 = checkerboard(79);
  const Patch board80 = checkerboard(80);
  CHECK(canonical_wechsler(board79).size() == 79 * 16 + 15);
  CHECK(canonical_wechsler(board80).size() == 80 * 16 + 15);
  CHECK(apgcode_of({board79}, false) == "xs3121_" + canonical_wechsler(board79));
  CHECK(apgcode_of({board80}, false) == "ov_s3200");
  CHECK(apgcode_of({board80, board79}, false) == "xp2_" + canonical_wechsler(board79));
}
