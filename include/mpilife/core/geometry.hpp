#pragma once

#include <array>
#include <cstdint>

namespace mpilife {

/// The eight neighbour directions of a tile; north is towards row -1, west towards column -1.
enum class Dir : int { north, south, west, east, north_west, north_east, south_west, south_east };

/// All eight directions, edges first, then corners.
inline constexpr std::array<Dir, 8> kAllDirs = {Dir::north,      Dir::south,      Dir::west,
                                                Dir::east,       Dir::north_west, Dir::north_east,
                                                Dir::south_west, Dir::south_east};

/// The bit of direction `d` in a set of sides held as bits.
constexpr unsigned side_bit(Dir d) {
  return 1u << static_cast<int>(d);
}

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
  friend bool operator==(const Extent& a, const Extent& b) {
    return a.x0 == b.x0 && a.y0 == b.y0 && a.w == b.w && a.h == b.h;
  }
  friend bool operator!=(const Extent& a, const Extent& b) { return !(a == b); }
};

/// The cells `a` and `b` share: an empty extent (w = h = 0) when they share none.
Extent intersect(const Extent& a, const Extent& b);

/// The owned cells of a w x h tile that border side `d`, in local coordinates (what a face holds).
Extent face_region(Dir d, std::int64_t w, std::int64_t h);

/// The ghost cells of a w x h tile on side `d`, in local coordinates (x or y may be -1, w, h).
Extent ghost_region(Dir d, std::int64_t w, std::int64_t h);

}  // namespace mpilife
