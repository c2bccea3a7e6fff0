#include "mpilife/census/object_separation.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <unordered_set>

namespace mpilife {

namespace {

// Islands above this many are not coloured (lifelib gives up too).
constexpr std::size_t kMaxIslands = 16;
// Colourings tried per colour count at most.
constexpr std::uint64_t kMaxColourings = 1u << 20;
// Periods longer than this are not split (lifelib's limit).
constexpr std::int64_t kMaxSplitPeriod = 30000;

// A cell of one phase as a single key: phase in the top bits, then y and x biased to be unsigned.
constexpr std::int64_t kBias = std::int64_t{1} << 20;
std::uint64_t key(std::int64_t t, std::int64_t x, std::int64_t y) {
  return (static_cast<std::uint64_t>(t) << 42) | (static_cast<std::uint64_t>(y + kBias) << 21) |
         static_cast<std::uint64_t>(x + kBias);
}

class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  std::size_t find(std::size_t a) {
    while (parent_[a] != a) {
      parent_[a] = parent_[parent_[a]];
      a = parent_[a];
    }
    return a;
  }
  void merge(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }
  std::size_t count() {
    std::size_t n = 0;
    for (std::size_t i = 0; i < parent_.size(); ++i) n += find(i) == i ? 1 : 0;
    return n;
  }

 private:
  std::vector<std::size_t> parent_;
};

bool alive_at(const Patch& p, std::int64_t x, std::int64_t y) {
  const std::int64_t px = x - p.x0();
  const std::int64_t py = y - p.y0();
  return px >= 0 && py >= 0 && px < p.width() && py < p.height() && p.alive(px, py);
}

// The space-time picture of one cycle: its live cells as numbered nodes.
struct SpaceTime {
  std::int64_t period = 0;
  std::vector<Patch> phases;  // 0..period
  std::vector<std::int64_t> node_t;
  std::vector<Cell> node_cell;
  std::unordered_map<std::uint64_t, std::size_t> id;

  std::int64_t node_of(std::int64_t t, std::int64_t x, std::int64_t y) const {
    const auto it = id.find(key(t, x, y));
    return it == id.end() ? -1 : static_cast<std::int64_t>(it->second);
  }
};

// Each group's cells per phase (groups by the representative of `sets`, in order of first node).
std::vector<std::vector<std::vector<Cell>>> groups_of(DisjointSets& sets, const SpaceTime& st,
                                                      std::vector<std::size_t>* group_of_node) {
  std::map<std::size_t, std::size_t> index;
  std::vector<std::vector<std::vector<Cell>>> groups;
  if (group_of_node) group_of_node->assign(st.node_t.size(), 0);
  for (std::size_t n = 0; n < st.node_t.size(); ++n) {
    const std::size_t root = sets.find(n);
    auto it = index.find(root);
    if (it == index.end()) {
      it = index.emplace(root, groups.size()).first;
      groups.emplace_back(static_cast<std::size_t>(st.period + 1));
    }
    groups[it->second][static_cast<std::size_t>(st.node_t[n])].push_back(st.node_cell[n]);
    if (group_of_node) (*group_of_node)[n] = it->second;
  }
  return groups;
}

}  // namespace

ObjectSeparator::ObjectSeparator(const Rule& rule, const ClassifyLimits& limits)
    : rule_(rule), limits_(limits), stepper_(rule) {}

std::vector<ObjectClass> ObjectSeparator::separate(const Patch& object) {
  // The shape's key: its size, then its cells.
  std::string shape = std::to_string(object.width()) + "x" + std::to_string(object.height()) + ":";
  shape.append(object.bytes().begin(), object.bytes().end());
  const auto seen = by_shape_.find(shape);
  if (seen != by_shape_.end()) return seen->second;
  std::vector<ObjectClass> parts = separate_uncached(object);
  by_shape_.emplace(std::move(shape), parts);
  return parts;
}

std::vector<ObjectClass> ObjectSeparator::separate_uncached(const Patch& object) {
  ObjectClass whole = classify_object(object, rule_, limits_);
  if (whole.kind == ObjectKind::empty) return {};
  if (whole.kind == ObjectKind::unclassified) return {whole};
  const auto cached = splits_.find(whole.apgcode);
  if (cached != splits_.end()) return cached->second;
  std::vector<ObjectClass> parts = split_periodic(object, whole);
  splits_.emplace(whole.apgcode, parts);
  return parts;
}

std::vector<ObjectClass> ObjectSeparator::split_periodic(const Patch& object,
                                                         const ObjectClass& whole) {
  const std::vector<ObjectClass> singleton{whole};
  if (whole.period > kMaxSplitPeriod) return singleton;

  SpaceTime st;
  st.period = whole.period;
  st.phases.push_back(object);
  for (std::int64_t t = 0; t < st.period; ++t) st.phases.push_back(stepper_.step(st.phases.back()));
  for (std::int64_t t = 0; t <= st.period; ++t) {
    for (const Cell& c : st.phases[static_cast<std::size_t>(t)].cells()) {
      st.id.emplace(key(t, c.x, c.y), st.node_t.size());
      st.node_t.push_back(t);
      st.node_cell.push_back(c);
    }
  }

  // The plain graph (`islands`) and the one where suppressed births join their parents
  // (`joined`).
  DisjointSets islands(st.node_t.size());
  DisjointSets joined(st.node_t.size());
  std::map<std::uint64_t, std::vector<std::size_t>> suppressed;
  for (std::size_t n = 0; n < st.node_t.size(); ++n) {
    const std::int64_t t = st.node_t[n];
    const Cell c = st.node_cell[n];
    auto join = [&](std::int64_t other) {
      if (other < 0) return;
      islands.merge(n, static_cast<std::size_t>(other));
      joined.merge(n, static_cast<std::size_t>(other));
    };
    if (t == 0) join(st.node_of(st.period, c.x + whole.dx, c.y + whole.dy));
    for (std::int64_t oy = -1; oy <= 1; ++oy) {
      for (std::int64_t ox = -1; ox <= 1; ++ox) {
        if (ox != 0 || oy != 0) {
          const std::int64_t same = st.node_of(t, c.x + ox, c.y + oy);
          join(same);
          if (same < 0) suppressed[key(t, c.x + ox, c.y + oy)].push_back(n);
        }
        if (t < st.period) join(st.node_of(t + 1, c.x + ox, c.y + oy));
      }
    }
  }
  for (const auto& [where, parents] : suppressed) {
    (void)where;
    if (parents.size() >= 3) {
      for (std::size_t i = 1; i < parents.size(); ++i) joined.merge(parents[i - 1], parents[i]);
    }
  }

  auto split_each = [&](const std::vector<std::vector<Cell>>& phase0_of_parts) {
    std::vector<ObjectClass> out;
    for (const std::vector<Cell>& cells : phase0_of_parts) {
      for (ObjectClass& part : separate(Patch::from_cells(cells))) out.push_back(std::move(part));
    }
    return out;
  };

  if (joined.count() > 1) {
    std::vector<std::vector<Cell>> parts;
    for (auto& g : groups_of(joined, st, nullptr)) {
      if (!g[0].empty()) parts.push_back(std::move(g[0]));
    }
    if (parts.size() > 1) return split_each(parts);
  }

  // Islands: merge one that alone would give birth next to exactly one other island.
  std::vector<std::vector<std::vector<Cell>>> groups;
  std::vector<std::vector<Patch>> sub;
  for (bool merged = true; merged;) {
    merged = false;
    std::vector<std::size_t> group_of_node;
    groups = groups_of(islands, st, &group_of_node);
    sub.assign(groups.size(), {});
    for (std::size_t i = 0; i < groups.size(); ++i) {
      for (const auto& cells : groups[i]) sub[i].push_back(Patch::from_cells(cells));
    }
    std::vector<std::size_t> first_node(groups.size(), st.node_t.size());
    for (std::size_t n = 0; n < group_of_node.size(); ++n) {
      first_node[group_of_node[n]] = std::min(first_node[group_of_node[n]], n);
    }
    for (std::int64_t t = 0; t < st.period && !merged; ++t) {
      const auto ts = static_cast<std::size_t>(t);
      for (std::size_t i = 0; i < groups.size() && !merged; ++i) {
        const Patch successor = stepper_.step(sub[i][ts]);
        if (successor == sub[i][ts + 1]) continue;
        for (const Cell& c : successor.cells()) {
          if (alive_at(sub[i][ts + 1], c.x, c.y)) continue;
          std::set<std::size_t> friends;
          for (std::int64_t oy = -1; oy <= 1; ++oy) {
            for (std::int64_t ox = -1; ox <= 1; ++ox) {
              if (ox == 0 && oy == 0) continue;
              const std::int64_t other = st.node_of(t, c.x + ox, c.y + oy);
              if (other < 0) continue;
              const std::size_t j = group_of_node[static_cast<std::size_t>(other)];
              if (j != i) friends.insert(j);
            }
          }
          if (friends.size() == 1) {
            islands.merge(first_node[i], first_node[*friends.begin()]);
            merged = true;
            break;
          }
        }
      }
    }
  }

  const std::size_t count = groups.size();
  if (count <= 1) return singleton;

  auto runs_alone = [&](const std::vector<Patch>& phases) {
    for (std::int64_t t = 0; t < st.period; ++t) {
      const auto ts = static_cast<std::size_t>(t);
      if (stepper_.step(phases[ts]) != phases[ts + 1]) return false;
    }
    return true;
  };
  bool all_alone = true;
  for (std::size_t i = 0; i < count && all_alone; ++i) all_alone = runs_alone(sub[i]);
  if (all_alone) {
    std::vector<std::vector<Cell>> parts;
    for (auto& g : groups) parts.push_back(std::move(g[0]));
    return split_each(parts);
  }

  if (count > kMaxIslands) return singleton;
  const bool low_period_oscillator = whole.period <= 3 && whole.kind != ObjectKind::spaceship;
  std::set<std::uint64_t> invalid;
  for (std::size_t n = 2; n <= count; ++n) {
    if (low_period_oscillator && n > 4) break;  // four colours suffice for a planar map
    std::uint64_t colourings = 1;
    for (std::size_t i = 0; i < count && colourings <= kMaxColourings; ++i) colourings *= n;
    if (colourings > kMaxColourings) break;

    // Colourings as restricted growth strings (island 0 has colour 0, each island at most one
    // more than the largest before it) that use all n colours, in lexicographic order.
    std::vector<std::size_t> colour(count, 0);
    std::vector<std::vector<Cell>> found;
    std::function<bool(std::size_t, std::size_t)> visit = [&](std::size_t i, std::size_t top) {
      if (i == count) {
        if (top + 1 != n) return false;
        std::vector<std::uint64_t> masks(n, 0);
        for (std::size_t k = 0; k < count; ++k) masks[colour[k]] |= std::uint64_t{1} << k;
        for (const std::uint64_t m : masks) {
          if (invalid.count(m)) return false;
        }
        std::vector<std::vector<std::vector<Cell>>> unions(
            n, std::vector<std::vector<Cell>>(static_cast<std::size_t>(st.period + 1)));
        for (std::size_t k = 0; k < count; ++k) {
          for (std::size_t t = 0; t < groups[k].size(); ++t) {
            auto& u = unions[colour[k]][t];
            u.insert(u.end(), groups[k][t].begin(), groups[k][t].end());
          }
        }
        bool faithful = true;
        for (std::size_t c = 0; c < n; ++c) {
          std::vector<Patch> phases;
          for (const auto& cells : unions[c]) phases.push_back(Patch::from_cells(cells));
          if (!runs_alone(phases)) {
            faithful = false;
            invalid.insert(masks[c]);
          }
        }
        if (!faithful) return false;
        for (auto& u : unions) found.push_back(std::move(u[0]));
        return true;
      }
      const std::size_t limit = std::min(top + 1, n - 1);
      for (std::size_t c = 0; c <= limit; ++c) {
        colour[i] = c;
        if (visit(i + 1, std::max(top, c))) return true;
      }
      return false;
    };
    if (visit(1, 0)) return split_each(found);
  }
  return singleton;
}

}  // namespace mpilife
