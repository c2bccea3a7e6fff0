// The rule evaluators: each turns the counts of adders.hpp into next states, fused into one
// row loop (step_row) per rule.

#include "rules.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>

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

// The truth table of a three-input function, evaluated with plain logic (on AVX-512 logic3 turns
// it into the single vpternlogq it names).
template <int kTable>
struct Table3 {
  template <class T>
  constexpr T operator()(T a, T b, T c) const {
    T r = a & ~a;
    for (int m = 0; m < 8; ++m) {
      if ((kTable >> m) & 1) r |= ((m & 4) ? a : ~a) & ((m & 2) ? b : ~b) & ((m & 1) ? c : ~c);
    }
    return r;
  }
};

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

// The leaves of `rule`'s decision tree.
Leaves make_leaves(const Rule& rule) {
  Leaves leaf{};
  for (int t = 0; t <= 9; ++t) {
    leaf[0][t] = splat(all_if(t <= 8 && rule.births(t)));
    leaf[1][t] = splat(all_if(t >= 1 && rule.survives(t - 1)));
  }
  // The two impossible pairs take the answer of the pair sharing their low bits: a live cell
  // never counts 0 (it shares 000 with count 8), a dead one never 9 (001 with count 1).
  leaf[1][0] = leaf[1][8];
  leaf[0][9] = leaf[0][1];
  return leaf;
}

// Any Life-like rule: a decision tree over the count bits t3 t2 t1 t0 and the cell's state,
// whose leaves are the rule's answers as all-zero / all-one words (make_leaves). kWithT3 = false
// when counts 8 and 9 need no leaves of their own (B0 == B8 and S0 == S8): they then share the
// leaves of counts 0 and 1, whose low bits they have.
template <bool kWithT3>
struct GenericRule {
  const Leaves& leaf;

  MPILIFE_INLINE Vec operator()(const Count& c, Vec alive) const {
    const Vec t1 = c.u ^ c.k0;
    const Vec t2 = logic3<Upper>(c.u, c.k0, c.m1);
    Vec t3{};
    if constexpr (kWithT3) t3 = c.u & c.k0 & c.m1;
    return logic3<Select>(alive, side(leaf[1], c.t0, t1, t2, t3), side(leaf[0], c.t0, t1, t2, t3));
  }

 private:
  MPILIFE_INLINE static Vec side(const std::array<Vec, 10>& f, Vec t0, Vec t1, Vec t2, Vec t3) {
    const Vec x01 = logic3<Select>(t0, f[1], f[0]);
    const Vec x23 = logic3<Select>(t0, f[3], f[2]);
    const Vec x45 = logic3<Select>(t0, f[5], f[4]);
    const Vec x67 = logic3<Select>(t0, f[7], f[6]);
    const Vec low = logic3<Select>(t2, logic3<Select>(t1, x67, x45), logic3<Select>(t1, x23, x01));
    if constexpr (kWithT3) {
      return logic3<Select>(t3, logic3<Select>(t0, f[9], f[8]), low);
    } else {
      (void)t3;
      return low;
    }
  }
};

// A rule known at compile time (kSurvive / kBirth: bit n = survives / is born with n live
// neighbours). Each side of the rule is one vpternlogq on the low count bits t2 t1 t0, whose
// table entry m answers count m (count 8 for a live cell at m = 0, which a live cell never
// counts); count 9 of a live cell and count 8 of a dead one share entries 1 and 0 and are fixed
// from t3 where their answers differ.
template <int kSurvive, int kBirth>
struct FixedRule {
  static constexpr bool bit(int mask, int n) { return ((mask >> n) & 1) != 0; }
  static constexpr int live_table() {
    int t = 0;
    for (int m = 0; m < 8; ++m) t |= bit(kSurvive, m == 0 ? 7 : m - 1) ? 1 << m : 0;
    return t;
  }
  static constexpr int dead_table() { return kBirth & 0xFF; }
  static constexpr bool kFixNine = bit(kSurvive, 8) != bit(kSurvive, 0);
  static constexpr bool kFixEight = bit(kBirth, 8) != bit(kBirth, 0);

  struct FlipNine {  // live ^ (t3 & t0)
    template <class T>
    constexpr T operator()(T live, T t3, T t0) const {
      return live ^ (t3 & t0);
    }
  };

  MPILIFE_INLINE Vec operator()(const Count& c, Vec alive) const {
    const Vec t1 = c.u ^ c.k0;
    const Vec t2 = logic3<Upper>(c.u, c.k0, c.m1);
    Vec live = logic3<Table3<live_table()>>(t2, t1, c.t0);
    Vec dead = logic3<Table3<dead_table()>>(t2, t1, c.t0);
    if constexpr (kFixNine || kFixEight) {
      const Vec t3 = c.u & c.k0 & c.m1;
      if constexpr (kFixNine) live = logic3<FlipNine>(live, t3, c.t0);
      if constexpr (kFixEight) dead = dead ^ t3;
    }
    return logic3<Select>(alive, live, dead);
  }
};

// Next state of vectors [0, nv) of one row, the rule fused into the counting loop.
template <class Eval>
void step_row(const Word* __restrict above, const Word* __restrict at, const Word* __restrict below,
              Word* __restrict out, std::int64_t nv, const Eval& eval) {
  for_each_count(above, at, below, nv, [&](std::int64_t i, const Count& c, Vec alive) {
    store(out + i * kLanes, eval(c, alive));
  });
}

void step_row_conway(const Word* above, const Word* at, const Word* below, Word* out,
                     std::int64_t nv, const Leaves&) {
  step_row(above, at, below, out, nv, ConwayRule{});
}

template <int kSurvive, int kBirth>
void step_row_fixed(const Word* above, const Word* at, const Word* below, Word* out,
                    std::int64_t nv, const Leaves&) {
  step_row(above, at, below, out, nv, FixedRule<kSurvive, kBirth>{});
}

template <bool kWithT3>
void step_row_generic(const Word* above, const Word* at, const Word* below, Word* out,
                      std::int64_t nv, const Leaves& leaves) {
  step_row(above, at, below, out, nv, GenericRule<kWithT3>{leaves});
}

// Well-known Life-like rules (Golly's and the LifeWiki's list) compiled with their tables built
// in: as fast as B3/S23. Every other rule runs the generic decision tree.
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

// B3/S23's function, a compiled-in one, or the generic decision tree (with t3 only when counts
// 8 and 9 cannot share the leaves of 0 and 1).
RowFunction row_function_for(const Rule& rule) {
  if (rule.is_conway()) return &step_row_conway;
  for (const KnownRule& k : kKnownRules) {
    if (k.survive == rule.survival && k.birth == rule.birth) return k.step;
  }
  if (rule.births(0) == rule.births(8) && rule.survives(0) == rule.survives(8)) {
    return &step_row_generic<false>;
  }
  return &step_row_generic<true>;
}

}  // namespace

RowStepper::RowStepper(const Rule& rule)
    : function_(row_function_for(rule)), leaves_(make_leaves(rule)) {}

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace mpilife::fast
