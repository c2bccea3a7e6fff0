#include "mpilife/kernel/packed_row.hpp"

#include <algorithm>

namespace mpilife {

namespace {

using Word = std::uint64_t;
constexpr std::int64_t kBits = 64;

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
  // prefix(x) = live cells of columns [64 first, x) for x in (x_begin, x_end], non-decreasing x:
  // the whole words before column x - 1's word, summed once each as x passes them, plus the
  // masked word holding column x - 1. A block's count is the difference of its two ends'.
  std::int64_t summed = first;  // words [first, summed) are in `whole`
  std::int64_t whole = 0;
  const auto prefix = [&](std::int64_t x) {
    const std::int64_t k = (x - 1) / kBits;
    for (; summed < k; ++summed) whole += __builtin_popcountll(words[summed]);
    return whole + __builtin_popcountll(words[k] & (~Word{0} >> (kBits - 1 - (x - 1) % kBits)));
  };
  std::int64_t before = __builtin_popcountll(words[first] & ((Word{1} << (x_begin % kBits)) - 1));
  std::int64_t b = (x_begin - x0) / scale;
  std::int64_t stop = std::min(x_end, x0 + (b + 1) * scale);
  for (;;) {
    const std::int64_t upto = prefix(stop);
    out[b] += static_cast<std::uint32_t>(upto - before);
    if (stop == x_end) return;
    before = upto;
    ++b;
    stop = std::min(x_end, stop + scale);
  }
}

}  // namespace mpilife
