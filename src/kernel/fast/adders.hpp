#pragma once

// Private to the fast kernel: bit-sliced neighbour counting. Header-only so that it inlines into
// the row loops of the rule evaluators (rules.cpp).

#include <cstdint>

#include "simd.hpp"

namespace mpilife::fast {
inline namespace MPILIFE_FAST_VARIANT {

/// The sum bit of a full adder.
struct Xor3 {
  /// a ^ b ^ c.
  template <class T>
  constexpr T operator()(T a, T b, T c) const {
    return a ^ b ^ c;
  }
};

/// The carry bit of a full adder.
struct Majority {
  /// At least two of a, b, c.
  template <class T>
  constexpr T operator()(T a, T b, T c) const {
    return (a & b) | (c & (a ^ b));
  }
};

/// Column sums 0..3 of three rows (one vertical full adder per bit): value = s0 + 2 s1.
struct ColumnSums {
  Vec s0;  ///< bit 0 of each column sum
  Vec s1;  ///< bit 1 of each column sum
};

/// The column sums of `above`, `at` and `below`, cell by cell.
MPILIFE_INLINE ColumnSums column_sums(Vec above, Vec at, Vec below) {
  return {logic3<Xor3>(above, at, below), logic3<Majority>(above, at, below)};
}

/// The 3x3 count of each cell, the cell itself included (0..9), in the form the adders leave
/// it: count = t0 + 2 (u + k0) + 4 m1.
struct Count {
  Vec t0;  ///< the ones' adder's sum: a one
  Vec k0;  ///< the ones' adder's carry: a two
  Vec u;   ///< the twos' adder's sum: a two
  Vec m1;  ///< the twos' adder's carry: a four
};

/// Adds the column sums of each cell's west, own and east column: shifts across word boundaries
/// (`before` / `after` hold the column sums of the neighbouring words lane by lane), then one
/// full adder for the ones and one for the twos.
MPILIFE_INLINE Count count_cells(const ColumnSums& before, const ColumnSums& own,
                                 const ColumnSums& after) {
  const Vec w0 = from_west(own.s0, before.s0);
  const Vec w1 = from_west(own.s1, before.s1);
  const Vec e0 = from_east(own.s0, after.s0);
  const Vec e1 = from_east(own.s1, after.s1);
  return {logic3<Xor3>(w0, own.s0, e0), logic3<Majority>(w0, own.s0, e0),
          logic3<Xor3>(w1, own.s1, e1), logic3<Majority>(w1, own.s1, e1)};
}

/// Visits the count of every vector i of one row, in order: visit(i, count, alive). `above`,
/// `at` and `below` point at the rows' first vectors (nv each). In the lane-interleaved layout
/// (see FastTile) the word west of each word of vector i is the same lane of vector i-1 and the
/// word east of it the same lane of vector i+1; only the first and last vector need their lanes
/// moved. Cells outside the row (west of x = 0, east of the last word) count as dead: the two
/// edge cells are corrected afterwards by the edge pass, and padding bits of the result cleared by
/// the caller.
template <class Visit>
MPILIFE_INLINE void for_each_count(const Word* __restrict above, const Word* __restrict at,
                                   const Word* __restrict below, std::int64_t nv, Visit&& visit) {
  auto sums = [&](std::int64_t i) {
    return column_sums(load(above + i * kLanes), load(at + i * kLanes), load(below + i * kLanes));
  };
  const ColumnSums first = sums(0);
  const ColumnSums last = sums(nv - 1);
  ColumnSums before{lanes_up(last.s0), lanes_up(last.s1)};
  ColumnSums own = first;
  Vec alive = load(at);
  for (std::int64_t i = 0; i + 1 < nv; ++i) {
    const Vec alive_next = load(at + (i + 1) * kLanes);
    const ColumnSums next =
        column_sums(load(above + (i + 1) * kLanes), alive_next, load(below + (i + 1) * kLanes));
    visit(i, count_cells(before, own, next), alive);
    before = own;
    own = next;
    alive = alive_next;
  }
  const ColumnSums after{lanes_down(first.s0), lanes_down(first.s1)};
  visit(nv - 1, count_cells(before, own, after), alive);
}

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace mpilife::fast
