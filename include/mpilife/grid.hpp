#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>

namespace mpilife {

/// A whole grid (or tile) of cells, one byte per cell, row-major, 1 = alive.
using CellArray = Eigen::Array<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The eight neighbour directions of a tile; north is towards row -1, west towards column -1.
enum class Dir : int { north, south, west, east, north_west, north_east, south_west, south_east };

/// All eight directions, edges first, then corners.
inline constexpr std::array<Dir, 8> kAllDirs = {Dir::north,      Dir::south,      Dir::west,
                                                Dir::east,       Dir::north_west, Dir::north_east,
                                                Dir::south_west, Dir::south_east};

/// Column step of `d`: -1 west, +1 east, 0 otherwise.
constexpr int dir_dx(Dir d) {
  return (d == Dir::west || d == Dir::north_west || d == Dir::south_west)   ? -1
         : (d == Dir::east || d == Dir::north_east || d == Dir::south_east) ? 1
                                                                            : 0;
}
/// Row step of `d`: -1 north, +1 south, 0 otherwise.
constexpr int dir_dy(Dir d) {
  return (d == Dir::north || d == Dir::north_west || d == Dir::north_east)   ? -1
         : (d == Dir::south || d == Dir::south_west || d == Dir::south_east) ? 1
                                                                             : 0;
}
/// The direction pointing the other way.
constexpr Dir opposite(Dir d) {
  switch (d) {
    case Dir::north:
      return Dir::south;
    case Dir::south:
      return Dir::north;
    case Dir::west:
      return Dir::east;
    case Dir::east:
      return Dir::west;
    case Dir::north_west:
      return Dir::south_east;
    case Dir::north_east:
      return Dir::south_west;
    case Dir::south_west:
      return Dir::north_east;
    case Dir::south_east:
      return Dir::north_west;
  }
  return d;
}

/// A rectangle of the global grid: top-left (x0, y0), width w, height h.
struct Extent {
  std::int64_t x0 = 0;  ///< first global column
  std::int64_t y0 = 0;  ///< first global row
  std::int64_t w = 0;   ///< columns
  std::int64_t h = 0;   ///< rows
  /// Number of cells.
  std::int64_t cells() const { return w * h; }
};

/// The owned cells of a w x h tile that border side `d`, in local coordinates (what a face holds).
Extent face_region(Dir d, std::int64_t w, std::int64_t h);

/// The ghost cells of a w x h tile on side `d`, in local coordinates (x or y may be -1, w, h).
Extent ghost_region(Dir d, std::int64_t w, std::int64_t h);

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

/// Counter-based soup: cell (x, y) of seed `seed` is alive with probability `density`, the same
/// value whichever rank or tile asks.
bool soup_cell(std::uint64_t seed, std::int64_t x, std::int64_t y, double density);

/// Sets out[i] to soup cell (x0 + i, y) of `seed` and `density` (1 = alive) for i in [0, w).
void soup_row(std::uint64_t seed, std::int64_t x0, std::int64_t y, std::int64_t w, double density,
              std::uint8_t* out);

/// The whole w x h soup of `seed` and `density`: what every rank count and tiling starts from.
CellArray soup_grid(std::int64_t w, std::int64_t h, std::uint64_t seed, double density = 0.5);

}  // namespace mpilife
