#pragma once

// Private to the fast kernel: what its tiles share about storing rows of bit-packed cells. A row
// of n cells is nw = ceil(n / 64) words, padded to nv = ceil(nw / L) vectors of L = kLanes words
// and stored lane-interleaved: word k (cells 64 k .. 64 k + 63, cell 64 k + i in bit i) sits in
// lane k / nv of vector k % nv, i.e. at position L (k % nv) + k / nv. So the words west and east
// of vector i's words are vector i-1's and i+1's, lane for lane (what the row loop of adders.hpp
// relies on).
//
//   vector:   0             1             ...  nv-1
//   lane 0:   word 0        word 1        ...  word nv-1
//   lane 1:   word nv       word nv+1     ...  word 2nv-1
//   ...
//   lane L-1: word (L-1)nv  ...                word L nv - 1

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#include "simd.hpp"

namespace mpilife::fast {
inline namespace MPILIFE_FAST_VARIANT {

/// Words holding n cells.
constexpr std::int64_t words_for(std::int64_t n) {
  return (n + kBits - 1) / kBits;
}

/// The low n bits (1 <= n <= 64) set.
constexpr Word low_bits(std::int64_t n) {
  return n >= kBits ? ~Word{0} : (Word{1} << n) - 1;
}

/// Frees what zeroed_words allocated.
struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};

/// A block of words aligned to a cache line.
using WordBuffer = std::unique_ptr<Word[], FreeDeleter>;

/// At least `words` zeroed words aligned to a cache line (64 bytes, a whole number of vectors).
inline WordBuffer zeroed_words(std::size_t words) {
  constexpr std::size_t kAlign = 64;
  const std::size_t size = (words * sizeof(Word) + kAlign - 1) / kAlign * kAlign;
  void* p = std::aligned_alloc(kAlign, size);  // aligned_alloc needs a multiple of kAlign
  if (p == nullptr) throw std::bad_alloc();
  std::memset(p, 0, size);
  return WordBuffer(static_cast<Word*>(p));
}

/// The shape of a stored row of `cells` cells.
struct RowShape {
  std::int64_t nw;      ///< words holding the cells
  std::int64_t nv;      ///< vectors per row
  std::int64_t stride;  ///< words per row as stored: L nv

  explicit RowShape(std::int64_t cells)
      : nw(words_for(cells)), nv((nw + kLanes - 1) / kLanes), stride(nv * kLanes) {}

  /// Where word k of a row is stored.
  std::int64_t position(std::int64_t k) const { return k % nv * kLanes + k / nv; }

  /// Where the n (1..64) bits of a row starting at bit `first` lie: found once, read and written
  /// in any number of rows.
  struct Bits {
    std::int64_t lo;  ///< stored position of the word holding bit `first`
    std::int64_t hi;  ///< of the word holding the last bit, when it is another word; else -1
    int shift;        ///< bit `first` within word lo
    Word mask;        ///< the low n bits

    /// The bits of row `r`, bit `first` in bit 0.
    Word get(const Word* r) const {
      Word v = r[lo] >> shift;
      if (hi >= 0) v |= r[hi] << (kBits - shift);
      return v & mask;
    }

    /// Sets the bits of row `r` to the low n bits of `v`.
    void set(Word* r, Word v) const {
      v &= mask;
      r[lo] = (r[lo] & ~(mask << shift)) | (v << shift);
      if (hi >= 0) r[hi] = (r[hi] & ~(mask >> (kBits - shift))) | (v >> (kBits - shift));
    }
  };

  /// Where the n (1..64) bits starting at bit `first` lie.
  Bits bits(std::int64_t first, std::int64_t n) const {
    const std::int64_t k = first / kBits;
    const auto s = static_cast<int>(first % kBits);
    return {position(k), s != 0 && s + n > kBits ? position(k + 1) : -1, s, low_bits(n)};
  }

  /// The n (1..64) bits of row `r` starting at bit `first`, bit `first` in bit 0.
  Word get_bits(const Word* r, std::int64_t first, std::int64_t n) const {
    return bits(first, n).get(r);
  }

  /// Sets the n (1..64) bits of row `r` starting at bit `first` to the low n bits of `v`.
  void set_bits(Word* r, std::int64_t first, std::int64_t n, Word v) const {
    bits(first, n).set(r, v);
  }
};

/// Writes the low n (<= 64) cells of `v` as n bytes, 0 or 1, cell i at out[i].
inline void spread_word(Word v, std::int64_t n, std::uint8_t* out) {
  // kSpread[b] holds bit i of b in byte i (little-endian): eight cells as eight 0/1 bytes.
  static constexpr auto kSpread = [] {
    std::array<Word, 256> t{};
    for (unsigned b = 0; b < 256; ++b) {
      for (unsigned i = 0; i < 8; ++i) t[b] |= static_cast<Word>((b >> i) & 1u) << (8 * i);
    }
    return t;
  }();
  if (n == kBits) {  // a whole word: eight cells at a time
    for (int b = 0; b < 8; ++b) std::memcpy(out + 8 * b, &kSpread[(v >> (8 * b)) & 0xFF], 8);
    return;
  }
  for (std::int64_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>((v >> i) & 1);
}

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace mpilife::fast
