#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile_roles.hpp"

namespace mpilife {

/// About this many cell updates lie between two polls of a halo exchange in flight: enough work
/// to make a poll's cost (~0.1 us) negligible, often enough for rendezvous messages to progress.
inline constexpr std::int64_t kCellsPerPoll = std::int64_t{1} << 20;

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

  /// advance(0, k) overlapped with the filling of the ghosts. Called when the ghosts of the sides
  /// in `late` (side_bit per Dir) are still in flight and the others are filled: sweeps what it
  /// can without them, calling poll() about every kCellsPerPoll cell updates; calls wait(), which
  /// fills them; then completes the k generations and makes them current. This default waits
  /// first; a deep tile sweeps everything early and then recomputes the cells within k of a late
  /// side.
  virtual void advance_overlapped(int k, unsigned late, const std::function<void()>& poll,
                                  const std::function<void()>& wait);

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

/// Advances `tile` `generations` generations, sweeping at most block_for(done) generations at a
/// time (`done`: the generations advanced so far), `fresh` generations after its ghosts were last
/// filled (halo_depth(): spent, or unknown). The ghosts are filled whenever they are spent (every
/// halo_depth() generations) by refill(k), which fills them and advances the first k generations
/// from them (e.g. Tile::advance_overlapped); the sweeps in between are Tile::advance. Returns the
/// generations advanced since the last filling.
template <class Refill, class BlockFor>
int advance_tile(Tile& tile, std::int64_t generations, int fresh, Refill&& refill,
                 BlockFor&& block_for) {
  const int depth = tile.halo_depth();
  for (std::int64_t done = 0; done < generations;) {
    if (fresh >= depth) fresh = 0;
    const int k = static_cast<int>(std::min<std::int64_t>(
        {static_cast<std::int64_t>(block_for(done)), depth - fresh, generations - done}));
    if (fresh == 0) {
      refill(k);
    } else {
      tile.advance(fresh, k);
    }
    fresh += k;
    done += k;
  }
  return fresh;
}

/// A dead w x h tile stepped by `kind` under `rule` (w, h >= 1), with ghosts `depth` cells deep
/// (1 <= depth <= min(w, h, kMaxHaloDepth); only the fast kernel goes deeper than 1).
std::unique_ptr<Tile> make_tile(KernelKind kind, std::int64_t w, std::int64_t h, const Rule& rule,
                                int depth = 1);

}  // namespace mpilife
