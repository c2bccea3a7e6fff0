// The rule evaluators: each turns the counts of adders.hpp into next states, fused into one
// row loop (step_row) per rule, or per shape of rule for rules outside the compiled-in list.

#include "rules.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <utility>

#include "adders.hpp"
#include "mpilife/core/rule.hpp"
#include "simd.hpp"

namespace mpilife::fast {
inline namespace MPILIFE_FAST_VARIANT {

namespace {

// s ? a : b
struct Select {
  template <class T>
  constexpr T operator()(T s, T a, T b) const {
    return (s & a) | (~s & b);
  }
};

// t2 from the adders' outputs.
struct Upper {
  template <class T>
  constexpr T operator()(T u, T k0, T m1) const {
    return m1 ^ (u & k0);
  }
};

// The function of the last kVars of the inputs (a, b, c) whose truth table is kTable (bit m
// answers those inputs read as the binary number m), split on its first input: s ? hi : lo, with
// the cofactors' common shapes folded (constant, equal, complementary), so that without
// vpternlogq a table costs a few operations rather than a sum of minterms.
template <int kTable, int kVars, class T>
constexpr T shannon(T a, T b, T c) {
  if constexpr (kVars == 0) {
    return (kTable & 1) != 0 ? ~T{} : T{};
  } else {
    constexpr int kHalf = 1 << (kVars - 1);
    constexpr int kMask = (1 << kHalf) - 1;
    constexpr int kHi = (kTable >> kHalf) & kMask;
    constexpr int kLo = kTable & kMask;
    const T s = kVars == 3 ? a : kVars == 2 ? b : c;
    if constexpr (kHi == kLo) {
      return shannon<kLo, kVars - 1>(a, b, c);
    } else if constexpr (kLo == 0) {
      return s & shannon<kHi, kVars - 1>(a, b, c);
    } else if constexpr (kHi == 0) {
      return ~s & shannon<kLo, kVars - 1>(a, b, c);
    } else if constexpr (kHi == kMask) {
      return s | shannon<kLo, kVars - 1>(a, b, c);
    } else if constexpr (kLo == kMask) {
      return ~s | shannon<kHi, kVars - 1>(a, b, c);
    } else if constexpr (kHi == (kLo ^ kMask)) {
      return s ^ shannon<kLo, kVars - 1>(a, b, c);
    } else {
      const T lo = shannon<kLo, kVars - 1>(a, b, c);
      return lo ^ (s & (shannon<kHi, kVars - 1>(a, b, c) ^ lo));
    }
  }
}

// What shannon<table, vars> costs in vector operations without vpternlogq, by our count of what
// its folds leave (a constant cofactor under & or | costs nothing, ~s | x two operations).
constexpr int shannon_cost(int table, int vars) {
  if (vars == 0) return 0;
  const int half = 1 << (vars - 1);
  const int mask = (1 << half) - 1;
  const int hi = (table >> half) & mask;
  const int lo = table & mask;
  const int cost_hi = shannon_cost(hi, vars - 1);
  const int cost_lo = shannon_cost(lo, vars - 1);
  if (hi == lo) return cost_lo;
  if (lo == 0) return cost_hi + (hi == mask ? 0 : 1);
  if (hi == 0 || hi == mask || hi == (lo ^ mask)) return cost_lo + 1;
  if (lo == mask) return cost_hi + 2;
  return cost_lo + cost_hi + 3;
}

// The orders in which shannon may split on the inputs (a, b, c) = 0, 1, 2.
constexpr int kOrders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

// The table of g(x, y, z) = f(a, b, c) with x, y, z being the inputs kOrders[order] of f, whose
// table is `table`.
constexpr int reordered(int table, int order) {
  int result = 0;
  for (int m = 0; m < 8; ++m) {
    int v[3] = {};
    v[kOrders[order][0]] = (m >> 2) & 1;
    v[kOrders[order][1]] = (m >> 1) & 1;
    v[kOrders[order][2]] = m & 1;
    if (((table >> (v[0] * 4 + v[1] * 2 + v[2])) & 1) != 0) result |= 1 << m;
  }
  return result;
}

// How Table3 evaluates a table: the cheapest of shannon's splits over the six input orders, of
// the table or of its complement (negated after).
struct Plan {
  int order;
  bool negate;
  int table;  // the table shannon evaluates
};

constexpr Plan plan(int table) {
  Plan best{0, false, table};
  int best_cost = shannon_cost(table, 3);
  for (int order = 0; order < 6; ++order) {
    for (const bool negate : {false, true}) {
      const int t = reordered(table, order) ^ (negate ? 0xFF : 0);
      const int cost = shannon_cost(t, 3) + (negate ? 1 : 0);
      if (cost < best_cost) {
        best = {order, negate, t};
        best_cost = cost;
      }
    }
  }
  return best;
}

// Input i of (a, b, c).
template <int kI, class T>
constexpr T input(T a, T b, T c) {
  if constexpr (kI == 0) {
    return a;
  } else if constexpr (kI == 1) {
    return b;
  } else {
    return c;
  }
}

// The truth table of a three-input function (on AVX-512 logic3 turns it into the single
// vpternlogq it names; otherwise the plan's few operations: by our count at most 7, 3.3 on
// average, where shannon in the order a, b, c took up to 8, 4.5 on average).
template <int kTable>
struct Table3 {
  template <class T>
  constexpr T operator()(T a, T b, T c) const {
    constexpr Plan kPlan = plan(kTable);
    const T r = shannon<kPlan.table, 3>(input<kOrders[kPlan.order][0]>(a, b, c),
                                        input<kOrders[kPlan.order][1]>(a, b, c),
                                        input<kOrders[kPlan.order][2]>(a, b, c));
    if constexpr (kPlan.negate) {
      return ~r;
    } else {
      return r;
    }
  }
};

// Every Table3 computes its table (on the inputs' canonical truth tables).
template <int... kT>
constexpr bool tables_right(std::integer_sequence<int, kT...>) {
  return ((static_cast<int>(Table3<kT>{}(Word{0xF0}, Word{0xCC}, Word{0xAA}) & 0xFF) == kT) && ...);
}
static_assert(tables_right(std::make_integer_sequence<int, 256>{}));

// B3/S23, specialised: count 3, or count 4 on a live cell (the count includes the cell).
struct ConwayRule {
  // count == 3 given t0 = 1: u + k0 == 1 and m1 == 0.
  struct Three {
    template <class T>
    constexpr T operator()(T u, T k0, T m1) const {
      return (u ^ k0) & ~m1;
    }
  };
  // count == 4 given t0 = 0: u + k0 == 2 and m1 == 0, or u + k0 == 0 and m1 == 1.
  struct Four {
    template <class T>
    constexpr T operator()(T u, T k0, T m1) const {
      return (u & k0 & ~m1) | (~u & ~k0 & m1);
    }
  };

  MPILIFE_INLINE Vec operator()(const Count& c, Vec alive) const {
    const Vec three = logic3<Three>(c.u, c.k0, c.m1);
    const Vec four = logic3<Four>(c.u, c.k0, c.m1);
    return logic3<Select>(c.t0, three, alive & four);
  }
};

// The tables of the rule with survival mask `survive` and birth mask `birth` (bit n: n
// neighbours).
constexpr SideTables side_tables(int survive, int birth) {
  auto bit = [](int mask, int n) { return ((mask >> n) & 1) != 0; };
  int live = 0;
  for (int m = 0; m < 8; ++m) live |= bit(survive, m == 0 ? 7 : m - 1) ? 1 << m : 0;
  return {live, birth & 0xFF, bit(survive, 8) != bit(survive, 0), bit(birth, 8) != bit(birth, 0)};
}

// live ^ (t3 & t0): a live cell's answer for count 9 instead of count 1.
struct FlipNine {
  template <class T>
  constexpr T operator()(T live, T t3, T t0) const {
    return live ^ (t3 & t0);
  }
};

// The next state from the count, given each side's answer on the low count bits (live(t2, t1,
// t0), dead(t2, t1, t0)), corrected from t3 where counts 8 / 9 differ from 0 / 1.
template <bool kFixNine, bool kFixEight, class Live, class Dead>
MPILIFE_INLINE Vec from_sides(const Count& c, Vec alive, Live live_side, Dead dead_side) {
  const Vec t1 = c.u ^ c.k0;
  const Vec t2 = logic3<Upper>(c.u, c.k0, c.m1);
  Vec live = live_side(t2, t1, c.t0);
  Vec dead = dead_side(t2, t1, c.t0);
  if constexpr (kFixNine || kFixEight) {
    const Vec t3 = c.u & c.k0 & c.m1;
    if constexpr (kFixNine) live = logic3<FlipNine>(live, t3, c.t0);
    if constexpr (kFixEight) dead = dead ^ t3;
  }
  return logic3<Select>(alive, live, dead);
}

// The side whose table is kTable.
template <int kTable>
struct CompiledTable {
  MPILIFE_INLINE Vec operator()(Vec t2, Vec t1, Vec t0) const {
    return logic3<Table3<kTable>>(t2, t1, t0);
  }
};

// A rule known at compile time (kSurvive / kBirth: bit n = survives / is born with n live
// neighbours): each side is one vpternlogq on t2 t1 t0 with the side's table as its immediate.
template <int kSurvive, int kBirth>
struct FixedRule {
  static constexpr SideTables kTables = side_tables(kSurvive, kBirth);

  MPILIFE_INLINE Vec operator()(const Count& c, Vec alive) const {
    return from_sides<kTables.fix_nine, kTables.fix_eight>(c, alive, CompiledTable<kTables.live>{},
                                                           CompiledTable<kTables.dead>{});
  }
};

// Vectors per run-time table dispatch (see table3). With AVX-512's 32 registers the rules outside
// the compiled-in list evaluate their tables on groups of four vectors, so each indirect jump
// serves four: with one jump per side per vector, B36/S24 and B0124/S01367 ran 1.17-1.25x the
// time of the same tables compiled in on avx512vbmi2 (medians; from one process to the next
// 117-180 Gcups against 193-206); on AVX2 and SSE2 (16 registers) the same jumps cost nothing
// measurable next to the operations, and a group would not fit (bench/README.md).
#if defined(__AVX512F__)
constexpr std::size_t kGroup = 4;
#else
constexpr std::size_t kGroup = 1;
#endif

/// kGroup vectors, one per vector of a group.
using Vecs = std::array<Vec, kGroup>;

// The function whose truth table is kTable on each vector of a group.
template <int kTable, std::size_t... kK>
MPILIFE_INLINE Vecs table3_each(const Vecs& a, const Vecs& b, const Vecs& c,
                                std::index_sequence<kK...>) {
  return {logic3<Table3<kTable>>(a[kK], b[kK], c[kK])...};
}

// The three-input function whose truth table `table` is known only at run time, on each vector
// of a group: a switch with one case per table, each the single vpternlogq (or the few
// operations) of FixedRule per vector. Inlined into the row loop, the switch is an indirect jump
// on a loop-invariant index, predicted every time after the first: a compiled-in table's cost
// plus two jumps a group, instead of a 7-select decision tree on leaf vectors (20 of them, which
// do not fit in AVX2's 16 registers), and 256 short cases instead of 256 copies of the row loop.
#define MPILIFE_TABLE3_CASE(n) \
  case n:                      \
    return table3_each<n>(a, b, c, std::make_index_sequence<kGroup>{});
#define MPILIFE_TABLE3_CASES4(n) \
  MPILIFE_TABLE3_CASE(n)         \
  MPILIFE_TABLE3_CASE(n + 1) MPILIFE_TABLE3_CASE(n + 2) MPILIFE_TABLE3_CASE(n + 3)
#define MPILIFE_TABLE3_CASES16(n) \
  MPILIFE_TABLE3_CASES4(n)        \
  MPILIFE_TABLE3_CASES4(n + 4) MPILIFE_TABLE3_CASES4(n + 8) MPILIFE_TABLE3_CASES4(n + 12)
#define MPILIFE_TABLE3_CASES64(n) \
  MPILIFE_TABLE3_CASES16(n)       \
  MPILIFE_TABLE3_CASES16(n + 16) MPILIFE_TABLE3_CASES16(n + 32) MPILIFE_TABLE3_CASES16(n + 48)
MPILIFE_INLINE Vecs table3(int table, const Vecs& a, const Vecs& b, const Vecs& c) {
  switch (table) {
    MPILIFE_TABLE3_CASES64(0)
    MPILIFE_TABLE3_CASES64(64)
    MPILIFE_TABLE3_CASES64(128)
    MPILIFE_TABLE3_CASES64(192)
    default:
      __builtin_unreachable();
  }
}
#undef MPILIFE_TABLE3_CASES64
#undef MPILIFE_TABLE3_CASES16
#undef MPILIFE_TABLE3_CASES4
#undef MPILIFE_TABLE3_CASE

// The side whose table is `table`, on a group.
struct RunTimeTable {
  int table;
  MPILIFE_INLINE Vecs operator()(const Vecs& t2, const Vecs& t1, const Vecs& t0) const {
    return table3(table, t2, t1, t0);
  }
};

// The next state of each vector k of a group from its count c[k] and cells alive[k]: from_sides
// with the tables chosen at run time, group-wide.
template <bool kFixNine, bool kFixEight, std::size_t... kK>
MPILIFE_INLINE Vecs any_rule_group(const std::array<Count, kGroup>& c, const Vecs& alive,
                                   const SideTables& tables, std::index_sequence<kK...>) {
  const Vecs t0{c[kK].t0...};
  const Vecs t1{(c[kK].u ^ c[kK].k0)...};
  const Vecs t2{logic3<Upper>(c[kK].u, c[kK].k0, c[kK].m1)...};
  Vecs live = RunTimeTable{tables.live}(t2, t1, t0);
  Vecs dead = RunTimeTable{tables.dead}(t2, t1, t0);
  if constexpr (kFixNine || kFixEight) {
    const Vecs t3{(c[kK].u & c[kK].k0 & c[kK].m1)...};
    if constexpr (kFixNine) live = {logic3<FlipNine>(live[kK], t3[kK], t0[kK])...};
    if constexpr (kFixEight) dead = {(dead[kK] ^ t3[kK])...};
  }
  return {logic3<Select>(alive[kK], live[kK], dead[kK])...};
}

// Next state of vectors [0, nv) of one row, the rule fused into the counting loop (the visitor
// forced inline: GCC would outline one holding the run-time tables' switches and pass it the count
// through memory).
template <class Eval>
void step_row(const Word* __restrict above, const Word* __restrict at, const Word* __restrict below,
              Word* __restrict out, std::int64_t nv, const Eval& eval) {
  for_each_count(above, at, below, nv,
                 [&](std::int64_t i, const Count& c, Vec alive)
                     MPILIFE_INLINE_LAMBDA { store(out + i * kLanes, eval(c, alive)); });
}

void step_row_conway(const Word* above, const Word* at, const Word* below, Word* out,
                     std::int64_t nv, const SideTables&) {
  step_row(above, at, below, out, nv, ConwayRule{});
}

template <int kSurvive, int kBirth>
void step_row_fixed(const Word* above, const Word* at, const Word* below, Word* out,
                    std::int64_t nv, const SideTables&) {
  step_row(above, at, below, out, nv, FixedRule<kSurvive, kBirth>{});
}

// Any other rule: FixedRule's evaluation with the tables chosen at run time (table3), the t3
// corrections compiled in (four row loops in all), kGroup vectors at a time. The counting runs
// as in for_each_count, each group's column sums carried into the next; a row that is no whole
// number of groups computes the vectors past its end on the sums east of its last vector (any
// sums would do) and stores none of them.
template <bool kFixNine, bool kFixEight>
void step_row_any(const Word* __restrict above, const Word* __restrict at,
                  const Word* __restrict below, Word* __restrict out, std::int64_t nv,
                  const SideTables& tables) {
  if constexpr (kGroup == 1) {
    // One vector a group: for_each_count's loop as it is.
    for_each_count(
        above, at, below, nv, [&](std::int64_t i, const Count& c, Vec alive) MPILIFE_INLINE_LAMBDA {
          store(out + i * kLanes, any_rule_group<kFixNine, kFixEight>(
                                      {c}, {alive}, tables, std::make_index_sequence<1>{})[0]);
        });
    return;
  }
  constexpr auto kU = static_cast<std::int64_t>(kGroup);
  auto sums = [&](std::int64_t i) {
    return column_sums(load(above + i * kLanes), load(at + i * kLanes), load(below + i * kLanes));
  };
  const ColumnSums first = sums(0);
  const ColumnSums last = sums(nv - 1);
  const ColumnSums west_of_first{lanes_up(last.s0), lanes_up(last.s1)};
  const ColumnSums east_of_last{lanes_down(first.s0), lanes_down(first.s1)};
  // The column sums east of vector j - 1 (the first's lanes moved down east of the last vector,
  // as in for_each_count; past the end too: only vectors that are not stored see those).
  auto sums_at = [&](std::int64_t j) { return j >= nv ? east_of_last : sums(j); };
  ColumnSums before = west_of_first;
  ColumnSums own = first;
  for (std::int64_t i = 0; i < nv; i += kU) {
    std::array<Count, kGroup> counts;
    Vecs alive;
#pragma GCC unroll 8
    for (std::int64_t k = 0; k < kU; ++k) {
      const ColumnSums next = sums_at(i + k + 1);
      counts[static_cast<std::size_t>(k)] = count_cells(before, own, next);
      alive[static_cast<std::size_t>(k)] = load(at + std::min(i + k, nv - 1) * kLanes);
      before = own;
      own = next;
    }
    const Vecs result = any_rule_group<kFixNine, kFixEight>(counts, alive, tables,
                                                            std::make_index_sequence<kGroup>{});
#pragma GCC unroll 8
    for (std::int64_t k = 0; k < kU; ++k) {
      if (i + k < nv) store(out + (i + k) * kLanes, result[static_cast<std::size_t>(k)]);
    }
  }
}

// Well-known Life-like rules (Golly's and the LifeWiki's list) compiled with their tables built
// in: as fast as B3/S23. Every other rule runs step_row_any.
struct KnownRule {
  int survive;  // bit n: S n
  int birth;    // bit n: B n
  RowFunction step;
};

template <int kSurvive, int kBirth>
constexpr KnownRule known() {
  return {kSurvive, kBirth, &step_row_fixed<kSurvive, kBirth>};
}

constexpr int digits(std::initializer_list<int> ns) {
  int mask = 0;
  for (const int n : ns) mask |= 1 << n;
  return mask;
}

constexpr KnownRule kKnownRules[] = {
    known<digits({2, 3}), digits({3, 6})>(),                    // HighLife B36/S23
    known<digits({3, 4, 6, 7, 8}), digits({3, 6, 7, 8})>(),     // Day & Night
    known<0, digits({2})>(),                                    // Seeds B2/S
    known<digits({0, 1, 2, 3, 4, 5, 6, 7, 8}), digits({3})>(),  // Life without death
    known<digits({3, 4}), digits({3, 4})>(),                    // 34 Life
    known<digits({1, 3, 5, 7}), digits({1, 3, 5, 7})>(),        // Replicator
    known<digits({1, 2, 5}), digits({3, 6})>(),                 // 2x2
    known<digits({2, 4, 5}), digits({3, 6, 8})>(),              // Morley
    known<digits({3, 5, 6, 7, 8}), digits({4, 6, 7, 8})>(),     // Anneal
    known<digits({5, 6, 7, 8}), digits({3, 5, 6, 7, 8})>(),     // Diamoeba
    known<digits({1, 2, 3, 4, 5}), digits({3})>(),              // Maze
    known<digits({1, 2, 3, 4}), digits({3})>(),                 // Mazectric
    known<digits({4, 5, 6, 7, 8}), digits({3})>(),              // Coral
    known<digits({2, 3}), digits({3, 7})>(),                    // DryLife
    known<digits({2, 3}), digits({3, 8})>(),                    // Pedestrian Life
    known<digits({4}), digits({2, 5})>(),                       // B25/S4
    known<digits({2, 3, 4, 5}), digits({4, 5, 6, 7, 8})>(),     // Walled cities
    known<digits({1}), digits({1})>(),                          // Gnarl
};

// B3/S23's function, a compiled-in one, or step_row_any's loop for the t3 corrections `tables`
// need.
RowFunction row_function_for(const Rule& rule, const SideTables& tables) {
  if (rule.is_conway()) return &step_row_conway;
  for (const KnownRule& k : kKnownRules) {
    if (k.survive == rule.survival && k.birth == rule.birth) return k.step;
  }
  if (tables.fix_nine)
    return tables.fix_eight ? &step_row_any<true, true> : &step_row_any<true, false>;
  return tables.fix_eight ? &step_row_any<false, true> : &step_row_any<false, false>;
}

}  // namespace

RowStepper::RowStepper(const Rule& rule)
    : tables_(side_tables(rule.survival, rule.birth)), function_(row_function_for(rule, tables_)) {}

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace mpilife::fast
