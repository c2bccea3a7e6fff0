#pragma once

// Private to the fast kernel: the next state of one row under a Life-like rule. B3/S23 has a
// specialised expression, the well-known rules (rules.cpp) have their tables compiled in, every
// other rule runs a generic decision tree on the count bits.

#include <array>
#include <cstdint>

#include "mpilife/core/rule.hpp"
#include "simd.hpp"

namespace mpilife::fast {
inline namespace MPILIFE_FAST_VARIANT {

/// The generic decision tree's leaves: leaves[a][t] is the next state of a cell with state a and
/// 3x3 count t (itself included), as an all-zero or all-one mask.
using Leaves = std::array<std::array<Vec, 10>, 2>;

/// Writes the next state of vectors [0, nv) of row `at` into `out`, `above` and `below` being
/// the rows around it; only the generic decision tree reads `leaves`.
using RowFunction = void (*)(const Word* above, const Word* at, const Word* below, Word* out,
                             std::int64_t nv, const Leaves& leaves);

/// One rule's row step: the row function compiled for it and the leaves that function may read.
class RowStepper {
 public:
  /// The fastest row function for `rule`.
  explicit RowStepper(const Rule& rule);

  /// Writes the next state of vectors [0, nv) of row `at` into `out` (padding bits included,
  /// edge cells counted with dead ghosts).
  void operator()(const Word* above, const Word* at, const Word* below, Word* out,
                  std::int64_t nv) const {
    function_(above, at, below, out, nv, leaves_);
  }

 private:
  RowFunction function_;  // B3/S23, a compiled-in rule or the generic decision tree
  Leaves leaves_;         // read by the generic decision tree only
};

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace mpilife::fast
