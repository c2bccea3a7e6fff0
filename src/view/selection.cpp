#include "mpilife/view/selection.hpp"

#include <algorithm>
#include <iterator>

#include "mpilife/core/soup.hpp"

namespace mpilife {

namespace {

bool row_major(const Cell& a, const Cell& b) {
  return a.y != b.y ? a.y < b.y : a.x < b.x;
}

}  // namespace

bool random_fill_alive(std::uint64_t seed, std::int64_t x, std::int64_t y) {
  return soup_cell(seed, x, y, kRandomFillDensity);
}

Extent transformed_rect(const Extent& selection, SelectionOp op) {
  if (op != SelectionOp::rotate_cw && op != SelectionOp::rotate_ccw) return selection;
  // Golly's: about the cell at the centre, rounded up and left, so that two turns give the
  // selection back.
  const Extent& s = selection;
  const std::int64_t a = (s.w - 1) / 2;
  const std::int64_t b = (s.h - 1) / 2;
  return Extent{s.x0 + a - b, s.y0 + b - a, s.h, s.w};
}

std::vector<Cell> transformed_cells(const Extent& selection, const std::vector<Cell>& cells,
                                    SelectionOp op) {
  const Extent to = transformed_rect(selection, op);
  const std::int64_t w = selection.w;
  const std::int64_t h = selection.h;
  std::vector<Cell> out;
  out.reserve(cells.size());
  for (const Cell& c : cells) {
    Cell t = c;
    switch (op) {
      case SelectionOp::flip_x:
        t = {w - 1 - c.x, c.y};
        break;
      case SelectionOp::flip_y:
        t = {c.x, h - 1 - c.y};
        break;
      case SelectionOp::rotate_cw:
        t = {h - 1 - c.y, c.x};
        break;
      case SelectionOp::rotate_ccw:
        t = {c.y, w - 1 - c.x};
        break;
      case SelectionOp::none:
      case SelectionOp::random_fill:
        break;
    }
    out.push_back({to.x0 + t.x, to.y0 + t.y});
  }
  return out;
}

std::vector<Cell> random_fill_cells(const Extent& selection, std::uint64_t seed) {
  std::vector<Cell> out;
  for (std::int64_t y = selection.y0; y < selection.y0 + selection.h; ++y) {
    for (std::int64_t x = selection.x0; x < selection.x0 + selection.w; ++x) {
      if (random_fill_alive(seed, x, y)) out.push_back({x, y});
    }
  }
  return out;
}

std::vector<CellEdit> difference_flips(std::vector<Cell> before, std::vector<Cell> after) {
  std::sort(before.begin(), before.end(), row_major);
  std::sort(after.begin(), after.end(), row_major);
  before.erase(std::unique(before.begin(), before.end()), before.end());
  after.erase(std::unique(after.begin(), after.end()), after.end());
  std::vector<Cell> changed;
  std::set_symmetric_difference(before.begin(), before.end(), after.begin(), after.end(),
                                std::back_inserter(changed), row_major);
  std::vector<CellEdit> flips;
  flips.reserve(changed.size());
  for (const Cell& c : changed) flips.push_back({c, CellChange::flip});
  return flips;
}

}  // namespace mpilife
