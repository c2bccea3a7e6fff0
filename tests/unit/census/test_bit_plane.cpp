#include <doctest/doctest.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "mpilife/census/bit_plane.hpp"
#include "mpilife/census/patch_stepper.hpp"
#include "mpilife/census/soup_hash.hpp"
#include "mpilife/core/rule.hpp"
#include "unit/census/pictures.hpp"

using namespace mpilife;

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
      for (int t = 0; t < 300; ++t) {
        p = slow.step(p);
        fast.step();
        REQUIRE(fast.patch() == p);
        REQUIRE(fast.population() == p.population());
        REQUIRE(fast.width() == p.width());
        REQUIRE(fast.height() == p.height());
      }
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
