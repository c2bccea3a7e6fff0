// Tile-I/O helpers: whole-tile copies, row visits and cell edits behave the same on both kernels
// (the fast kernel packs 64 cells per word, so edits near word edges are the interesting ones).
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"

using namespace mpilife;

TEST_CASE("copy_out, copy_in, for_each_row and fill_rows agree with the cells") {
  for (KernelKind kind : {KernelKind::reference, KernelKind::fast}) {
    CAPTURE(to_string(kind));
    const std::int64_t w = 131;
    const std::int64_t h = 7;
    const CellArray soup = soup_grid(w, h, 3, 0.4);
    auto tile = make_tile(kind, w, h, Rule{});
    copy_in(*tile, soup.data());
    const std::vector<std::uint8_t> out = copy_out(*tile);
    CHECK(std::vector<std::uint8_t>(soup.data(), soup.data() + soup.size()) == out);
    std::int64_t live = 0;
    std::int64_t rows = 0;
    for_each_row(*tile, 2, 5, [&](std::int64_t y, const std::uint8_t* row) {
      CHECK(y == 2 + rows);
      for (std::int64_t x = 0; x < w; ++x) live += row[x] == soup(y, x);
      ++rows;
    });
    CHECK(rows == 3);
    CHECK(live == 3 * w);
    fill_rows(*tile, [&](std::int64_t y, std::uint8_t* row) {
      for (std::int64_t x = 0; x < w; ++x) row[x] = (x + y) % 3 == 0 ? 1 : 0;
    });
    const CellArray filled = to_array(*tile);
    for (std::int64_t y = 0; y < h; ++y) {
      for (std::int64_t x = 0; x < w; ++x) CHECK(filled(y, x) == ((x + y) % 3 == 0 ? 1 : 0));
    }
  }
}

TEST_CASE("set_cells and toggle_cells edit only the listed cells inside the tile") {
  for (KernelKind kind : {KernelKind::reference, KernelKind::fast}) {
    CAPTURE(to_string(kind));
    auto tile = make_tile(kind, 130, 4, Rule{});
    set_cells(*tile, {{63, 1}, {64, 1}, {0, 3}, {129, 0}, {130, 0}, {-1, 2}, {5, 4}});
    CHECK(tile->population() == 4);
    toggle_cells(*tile, {{63, 1}, {65, 1}, {65, 1}, {2, 2}, {200, 2}});
    const CellArray cells = to_array(*tile);
    CHECK(cells(1, 63) == 0);  // toggled off
    CHECK(cells(1, 64) == 1);
    CHECK(cells(1, 65) == 0);  // toggled twice
    CHECK(cells(2, 2) == 1);
    CHECK(cells(3, 0) == 1);
    CHECK(cells(0, 129) == 1);
    CHECK(tile->population() == 4);
  }
}
