#pragma once

// Private to the macrocell reader and writer: where Golly puts a macrocell quadtree, so that the
// writer is the exact inverse of the reader.

#include <cstdint>

namespace mpilife::pattern_io {

/// The largest node level mpilife reads and writes: the coordinates of its root (see
/// macrocell_root_left and macrocell_root_top) fit an int64 with room to spare.
inline constexpr int kMacrocellMaxLevel = 62;

/// Golly's x of the left column of a root node of `level`: the root spans -2^(level-1) ..
/// 2^(level-1) - 1 across.
inline std::int64_t macrocell_root_left(int level) {
  return -(std::int64_t{1} << (level - 1));
}

/// Golly's y of the top row of a root node of `level`: one below its left column's x, so the
/// root's south-east quadrant starts at Golly's 0,1.
inline std::int64_t macrocell_root_top(int level) {
  return macrocell_root_left(level) + 1;
}

}  // namespace mpilife::pattern_io
