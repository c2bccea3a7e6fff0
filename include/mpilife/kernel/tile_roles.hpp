#pragma once

#include <cstddef>
#include <cstdint>

#include "mpilife/core/geometry.hpp"

namespace mpilife {

/// The halo role of a tile: its faces (owned cells bordering each side) go out, its ghosts (one
/// cell outside each side) come in. `pack_face(d)` copies the owned cells that border direction
/// `d` into a buffer; the neighbour in direction `d` receives it and calls
/// `unpack_ghost(opposite(d))` to fill its ghost cells on that side.
///
///   NW | N  | NE     faces: N/S = one owned row, W/E = one owned column,
///   ---+----+---            corners = one owned cell; ghosts mirror them
///   W  |tile| E
///   ---+----+---
///   SW | S  | SE
class TileFaces {
 public:
  virtual ~TileFaces() = default;
  /// Bytes in the face (and matching ghost) on side `d`.
  virtual std::size_t face_bytes(Dir d) const = 0;
  /// Copies the owned cells bordering side `d` into `out` (face_bytes(d) bytes).
  virtual void pack_face(Dir d, std::byte* out) const = 0;
  /// Fills the ghost cells on side `d` from `in` (a neighbour's face); touches no other ghost.
  virtual void unpack_ghost(Dir d, const std::byte* in) = 0;
  /// Makes the ghost cells on side `d` dead (a plane's outside).
  virtual void clear_ghost(Dir d) = 0;
};

/// The stepping role of a tile. A generation is: fill ghosts (all eight sides) -> step_interior
/// over rows [1, h-1) in any chunks -> step_border -> swap. step_interior reads no ghost cell, so
/// it may run while the ghost data is still in flight; step_border needs every ghost.
class TileStepper {
 public:
  virtual ~TileStepper() = default;
  /// Computes the next state of the interior cells of rows [row_begin, row_end), a sub-range of
  /// [1, h-1); reads no ghost cell.
  virtual void step_interior(std::int64_t row_begin, std::int64_t row_end) = 0;
  /// Computes the next state of every owned cell step_interior does not cover.
  virtual void step_border() = 0;
  /// Makes the computed next state current.
  virtual void swap() = 0;
  /// True when the last step changed at least one owned cell (compares the two buffers).
  virtual bool changed() const = 0;
};

/// The cell-access role of a tile: its current state as rows of bytes (1 = alive) or of packed
/// words (packed_row.hpp); the helpers in tile_io.hpp build region copies and cell edits on it.
class TileCells {
 public:
  virtual ~TileCells() = default;
  /// Owned columns.
  virtual std::int64_t width() const = 0;
  /// Owned rows.
  virtual std::int64_t height() const = 0;
  /// Copies row y (0..h-1) of the current state into `out`, one byte per cell (1 = alive).
  virtual void read_row(std::int64_t y, std::uint8_t* out) const = 0;
  /// Copies row y (0..h-1) of the current state into `out` as packed_words(width()) words in plain
  /// order (packed_row.hpp: column x = bit x % 64 of word x / 64, padding bits 0). This default
  /// packs read_row's bytes; a bit-packed tile copies its words.
  virtual void read_row_bits(std::int64_t y, std::uint64_t* out) const;
  /// Sets row y (0..h-1) of the current state from `in` (non-zero = alive).
  virtual void write_row(std::int64_t y, const std::uint8_t* in) = 0;
  /// Live owned cells in the current state.
  virtual std::int64_t population() const = 0;
  /// Bytes of cell storage this tile holds (both buffers, ghosts included).
  virtual std::size_t storage_bytes() const = 0;
};

}  // namespace mpilife
