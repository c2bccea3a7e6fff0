#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/kernel/fast.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/serial.hpp"
#include "support/random_rules.hpp"
#include "support/side_by_side.hpp"

using namespace mpilife;

namespace {

const std::vector<std::int64_t> kWidths = {1, 2, 3, 63, 64, 65, 127, 128, 129, 200};
const std::vector<std::int64_t> kHeights = {1, 2, 3, 5, 64, 77};
const std::vector<std::string> kRules = {
    "B3/S23", "B36/S23", "B3678/S34678", "B2/S",        "B34/S34",
    "B0/S8",  "B01/S",   "B/S012345678", "B1357/S1357", "B0123478/S01234678"};

std::int64_t count(const CellArray& cells) {
  std::int64_t n = 0;
  for (Eigen::Index i = 0; i < cells.size(); ++i) n += cells.data()[i];
  return n;
}

// Runs both kernels side by side from `start`, checking every generation.
void check_side_by_side(const CellArray& start, const Rule& rule, Topology topology,
                        std::int64_t generations) {
  const auto fast = make_tile(KernelKind::fast, start.cols(), start.rows(), rule);
  test::same_as_reference(*fast, start, rule, topology, generations, "fast");
}

}  // namespace

TEST_CASE("fast kernel reports an instruction set") {
  const std::string isa = fast_kernel_isa();
  CHECK(parse_isa(isa).has_value());
  CHECK(isa != "auto");
  CHECK(isa == to_string(best_isa()));
}

TEST_CASE("fast kernel equals the reference on random soups, every shape, rule and topology") {
  std::uint64_t seed = 11;
  for (const std::string& text : kRules) {
    const Rule rule = parse_rule(text).rule;
    for (const Topology topology : {Topology::torus, Topology::plane}) {
      for (const std::int64_t w : kWidths) {
        for (const std::int64_t h : kHeights) {
          CAPTURE(text);
          CAPTURE(w);
          CAPTURE(h);
          const CellArray start = soup_grid(w, h, ++seed, 0.45);
          const CellArray fast = evolve_serial(start, rule, topology, KernelKind::fast, 24);
          const CellArray ref = evolve_serial(start, rule, topology, KernelKind::reference, 24);
          REQUIRE(fast.rows() == h);
          REQUIRE(fast.cols() == w);
          CHECK((fast == ref).all());
        }
      }
    }
  }
}

TEST_CASE("fast kernel equals the reference on named and random rules") {
  // Some named rules have compiled-in fast paths, the others and random masks the run-time
  // tables.
  std::vector<Rule> rules;
  for (const char* text :
       {"B36/S23", "B3678/S34678", "B2/S", "B3/S012345678", "B34/S34", "B1357/S1357", "B36/S125",
        "B368/S245", "B4678/S35678", "B35678/S5678", "B3/S12345", "B3/S1234", "B3/S45678",
        "B37/S23", "B38/S23", "B25/S4", "B45678/S2345", "B1/S1",
        // outside the compiled-in list: B0 with many births, S8 without S0, B8 without B0, ...
        "B36/S24", "B0/S8", "B0123478/S34678", "B3/S12345678", "B04567/S023478", "B08/S145678",
        "B68/S0134678", "B8/S0", "B0/S0", "B08/S08"}) {
    rules.push_back(parse_rule(text).rule);
  }
  for (const Rule& r : test::random_rules(12345, 40)) rules.push_back(r);
  std::uint64_t seed = 500;
  for (const Rule& rule : rules) {
    for (const Topology topology : {Topology::torus, Topology::plane}) {
      for (const std::int64_t w : {std::int64_t{5}, std::int64_t{64}, std::int64_t{200}}) {
        CAPTURE(rule.to_string());
        CAPTURE(w);
        const CellArray start = soup_grid(w, 23, ++seed, 0.4);
        const CellArray fast = evolve_serial(start, rule, topology, KernelKind::fast, 12);
        const CellArray ref = evolve_serial(start, rule, topology, KernelKind::reference, 12);
        CHECK((fast == ref).all());
      }
    }
  }
}

TEST_CASE("fast kernel equals the reference generation by generation on larger grids") {
  for (const char* text : {"B3/S23", "B36/S23", "B3678/S34678", "B0/S8", "B1357/S1357"}) {
    const Rule rule = parse_rule(text).rule;
    for (const Topology topology : {Topology::torus, Topology::plane}) {
      check_side_by_side(soup_grid(300, 130, 5), rule, topology, 40);
      check_side_by_side(soup_grid(512, 64, 6), rule, topology, 40);
      check_side_by_side(soup_grid(1000, 9, 7, 0.3), rule, topology, 30);
    }
  }
}

TEST_CASE("fast kernel equals the reference on a tile larger than the second-level cache") {
  // Over 1 MiB per buffer the edge pass prefetches; also a width whose last cell starts a word.
  for (const char* text : {"B3/S23", "B36/S24"}) {
    const Rule rule = parse_rule(text).rule;
    const CellArray start = soup_grid(4097, 2000, 77);
    for (const Topology topology : {Topology::torus, Topology::plane}) {
      const CellArray fast = evolve_serial(start, rule, topology, KernelKind::fast, 3);
      const CellArray ref = evolve_serial(start, rule, topology, KernelKind::reference, 3);
      CHECK((fast == ref).all());
    }
  }
}

TEST_CASE("a glider crosses every edge and corner of a torus") {
  const Rule life = parse_rule("B3/S23").rule;
  for (const std::int64_t w : {std::int64_t{5}, std::int64_t{64}, std::int64_t{70}}) {
    CellArray start = CellArray::Zero(6, w);
    start(0, 1) = 1;
    start(1, 2) = 1;
    start(2, 0) = start(2, 1) = start(2, 2) = 1;
    const std::int64_t gens = 4 * std::max<std::int64_t>(w, 6) + 3;
    const CellArray fast = evolve_serial(start, life, Topology::torus, KernelKind::fast, gens);
    const CellArray ref = evolve_serial(start, life, Topology::torus, KernelKind::reference, gens);
    CHECK((fast == ref).all());
    CHECK(count(fast) == 5);
  }
}

TEST_CASE("faces of a fast tile carry the same cells as the reference's") {
  const Rule rule = parse_rule("B3/S23").rule;
  for (const std::int64_t w :
       {std::int64_t{1}, std::int64_t{3}, std::int64_t{64}, std::int64_t{65}, std::int64_t{130}}) {
    for (const std::int64_t h :
         {std::int64_t{1}, std::int64_t{2}, std::int64_t{5}, std::int64_t{64}, std::int64_t{70}}) {
      CAPTURE(w);
      CAPTURE(h);
      const CellArray cells = soup_grid(w, h, static_cast<std::uint64_t>(w * 1000 + h));
      auto fast = make_tile(KernelKind::fast, w, h, rule);
      auto ref = make_tile(KernelKind::reference, w, h, rule);
      load(*fast, cells);
      load(*ref, cells);
      for (const Dir d : kAllDirs) {
        CAPTURE(static_cast<int>(d));
        // The face goes to the neighbour in direction d, which unpacks it as its ghost on the
        // opposite side; the neighbour is a dead tile of the same shape.
        std::vector<std::byte> face_fast(fast->face_bytes(d));
        std::vector<std::byte> face_ref(ref->face_bytes(d));
        fast->pack_face(d, face_fast.data());
        ref->pack_face(d, face_ref.data());
        auto fast_peer = make_tile(KernelKind::fast, w, h, rule);
        auto ref_peer = make_tile(KernelKind::reference, w, h, rule);
        const Dir side = opposite(d);
        for (const Dir other : kAllDirs) {
          if (other == side) continue;
          fast_peer->clear_ghost(other);
          ref_peer->clear_ghost(other);
        }
        fast_peer->unpack_ghost(side, face_fast.data());
        ref_peer->unpack_ghost(side, face_ref.data());
        // The ghost cells are only visible through their effect: under B1/S (born with exactly
        // one neighbour) a dead tile lights up the cells next to each live ghost.
        fast_peer->step_all();
        ref_peer->step_all();
        CHECK((to_array(*fast_peer) == to_array(*ref_peer)).all());
      }
    }
  }
}

TEST_CASE("faces reveal ghosts through a birth-on-one rule") {
  const Rule rule = parse_rule("B1/S").rule;
  for (const std::int64_t w : {std::int64_t{1}, std::int64_t{2}, std::int64_t{63}, std::int64_t{64},
                               std::int64_t{65}, std::int64_t{129}}) {
    for (const std::int64_t h :
         {std::int64_t{1}, std::int64_t{3}, std::int64_t{64}, std::int64_t{66}}) {
      CAPTURE(w);
      CAPTURE(h);
      const CellArray cells = soup_grid(w, h, static_cast<std::uint64_t>(7 * w + h), 0.3);
      for (const Dir d : kAllDirs) {
        CAPTURE(static_cast<int>(d));
        auto src = make_tile(KernelKind::fast, w, h, rule);
        load(*src, cells);
        std::vector<std::byte> face(src->face_bytes(d));
        src->pack_face(d, face.data());
        auto fast = make_tile(KernelKind::fast, w, h, rule);
        auto ref = make_tile(KernelKind::reference, w, h, rule);
        auto ref_src = make_tile(KernelKind::reference, w, h, rule);
        load(*ref_src, cells);
        std::vector<std::byte> ref_face(ref_src->face_bytes(d));
        ref_src->pack_face(d, ref_face.data());
        for (const Dir other : kAllDirs) {
          fast->clear_ghost(other);
          ref->clear_ghost(other);
        }
        fast->unpack_ghost(opposite(d), face.data());
        ref->unpack_ghost(opposite(d), ref_face.data());
        fast->step_all();
        ref->step_all();
        CHECK((to_array(*fast) == to_array(*ref)).all());
        CHECK(fast->population() == ref->population());
      }
    }
  }
}

TEST_CASE("unpacking one ghost leaves the others alone") {
  const Rule rule = parse_rule("B1/S").rule;
  const std::int64_t w = 65;
  const std::int64_t h = 66;
  const CellArray cells = soup_grid(w, h, 99);
  auto fast = make_tile(KernelKind::fast, w, h, rule);
  auto ref = make_tile(KernelKind::reference, w, h, rule);
  load(*fast, cells);
  load(*ref, cells);
  // Corners first, then edges (the reverse of fill_ghosts_local's order).
  for (auto it = kAllDirs.rbegin(); it != kAllDirs.rend(); ++it) {
    std::vector<std::byte> f(fast->face_bytes(opposite(*it)));
    std::vector<std::byte> r(ref->face_bytes(opposite(*it)));
    fast->pack_face(opposite(*it), f.data());
    ref->pack_face(opposite(*it), r.data());
    fast->unpack_ghost(*it, f.data());
    ref->unpack_ghost(*it, r.data());
  }
  fast->step_all();
  ref->step_all();
  CHECK((to_array(*fast) == to_array(*ref)).all());
}

TEST_CASE("interior and border in any chunking equal a whole step") {
  for (const char* text : {"B3/S23", "B36/S23", "B0/S8"}) {
    const Rule rule = parse_rule(text).rule;
    for (const std::int64_t h :
         {std::int64_t{1}, std::int64_t{2}, std::int64_t{3}, std::int64_t{10}, std::int64_t{37}}) {
      const std::int64_t w = 150;
      const CellArray start = soup_grid(w, h, 3);
      auto whole = make_tile(KernelKind::fast, w, h, rule);
      load(*whole, start);
      for (const std::int64_t chunk : {std::int64_t{1}, std::int64_t{2}, std::int64_t{7}}) {
        auto parts = make_tile(KernelKind::fast, w, h, rule);
        load(*parts, start);
        auto ref = make_tile(KernelKind::fast, w, h, rule);
        load(*ref, start);
        for (int g = 0; g < 6; ++g) {
          fill_ghosts_local(*parts, Topology::torus);
          fill_ghosts_local(*ref, Topology::torus);
          for (std::int64_t y = 1; y < h - 1; y += chunk) {
            parts->step_interior(y, std::min(y + chunk, h - 1));
          }
          parts->step_border();
          parts->swap();
          ref->step_all();
          CHECK((to_array(*parts) == to_array(*ref)).all());
        }
      }
    }
  }
}

TEST_CASE("step_interior reads no ghost cell") {
  // Garbage ghosts during the interior step, the true ghosts before the border: same result.
  const Rule rule = parse_rule("B3/S23").rule;
  const std::int64_t w = 200;
  const std::int64_t h = 20;
  const CellArray start = soup_grid(w, h, 8);
  auto honest = make_tile(KernelKind::fast, w, h, rule);
  auto tricked = make_tile(KernelKind::fast, w, h, rule);
  load(*honest, start);
  load(*tricked, start);
  fill_ghosts_local(*honest, Topology::torus);
  honest->step_all();
  std::vector<std::byte> ones(4096, std::byte{0xFF});
  for (const Dir d : kAllDirs) tricked->unpack_ghost(d, ones.data());
  tricked->step_interior(1, h - 1);
  fill_ghosts_local(*tricked, Topology::torus);
  tricked->step_border();
  tricked->swap();
  CHECK((to_array(*honest) == to_array(*tricked)).all());
}

TEST_CASE("ghosts arriving after the interior step give the same generations") {
  // The order of a rank with remote neighbours: interior first (ghosts still from the last
  // generation), then the ghosts, then the border; and ghosts refilled between interior chunks.
  for (const char* text : {"B3/S23", "B36/S23", "B3678/S34678"}) {
    const Rule rule = parse_rule(text).rule;
    for (const std::int64_t w :
         {std::int64_t{1}, std::int64_t{2}, std::int64_t{64}, std::int64_t{100}}) {
      for (const Topology topology : {Topology::torus, Topology::plane}) {
        CAPTURE(text);
        CAPTURE(w);
        const std::int64_t h = 40;
        const CellArray start = soup_grid(w, h, 21);
        auto late = make_tile(KernelKind::fast, w, h, rule);
        auto twice = make_tile(KernelKind::fast, w, h, rule);
        auto ref = make_tile(KernelKind::reference, w, h, rule);
        for (auto* t : {late.get(), twice.get(), ref.get()}) load(*t, start);
        for (int g = 0; g < 12; ++g) {
          late->step_interior(1, h - 1);
          fill_ghosts_local(*late, topology);
          late->step_border();
          late->swap();
          fill_ghosts_local(*twice, topology);
          twice->step_interior(1, h / 2);
          fill_ghosts_local(*twice, topology);
          twice->step_interior(h / 2, h - 1);
          twice->step_border();
          twice->swap();
          fill_ghosts_local(*ref, topology);
          ref->step_all();
          const CellArray expected = to_array(*ref);
          CHECK((to_array(*late) == expected).all());
          CHECK((to_array(*twice) == expected).all());
        }
      }
    }
  }
}

TEST_CASE("west and east faces follow written rows and steps") {
  const Rule rule = parse_rule("B3/S23").rule;
  const std::int64_t w = 70;
  const std::int64_t h = 130;
  auto fast = make_tile(KernelKind::fast, w, h, rule);
  auto ref = make_tile(KernelKind::reference, w, h, rule);
  auto compare_faces = [&] {
    for (const Dir d : {Dir::west, Dir::east}) {
      std::vector<std::byte> f(fast->face_bytes(d));
      std::vector<std::uint8_t> r(ref->face_bytes(d));
      fast->pack_face(d, f.data());
      ref->pack_face(d, reinterpret_cast<std::byte*>(r.data()));
      for (std::int64_t y = 0; y < h; ++y) {
        const auto byte = static_cast<unsigned>(f[static_cast<std::size_t>(y / 8)]);
        CHECK(((byte >> (y % 8)) & 1u) == r[static_cast<std::size_t>(y)]);
      }
    }
  };
  load(*fast, soup_grid(w, h, 5));
  load(*ref, soup_grid(w, h, 5));
  compare_faces();
  std::vector<std::uint8_t> ones(static_cast<std::size_t>(w), 1);
  fast->write_row(7, ones.data());
  ref->write_row(7, ones.data());
  compare_faces();
  for (int g = 0; g < 5; ++g) {
    fill_ghosts_local(*fast, Topology::torus);
    fill_ghosts_local(*ref, Topology::torus);
    fast->step_all();
    ref->step_all();
    compare_faces();
  }
}

TEST_CASE("rows round-trip and padding stays dead") {
  const Rule rule = parse_rule("B0/S8").rule;  // births everywhere: padding must not wake up
  for (const std::int64_t w : {std::int64_t{1}, std::int64_t{63}, std::int64_t{65},
                               std::int64_t{100}, std::int64_t{513}}) {
    const std::int64_t h = 9;
    const CellArray cells = soup_grid(w, h, 4);
    auto tile = make_tile(KernelKind::fast, w, h, rule);
    load(*tile, cells);
    CHECK((to_array(*tile) == cells).all());
    CHECK(tile->population() == count(cells));
    auto ref = make_tile(KernelKind::reference, w, h, rule);
    load(*ref, cells);
    for (int g = 0; g < 5; ++g) {
      for (auto* t : {tile.get(), ref.get()}) {
        fill_ghosts_local(*t, g % 2 == 0 ? Topology::plane : Topology::torus);
        t->step_all();
      }
      CHECK(tile->population() == ref->population());
      CHECK(tile->population() == count(to_array(*tile)));
    }
    // An all-dead plane under B0: every cell is born, none of the padding.
    auto empty = make_tile(KernelKind::fast, w, h, rule);
    fill_ghosts_local(*empty, Topology::plane);
    empty->step_all();
    CHECK(empty->population() == w * h);
    std::vector<std::byte> face(empty->face_bytes(Dir::south));
    empty->pack_face(Dir::south, face.data());
    auto peer = make_tile(KernelKind::fast, w, h, parse_rule("B123/S").rule);
    for (const Dir d : kAllDirs) peer->clear_ghost(d);
    peer->unpack_ghost(Dir::north, face.data());
    peer->step_all();
    CHECK(peer->population() == w);  // row 0 wakes up, exactly w cells
  }
}

TEST_CASE("storage is about two bits per cell") {
  auto tile = make_tile(KernelKind::fast, 4096, 1024, parse_rule("B3/S23").rule);
  const double bits = 8.0 * static_cast<double>(tile->storage_bytes()) / (4096.0 * 1024.0);
  CHECK(bits >= 2.0);
  CHECK(bits < 2.05);
}
