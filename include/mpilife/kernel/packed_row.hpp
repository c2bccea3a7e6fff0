#pragma once

#include <cstdint>

namespace mpilife {

/// A row of cells as packed words in plain order (TileCells::read_row_bits): column x is bit
/// x % 64 of word x / 64 (1 = alive), and the bits past the row's last cell are 0.
///
///   word 0: bit 0 = column 0 ... bit 63 = column 63 | word 1: column 64 ... | ... | padding 0

/// Words of a packed row of `cells` cells: ceil(cells / 64).
constexpr std::int64_t packed_words(std::int64_t cells) {
  return (cells + 63) / 64;
}

/// Packs the `n` bytes at `cells` (non-zero = alive) into the packed_words(n) words at `out`.
void pack_row(const std::uint8_t* cells, std::int64_t n, std::uint64_t* out);

/// Adds the live cells of columns [x_begin, x_end) of the packed row `words` to the counts of
/// the `scale`-wide blocks (scale >= 1) that tile the row from column `x0` <= x_begin: out[b]
/// gets the live cells of columns [x0 + b scale, x0 + (b + 1) scale) in the range. `x0` may be
/// negative (blocks that start before the row). Counts with masks and popcounts over the words,
/// never per cell (but at scale 1, one add per live cell): a block up to 64 wide is one popcount of
/// the (at most) two words holding it, shifted into one; wider blocks add one popcount per word.
void add_block_counts(const std::uint64_t* words, std::int64_t x_begin, std::int64_t x_end,
                      std::int64_t x0, std::int64_t scale, std::uint32_t* out);

}  // namespace mpilife
