// Flips, rotations and random fills of a selection in place, without MPI or SDL.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/view/selection.hpp"

using namespace mpilife;

namespace {

// The cells sorted by row then column, for comparisons.
std::vector<Cell> sorted(std::vector<Cell> cells) {
  std::sort(cells.begin(), cells.end(),
            [](const Cell& a, const Cell& b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
  return cells;
}

// A 3x2 selection at (10, 20) holding
//   XX.
//   ..X
const Extent kSel{10, 20, 3, 2};
const std::vector<Cell> kCells{{0, 0}, {1, 0}, {2, 1}};

}  // namespace

TEST_CASE("flips keep the selection's rectangle and mirror its cells") {
  CHECK(transformed_rect(kSel, SelectionOp::flip_x) == kSel);
  CHECK(transformed_rect(kSel, SelectionOp::flip_y) == kSel);
  // .XX / X..
  CHECK(sorted(transformed_cells(kSel, kCells, SelectionOp::flip_x)) ==
        std::vector<Cell>{{11, 20}, {12, 20}, {10, 21}});
  // ..X / XX.
  CHECK(sorted(transformed_cells(kSel, kCells, SelectionOp::flip_y)) ==
        std::vector<Cell>{{12, 20}, {10, 21}, {11, 21}});
}

TEST_CASE("rotations turn the rectangle about its centre cell and the cells with it") {
  // Centre cell (11, 20): the 2x3 rectangle starts at (11, 19), as in Golly.
  const Extent turned{11, 19, 2, 3};
  CHECK(transformed_rect(kSel, SelectionOp::rotate_cw) == turned);
  CHECK(transformed_rect(kSel, SelectionOp::rotate_ccw) == turned);
  // Clockwise: .X / .X / X.
  CHECK(sorted(transformed_cells(kSel, kCells, SelectionOp::rotate_cw)) ==
        std::vector<Cell>{{12, 19}, {12, 20}, {11, 21}});
  // Anticlockwise: .X / X. / X.
  CHECK(sorted(transformed_cells(kSel, kCells, SelectionOp::rotate_ccw)) ==
        std::vector<Cell>{{12, 19}, {11, 20}, {11, 21}});
  // Two turns back: the rectangle comes back where it was.
  CHECK(transformed_rect(turned, SelectionOp::rotate_ccw) == kSel);
  CHECK(transformed_rect(turned, SelectionOp::rotate_cw) == kSel);
  // Four clockwise turns give the cells back.
  Extent r = kSel;
  std::vector<Cell> rel = kCells;
  std::vector<Cell> abs;
  for (int i = 0; i < 4; ++i) {
    abs = transformed_cells(r, rel, SelectionOp::rotate_cw);
    r = transformed_rect(r, SelectionOp::rotate_cw);
    rel.clear();
    for (const Cell& c : abs) rel.push_back({c.x - r.x0, c.y - r.y0});
  }
  CHECK(r == kSel);
  CHECK(sorted(abs) == std::vector<Cell>{{10, 20}, {11, 20}, {12, 21}});
}

TEST_CASE("a random fill is the soup hash of its seed at half density, cell by cell") {
  const Extent sel{-3, 5, 40, 30};
  const std::vector<Cell> cells = random_fill_cells(sel, 7);
  std::int64_t alive = 0;
  for (std::int64_t y = sel.y0; y < sel.y0 + sel.h; ++y) {
    for (std::int64_t x = sel.x0; x < sel.x0 + sel.w; ++x) {
      const bool in = std::find(cells.begin(), cells.end(), Cell{x, y}) != cells.end();
      CHECK(in == soup_cell(7, x, y, 0.5));
      CHECK(in == random_fill_alive(7, x, y));
      alive += in ? 1 : 0;
    }
  }
  CHECK(alive > 1200 / 2 - 120);
  CHECK(alive < 1200 / 2 + 120);
  CHECK(random_fill_cells(sel, 8) != cells);
}

TEST_CASE("difference_flips: the cells that change, once each; applied twice they undo") {
  const std::vector<Cell> before{{1, 1}, {2, 1}, {2, 1}, {0, 3}};
  const std::vector<Cell> after{{2, 1}, {5, 0}, {0, 3}, {4, 4}};
  const std::vector<CellEdit> flips = difference_flips(before, after);
  CHECK(flips == std::vector<CellEdit>{{{5, 0}, CellChange::flip},
                                       {{1, 1}, CellChange::flip},
                                       {{4, 4}, CellChange::flip}});
  CHECK(difference_flips(after, after).empty());
}
