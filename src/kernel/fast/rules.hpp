#pragma once

// Private to the fast kernel: the next state of one row under a Life-like rule. B3/S23 has a
// specialised expression, the well-known rules (rules.cpp) have their tables compiled in, every
// other rule runs the same evaluation with its tables chosen at run time.

#include <cstdint>

#include "mpilife/core/rule.hpp"
#include "simd.hpp"

namespace mpilife::fast {
inline namespace MPILIFE_FAST_VARIANT {

/// A rule's two sides as truth tables over the low count bits t2 t1 t0 (bit m of a table answers
/// the 3x3 count, the cell included, whose low bits are m), and where counts 8 and 9 differ from
/// the counts sharing those low bits. A live cell counts 1..9, so entry 0 of its table answers
/// count 8, and count 9 shares entry 1 with count 1 (fix_nine: they differ, fixed from t3). A
/// dead cell counts 0..8; count 8 shares entry 0 with count 0 (fix_eight).
struct SideTables {
  int live;        ///< the live cell's table
  int dead;        ///< the dead cell's table
  bool fix_nine;   ///< S8 != S0
  bool fix_eight;  ///< B8 != B0
};

/// Writes the next state of vectors [0, nv) of row `at` into `out`, `above` and `below` being
/// the rows around it; only the loops for rules outside the compiled-in list read `tables`.
using RowFunction = void (*)(const Word* above, const Word* at, const Word* below, Word* out,
                             std::int64_t nv, const SideTables& tables);

/// One rule's row step: the row function compiled for it and the leaves that function may read.
class RowStepper {
 public:
  /// The fastest row function for `rule`.
  explicit RowStepper(const Rule& rule);

  /// Writes the next state of vectors [0, nv) of row `at` into `out` (padding bits included,
  /// edge cells counted with dead ghosts).
  void operator()(const Word* above, const Word* at, const Word* below, Word* out,
                  std::int64_t nv) const {
    function_(above, at, below, out, nv, tables_);
  }

 private:
  SideTables tables_;     // the rule's tables
  RowFunction function_;  // B3/S23's, a compiled-in rule's or one of the run-time tables' loops
};

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace mpilife::fast
