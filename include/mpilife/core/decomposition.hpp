#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "mpilife/core/geometry.hpp"

namespace mpilife {

/// How the user asked to split the grid: strips, balanced 2-D, or explicit C x R.
struct DecompSpec {
  enum class Kind { strips, balanced, explicit_grid };
  Kind kind = Kind::balanced;  ///< which of the three
  int cols = 0;                ///< process columns (explicit_grid only)
  int rows = 0;                ///< process rows (explicit_grid only)

  /// "1d", "2d" or "CxR".
  std::string to_string() const;
};

/// Parses "1d", "2d" or "CxR" (e.g. "3x2"); throws Error (exit 64) otherwise.
DecompSpec parse_decomp(const std::string& text);

/// The process grid: `cols` process columns by `rows` process rows.
struct ProcessGrid {
  int cols = 1;  ///< processes along x
  int rows = 1;  ///< processes along y
  /// Number of processes.
  int size() const { return cols * rows; }
};

/// One part of a block split: [first, first + count).
struct Range {
  std::int64_t first = 0;  ///< first index
  std::int64_t count = 0;  ///< length
};

/// Part `i` of `n` items split over `parts` blocks; the first n % parts blocks get one more.
Range block_range(std::int64_t n, int parts, int i);

/// The part of block_range(n, parts, .) holding index `x` (0 <= x < n): its inverse.
int block_of(std::int64_t n, int parts, std::int64_t x);

/// The process grid for `spec` on `ranks` processes of a width x height grid; `balanced` is the
/// MPI_Dims_create factorisation (larger factor first) with the larger factor along the longer
/// side (along the rows on a square grid). Throws
/// Error (exit 64) when C*R != ranks or a tile would have no rows or no columns.
ProcessGrid choose_process_grid(const DecompSpec& spec, int ranks, std::int64_t width,
                                std::int64_t height, std::array<int, 2> dims_create);

/// The global extent of the tile at process column `col`, process row `row`.
Extent tile_extent(std::int64_t width, std::int64_t height, const ProcessGrid& grid, int col,
                   int row);

/// Process coordinates {col, row} of the neighbour of {col, row} in direction `d`; none when it
/// falls off a non-periodic edge.
std::optional<std::array<int, 2>> neighbour_coords(const ProcessGrid& grid, std::array<int, 2> at,
                                                   Dir d, bool periodic);

}  // namespace mpilife
