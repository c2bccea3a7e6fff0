#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"

namespace mpilife {

/// Which implementation of the update rule runs.
enum class KernelKind { fast, reference };

/// "fast" or "reference".
std::string to_string(KernelKind k);

/// The kernel `name` names ("fast" or "reference"); none for any other text.
std::optional<KernelKind> parse_kernel(std::string_view name);

/// One rank's block of the grid, w x h owned cells plus a one-cell ghost frame, double-buffered,
/// stepped by one kernel. The halo code moves ghost data through faces: `pack_face(d)` copies the
/// owned cells that border direction `d` into a buffer; the neighbour in direction `d` receives it
/// and calls `unpack_ghost(opposite(d))` to fill its ghost cells on that side.
///
///   NW | N  | NE     faces: N/S = one owned row, W/E = one owned column,
///   ---+----+---            corners = one owned cell; ghosts mirror them
///   W  |tile| E
///   ---+----+---
///   SW | S  | SE
///
/// A generation is: fill ghosts (all eight sides) -> step_interior over rows [1, h-1) in any
/// chunks -> step_border -> swap. step_interior reads no ghost cell, so it may run while the
/// ghost data is still in flight; step_border needs every ghost.
class Tile {
 public:
  virtual ~Tile() = default;
  Tile(const Tile&) = delete;
  Tile& operator=(const Tile&) = delete;

  /// Owned columns.
  std::int64_t width() const { return w_; }
  /// Owned rows.
  std::int64_t height() const { return h_; }
  /// The rule this tile applies.
  const Rule& rule() const { return rule_; }

  /// Bytes in the face (and matching ghost) on side `d`.
  virtual std::size_t face_bytes(Dir d) const = 0;
  /// Copies the owned cells bordering side `d` into `out` (face_bytes(d) bytes).
  virtual void pack_face(Dir d, std::byte* out) const = 0;
  /// Fills the ghost cells on side `d` from `in` (a neighbour's face); touches no other ghost.
  virtual void unpack_ghost(Dir d, const std::byte* in) = 0;
  /// Makes the ghost cells on side `d` dead (a plane's outside).
  virtual void clear_ghost(Dir d) = 0;

  /// Computes the next state of the interior cells of rows [row_begin, row_end), a sub-range of
  /// [1, h-1); reads no ghost cell.
  virtual void step_interior(std::int64_t row_begin, std::int64_t row_end) = 0;
  /// Computes the next state of every owned cell step_interior does not cover.
  virtual void step_border() = 0;
  /// Makes the computed next state current.
  virtual void swap() = 0;

  /// Copies row y (0..h-1) of the current state into `out`, one byte per cell (1 = alive).
  virtual void read_row(std::int64_t y, std::uint8_t* out) const = 0;
  /// Sets row y (0..h-1) of the current state from `in` (non-zero = alive).
  virtual void write_row(std::int64_t y, const std::uint8_t* in) = 0;
  /// Live owned cells in the current state.
  virtual std::int64_t population() const = 0;
  /// True when the last step changed at least one owned cell (compares the two buffers).
  virtual bool changed() const = 0;
  /// Bytes of cell storage this tile holds (both buffers, ghosts included).
  virtual std::size_t storage_bytes() const = 0;

  /// One whole generation with ghosts already filled: interior, border, swap.
  void step_all() {
    if (h_ > 2) step_interior(1, h_ - 1);
    step_border();
    swap();
  }

 protected:
  /// A tile of w x h owned cells under `rule`.
  Tile(std::int64_t w, std::int64_t h, const Rule& rule) : w_(w), h_(h), rule_(rule) {}

 private:
  std::int64_t w_;
  std::int64_t h_;
  Rule rule_;
};

/// A dead w x h tile stepped by `kind` under `rule` (w, h >= 1).
std::unique_ptr<Tile> make_tile(KernelKind kind, std::int64_t w, std::int64_t h, const Rule& rule);

}  // namespace mpilife
