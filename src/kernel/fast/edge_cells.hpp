#pragma once

// Private to the fast kernel: the pass that recomputes the two edge cells x = 0 and x = w-1 of
// every row with the ghost columns the row loop treats as dead (see FastTile for the layout).

#include <array>
#include <cstdint>

#include "mpilife/core/rule.hpp"
#include "simd.hpp"

namespace mpilife::fast {
inline namespace MPILIFE_FAST_VARIANT {

/// One generation's rows as the edge pass reads and writes them.
struct EdgeRows {
  std::int64_t width;         ///< owned columns w
  std::int64_t height;        ///< owned rows h
  std::int64_t stride;        ///< words per stored row
  std::int64_t inner_word;    ///< where the word holding cell w-2 is stored in a row
  std::int64_t outer_word;    ///< where the word holding cell w-1 is stored in a row
  const Word* cur;            ///< row -1 of the current state
  Word* next;                 ///< row 0 of the next state
  const std::uint8_t* ghost;  ///< ghost columns of rows -1 .. h: west in bit 0, east in bit 2
  Word* west_column;          ///< the next state's column x = 0, bit y % 64 of word y / 64
  Word* east_column;          ///< the next state's column x = w-1, packed the same way
};

/// The rule applied to the 3x3 blocks around the edge cells, through a 512-entry table.
class EdgeCells {
 public:
  /// The table of `rule`.
  explicit EdgeCells(const Rule& rule);

  /// Recomputes cells x = 0 and x = w-1 of every row of the next state and packs them into the
  /// next state's columns.
  void step(const EdgeRows& rows) const;

 private:
  std::array<std::uint8_t, 512> table_{};  // next state of the centre of a 3x3 block
};

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace mpilife::fast
