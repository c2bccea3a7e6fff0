#pragma once

#include <cstdint>
#include <vector>

#include "mpilife/core/cells.hpp"

namespace mpilife {

/// The eight symmetries of the square (rotations and reflections) that `Patch::transformed` takes.
inline constexpr int kSquareSymmetries = 8;

/// A finite pattern cut to its bounding box: w x h cells, one byte each (1 = alive), whose top-left
/// cell lies at (x0, y0) in the plane (y grows downwards). Every border row and column of a
/// non-empty patch holds a live cell; the empty patch is 0 x 0.
class Patch {
 public:
  /// The empty patch.
  Patch() = default;
  /// The patch of `cells` (absolute coordinates, negative allowed; duplicates are one cell).
  static Patch from_cells(const std::vector<Cell>& cells);
  /// The live cells of the w x h box `bytes` (row-major, non-zero = alive) whose top-left cell is
  /// at (x0, y0), cut to their bounding box.
  static Patch from_box(std::int64_t x0, std::int64_t y0, std::int64_t w, std::int64_t h,
                        const std::vector<std::uint8_t>& bytes);

  /// Column of the leftmost live cell (0 for the empty patch).
  std::int64_t x0() const { return x0_; }
  /// Row of the topmost live cell (0 for the empty patch).
  std::int64_t y0() const { return y0_; }
  /// Columns of the bounding box.
  std::int64_t width() const { return w_; }
  /// Rows of the bounding box.
  std::int64_t height() const { return h_; }
  /// True when no cell is alive.
  bool empty() const { return w_ == 0; }
  /// True when the cell at (x, y) of the box (0 <= x < width, 0 <= y < height) is alive.
  bool alive(std::int64_t x, std::int64_t y) const { return cells_[index(x, y)] != 0; }
  /// The w x h bytes of the box, row-major, 1 = alive.
  const std::vector<std::uint8_t>& bytes() const { return cells_; }
  /// Live cells.
  std::int64_t population() const { return population_; }
  /// The live cells in absolute coordinates, row by row.
  std::vector<Cell> cells() const;
  /// The same patch with its top-left corner at (x, y).
  Patch moved_to(std::int64_t x, std::int64_t y) const;
  /// The image under symmetry `s` (0..7), top-left at (0, 0): bit 2 transposes (x, y) -> (y, x)
  /// first, then bit 0 mirrors left-right and bit 1 mirrors top-bottom; 0 is the identity.
  Patch transformed(int s) const;
  /// A hash of the shape alone (size and cells, not the position); equal shapes hash equal.
  std::uint64_t shape_hash() const;

  /// True when `a` and `b` have the same cells up to a translation.
  friend bool same_shape(const Patch& a, const Patch& b) {
    return a.w_ == b.w_ && a.h_ == b.h_ && a.cells_ == b.cells_;
  }
  /// True when `a` and `b` have the same cells at the same place.
  friend bool operator==(const Patch& a, const Patch& b) {
    return same_shape(a, b) && a.x0_ == b.x0_ && a.y0_ == b.y0_;
  }
  /// True when `a` and `b` differ in a cell or in their place.
  friend bool operator!=(const Patch& a, const Patch& b) { return !(a == b); }

 private:
  std::size_t index(std::int64_t x, std::int64_t y) const {
    return static_cast<std::size_t>(y * w_ + x);
  }

  std::int64_t x0_ = 0;
  std::int64_t y0_ = 0;
  std::int64_t w_ = 0;
  std::int64_t h_ = 0;
  std::int64_t population_ = 0;
  std::vector<std::uint8_t> cells_;
};

}  // namespace mpilife
