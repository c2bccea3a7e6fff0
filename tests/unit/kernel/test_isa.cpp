// The fast kernel's copies per instruction set: the dispatcher's API, every copy this CPU runs
// against the reference kernel, and the canonical faces that let ranks on different copies talk.

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/kernel/fast.hpp"
#include "mpilife/kernel/isa.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/serial.hpp"
#include "support/random_rules.hpp"
#include "support/side_by_side.hpp"

using namespace mpilife;

namespace {

// The compiled instruction sets this CPU runs; portable always among them.
std::vector<Isa> runnable() {
  std::vector<Isa> out;
  for (const Isa isa : compiled_isas()) {
    if (cpu_supports(isa)) {
      out.push_back(isa);
    } else {
      MESSAGE("skipping " << to_string(isa) << ": this CPU cannot run it");
    }
  }
  return out;
}

// A fast tile of `isa` against the reference kernel from `start`, every generation checked.
bool same_as_reference(Isa isa, const CellArray& start, const Rule& rule, Topology topology,
                       std::int64_t generations) {
  const auto fast = make_fast_tile(start.cols(), start.rows(), rule, isa);
  return test::same_as_reference(*fast, start, rule, topology, generations, to_string(isa));
}

std::vector<std::byte> face_of(const Tile& tile, Dir d) {
  std::vector<std::byte> face(tile.face_bytes(d));
  tile.pack_face(d, face.data());
  return face;
}

}  // namespace

TEST_CASE("instruction set names round-trip and the compiled list is ordered best first") {
  CHECK(parse_isa("auto") == Isa::automatic);
  for (const Isa isa : all_isas()) CHECK(parse_isa(to_string(isa)) == isa);
  CHECK(to_string(Isa::automatic) == "auto");
  CHECK_FALSE(parse_isa("AVX512"));
  CHECK_FALSE(parse_isa("sse2"));
  CHECK_FALSE(parse_isa(""));
  const std::vector<Isa> compiled = compiled_isas();
  REQUIRE_FALSE(compiled.empty());
  CHECK(compiled.back() == Isa::portable);
  const std::vector<Isa> order = all_isas();
  std::size_t at = 0;
  for (const Isa isa : compiled) {
    CHECK(isa != Isa::automatic);
    while (at < order.size() && order[at] != isa) ++at;
    CHECK(at < order.size());  // in the order of `order`, each at most once
    ++at;
  }
  CHECK(cpu_supports(Isa::portable));
  CHECK(cpu_supports(Isa::automatic));
  // The best is the first compiled one the CPU supports.
  for (const Isa isa : compiled) {
    if (cpu_supports(isa)) {
      CHECK(best_isa() == isa);
      break;
    }
  }
  CHECK(resolve_isa(Isa::automatic) == best_isa());
  CHECK(supported_isas_text().find(to_string(best_isa())) == 0);
}

TEST_CASE("an instruction set the binary or the CPU lacks is refused with exit 64") {
  for (const Isa isa : all_isas()) {
    CAPTURE(to_string(isa));
    if (cpu_supports(isa)) {
      CHECK(resolve_isa(isa) == isa);
      continue;
    }
    try {
      (void)resolve_isa(isa);
      FAIL_CHECK("resolve_isa accepted an instruction set this CPU or binary lacks");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::usage);
      const std::string message = e.what();
      CHECK(message.find("--isa " + to_string(isa)) == 0);
      CHECK(message.find("this CPU supports " + supported_isas_text()) != std::string::npos);
    }
    CHECK_THROWS_AS(make_fast_tile(8, 8, Rule{}, isa), Error);
  }
}

TEST_CASE("selecting an instruction set changes the tiles make_tile builds") {
  const Isa before = selected_fast_isa();
  for (const Isa isa : runnable()) {
    select_fast_isa(isa);
    CHECK(selected_fast_isa() == isa);
    CHECK(fast_kernel_isa() == to_string(isa));
  }
  select_fast_isa(Isa::automatic);
  CHECK(selected_fast_isa() == best_isa());
  select_fast_isa(before);
}

TEST_CASE("every instruction set this CPU runs equals the reference kernel") {
  // Widths: under a word, odd, around word and vector boundaries (2, 4 and 8 words), and rows of
  // a word count that is no multiple of any vector width.
  const std::vector<std::int64_t> widths = {1, 3, 31, 63, 64, 65, 129, 191, 257, 513, 577, 700};
  const std::vector<std::int64_t> heights = {1, 2, 7, 66};
  const std::vector<std::string> rules = {"B3/S23", "B36/S23",     "B3678/S34678",
                                          "B0/S8",  "B1357/S1357", "B2/S345"};
  for (const Isa isa : runnable()) {
    std::uint64_t seed = 5;
    bool ok = true;
    for (const std::string& text : rules) {
      const Rule rule = parse_rule(text).rule;
      for (const Topology topology : {Topology::torus, Topology::plane}) {
        for (const std::int64_t w : widths) {
          for (const std::int64_t h : heights) {
            if (!ok) break;
            const std::int64_t gens = w * h > 20000 ? 6 : 20;
            ok = same_as_reference(isa, soup_grid(w, h, ++seed, 0.4), rule, topology, gens);
          }
        }
      }
    }
    CHECK(ok);
    // A long run: a soup's ash on an odd torus over many generations.
    CHECK(same_as_reference(isa, soup_grid(131, 97, 77, 0.5), parse_rule("B3/S23").rule,
                            Topology::torus, 400));
  }
}

TEST_CASE("every instruction set equals the reference under every table of each side") {
  // Rules outside the compiled-in list run each side's truth table over the low count bits
  // chosen at run time (256 tables a side) with t3 corrections compiled in (B8 != B0, S8 != S0).
  // Rule i has birth table i (B0..B7) and a survival table that runs through all 256 values too
  // (S7 S0..S6 as its bits 0..7), B8 and S8 from i's next bits, so all four correction shapes
  // come up; then 100 rules drawn at random. Small random tiles, every generation checked.
  std::vector<Rule> rules;
  for (int i = 0; i < 256; ++i) {
    const int live = (i * 167 + 89) & 0xFF;  // a bijection of 0..255: every live table once
    Rule r;
    r.birth = static_cast<std::uint16_t>(i | ((i * 7 >> 3) & 1) << 8);
    r.survival =
        static_cast<std::uint16_t>((live >> 1) | (live & 1) << 7 | ((i * 5 >> 2) & 1) << 8);
    rules.push_back(r);
  }
  for (const Rule& r : test::random_rules(2026, 100)) rules.push_back(r);
  int shapes[2][2] = {};
  for (const Rule& r : rules) ++shapes[r.births(0) != r.births(8)][r.survives(0) != r.survives(8)];
  for (const auto& row : shapes) {
    for (const int n : row) CHECK(n >= 50);
  }
  for (const Isa isa : runnable()) {
    std::uint64_t seed = 900;
    int failed = 0;
    for (const Rule& rule : rules) {
      ++seed;
      const std::int64_t w = 1 + static_cast<std::int64_t>(seed * 37 % 150);
      const std::int64_t h = 1 + static_cast<std::int64_t>(seed * 11 % 19);
      const double density = 0.2 + 0.1 * static_cast<double>(seed % 7);
      const Topology topology = seed % 2 ? Topology::torus : Topology::plane;
      if (!same_as_reference(isa, soup_grid(w, h, seed, density), rule, topology, 6)) ++failed;
    }
    CAPTURE(to_string(isa));
    CHECK(failed == 0);
  }
}

TEST_CASE("rules outside the compiled-in list equal the reference on rows of many vectors") {
  // With AVX-512 those rules evaluate their tables four vectors at a time: rows of 1 to 10
  // vectors (a vector is 512 cells there, 256 on AVX2, 128 otherwise) cover whole groups, a last
  // group overlapping the one before it, and rows shorter than a group, under each t3 correction
  // shape (none, S8 != S0, B8 != B0, both) and a few tables each side.
  const std::vector<std::int64_t> widths = {300,  600,  1000, 1500, 2000, 2100,
                                            2600, 3000, 3600, 4100, 4700, 5100};
  const std::vector<std::string> rules = {"B36/S24",      "B3/S12345678", "B04567/S023478",
                                          "B0/S8",        "B08/S145678",  "B68/S0134678",
                                          "B0124/S01367", "B1/S012345678"};
  for (const Isa isa : runnable()) {
    std::uint64_t seed = 4000;
    int failed = 0;
    for (const std::string& text : rules) {
      const Rule rule = parse_rule(text).rule;
      for (const std::int64_t w : widths) {
        ++seed;
        const Topology topology = seed % 2 ? Topology::torus : Topology::plane;
        if (!same_as_reference(isa, soup_grid(w, 5, seed, 0.45), rule, topology, 4)) ++failed;
      }
    }
    CAPTURE(to_string(isa));
    CHECK(failed == 0);
  }
}

TEST_CASE("north and south faces are the row in plain word order, the same for every ISA") {
  const Rule rule = parse_rule("B3/S23").rule;
  const std::vector<Isa> isas = runnable();
  for (const std::int64_t w : {std::int64_t{1}, std::int64_t{5}, std::int64_t{64}, std::int64_t{65},
                               std::int64_t{200}, std::int64_t{577}}) {
    for (const std::int64_t h : {std::int64_t{1}, std::int64_t{3}, std::int64_t{65}}) {
      CAPTURE(w);
      CAPTURE(h);
      const CellArray cells = soup_grid(w, h, static_cast<std::uint64_t>(w * 7 + h), 0.5);
      std::vector<std::vector<std::byte>> first;
      for (const Isa isa : isas) {
        CAPTURE(to_string(isa));
        auto tile = make_fast_tile(w, h, rule, isa);
        load(*tile, cells);
        // The canonical N/S layout, computed from the cells: word k holds cells 64 k .. 64 k + 63,
        // cell 64 k + i in bit i, ceil(w / 64) words.
        for (const Dir d : {Dir::north, Dir::south}) {
          const std::int64_t y = d == Dir::north ? 0 : h - 1;
          const std::int64_t words = (w + 63) / 64;
          std::vector<std::uint64_t> expected(static_cast<std::size_t>(words), 0);
          for (std::int64_t x = 0; x < w; ++x) {
            if (cells(y, x) != 0) expected[static_cast<std::size_t>(x / 64)] |= 1ull << (x % 64);
          }
          const std::vector<std::byte> face = face_of(*tile, d);
          REQUIRE(face.size() == expected.size() * sizeof(std::uint64_t));
          CHECK(std::memcmp(face.data(), expected.data(), face.size()) == 0);
        }
        // Every face (N, S, W, E, corners) byte-identical across the instruction sets.
        std::vector<std::byte> all;
        for (const Dir d : kAllDirs) {
          const std::vector<std::byte> face = face_of(*tile, d);
          all.insert(all.end(), face.begin(), face.end());
        }
        if (first.empty()) first.push_back(all);
        CHECK(all == first.front());
      }
    }
  }
}

TEST_CASE("faces packed by one instruction set unpack identically in every other") {
  const Rule rule = parse_rule("B1/S").rule;  // born on one neighbour: every ghost shows
  const std::vector<Isa> isas = runnable();
  for (const std::int64_t w :
       {std::int64_t{2}, std::int64_t{63}, std::int64_t{130}, std::int64_t{577}}) {
    const std::int64_t h = 67;
    CAPTURE(w);
    const CellArray cells = soup_grid(w, h, static_cast<std::uint64_t>(w), 0.3);
    for (const Isa from : isas) {
      auto src = make_fast_tile(w, h, rule, from);
      load(*src, cells);
      auto ref_src = make_tile(KernelKind::reference, w, h, rule);
      load(*ref_src, cells);
      for (const Isa to : isas) {
        CAPTURE(to_string(from));
        CAPTURE(to_string(to));
        // A dead tile of `to` receives every ghost from `src`, as a neighbour would (torus of
        // one tile); the reference does the same from the reference's faces.
        auto dst = make_fast_tile(w, h, rule, to);
        auto ref = make_tile(KernelKind::reference, w, h, rule);
        for (const Dir d : kAllDirs) {
          dst->unpack_ghost(opposite(d), face_of(*src, d).data());
          ref->unpack_ghost(opposite(d), face_of(*ref_src, d).data());
        }
        dst->step_all();
        ref->step_all();
        CHECK((to_array(*dst) == to_array(*ref)).all());
        // And its own faces afterwards are what every other ISA would send.
        auto again = make_fast_tile(w, h, rule, from);
        load(*again, to_array(*dst));
        for (const Dir d : kAllDirs) CHECK(face_of(*again, d) == face_of(*dst, d));
      }
    }
  }
}
