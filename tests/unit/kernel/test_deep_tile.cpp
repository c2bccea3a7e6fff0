// The fast kernel's deep tiles (ghosts d cells deep, k generations per sweep) against the
// reference kernel stepped a generation at a time.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/kernel/blocking.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/serial.hpp"

using namespace mpilife;

namespace {

// Steps a deep tile (ghosts `depth` deep, sweeps of up to `block` generations, the ghosts filled
// once every `depth` generations) and a reference tile (ghosts filled every generation) side by
// side from `start`; checks cells and population after every sweep.
void check_deep(const CellArray& start, const Rule& rule, Topology topology, int depth, int block,
                std::int64_t generations) {
  const std::int64_t w = start.cols();
  const std::int64_t h = start.rows();
  const auto deep = make_tile(KernelKind::fast, w, h, rule, depth);
  const auto ref = make_tile(KernelKind::reference, w, h, rule);
  REQUIRE(deep->halo_depth() == depth);
  load(*deep, start);
  load(*ref, start);
  int fresh = depth;
  for (std::int64_t g = 0; g < generations;) {
    if (fresh == depth) {
      fill_ghosts_local(*deep, topology);
      fresh = 0;
    }
    const int k = static_cast<int>(std::min<std::int64_t>({block, depth - fresh, generations - g}));
    deep->advance(fresh, k);
    for (int i = 0; i < k; ++i) {
      fill_ghosts_local(*ref, topology);
      ref->step_all();
    }
    fresh += k;
    g += k;
    const bool same = (to_array(*deep) == to_array(*ref)).all();
    if (!same || deep->population() != ref->population()) {
      FAIL_CHECK("depth " << depth << " block " << block << " differs at generation " << g << ": "
                          << w << "x" << h << " " << rule.to_string() << " "
                          << to_string(topology));
      return;
    }
  }
}

}  // namespace

TEST_CASE("deep tiles equal the reference at every depth, time block, rule and topology") {
  const std::vector<std::string> rules = {"B3/S23", "B36/S24", "B0/S8",
                                          "B2/S",   "B01/S",   "B0123478/S01234678"};
  const std::vector<std::pair<std::int64_t, std::int64_t>> sizes = {
      {16, 16}, {17, 19}, {64, 20}, {65, 33}, {130, 17}, {200, 41}, {1000, 16}};
  std::uint64_t seed = 5;
  for (const std::string& text : rules) {
    const Rule rule = parse_rule(text).rule;
    for (const Topology topology : {Topology::torus, Topology::plane}) {
      for (const auto& [w, h] : sizes) {
        for (const int depth : {2, 3, 5, 8, 16}) {
          if (depth > std::min(w, h)) continue;
          for (const int block : {1, 2, depth}) {
            CAPTURE(text);
            const CellArray start = soup_grid(w, h, ++seed, 0.4);
            check_deep(start, rule, topology, depth, block, 2 * depth + 3);
          }
        }
      }
    }
  }
}

namespace {

// A grid of cols x rows tiles of w x h cells, stepped by the reference kernel, and the deep tile
// at (col, row) of it: its neighbours' faces fill its ghosts, as an exchange would.
struct World {
  int cols;
  int rows;
  int col;
  int row;
  Topology topology;
};

// Fills the ghosts of `deep` from the tiles around it in `grid` (the world's cells now).
void fill_from(Tile& deep, const World& world, const CellArray& grid, const Rule& rule) {
  const std::int64_t w = deep.width();
  const std::int64_t h = deep.height();
  std::vector<std::byte> face;
  for (const Dir d : kAllDirs) {
    int c = world.col + dir_dx(d);
    int r = world.row + dir_dy(d);
    if (c < 0 || c >= world.cols || r < 0 || r >= world.rows) {
      if (world.topology == Topology::plane) {
        deep.clear_ghost(d);
        continue;
      }
      c = (c + world.cols) % world.cols;
      r = (r + world.rows) % world.rows;
    }
    const auto neighbour = make_tile(KernelKind::fast, w, h, rule, deep.halo_depth());
    load(*neighbour, CellArray(grid.block(r * h, c * w, h, w)));
    face.resize(neighbour->face_bytes(opposite(d)));
    neighbour->pack_face(opposite(d), face.data());
    deep.unpack_ghost(d, face.data());
  }
}

// Steps a deep w x h tile of `world` the overlapped way, and the world a generation at a time,
// side by side: at every filling the ghosts of the sides in `late` hold random cells until
// wait() fills them. Checks the tile against its block of the world after every sweep; returns
// the number of polls.
int check_overlapped(const World& world, const Rule& rule, std::int64_t w, std::int64_t h,
                     unsigned late, int depth, int block, std::int64_t generations,
                     std::uint64_t seed) {
  const CellArray start = soup_grid(w * world.cols, h * world.rows, seed, 0.4);
  const auto all = make_tile(KernelKind::reference, start.cols(), start.rows(), rule);
  load(*all, start);
  const auto mine = [&] {
    return CellArray(to_array(*all).block(world.row * h, world.col * w, h, w));
  };
  const auto deep = make_tile(KernelKind::fast, w, h, rule, depth);
  load(*deep, mine());
  std::mt19937_64 random(seed);
  int polls = 0;
  int waits = 0;
  const std::function<void()> poll = [&] { ++polls; };
  const std::function<void()> wait = [&] {
    ++waits;
    fill_from(*deep, world, to_array(*all), rule);
  };
  int fresh = depth;
  for (std::int64_t g = 0; g < generations;) {
    if (fresh == depth) fresh = 0;
    const int k = static_cast<int>(std::min<std::int64_t>({block, depth - fresh, generations - g}));
    if (fresh == 0) {
      fill_from(*deep, world, to_array(*all), rule);
      for (const Dir d : kAllDirs) {
        if ((late & side_bit(d)) == 0) continue;
        std::vector<std::byte> junk(deep->face_bytes(d));
        for (std::byte& b : junk) b = static_cast<std::byte>(random());
        deep->unpack_ghost(d, junk.data());
      }
      deep->advance_overlapped(k, late, poll, wait);
    } else {
      deep->advance(fresh, k);
    }
    for (int i = 0; i < k; ++i) {
      fill_ghosts_local(*all, world.topology);
      all->step_all();
    }
    fresh += k;
    g += k;
    if (!(to_array(*deep) == mine()).all()) {
      FAIL_CHECK("differs at generation " << g);
      return polls;
    }
  }
  CHECK(waits == (generations + depth - 1) / depth);
  return polls;
}

}  // namespace

TEST_CASE("overlapped sweeps equal the reference whichever ghosts arrive late") {
  constexpr unsigned N = side_bit(Dir::north);
  constexpr unsigned S = side_bit(Dir::south);
  constexpr unsigned W = side_bit(Dir::west);
  constexpr unsigned E = side_bit(Dir::east);
  constexpr unsigned NW = side_bit(Dir::north_west);
  constexpr unsigned NE = side_bit(Dir::north_east);
  constexpr unsigned SW = side_bit(Dir::south_west);
  constexpr unsigned SE = side_bit(Dir::south_east);
  constexpr unsigned kAll = N | S | W | E | NW | NE | SW | SE;
  // The middle of a torus of 3 x 3 tiles: strips (north and south late), every side, columns
  // only (west and east, with the corners), lone sides. A plane's corner tile (west and south
  // late, north and east outside), and one on its west edge.
  const World middle{3, 3, 1, 1, Topology::torus};
  const World corner{2, 2, 1, 0, Topology::plane};
  const World west_edge{2, 3, 0, 1, Topology::plane};
  const std::vector<std::pair<World, unsigned>> cases = {
      {middle, N | S},      {middle, kAll}, {middle, W | E | NW | NE | SW | SE},
      {middle, N},          {middle, W},    {middle, S | SW | SE},
      {corner, W | S | SW}, {corner, S},    {west_edge, N | S | E | NE | SE},
      {west_edge, E}};
  const std::vector<std::string> rules = {"B3/S23", "B0/S8"};
  const std::vector<std::pair<std::int64_t, std::int64_t>> sizes = {
      {300, 120}, {70, 150}, {600, 90}, {40, 200}};
  std::uint64_t seed = 11;
  for (const auto& [world, late] : cases) {
    for (const std::string& text : rules) {
      const Rule rule = parse_rule(text).rule;
      for (const auto& [w, h] : sizes) {
        for (const int depth : {2, 5, 16}) {
          for (const int block : {1, depth}) {
            CAPTURE(world.col);
            CAPTURE(world.row);
            CAPTURE(late);
            CAPTURE(text);
            CAPTURE(w);
            CAPTURE(h);
            CAPTURE(depth);
            CAPTURE(block);
            check_overlapped(world, rule, w, h, late, depth, block, 2 * depth + 3, ++seed);
          }
        }
      }
    }
  }
}

TEST_CASE("ghosts 32 and 64 deep, swept whole and overlapped") {
  // The automatic time block goes up to 64 on tiles larger than the caches.
  const std::vector<std::pair<std::int64_t, std::int64_t>> sizes = {{64, 64}, {200, 130}, {90, 70}};
  std::uint64_t seed = 300;
  for (const std::string text : {"B3/S23", "B0/S8"}) {
    const Rule rule = parse_rule(text).rule;
    for (const Topology topology : {Topology::torus, Topology::plane}) {
      for (const auto& [w, h] : sizes) {
        for (const int depth : {32, 64}) {
          if (depth > std::min(w, h)) continue;
          for (const int block : {7, depth}) {
            CAPTURE(text);
            check_deep(soup_grid(w, h, ++seed, 0.4), rule, topology, depth, block, depth + 9);
          }
        }
      }
    }
    const World middle{3, 3, 1, 1, Topology::torus};
    const unsigned late = side_bit(Dir::north) | side_bit(Dir::west) | side_bit(Dir::east) |
                          side_bit(Dir::north_west) | side_bit(Dir::north_east);
    CHECK(check_overlapped(middle, rule, 200, 300, late, 64, 64, 70, ++seed) > 0);  // swept early
  }
}

TEST_CASE("an overlapped sweep polls while the ghosts are in flight") {
  // 2048 x 1024 cells, 8 generations a sweep: some 16 million cell updates, a poll every million.
  const Rule life = parse_rule("B3/S23").rule;
  const World strips{1, 3, 0, 1, Topology::torus};
  const unsigned late = side_bit(Dir::north) | side_bit(Dir::south);
  CHECK(check_overlapped(strips, life, 2048, 1024, late, 8, 8, 8, 1) >= 8);
  // A tile too short to gain from sweeping before the ghosts are in: nothing to poll for.
  CHECK(check_overlapped(strips, life, 2048, 40, late, 8, 8, 8, 2) == 0);
}

TEST_CASE("a deep tile on a torus as thin as its ghosts") {
  // Tiles exactly as wide or tall as the depth: the faces hold every row or column.
  const Rule life = parse_rule("B3/S23").rule;
  for (const int depth : {2, 4, 7}) {
    for (const auto& [w, h] : std::vector<std::pair<std::int64_t, std::int64_t>>{
             {depth, depth}, {depth, 40}, {70, depth}}) {
      check_deep(soup_grid(w, h, 99 + depth, 0.5), life, Topology::torus, depth, depth, 20);
      check_deep(soup_grid(w, h, 77 + depth, 0.5), life, Topology::plane, depth, 2, 20);
    }
  }
}

TEST_CASE("a deep tile stepped one generation at a time equals the reference") {
  // The one-deep protocol (ghosts refilled, interior, border, swap) also drives a deep tile.
  const Rule rule = parse_rule("B36/S23").rule;
  for (const Topology topology : {Topology::torus, Topology::plane}) {
    const CellArray start = soup_grid(90, 37, 4, 0.45);
    const auto deep = make_tile(KernelKind::fast, 90, 37, rule, 6);
    const CellArray after = evolve_serial(start, rule, topology, KernelKind::reference, 9);
    load(*deep, start);
    for (int g = 0; g < 9; ++g) {
      fill_ghosts_local(*deep, topology);
      deep->step_all();
    }
    CHECK((to_array(*deep) == after).all());
  }
}

TEST_CASE("edge_alive sees the outermost rows and columns only, at every depth") {
  const Rule life = parse_rule("B3/S23").rule;
  for (const int depth : {1, 3, 9}) {
    for (const Dir side : {Dir::north, Dir::south, Dir::west, Dir::east}) {
      CAPTURE(depth);
      const std::int64_t w = 70;
      const std::int64_t h = 30;
      const auto tile = make_tile(KernelKind::fast, w, h, life, depth);
      CellArray cells = CellArray::Zero(h, w);
      // Live cells one step in from every edge: not on the edge.
      cells(1, 1) = 1;
      cells(h - 2, w - 2) = 1;
      cells(1, w - 2) = 1;
      cells(h - 2, 1) = 1;
      load(*tile, cells);
      CHECK_FALSE(tile->edge_alive(side));
      const std::int64_t y = side == Dir::north ? 0 : side == Dir::south ? h - 1 : 13;
      const std::int64_t x = side == Dir::west ? 0 : side == Dir::east ? w - 1 : 41;
      cells(y, x) = 1;
      load(*tile, cells);
      CHECK(tile->edge_alive(side));
      for (const Dir other : {Dir::north, Dir::south, Dir::west, Dir::east}) {
        if (other != side) CHECK_FALSE(tile->edge_alive(other));
      }
    }
  }
}

TEST_CASE("no tile has ghosts deeper than it is wide or tall, or deep reference ghosts") {
  const Rule life = parse_rule("B3/S23").rule;
  CHECK_THROWS(make_tile(KernelKind::fast, 5, 40, life, 6));
  CHECK_THROWS(make_tile(KernelKind::fast, 40, 5, life, 6));
  CHECK_THROWS(make_tile(KernelKind::reference, 40, 40, life, 2));
  CHECK_THROWS(make_tile(KernelKind::fast, 100, 100, life, kMaxHaloDepth + 1));  // one-word faces
  CHECK(make_tile(KernelKind::fast, 6, 6, life, 6)->halo_depth() == 6);
}

TEST_CASE("the automatic time block and halo depth follow the caches and the tile size") {
  const CacheSizes zen{1 << 20, 32 << 20, 2};               // 1 MiB L2, 32 MiB L3 for two CPUs
  CHECK(automatic_time_block(4096, 4096, zen) == 1);        // 4 MiB of buffers: in the L3 share
  CHECK(automatic_time_block(16384, 16384, zen) == 64);     // 64 MiB: 189 ring rows of 2 KiB
  CHECK(automatic_time_block(65536, 65536, zen) == 16);     // 8 KiB rows: 45 of them, not 93
  const CacheSizes small_l3{1 << 20, 2 << 20, 2};           // a 1 MiB share of L3
  CHECK(automatic_time_block(16384, 512, small_l3) == 32);  // no more than a sixteenth of h
  CHECK(automatic_time_block(1 << 20, 128, zen) == 2);      // 128 KiB rows: rings for 2, not 4
  CHECK(automatic_time_block(1 << 22, 64, zen) == 1);       // rows too wide for any ring
  CHECK(automatic_halo_depth(4096, 4096, 1) == 1);
  CHECK(automatic_halo_depth(16384, 8192, 64) == 64);
  CHECK(automatic_halo_depth(1000, 1000, 1) == 2);
  CHECK(automatic_halo_depth(300, 300, 1) == 4);
  CHECK(automatic_halo_depth(200, 200, 1) == 8);
  CHECK(automatic_halo_depth(100, 100, 2) == 16);
  const CacheSizes here = read_cache_sizes();
  CHECK(here.l2 >= 0);
  CHECK(here.l3_shared_by >= 1);
}
