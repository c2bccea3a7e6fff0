#pragma once

#include <algorithm>
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

  /// How many cells deep the ghosts are (the faces as deep): the generations the tile can
  /// advance between two fillings of its ghosts. 1 for all but the fast kernel's deep tiles.
  virtual int halo_depth() const { return 1; }

  /// Advances k generations in one pass over memory and makes the result current, `fresh`
  /// generations after the ghosts were last filled (fresh + k <= halo_depth()). A tile one cell
  /// deep takes one generation: step_all().
  virtual void advance(int fresh, int k);

  /// Whether a live owned cell lies on the outermost row (Dir::north, Dir::south) or column
  /// (Dir::west, Dir::east) of the tile.
  virtual bool edge_alive(Dir d) const;

 protected:
  /// A tile of w x h owned cells under `rule`.
  Tile(std::int64_t w, std::int64_t h, const Rule& rule) : w_(w), h_(h), rule_(rule) {}

 private:
  std::int64_t w_;
  std::int64_t h_;
  Rule rule_;
};

/// Advances `tile` `generations` generations: calls fill_ghosts() to fill its ghosts first and
/// again whenever they are spent (every halo_depth() generations), and sweeps (Tile::advance) at
/// most block_for(done) generations at a time, `done` being the generations advanced so far.
template <class FillGhosts, class BlockFor>
void advance_tile(Tile& tile, std::int64_t generations, FillGhosts&& fill_ghosts,
                  BlockFor&& block_for) {
  const int depth = tile.halo_depth();
  int fresh = depth;
  for (std::int64_t done = 0; done < generations;) {
    if (fresh == depth) {
      fill_ghosts();
      fresh = 0;
    }
    const std::int64_t k = std::min<std::int64_t>(
        {static_cast<std::int64_t>(block_for(done)), depth - fresh, generations - done});
    tile.advance(fresh, static_cast<int>(k));
    fresh += static_cast<int>(k);
    done += k;
  }
}

/// A dead w x h tile stepped by `kind` under `rule` (w, h >= 1), with ghosts `depth` cells deep
/// (1 <= depth <= min(w, h); only the fast kernel goes deeper than 1).
std::unique_ptr<Tile> make_tile(KernelKind kind, std::int64_t w, std::int64_t h, const Rule& rule,
                                int depth = 1);

}  // namespace mpilife
