#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile_roles.hpp"

namespace mpilife {

/// Which implementation of the update rule runs.
enum class KernelKind { fast, reference };

/// "fast" or "reference".
std::string to_string(KernelKind k);

/// The kernel `name` names ("fast" or "reference"); none for any other text.
std::optional<KernelKind> parse_kernel(std::string_view name);

/// One rank's block of the grid, w x h owned cells plus a one-cell ghost frame, double-buffered,
/// stepped by one kernel under one rule: the three roles of tile_roles.hpp in one object (the halo
/// exchange sees only its faces, the simulation its stepper, outputs and edits its cells).
class Tile : public TileFaces, public TileStepper, public TileCells {
 public:
  Tile(const Tile&) = delete;
  Tile& operator=(const Tile&) = delete;

  /// Owned columns.
  std::int64_t width() const final { return w_; }
  /// Owned rows.
  std::int64_t height() const final { return h_; }
  /// The rule this tile applies.
  const Rule& rule() const { return rule_; }

  /// One whole generation with ghosts already filled: interior, border, swap.
  void step_all() {
    if (h_ > 2) step_interior(1, h_ - 1);
    step_border();
    swap();
  }

 protected:
  /// A tile of w x h owned cells under `rule`.
  Tile(std::int64_t w, std::int64_t h, const Rule& rule) : w_(w), h_(h), rule_(rule) {}

 private:
  std::int64_t w_;
  std::int64_t h_;
  Rule rule_;
};

/// A dead w x h tile stepped by `kind` under `rule` (w, h >= 1).
std::unique_ptr<Tile> make_tile(KernelKind kind, std::int64_t w, std::int64_t h, const Rule& rule);

}  // namespace mpilife
