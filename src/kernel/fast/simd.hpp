#pragma once

// Private to the fast kernel: the word and vector types and the few vector operations the row
// loop is written in. The loop works on GCC vector types as wide as the target's vector registers
// (eight words in a zmm on AVX-512, four in a ymm on AVX2, two in an xmm otherwise); on AVX-512
// every three-input logic step is one vpternlogq and, with VBMI2, every shift across a word
// boundary one vpshldq/vpshrdq. Include it only from the units in src/kernel/fast/, which are all
// built with the same flags: the width of Vec depends on them.
//
// Those units are compiled once per instruction set ("variant": avx512, avx2, portable, native)
// into the same binary; MPILIFE_FAST_VARIANT names the variant and is the inline namespace
// (mpilife::fast::avx512, ...) that holds everything they define, so the copies never clash and
// the code still says fast::X. src/kernel/isa.cpp, built for baseline x86-64, chooses one at run
// time.
#if !defined(MPILIFE_FAST_VARIANT)
#error "MPILIFE_FAST_VARIANT must name the variant being compiled (src/CMakeLists.txt sets it)"
#endif

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

namespace mpilife::fast {
inline namespace MPILIFE_FAST_VARIANT {

/// 64 cells, cell i in bit i.
using Word = std::uint64_t;

/// Cells per word.
constexpr std::int64_t kBits = 64;

// Bits per vector: the vector registers the row loop uses. On AVX-512 machines where zmm code
// is slow, -DMPILIFE_FAST_VECTOR_BITS=256 keeps vpternlogq and vpshldq on ymm registers.
#if !defined(MPILIFE_FAST_VECTOR_BITS)
#if defined(__AVX512F__)
#define MPILIFE_FAST_VECTOR_BITS 512
#elif defined(__AVX2__)
#define MPILIFE_FAST_VECTOR_BITS 256
#else
#define MPILIFE_FAST_VECTOR_BITS 128
#endif
#endif
#if !(MPILIFE_FAST_VECTOR_BITS == 128 || (MPILIFE_FAST_VECTOR_BITS == 256 && defined(__AVX__)) || \
      (MPILIFE_FAST_VECTOR_BITS == 512 && defined(__AVX512F__)))
#error "MPILIFE_FAST_VECTOR_BITS must be 128, 256 (AVX) or 512 (AVX-512F)"
#endif

/// Words per vector.
constexpr std::int64_t kLanes = MPILIFE_FAST_VECTOR_BITS / 64;

/// kLanes words: the unit the row loop works on.
typedef Word Vec __attribute__((vector_size(kLanes * sizeof(Word))));

/// Forces inlining: the helpers in these headers must inline into the row loops.
#define MPILIFE_INLINE inline __attribute__((always_inline))

/// The same for a lambda (after its parameter list): one the row loop calls per vector.
#define MPILIFE_INLINE_LAMBDA __attribute__((always_inline))

/// All ones when `b`, else zero.
constexpr Word all_if(bool b) {
  return b ? ~Word{0} : Word{0};
}

/// The vector at `p`, which starts on a vector boundary (the buffers are 64-byte aligned, a row
/// is whole vectors).
MPILIFE_INLINE Vec load(const Word* p) {
  Vec v;
  std::memcpy(&v, __builtin_assume_aligned(p, sizeof(Vec)), sizeof v);
  return v;
}

/// Stores `v` at `p`, which starts on a vector boundary.
MPILIFE_INLINE void store(Word* p, Vec v) {
  std::memcpy(__builtin_assume_aligned(p, sizeof(Vec)), &v, sizeof v);
}

/// `w` in every lane.
MPILIFE_INLINE Vec splat(Word w) {
  return Vec{} + w;
}

/// A three-input logic function written once with & | ^ ~ (the functor F); with AVX-512 it is one
/// vpternlogq whose truth table is F evaluated on the canonical inputs 0xF0, 0xCC, 0xAA,
/// otherwise plain vector logic.
template <class F>
MPILIFE_INLINE Vec logic3(Vec a, Vec b, Vec c) {
  [[maybe_unused]] constexpr int kTable =
      static_cast<int>(F{}(Word{0xF0}, Word{0xCC}, Word{0xAA}) & 0xFF);
#if MPILIFE_FAST_VECTOR_BITS == 512 && defined(__AVX512F__)
  return reinterpret_cast<Vec>(_mm512_ternarylogic_epi64(reinterpret_cast<__m512i>(a),
                                                         reinterpret_cast<__m512i>(b),
                                                         reinterpret_cast<__m512i>(c), kTable));
#elif MPILIFE_FAST_VECTOR_BITS == 256 && defined(__AVX512VL__)
  return reinterpret_cast<Vec>(_mm256_ternarylogic_epi64(reinterpret_cast<__m256i>(a),
                                                         reinterpret_cast<__m256i>(b),
                                                         reinterpret_cast<__m256i>(c), kTable));
#else
  return F{}(a, b, c);
#endif
}

/// Each word of `cur` shifted one cell east (bit i -> bit i+1), bit 0 taken from bit 63 of the
/// word before it, which is the same lane of `before`: the value of each cell's west neighbour.
MPILIFE_INLINE Vec from_west(Vec cur, Vec before) {
#if MPILIFE_FAST_VECTOR_BITS == 512 && defined(__AVX512VBMI2__)
  return reinterpret_cast<Vec>(
      _mm512_shldi_epi64(reinterpret_cast<__m512i>(cur), reinterpret_cast<__m512i>(before), 1));
#elif MPILIFE_FAST_VECTOR_BITS == 256 && defined(__AVX512VBMI2__) && defined(__AVX512VL__)
  return reinterpret_cast<Vec>(
      _mm256_shldi_epi64(reinterpret_cast<__m256i>(cur), reinterpret_cast<__m256i>(before), 1));
#else
  return (cur << 1) | (before >> 63);
#endif
}

/// The value of each cell's east neighbour: `cur` shifted one cell west, bit 63 from bit 0 of
/// the same lane of `after` (the word after it).
MPILIFE_INLINE Vec from_east(Vec cur, Vec after) {
#if MPILIFE_FAST_VECTOR_BITS == 512 && defined(__AVX512VBMI2__)
  return reinterpret_cast<Vec>(
      _mm512_shrdi_epi64(reinterpret_cast<__m512i>(cur), reinterpret_cast<__m512i>(after), 1));
#elif MPILIFE_FAST_VECTOR_BITS == 256 && defined(__AVX512VBMI2__) && defined(__AVX512VL__)
  return reinterpret_cast<Vec>(
      _mm256_shrdi_epi64(reinterpret_cast<__m256i>(cur), reinterpret_cast<__m256i>(after), 1));
#else
  return (cur >> 1) | (after << 63);
#endif
}

/// Lane indices first, first + 1, ... into the concatenation of two vectors.
template <std::size_t... kI>
constexpr Vec lane_indices(Word first, std::index_sequence<kI...>) {
  return Vec{(first + kI)...};
}

/// The lanes moved up one place, a dead word entering lane 0.
MPILIFE_INLINE Vec lanes_up(Vec v) {
  constexpr Vec kIndices = lane_indices(kLanes - 1, std::make_index_sequence<kLanes>{});
  return __builtin_shuffle(Vec{}, v, kIndices);
}

/// The lanes moved down one place, a dead word entering the last lane.
MPILIFE_INLINE Vec lanes_down(Vec v) {
  constexpr Vec kIndices = lane_indices(1, std::make_index_sequence<kLanes>{});
  return __builtin_shuffle(v, Vec{}, kIndices);
}

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace mpilife::fast
