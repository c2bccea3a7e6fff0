#include "mpilife/census/soup_census.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "mpilife/census/clusters.hpp"

namespace mpilife {

namespace {

// The spaceships taken out when they escape: glider, LWSS, MWSS, HWSS (those the rule keeps).
const std::vector<std::vector<Cell>>& ship_seeds() {
  static const std::vector<std::vector<Cell>> seeds = {
      {{1, 0}, {2, 1}, {0, 2}, {1, 2}, {2, 2}},
      {{1, 0}, {4, 0}, {0, 1}, {0, 2}, {4, 2}, {0, 3}, {1, 3}, {2, 3}, {3, 3}},
      {{2, 0}, {0, 1}, {4, 1}, {5, 2}, {0, 3}, {5, 3}, {1, 4}, {2, 4}, {3, 4}, {4, 4}, {5, 4}},
      {{2, 0},
       {3, 0},
       {0, 1},
       {5, 1},
       {6, 2},
       {0, 3},
       {6, 3},
       {1, 4},
       {2, 4},
       {3, 4},
       {4, 4},
       {5, 4},
       {6, 4}},
  };
  return seeds;
}

// A ship must lead everything else along its direction of travel by this much to have escaped:
// more than any of these ships is long plus the reach of a generation's births.
constexpr std::int64_t kEscapeMargin = 12;
// Ships are looked for once the pattern's box is wider or taller than this.
constexpr std::int64_t kEscapeCheckExtent = 48;

int sign(std::int64_t v) {
  return v > 0 ? 1 : (v < 0 ? -1 : 0);
}

std::uint64_t state_hash(const Patch& p) {
  std::uint64_t h = p.shape_hash();
  h ^= static_cast<std::uint64_t>(p.x0()) * 0x9e3779b97f4a7c15ull;
  h ^= static_cast<std::uint64_t>(p.y0()) * 0xc2b2ae3d27d4eb4full + (h << 6) + (h >> 2);
  return h;
}

}  // namespace

std::int64_t SoupResult::objects() const {
  std::int64_t n = 0;
  for (const auto& [code, count] : counts) {
    (void)code;
    n += count;
  }
  return n;
}

SoupCensus::SoupCensus(const Rule& rule, const CensusLimits& limits)
    : rule_(rule), limits_(limits), stepper_(rule), separator_(rule, limits.classify) {
  for (const std::vector<Cell>& seed : ship_seeds()) {
    for (int s = 0; s < kSquareSymmetries; ++s) {
      const Patch start = Patch::from_cells(seed).transformed(s);
      const ObjectClass c = classify_object(start, rule_, limits_.classify);
      if (c.kind != ObjectKind::spaceship) continue;
      Patch phase = start;
      for (std::int64_t t = 0; t < c.period; ++t) {
        auto& bucket = ships_[phase.shape_hash()];
        const bool known = std::any_of(bucket.begin(), bucket.end(), [&](const Ship& ship) {
          return same_shape(ship.shape, phase);
        });
        if (!known) bucket.push_back(Ship{phase.moved_to(0, 0), c.apgcode, sign(c.dx), sign(c.dy)});
        largest_ship_ = std::max(largest_ship_, phase.population());
        phase = stepper_.step(phase);
      }
    }
  }
}

const SoupCensus::Ship* SoupCensus::ship_like(const Patch& cluster) const {
  const auto it = ships_.find(cluster.shape_hash());
  if (it == ships_.end()) return nullptr;
  for (const Ship& ship : it->second) {
    if (same_shape(ship.shape, cluster)) return &ship;
  }
  return nullptr;
}

std::vector<Cell> SoupCensus::small_cluster(const BitPlane& plane, const Cell& start,
                                            const std::vector<Cell>& gone) const {
  // Breadth first through live cells within reach (a 5x5 box without its corners, as
  // clusters_of), in a window of the plane 64 cells wide and 32 high centred on the start; given
  // up past the largest ship, or where the cluster reaches the window's edge (no ship is that big).
  constexpr std::int64_t kHalfWidth = 32;
  constexpr std::int64_t kHalfHeight = 16;
  const std::int64_t left = start.x - kHalfWidth;
  const std::int64_t top = start.y - kHalfHeight;
  std::uint64_t window[2 * kHalfHeight];
  for (std::int64_t y = 0; y < 2 * kHalfHeight; ++y) window[y] = plane.row_bits(left, top + y);
  for (const Cell& c : gone) {
    const std::int64_t x = c.x - left;
    const std::int64_t y = c.y - top;
    if (x >= 0 && x < 2 * kHalfWidth && y >= 0 && y < 2 * kHalfHeight) {
      window[y] &= ~(std::uint64_t{1} << x);
    }
  }
  // Cells taken into the cluster are cleared from the window.
  window[kHalfHeight] &= ~(std::uint64_t{1} << kHalfWidth);
  std::vector<Cell> cluster{start};
  for (std::size_t q = 0; q < cluster.size(); ++q) {
    const std::int64_t cx = cluster[q].x - left;
    const std::int64_t cy = cluster[q].y - top;
    for (std::int64_t dy = -2; dy <= 2; ++dy) {
      for (std::int64_t dx = -2; dx <= 2; ++dx) {
        const std::int64_t x = cx + dx;
        const std::int64_t y = cy + dy;
        if (dx * dx + dy * dy > 5) continue;
        if (x < 0 || x >= 2 * kHalfWidth || y < 0 || y >= 2 * kHalfHeight) return {};
        if (((window[y] >> x) & 1u) == 0) continue;
        if (static_cast<std::int64_t>(cluster.size()) == largest_ship_) return {};
        window[y] &= ~(std::uint64_t{1} << x);
        cluster.push_back(Cell{left + x, top + y});
      }
    }
  }
  return cluster;
}

void SoupCensus::remove_escaping(BitPlane& plane, SoupResult& out) {
  // A ship escaping in direction (sx, sy) holds the live cell furthest along it. For each of the
  // eight directions: peel off the cluster holding the furthest cell while it is a ship going
  // that way (ships of one velocity keep their distance, so several may lead together); the
  // first other cluster's furthest cell is the front of the rest, and every peeled ship whose
  // rear leads it by more than the margin has escaped.
  const std::vector<Cell> cells = plane.cells();
  if (cells.empty()) return;
  // The furthest cell along each direction (d = 3 (sy + 1) + sx + 1), all found in one pass, and
  // the ship each one's cluster is (or none), looked up once per cell.
  const Cell* furthest[9];
  std::fill(std::begin(furthest), std::end(furthest), &cells.front());
  for (const Cell& c : cells) {
    for (int d = 0; d < 9; ++d) {
      const std::int64_t sx = d % 3 - 1;
      const std::int64_t sy = d / 3 - 1;
      if (sx * c.x + sy * c.y > sx * furthest[d]->x + sy * furthest[d]->y) furthest[d] = &c;
    }
  }
  using Look = std::pair<std::vector<Cell>, const Ship*>;  // a cluster (or none), and its ship
  const auto look = [&](const Cell* start, const std::vector<Cell>& gone) {
    std::vector<Cell> cluster = small_cluster(plane, *start, gone);
    const Ship* ship = cluster.empty() ? nullptr : ship_like(Patch::from_cells(cluster));
    return Look{std::move(cluster), ship};
  };
  std::vector<std::pair<const Cell*, Look>> looked;  // looks with nothing peeled, by front cell
  const auto cluster_at = [&](const Cell* start, const std::vector<Cell>& gone) {
    if (!gone.empty()) return look(start, gone);
    for (const auto& [cell, found] : looked) {
      if (cell == start) return found;
    }
    looked.emplace_back(start, look(start, gone));
    return looked.back().second;
  };
  std::vector<Cell> gone;  // cells of ships removed, and of ships peeled in this direction
  std::vector<Cell> removed;
  for (int sy = -1; sy <= 1; ++sy) {
    for (int sx = -1; sx <= 1; ++sx) {
      if (sx == 0 && sy == 0) continue;
      const auto along = [&](const Cell& c) { return sx * c.x + sy * c.y; };
      gone = removed;
      std::vector<std::vector<Cell>> group;
      const Ship* leader = nullptr;
      bool others = false;
      std::int64_t others_front = 0;
      for (;;) {
        const Cell* front = gone.empty() ? furthest[3 * (sy + 1) + sx + 1] : nullptr;
        if (!front) {
          for (const Cell& c : cells) {
            if ((!front || along(c) > along(*front)) &&
                std::find(gone.begin(), gone.end(), c) == gone.end()) {
              front = &c;
            }
          }
        }
        if (!front) break;
        auto [cluster, ship] = cluster_at(front, gone);
        if (!ship || ship->sx != sx || ship->sy != sy ||
            (leader && ship->apgcode != leader->apgcode)) {
          others = true;
          others_front = along(*front);
          break;
        }
        leader = ship;
        gone.insert(gone.end(), cluster.begin(), cluster.end());
        group.push_back(std::move(cluster));
      }
      if (!others) continue;  // nothing else left: the ash census counts them
      for (const std::vector<Cell>& ship : group) {
        std::int64_t rear = std::numeric_limits<std::int64_t>::max();
        for (const Cell& c : ship) rear = std::min(rear, along(c));
        if (rear <= others_front + kEscapeMargin) continue;
        removed.insert(removed.end(), ship.begin(), ship.end());
        ++out.counts[leader->apgcode];
        ++out.escaped;
      }
    }
  }
  if (!removed.empty()) plane.clear(removed);
}

bool SoupCensus::advance(BitPlane& plane, std::int64_t generations, SoupResult& out) {
  for (std::int64_t t = 0; t < generations; ++t) {
    plane.step();
    ++out.generations;
    if (plane.width() > limits_.max_extent || plane.height() > limits_.max_extent) {
      out.reason = "its bounding box reached " + std::to_string(plane.width()) + "x" +
                   std::to_string(plane.height()) + " at generation " +
                   std::to_string(out.generations) + ", more than the size cap of " +
                   std::to_string(limits_.max_extent) + " cells a side";
      return false;
    }
  }
  // Ships are looked for when the box has grown by a quarter (at least the escape margin) since
  // the last look: a ship that leaves grows it by a cell every few generations, and the looks
  // stay few while a soup's debris spreads.
  if (std::max(plane.width(), plane.height()) > next_escape_check_) {
    remove_escaping(plane, out);
    const std::int64_t side = std::max(plane.width(), plane.height());
    next_escape_check_ = std::max(kEscapeCheckExtent, side + std::max(kEscapeMargin, side / 4));
  }
  if (out.generations > limits_.max_generations) {
    out.reason = "it did not stabilise within the generation cap of " +
                 std::to_string(limits_.max_generations) + " generations";
    return false;
  }
  return true;
}

std::int64_t SoupCensus::stabilise(BitPlane& p, SoupResult& out) {
  // Phase I (apgsearch's naivestab_awesome): the population every `period` generations.
  std::int64_t period = 12;
  std::int64_t security = 15;
  std::int64_t depth = 0;
  std::int64_t previous = 0;
  for (int i = 0; i < 1000; ++i) {
    if (i == 40) security = 20;
    if (i == 60) security = 25;
    if (i == 80) security = 30;
    if (i == 400) period = 18;
    if (i == 500) period = 24;
    if (i == 600) period = 30;
    if (!advance(p, period, out)) return -1;
    if (p.empty()) return 0;
    // Nothing changed but with period 1 or 2 (apgsearch: no tile modified): settled.
    if (p.settled()) return 2;
    const std::int64_t population = p.population();
    if (population == previous) {
      ++depth;
    } else {
      depth = 0;
      period ^= 4;
    }
    previous = population;
    if (depth == security) return period;
  }
  // Phase II: the whole state every 30 generations, until one repeats.
  std::unordered_map<std::uint64_t, std::int64_t> seen;
  for (;;) {
    if (!advance(p, 30, out)) return -1;
    if (p.empty()) return 0;
    const auto [it, fresh] = seen.emplace(state_hash(p.patch()), out.generations);
    if (!fresh) return out.generations - it->second;
  }
}

bool SoupCensus::census_ash(Patch& p, std::int64_t duration, bool last_try, SoupResult& out) {
  BitPlane plane(rule_);
  plane.assign(p);
  plane.start_envelope();
  for (std::int64_t t = 0; t < duration; ++t) {
    plane.step();
    ++out.generations;
  }
  p = plane.patch();
  const Patch envelope = plane.envelope();
  SoupResult found;
  for (const Patch& cluster : clusters_of(p, envelope)) {
    for (ObjectClass& part : separator_.separate(cluster)) {
      if (part.kind == ObjectKind::unclassified) {
        if (!last_try) return false;
        found.unclassified.push_back(UnclassifiedObject{cluster.cells(), std::move(part)});
      } else {
        ++found.counts[part.apgcode];
      }
    }
  }
  for (const auto& [code, count] : found.counts) out.counts[code] += count;
  for (auto& u : found.unclassified) out.unclassified.push_back(std::move(u));
  return true;
}

SoupResult SoupCensus::run(const std::vector<Cell>& cells) {
  SoupResult out;
  BitPlane plane(rule_);
  plane.assign(Patch::from_cells(cells));
  next_escape_check_ = kEscapeCheckExtent;
  std::int64_t duration = stabilise(plane, out);
  out.stabilised = duration >= 0;
  if (!out.stabilised) duration = 30;
  out.period = duration;
  std::int64_t step = 120;
  for (int attempt = 0;; ++attempt) {
    const bool last_try = attempt >= 4 || !out.stabilised;
    Patch p = plane.patch();
    if (census_ash(p, duration, last_try, out)) break;
    plane.assign(p);
    for (std::int64_t t = 0; t < step; ++t) {
      plane.step();
      ++out.generations;
    }
    step *= 4;
    duration = std::min<std::int64_t>(step * 2, 7680);
  }
  return out;
}

SoupResult census_of_pattern(const std::vector<Cell>& cells, const Rule& rule,
                             const CensusLimits& limits) {
  return SoupCensus(rule, limits).run(cells);
}

}  // namespace mpilife
