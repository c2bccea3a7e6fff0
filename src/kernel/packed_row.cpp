#include "mpilife/kernel/packed_row.hpp"

#include <algorithm>

namespace mpilife {

namespace {

using Word = std::uint64_t;
constexpr std::int64_t kBits = 64;

// The 64 columns from column `at` of a packed row, in one word: the (at most) two words holding
// them, shifted together; reads the second word only when `at` is not a word's first column.
// ((x << 1) << (63 - r) is x << (64 - r), and 0 for r = 0 rather than undefined.)
inline Word window(const Word* words, std::uint64_t at, bool second) {
  const std::uint64_t k = at / kBits;
  const auto r = static_cast<unsigned>(at % kBits);
  return (words[k] >> r) | ((words[second ? k + 1 : k] << 1) << (kBits - 1 - r));
}

// Adds the live cells of the `kBits / S` blocks of S bits in `v` (S divides 64) to out[0 ..]:
// the popcount's bit-slicing steps taken only as far as S-bit fields, then one add per block.
template <int S>
inline void add_fields(Word v, std::uint32_t* out) {
  constexpr Word m1 = 0x5555555555555555ULL;
  constexpr Word m2 = 0x3333333333333333ULL;
  constexpr Word m4 = 0x0F0F0F0F0F0F0F0FULL;
  constexpr Word m8 = 0x00FF00FF00FF00FFULL;
  constexpr Word m16 = 0x0000FFFF0000FFFFULL;
  Word c = v - ((v >> 1) & m1);
  if constexpr (S >= 4) c = (c & m2) + ((c >> 2) & m2);
  if constexpr (S >= 8) c = (c + (c >> 4)) & m4;
  if constexpr (S >= 16) c = (c + (c >> 8)) & m8;
  if constexpr (S >= 32) c = (c + (c >> 16)) & m16;
  constexpr Word field = (Word{1} << S) - 1;
  for (int i = 0; i < kBits / S; ++i) out[i] += static_cast<std::uint32_t>((c >> (S * i)) & field);
}

// Blocks of S columns (S divides 64, S < 64) from column `start`, the first column of block
// out[0], while 64 whole columns remain before `x_end`: a word of 64 / S blocks at a time.
// Returns the columns done.
template <int S>
std::int64_t add_aligned_blocks(const Word* words, std::int64_t start, std::int64_t x_end,
                                std::uint32_t* out) {
  const bool second = start % kBits != 0;
  std::int64_t done = 0;
  for (; start + done + kBits <= x_end; done += kBits, out += kBits / S) {
    add_fields<S>(window(words, static_cast<std::uint64_t>(start + done), second), out);
  }
  return done;
}

}  // namespace

void pack_row(const std::uint8_t* cells, std::int64_t n, std::uint64_t* out) {
  for (std::int64_t k = 0; k < packed_words(n); ++k) {
    const std::uint8_t* p = cells + k * kBits;
    const std::int64_t m = std::min(kBits, n - k * kBits);
    Word v = 0;
    for (std::int64_t i = 0; i < m; ++i) v |= static_cast<Word>(p[i] != 0) << i;
    out[k] = v;
  }
}

// The library is built for the target's baseline, which on x86-64 has no popcount instruction
// (__builtin_popcountll would be a bit-twiddling sequence); a clone compiled with it is picked at
// load time where the CPU has it (every x86-64 CPU of the last fifteen years).
#if defined(__x86_64__) && defined(__ELF__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target_clones("popcnt", "default")))
#endif
void add_block_counts(const std::uint64_t* words, std::int64_t x_begin, std::int64_t x_end,
                      std::int64_t x0, std::int64_t scale, std::uint32_t* out) {
  if (x_begin >= x_end) return;
  const std::int64_t first = x_begin / kBits;
  if (scale == 1) {  // a block per cell: one count per live cell
    for (std::int64_t k = first; k <= (x_end - 1) / kBits; ++k) {
      Word v = words[k];
      if (k == first) v &= ~Word{0} << (x_begin % kBits);
      if (k == (x_end - 1) / kBits) v &= ~Word{0} >> (kBits - 1 - (x_end - 1) % kBits);
      for (; v != 0; v &= v - 1) ++out[k * kBits + __builtin_ctzll(v) - x0];
    }
    return;
  }
  std::int64_t b = (x_begin - x0) / scale;
  std::int64_t start = x_begin;
  std::int64_t stop = std::min(x_end, x0 + (b + 1) * scale);
  if (scale <= kBits) {
    // Columns [start, stop), at most 64, masked from their window: one popcount.
    const auto count = [words](std::int64_t from, std::int64_t to) {
      const auto len = static_cast<unsigned>(to - from);  // 1 .. 64
      const Word v = window(words, static_cast<std::uint64_t>(from), from % kBits + len > kBits);
      return static_cast<std::uint32_t>(__builtin_popcountll(v & (~Word{0} >> (kBits - len))));
    };
    // Scales dividing 64: after a partial first block, whole words of blocks by bit-slicing.
    if (kBits % scale == 0 && scale < kBits) {
      if (start != x0 + b * scale) {  // the range starts inside block b
        out[b] += count(start, stop);
        if (stop == x_end) return;
        start = stop;
        ++b;
      }
      std::int64_t done = 0;
      switch (scale) {
        case 2:
          done = add_aligned_blocks<2>(words, start, x_end, out + b);
          break;
        case 4:
          done = add_aligned_blocks<4>(words, start, x_end, out + b);
          break;
        case 8:
          done = add_aligned_blocks<8>(words, start, x_end, out + b);
          break;
        case 16:
          done = add_aligned_blocks<16>(words, start, x_end, out + b);
          break;
        default:
          done = add_aligned_blocks<32>(words, start, x_end, out + b);
          break;
      }
      if (start + done == x_end) return;
      start += done;
      b += done / scale;
      stop = std::min(x_end, start + scale);
    }
    for (;; ++b) {
      out[b] += count(start, stop);
      if (stop == x_end) return;
      start = stop;
      stop = std::min(x_end, stop + scale);
    }
  }
  // Wider blocks: prefix(x) = live cells of columns [64 first, x) for x in (x_begin, x_end],
  // non-decreasing x: the whole words before column x - 1's word, summed once each as x passes
  // them, plus the masked word holding column x - 1. A block's count is the difference of its
  // two ends'.
  std::int64_t summed = first;  // words [first, summed) are in `whole`
  std::int64_t whole = 0;
  const auto prefix = [&](std::int64_t x) {
    const std::int64_t k = (x - 1) / kBits;
    for (; summed < k; ++summed) whole += __builtin_popcountll(words[summed]);
    return whole + __builtin_popcountll(words[k] & (~Word{0} >> (kBits - 1 - (x - 1) % kBits)));
  };
  std::int64_t before = __builtin_popcountll(words[first] & ((Word{1} << (x_begin % kBits)) - 1));
  for (;; ++b) {
    const std::int64_t upto = prefix(stop);
    out[b] += static_cast<std::uint32_t>(upto - before);
    if (stop == x_end) return;
    before = upto;
    stop = std::min(x_end, stop + scale);
  }
}

}  // namespace mpilife
