#include "mpilife/census/patch.hpp"

#include <algorithm>
#include <limits>

namespace mpilife {

Patch Patch::from_cells(const std::vector<Cell>& cells) {
  if (cells.empty()) return Patch{};
  const auto [x_min, y_min, x_max, y_max] = bounds_of(cells);
  Patch p;
  p.x0_ = x_min;
  p.y0_ = y_min;
  p.w_ = x_max - x_min + 1;
  p.h_ = y_max - y_min + 1;
  p.cells_.assign(static_cast<std::size_t>(p.w_ * p.h_), 0);
  for (const Cell& c : cells) {
    std::uint8_t& cell = p.cells_[p.index(c.x - x_min, c.y - y_min)];
    p.population_ += 1 - cell;
    cell = 1;
  }
  return p;
}

Patch Patch::from_box(std::int64_t x0, std::int64_t y0, std::int64_t w, std::int64_t h,
                      const std::vector<std::uint8_t>& bytes) {
  std::int64_t x_min = w;
  std::int64_t x_max = -1;
  std::int64_t y_min = h;
  std::int64_t y_max = -1;
  for (std::int64_t y = 0; y < h; ++y) {
    const std::uint8_t* row = bytes.data() + y * w;
    for (std::int64_t x = 0; x < w; ++x) {
      if (row[x] == 0) continue;
      x_min = std::min(x_min, x);
      x_max = std::max(x_max, x);
      y_min = std::min(y_min, y);
      y_max = y;
    }
  }
  if (y_max < 0) return Patch{};
  Patch p;
  p.x0_ = x0 + x_min;
  p.y0_ = y0 + y_min;
  p.w_ = x_max - x_min + 1;
  p.h_ = y_max - y_min + 1;
  p.cells_.resize(static_cast<std::size_t>(p.w_ * p.h_));
  for (std::int64_t y = 0; y < p.h_; ++y) {
    const std::uint8_t* row = bytes.data() + (y + y_min) * w + x_min;
    for (std::int64_t x = 0; x < p.w_; ++x) {
      const std::uint8_t alive = row[x] != 0 ? 1 : 0;
      p.cells_[p.index(x, y)] = alive;
      p.population_ += alive;
    }
  }
  return p;
}

std::vector<Cell> Patch::cells() const {
  std::vector<Cell> out;
  out.reserve(static_cast<std::size_t>(population_));
  for (std::int64_t y = 0; y < h_; ++y) {
    for (std::int64_t x = 0; x < w_; ++x) {
      if (alive(x, y)) out.push_back(Cell{x0_ + x, y0_ + y});
    }
  }
  return out;
}

Patch Patch::moved_to(std::int64_t x, std::int64_t y) const {
  Patch p = *this;
  if (!p.empty()) {
    p.x0_ = x;
    p.y0_ = y;
  }
  return p;
}

Patch Patch::transformed(int s) const {
  const bool transpose = (s & 4) != 0;
  const bool mirror_x = (s & 1) != 0;
  const bool mirror_y = (s & 2) != 0;
  Patch p;
  if (empty()) return p;
  p.w_ = transpose ? h_ : w_;
  p.h_ = transpose ? w_ : h_;
  p.population_ = population_;
  p.cells_.resize(cells_.size());
  for (std::int64_t y = 0; y < h_; ++y) {
    for (std::int64_t x = 0; x < w_; ++x) {
      std::int64_t u = transpose ? y : x;
      std::int64_t v = transpose ? x : y;
      if (mirror_x) u = p.w_ - 1 - u;
      if (mirror_y) v = p.h_ - 1 - v;
      p.cells_[p.index(u, v)] = cells_[index(x, y)];
    }
  }
  return p;
}

std::uint64_t Patch::shape_hash() const {
  // FNV-1a over the size and the cells, finished with a 64-bit mixer.
  std::uint64_t h = 0xcbf29ce484222325ull;
  const auto mix = [&h](std::uint64_t v) {
    h ^= v;
    h *= 0x100000001b3ull;
  };
  mix(static_cast<std::uint64_t>(w_));
  mix(static_cast<std::uint64_t>(h_));
  for (const std::uint8_t c : cells_) mix(c);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

}  // namespace mpilife
