#include "edge_cells.hpp"

#include <cstddef>
#include <cstdint>

#include "mpilife/core/rule.hpp"
#include "simd.hpp"

namespace mpilife::fast {
inline namespace MPILIFE_FAST_VARIANT {

namespace {

constexpr std::int64_t kAhead = 16;                         // rows the pass prefetches ahead
constexpr std::size_t kCachedBytes = std::size_t{1} << 20;  // a buffer the L2 cache holds

// The table index holds cells x-1, x, x+1 (ghosts included) of rows y-1, y, y+1 as bits 0-2,
// 3-5, 6-8; one pass down the rows keeps the last two rows' bits and adds the row below. West:
// cells 0 and 1 are bits 0 and 1 of word 0 (kNarrow, w = 1: cell 1 is the east ghost, and the
// east cell is the west one). East: cells w-2 and w-1 are bits sb-1 and sb of the word at pb,
// or (kSplit, w-1 starts a word) bit 63 of the word at pa and bit 0 of the word at pb.
template <bool kNarrow, bool kSplit, bool kPrefetch>
__attribute__((noinline)) void edge_pass(const EdgeRows& rows, const std::uint8_t* const table) {
  const std::int64_t w = rows.width;
  const std::int64_t h = rows.height;
  const std::int64_t stride = rows.stride;
  const std::uint8_t* ghost = rows.ghost;  // row y - 1 of the window
  Word* const col_w = rows.west_column;
  Word* const col_e = rows.east_column;
  const std::int64_t pa = kSplit ? rows.inner_word : 0;
  const std::int64_t pb = rows.outer_word;
  const unsigned sb = static_cast<unsigned>((w - 1) % kBits);
  const unsigned sa = kNarrow || kSplit ? 0 : sb - 1;
  const Word keep_b = ~(Word{1} << sb);
  auto west = [&](const Word* r, unsigned g) -> unsigned {
    if constexpr (kNarrow) return (g & 5) | static_cast<unsigned>(r[0] & 1) << 1;
    return (g & 1) | static_cast<unsigned>(r[0] & 3) << 1;
  };
  auto east = [&](const Word* r, unsigned g) -> unsigned {
    if constexpr (kSplit) return static_cast<unsigned>(r[pa] >> 63 | (r[pb] & 1) << 1) | (g & 4);
    return static_cast<unsigned>((r[pb] >> sa) & 3) | (g & 4);
  };
  const Word* below = rows.cur;
  // Rows -1 and 0 as bits 3-8, shifted down to 0-5 as each row's index is formed.
  unsigned wi = west(below, ghost[0]) << 3 | west(below + stride, ghost[1]) << 6;
  unsigned ei = kNarrow ? 0 : east(below, ghost[0]) << 3 | east(below + stride, ghost[1]) << 6;
  below += 2 * stride;
  ghost += 2;
  Word* out = rows.next;
  Word cw = 0;  // the columns' bits of the current 64 rows
  Word ce = 0;
  const std::int64_t ahead = kAhead * stride;
  for (std::int64_t y = 0; y < h; ++y, below += stride, out += stride, ++ghost) {
    if (kPrefetch && y + kAhead < h) {  // fetch the lines kAhead rows on
      __builtin_prefetch(below + ahead);
      __builtin_prefetch(below + ahead + pb);
      __builtin_prefetch(out + ahead, 1);
      __builtin_prefetch(out + ahead + pb, 1);
    }
    const unsigned g = *ghost;
    wi = wi >> 3 | west(below, g) << 6;
    const Word wbit = table[wi];
    Word ebit = wbit;
    if constexpr (!kNarrow) {
      ei = ei >> 3 | east(below, g) << 6;
      ebit = table[ei];
    }
    out[0] = (out[0] & ~Word{1}) | wbit;
    out[pb] = (out[pb] & keep_b) | ebit << sb;
    const unsigned s = static_cast<unsigned>(y % kBits);
    cw |= wbit << s;
    ce |= ebit << s;
    if (s == kBits - 1 || y + 1 == h) {
      col_w[y / kBits] = cw;
      col_e[y / kBits] = ce;
      cw = 0;
      ce = 0;
    }
  }
}

template <bool kPrefetch>
void edge_pass_for(const EdgeRows& rows, const std::uint8_t* table) {
  if (rows.width == 1) {
    edge_pass<true, false, kPrefetch>(rows, table);
  } else if ((rows.width - 1) % kBits == 0) {
    edge_pass<false, true, kPrefetch>(rows, table);
  } else {
    edge_pass<false, false, kPrefetch>(rows, table);
  }
}

}  // namespace

EdgeCells::EdgeCells(const Rule& rule) {
  for (unsigned idx = 0; idx < 512; ++idx) {
    const int count = __builtin_popcount(idx);
    const bool alive = (idx >> 4) & 1;
    table_[idx] = (alive ? rule.survives(count - 1) : rule.births(count)) ? 1 : 0;
  }
}

void EdgeCells::step(const EdgeRows& rows) const {
  // Past the second-level cache the rows' lines are gone by the time this pass runs.
  const auto buffer_bytes =
      static_cast<std::size_t>((rows.height + 2) * rows.stride) * sizeof(Word);
  if (buffer_bytes > kCachedBytes) {
    edge_pass_for<true>(rows, table_.data());
  } else {
    edge_pass_for<false>(rows, table_.data());
  }
}

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace mpilife::fast
