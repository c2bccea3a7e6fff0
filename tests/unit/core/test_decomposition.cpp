#include <doctest/doctest.h>

#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/soup.hpp"

using namespace mpilife;

TEST_CASE("block ranges cover the axis with remainders spread over the first blocks") {
  for (std::int64_t n : {1, 7, 10, 64, 101}) {
    for (int parts = 1; parts <= 7 && parts <= n; ++parts) {
      std::int64_t next = 0;
      for (int i = 0; i < parts; ++i) {
        const Range r = block_range(n, parts, i);
        CHECK(r.first == next);
        CHECK(r.count >= n / parts);
        CHECK(r.count <= n / parts + 1);
        CHECK(r.count == n / parts + (i < n % parts ? 1 : 0));
        for (std::int64_t x = r.first; x < r.first + r.count; ++x) {
          CHECK(block_of(n, parts, x) == i);  // the inverse, at every index
        }
        next += r.count;
      }
      CHECK(next == n);
    }
  }
}

TEST_CASE("decomposition specs parse and print") {
  CHECK(parse_decomp("1d").kind == DecompSpec::Kind::strips);
  CHECK(parse_decomp("2d").kind == DecompSpec::Kind::balanced);
  const DecompSpec s = parse_decomp("3x2");
  CHECK(s.kind == DecompSpec::Kind::explicit_grid);
  CHECK(s.cols == 3);
  CHECK(s.rows == 2);
  CHECK(s.to_string() == "3x2");
  for (const char* bad : {"3d", "x2", "3x", "0x4", "3x-1", "", "axb", "2x2x2"}) {
    CHECK_THROWS_AS(parse_decomp(bad), Error);
  }
}

TEST_CASE("process grid choice and its errors") {
  const ProcessGrid strips = choose_process_grid(parse_decomp("1d"), 4, 100, 100, {2, 2});
  CHECK(strips.cols == 1);
  CHECK(strips.rows == 4);
  // Balanced: the larger factor goes along the longer side.
  const ProcessGrid wide = choose_process_grid(parse_decomp("2d"), 6, 300, 100, {3, 2});
  CHECK(wide.cols == 3);
  CHECK(wide.rows == 2);
  const ProcessGrid tall = choose_process_grid(parse_decomp("2d"), 6, 100, 300, {3, 2});
  CHECK(tall.cols == 2);
  CHECK(tall.rows == 3);
  const ProcessGrid square = choose_process_grid(parse_decomp("2d"), 6, 100, 100, {3, 2});
  CHECK(square.cols == 2);
  CHECK(square.rows == 3);
  const ProcessGrid expl = choose_process_grid(parse_decomp("1x5"), 5, 10, 10, {5, 1});
  CHECK(expl.cols == 1);
  CHECK(expl.rows == 5);
  try {
    choose_process_grid(parse_decomp("3x3"), 4, 100, 100, {2, 2});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::usage);
    CHECK(std::string(e.what()).find("needs 9 ranks") != std::string::npos);
  }
  try {
    choose_process_grid(parse_decomp("1d"), 5, 100, 4, {5, 1});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("5 process rows for a grid of 4 rows") != std::string::npos);
  }
}

TEST_CASE("tile extents tile the grid exactly") {
  const ProcessGrid g{3, 2};
  std::int64_t cells = 0;
  for (int r = 0; r < g.rows; ++r) {
    for (int c = 0; c < g.cols; ++c) cells += tile_extent(11, 7, g, c, r).cells();
  }
  CHECK(cells == 77);
  const Extent last = tile_extent(11, 7, g, 2, 1);
  CHECK(last.x0 + last.w == 11);
  CHECK(last.y0 + last.h == 7);
}

TEST_CASE("neighbour coordinates wrap on a torus and stop at a plane's edge") {
  const ProcessGrid g{3, 2};
  auto n = neighbour_coords(g, {0, 0}, Dir::north_west, true);
  REQUIRE(n);
  CHECK((*n)[0] == 2);
  CHECK((*n)[1] == 1);
  CHECK_FALSE(neighbour_coords(g, {0, 0}, Dir::north_west, false));
  n = neighbour_coords(g, {1, 0}, Dir::south_east, false);
  REQUIRE(n);
  CHECK((*n)[0] == 2);
  CHECK((*n)[1] == 1);
  CHECK_FALSE(neighbour_coords(g, {2, 1}, Dir::east, false));
}

TEST_CASE("face and ghost regions") {
  const Extent f = face_region(Dir::north_east, 5, 4);
  CHECK(f.x0 == 4);
  CHECK(f.y0 == 0);
  CHECK(f.cells() == 1);
  const Extent g = ghost_region(Dir::south, 5, 4);
  CHECK(g.x0 == 0);
  CHECK(g.y0 == 4);
  CHECK(g.w == 5);
  CHECK(g.h == 1);
  const Extent w = ghost_region(Dir::west, 5, 4);
  CHECK(w.x0 == -1);
  CHECK(w.h == 4);
}

TEST_CASE("the soup is a pure function of seed and position") {
  int alive = 0;
  for (int y = 0; y < 200; ++y) {
    for (int x = 0; x < 200; ++x) {
      CHECK(soup_cell(5, x, y, 0.3) == soup_cell(5, x, y, 0.3));
      alive += soup_cell(5, x, y, 0.3) ? 1 : 0;
    }
  }
  CHECK(alive > 11000);  // 0.3 * 40000 = 12000, within a few sigma
  CHECK(alive < 13000);
  CHECK_FALSE(soup_cell(1, 3, 4, 0.0));
  CHECK(soup_cell(1, 3, 4, 1.0));
  int differ = 0;
  for (int x = 0; x < 100; ++x) differ += soup_cell(1, x, 0, 0.5) != soup_cell(2, x, 0, 0.5);
  CHECK(differ > 20);
}

TEST_CASE("intersect: the shared cells of two extents, empty when they only touch or miss") {
  const Extent a{2, 3, 10, 5};  // columns 2..11, rows 3..7
  const Extent both = intersect(a, {8, 0, 10, 4});
  CHECK(both.x0 == 8);
  CHECK(both.y0 == 3);
  CHECK(both.w == 4);
  CHECK(both.h == 1);
  const Extent inside = intersect(a, {4, 4, 2, 2});
  CHECK((inside.x0 == 4 && inside.y0 == 4 && inside.w == 2 && inside.h == 2));
  CHECK(intersect(a, {12, 3, 5, 5}).cells() == 0);  // touching at column 12: nothing shared
  CHECK(intersect(a, {-5, -5, 3, 3}).cells() == 0);
  CHECK(intersect(a, a).cells() == 50);
}
