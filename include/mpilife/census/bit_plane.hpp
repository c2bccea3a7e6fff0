#pragma once

#include <cstdint>
#include <vector>

#include "mpilife/census/patch.hpp"
#include "mpilife/core/rule.hpp"

namespace mpilife {

/// A finite pattern in the unbounded plane, 64 cells to a word, stepped by bit-sliced neighbour
/// counting: the soup census's fast stepper (`PatchStepper` is the simple one). The words cover
/// the live cells' box plus a margin; the box is re-cut (grown or shrunk) whenever live cells come
/// within a cell of its edge or leave much of it empty, so no birth falls outside. A row whose
/// neighbourhood equals that of one or two generations ago is copied, not computed (still lifes
/// and period-2 ash cost a comparison).
///
///   row y:  word 0              word 1                     bit k of word j is cell
///           [b0 b1 ... b63]    [b0 b1 ... b63] ...         x = x0 + 64 j + k, y = y0 + row
class BitPlane {
 public:
  /// An empty plane for `rule`; throws std::invalid_argument for a rule with B0.
  explicit BitPlane(const Rule& rule);
  /// Replaces the pattern by `p`.
  void assign(const Patch& p);
  /// The pattern as a patch (absolute coordinates).
  Patch patch() const;
  /// One generation.
  void step();
  /// Live cells.
  std::int64_t population() const;
  /// True when no cell is alive.
  bool empty() const { return population() == 0; }
  /// Width of the live cells' bounding box (0 when empty).
  std::int64_t width() const { return live_w_; }
  /// Height of the live cells' bounding box (0 when empty).
  std::int64_t height() const { return live_h_; }

 private:
  void measure();
  void set_live_box(std::int64_t top, std::int64_t bottom);
  void recut();

  // A neighbour count the rule keeps or makes alive: cells with `count` live neighbours are alive
  // next when dead and `keep_dead` is all ones, or alive and `keep_alive` is.
  struct Term {
    int count = 0;
    std::uint64_t keep_dead = 0;
    std::uint64_t keep_alive = 0;
  };
  std::vector<Term> terms_;
  std::int64_t x0_ = 0;  // cell of bit 0 of word 0
  std::int64_t y0_ = 0;  // cell row of row 0
  std::int64_t words_ = 0;
  std::int64_t rows_ = 0;
  std::vector<std::uint64_t> cur_;
  std::vector<std::uint64_t> next_;
  std::vector<std::uint64_t> previous_;         // the last generation (same box)
  std::vector<std::uint64_t> before_previous_;  // the one before
  int history_ = 0;  // generations of `previous_` and `before_previous_` valid (0..2)
  std::vector<std::uint8_t> same_as_previous_;  // per row, scratch for step
  std::vector<std::uint8_t> same_as_before_;
  std::vector<std::uint64_t> columns_;  // OR of the rows' words, per word column: scratch
  // The live cells' box in plane coordinates relative to (x0_, y0_).
  std::int64_t live_x_ = 0;
  std::int64_t live_y_ = 0;
  std::int64_t live_w_ = 0;
  std::int64_t live_h_ = 0;
};

}  // namespace mpilife
