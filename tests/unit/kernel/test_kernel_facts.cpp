#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/pattern.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/serial.hpp"

using namespace mpilife;

namespace {

const Rule kLife{};

// A w x h grid, all dead, with `rle`'s cells put with their top-left corner at (x0, y0).
CellArray place(const std::string& rle, std::int64_t w, std::int64_t h, std::int64_t x0,
                std::int64_t y0) {
  const Pattern p = parse_pattern(rle, PatternFormat::rle);
  CellArray grid = CellArray::Zero(h, w);
  for (const Cell& c : p.cells) {
    REQUIRE(x0 + c.x < w);
    REQUIRE(y0 + c.y < h);
    grid(y0 + c.y, x0 + c.x) = 1;
  }
  return grid;
}

// `rle` in the middle of a w x h grid.
CellArray centred(const std::string& rle, std::int64_t w, std::int64_t h) {
  const Pattern p = parse_pattern(rle, PatternFormat::rle);
  return place(rle, w, h, (w - p.width) / 2, (h - p.height) / 2);
}

CellArray run(const CellArray& start, Topology topology, std::int64_t generations,
              const Rule& rule = kLife) {
  return evolve_serial(start, rule, topology, KernelKind::reference, generations);
}

std::int64_t population(const CellArray& cells) {
  return cells.cast<std::int64_t>().sum();
}

// `cells` moved by (dx, dy), wrapping around the edges.
CellArray shifted(const CellArray& cells, std::int64_t dx, std::int64_t dy) {
  const std::int64_t w = cells.cols();
  const std::int64_t h = cells.rows();
  CellArray out(h, w);
  for (std::int64_t y = 0; y < h; ++y) {
    for (std::int64_t x = 0; x < w; ++x)
      out(((y + dy) % h + h) % h, ((x + dx) % w + w) % w) = cells(y, x);
  }
  return out;
}

constexpr const char* kGlider = "x = 3, y = 3\nbo$2bo$3o!";
constexpr const char* kBlinker = "x = 3, y = 1\n3o!";
constexpr const char* kToad = "x = 4, y = 2\nb3o$3o!";
constexpr const char* kBeacon = "x = 4, y = 4\n2o$o$3bo$2b2o!";
constexpr const char* kPulsar =
    "x = 13, y = 13\n2b3o3b3o2$o4bobo4bo$o4bobo4bo$o4bobo4bo$2b3o3b3o2$2b3o3b3o$o4bobo4bo$"
    "o4bobo4bo$o4bobo4bo2$2b3o3b3o!";
constexpr const char* kPentadecathlon = "x = 10, y = 3\n2bo4bo$2ob4ob2o$2bo4bo!";
constexpr const char* kDiehard = "x = 8, y = 3\n6bo$2o$bo3b3o!";
constexpr const char* kRPentomino = "x = 3, y = 3\nb2o$2o$bo!";

}  // namespace

TEST_CASE("a glider moves (1, 1) every 4 generations on a torus") {
  const CellArray start = place(kGlider, 16, 12, 2, 3);
  CellArray now = start;
  for (int k = 1; k <= 6; ++k) {
    now = run(now, Topology::torus, 4);
    CHECK((now == shifted(start, k, k)).all());
  }
  CHECK(population(run(start, Topology::torus, 1)) == 5);
  CHECK_FALSE((run(start, Topology::torus, 2) == shifted(start, 0, 0)).all());
}

TEST_CASE("a glider wraps around a small square torus back to its start after 4*W generations") {
  for (std::int64_t w : {5, 8, 13}) {
    const CellArray start = place(kGlider, w, w, 1, 0);
    const CellArray end = run(start, Topology::torus, 4 * w);
    CHECK((end == start).all());
    CHECK_FALSE((run(start, Topology::torus, 4 * w - 4) == start).all());
  }
  // On a non-square torus the glider is home when both sides have wrapped: lcm(9, 6) * 4.
  const CellArray start = place(kGlider, 9, 6, 4, 1);
  CHECK((run(start, Topology::torus, 72) == start).all());
  CHECK_FALSE((run(start, Topology::torus, 36) == start).all());
}

TEST_CASE("a glider leaving a plane dies against the dead outside") {
  const CellArray start = place(kGlider, 12, 12, 0, 0);
  const CellArray later = run(start, Topology::plane, 60);
  CHECK_FALSE((later == run(start, Topology::torus, 60)).all());
  CHECK(population(later) == 4);  // it freezes into a block in the corner
}

TEST_CASE("blinker, toad and beacon have period 2") {
  for (const char* rle : {kBlinker, kToad, kBeacon}) {
    CAPTURE(rle);
    for (Topology topology : {Topology::torus, Topology::plane}) {
      const CellArray start = centred(rle, 10, 9);
      const CellArray one = run(start, topology, 1);
      CHECK_FALSE((one == start).all());
      CHECK((run(one, topology, 1) == start).all());
    }
  }
  CHECK(population(run(centred(kBeacon, 8, 8), Topology::plane, 1)) == 8);
}

TEST_CASE("pulsar populations cycle 48, 56, 72") {
  CellArray now = centred(kPulsar, 21, 21);
  const CellArray start = now;
  for (int k = 0; k < 9; ++k) {
    CHECK(population(now) == (k % 3 == 0 ? 48 : k % 3 == 1 ? 56 : 72));
    now = run(now, Topology::plane, 1);
  }
  CHECK((now == start).all());
}

TEST_CASE("pentadecathlon has period 15") {
  const CellArray start = centred(kPentadecathlon, 24, 17);
  CellArray now = start;
  for (int k = 1; k < 15; ++k) {
    now = run(now, Topology::torus, 1);
    CHECK_FALSE((now == start).all());
  }
  CHECK((run(now, Topology::torus, 1) == start).all());
}

TEST_CASE("diehard dies at generation 130") {
  const CellArray start = centred(kDiehard, 48, 48);
  const CellArray at129 = run(start, Topology::plane, 129);
  CHECK(population(at129) > 0);
  CHECK(population(run(at129, Topology::plane, 1)) == 0);
}

TEST_CASE("R-pentomino has 116 cells at generation 1103 on a large enough plane") {
  // Every cell the R-pentomino ever reaches by generation 1103 on the infinite plane lies within
  // 240 columns left, 260 right, 258 rows up and 266 down of its corner: 540x540 holds them.
  const CellArray start = centred(kRPentomino, 540, 540);
  const CellArray at1102 = run(start, Topology::plane, 1102);
  CHECK(population(at1102) == 118);
  CHECK(population(run(at1102, Topology::plane, 1)) == 116);
}

TEST_CASE("B0 rules do literally what they say on a finite grid") {
  const Rule b0 = parse_rule("B0/S").rule;
  const CellArray dead = CellArray::Zero(7, 5);
  // Every dead cell has 0 live neighbours, so all are born; then every live cell dies.
  for (Topology topology : {Topology::torus, Topology::plane}) {
    const CellArray one = run(dead, topology, 1, b0);
    CHECK(population(one) == 35);
    CHECK(population(run(one, topology, 1, b0)) == 0);
  }
  // B0/S8: on a torus the full grid survives (8 neighbours everywhere); on a plane only the cells
  // with 8 live neighbours survive, i.e. all but the border ring.
  const Rule b0s8 = parse_rule("B0/S8").rule;
  CHECK(population(run(dead, Topology::torus, 2, b0s8)) == 35);
  const CellArray plane2 = run(dead, Topology::plane, 2, b0s8);
  CHECK(population(plane2) == 3 * 5);
  CHECK(plane2(0, 0) == 0);
  CHECK(plane2(3, 2) == 1);
  // Next, only cells whose 8 neighbours are all alive survive (the middle column of three), and
  // no dead cell is born, since every border cell touches a live interior cell.
  const CellArray plane3 = run(plane2, Topology::plane, 1, b0s8);
  CHECK(population(plane3) == 3);
  CHECK((plane3.col(2).segment(2, 3) == 1).all());
}

TEST_CASE("counts 8 and 9 are told from 0 and 1 under any rule, in both kernels") {
  // On a 7x7 plane the centre cell (3, 3) of: a lone live cell counts 0 neighbours, a live 3x3
  // block 8 (a 3x3 count of 9), a ring of 8 around a dead centre 8. The fast kernel reads counts
  // 8 / 9 from the same low count bits as 0 / 1 and must tell them apart for every choice of B0,
  // B8, S0 and S8, next to Life's digits or to none.
  CellArray lone = CellArray::Zero(7, 7);
  lone(3, 3) = 1;
  CellArray block = CellArray::Zero(7, 7);
  block.block(2, 2, 3, 3).setOnes();
  CellArray ring = block;
  ring(3, 3) = 0;
  for (const int base : {0, 1}) {
    for (int bits = 0; bits < 16; ++bits) {
      const bool b0 = (bits & 1) != 0;
      const bool b8 = (bits & 2) != 0;
      const bool s0 = (bits & 4) != 0;
      const bool s8 = (bits & 8) != 0;
      Rule rule;
      rule.birth =
          static_cast<std::uint16_t>((base ? 1 << 3 : 0) | (b0 ? 1 : 0) | (b8 ? 1 << 8 : 0));
      rule.survival =
          static_cast<std::uint16_t>((base ? 3 << 2 : 0) | (s0 ? 1 : 0) | (s8 ? 1 << 8 : 0));
      for (const KernelKind kind : {KernelKind::reference, KernelKind::fast}) {
        CAPTURE(rule.to_string());
        CAPTURE(static_cast<int>(kind));
        auto next = [&](const CellArray& cells) {
          return evolve_serial(cells, rule, Topology::plane, kind, 1)(3, 3) != 0;
        };
        CHECK(next(lone) == s0);
        CHECK(next(block) == s8);
        CHECK(next(ring) == b8);
        CHECK(next(CellArray::Zero(7, 7)) == b0);
      }
    }
  }
}

TEST_CASE("changed() tells a still life from an oscillator, in both kernels") {
  for (mpilife::KernelKind kind : {mpilife::KernelKind::reference, mpilife::KernelKind::fast}) {
    for (std::int64_t w : {5, 70}) {
      auto tile = mpilife::make_tile(kind, w, 6, mpilife::Rule{});
      mpilife::CellArray cells = mpilife::CellArray::Zero(6, w);
      cells(2, 1) = cells(2, 2) = cells(3, 1) = cells(3, 2) = 1;  // block
      mpilife::load(*tile, cells);
      mpilife::fill_ghosts_local(*tile, mpilife::Topology::plane);
      tile->step_all();
      CHECK_FALSE(tile->changed());
      cells = mpilife::CellArray::Zero(6, w);
      cells(1, w - 1) = cells(2, w - 1) = cells(3, w - 1) = 1;  // blinker on the east edge
      mpilife::load(*tile, cells);
      mpilife::fill_ghosts_local(*tile, mpilife::Topology::torus);
      tile->step_all();
      CHECK(tile->changed());
    }
  }
}
