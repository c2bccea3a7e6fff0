#pragma once

#include <cstdint>

#include "mpilife/core/cells.hpp"

namespace mpilife {

/// A byte-per-cell tile with a one-cell ghost frame; cell (x, y) for x in -1..w, y in -1..h.
///
///   (-1,-1) | (0,-1) ... (w-1,-1) | (w,-1)     <- ghost row north
///   --------+---------------------+-------
///   (-1, 0) | owned cells         | (w, 0)     <- ghost columns west / east
///   (-1,h-1)|                     | (w,h-1)
///   --------+---------------------+-------
///   (-1, h) | (0, h)  ...         | (w, h)     <- ghost row south
class ByteField {
 public:
  /// A field of w x h owned cells, all dead, ghosts included.
  ByteField(std::int64_t w, std::int64_t h) : w_(w), h_(h), data_(CellArray::Zero(h + 2, w + 2)) {}
  /// Owned columns.
  std::int64_t width() const { return w_; }
  /// Owned rows.
  std::int64_t height() const { return h_; }
  /// Cell (x, y); -1 and w/h reach the ghosts.
  std::uint8_t& operator()(std::int64_t x, std::int64_t y) { return data_(y + 1, x + 1); }
  /// Cell (x, y); -1 and w/h reach the ghosts.
  std::uint8_t operator()(std::int64_t x, std::int64_t y) const { return data_(y + 1, x + 1); }
  /// Pointer to cell (x, y); a row's cells -1..w are contiguous.
  std::uint8_t* ptr(std::int64_t x, std::int64_t y) { return &data_(y + 1, x + 1); }
  /// Pointer to cell (x, y); a row's cells -1..w are contiguous.
  const std::uint8_t* ptr(std::int64_t x, std::int64_t y) const { return &data_(y + 1, x + 1); }
  /// The storage including the ghost frame.
  const CellArray& storage() const { return data_; }

 private:
  std::int64_t w_;
  std::int64_t h_;
  CellArray data_;
};

}  // namespace mpilife
