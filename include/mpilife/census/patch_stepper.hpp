#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "mpilife/census/patch.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"

namespace mpilife {

/// Steps an isolated finite pattern in Golly's unbounded universe (dead everywhere outside it) with
/// the reference kernel: each generation runs on the pattern's bounding box plus a one-cell margin
/// (the farthest a birth can reach), so a step costs O(area of the box).
///
///   margin ring (dead, may be born) -> +-----------+
///                                      | . . . . . |   the tile: (w+2) x (h+2) cells,
///                                      | . patch . |   ghost frame cleared (dead outside)
///                                      | . . . . . |
///                                      +-----------+
class PatchStepper {
 public:
  /// A stepper for `rule`; throws std::invalid_argument for a rule with B0 (births on no
  /// neighbours would fill the infinite outside).
  explicit PatchStepper(const Rule& rule);
  /// The rule this stepper applies.
  const Rule& rule() const { return rule_; }
  /// The pattern one generation after `p`, in the same coordinates.
  Patch step(const Patch& p);

 private:
  Rule rule_;
  std::unique_ptr<Tile> tile_;
  std::vector<std::uint8_t> buffer_;
};

}  // namespace mpilife
