#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "mpilife/census/wechsler.hpp"
#include "mpilife/core/error.hpp"
#include "unit/census/pictures.hpp"

using namespace mpilife;
using mpilife::test::picture;

namespace {

// Two live cells in row 0, `gap` dead columns apart.
Patch pair_with_gap(std::int64_t gap) {
  return Patch::from_cells({{0, 0}, {gap + 1, 0}});
}

}  // namespace

TEST_CASE("a column of a strip is its five cells as a base-32 digit, top row the lowest bit") {
  CHECK(wechsler(picture({"o"})) == "1");
  CHECK(wechsler(picture({".o.", "..o", "ooo"})) == "456");  // a glider as drawn
  CHECK(wechsler(picture({"ooo", "..o", ".o."})) == "153");  // its canonical phase
  CHECK(wechsler(picture({"o", "o", "o", "o", "o"})) == "v");
  CHECK(wechsler(picture({"oo", "oo"})) == "33");
  CHECK(wechsler(Patch{}) == "0");
}

TEST_CASE("runs of dead columns before a live one") {
  CHECK(wechsler(pair_with_gap(1)) == "101");
  CHECK(wechsler(pair_with_gap(2)) == "1w1");
  CHECK(wechsler(pair_with_gap(3)) == "1x1");
  CHECK(wechsler(pair_with_gap(4)) == "1y01");
  CHECK(wechsler(pair_with_gap(13)) == "1y91");
  CHECK(wechsler(pair_with_gap(14)) == "1ya1");
  CHECK(wechsler(pair_with_gap(39)) == "1yz1");
  CHECK(wechsler(pair_with_gap(40)) == "1yz01");
  CHECK(wechsler(pair_with_gap(45)) == "1yzy21");
  CHECK(wechsler(pair_with_gap(79)) == "1yzyz01");
}

TEST_CASE("strips of five rows, separated by z; dead columns ending a strip are left out") {
  CHECK(wechsler(Patch::from_cells({{0, 0}, {0, 5}})) == "1z1");
  CHECK(wechsler(Patch::from_cells({{0, 0}, {0, 10}})) == "1zz1");
  CHECK(wechsler(Patch::from_cells({{0, 0}, {3, 5}})) == "1zx1");
  CHECK(wechsler(Patch::from_cells({{3, 0}, {0, 5}})) == "x1z1");
  CHECK(wechsler(Patch::from_cells({{0, 4}, {1, 0}, {1, 6}})) == "g1z02");
}

TEST_CASE("the simpler code is the shorter, then the lexicographically smaller") {
  CHECK(simpler_code("zz", "123"));
  CHECK_FALSE(simpler_code("123", "zz"));
  CHECK(simpler_code("153", "156"));
  CHECK_FALSE(simpler_code("156", "153"));
  CHECK_FALSE(simpler_code("153", "153"));
}

TEST_CASE("the canonical text is the simplest of the eight orientations") {
  // Every orientation of a glider phase gives the same canonical text.
  const Patch glider = picture({".o.", "..o", "ooo"});
  for (int s = 0; s < kSquareSymmetries; ++s) {
    CHECK(canonical_wechsler(glider.transformed(s)) == "153");
  }
  // A horizontal blinker is "7"; upright it is "111": the canonical one is "7" either way.
  CHECK(canonical_wechsler(picture({"o", "o", "o"})) == "7");
  // Two blocks eight columns apart: "33y433" beats the transposed "33zz33" (y < z).
  CHECK(canonical_wechsler(Patch::from_cells(
            {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {10, 0}, {11, 0}, {10, 1}, {11, 1}})) == "33y433");
}

TEST_CASE("decoding is the inverse of encoding") {
  const std::vector<Patch> patches = {
      picture({".o.", "..o", "ooo"}),
      pair_with_gap(45),
      pair_with_gap(79),
      Patch::from_cells({{0, 0}, {0, 10}}),
      Patch::from_cells({{0, 0}, {3, 5}, {9, 14}, {2, 12}}),
      picture({"..ooo...ooo..", ".............", "o....o.o....o", "o....o.o....o", "o....o.o....o",
               "..ooo...ooo..", ".............", "..ooo...ooo..", "o....o.o....o", "o....o.o....o",
               "o....o.o....o", ".............", "..ooo...ooo.."}),
  };
  for (const Patch& p : patches) {
    CAPTURE(wechsler(p));
    CHECK(decode_wechsler(wechsler(p)) == p);
  }
  // The text's own coordinates: a cell in row 4 of the first strip stays in row 4.
  CHECK(decode_wechsler("g").y0() == 4);
  CHECK(decode_wechsler("x1").x0() == 3);
  CHECK(decode_wechsler("0").empty());
  // The pulsar's apgcode names its 72-cell 13x13 phase (bgolly: 48, 56 in 15x15, 72).
  const Patch pulsar = decode_wechsler("co9nas0san9oczgoldlo0oldlogz1047210127401");
  CHECK(pulsar.population() == 72);
  CHECK(pulsar.width() == 13);
  CHECK(pulsar.height() == 13);
}

TEST_CASE("decoding refuses what is not Wechsler text") {
  CHECK_THROWS_WITH_AS(decode_wechsler("33_1"),
                       "Wechsler text \"33_1\" at position 3: '_' is not one of 0-9, a-z", Error);
  CHECK_THROWS_WITH_AS(decode_wechsler("3A"),
                       "Wechsler text \"3A\" at position 2: 'A' is not one of 0-9, a-z", Error);
  CHECK_THROWS_WITH_AS(decode_wechsler("1y"),
                       "Wechsler text \"1y\" at position 2: 'y' needs a run length (0-9, a-z) "
                       "after it",
                       Error);
  try {
    decode_wechsler("!");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
  }
}
