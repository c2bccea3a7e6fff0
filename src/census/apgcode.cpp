#include "mpilife/census/apgcode.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <unordered_map>

#include "mpilife/census/patch_stepper.hpp"
#include "mpilife/census/wechsler.hpp"

namespace mpilife {

namespace {

ObjectClass unclassified(ObjectClass out, Unclassified why, std::string reason) {
  out.kind = ObjectKind::unclassified;
  out.why = why;
  out.reason = std::move(reason);
  return out;
}

bool exceeds(const Patch& p, const ClassifyLimits& limits) {
  return p.width() > limits.max_extent || p.height() > limits.max_extent;
}

std::string size_cap_reason(std::int64_t w, std::int64_t h, std::int64_t generation,
                            const ClassifyLimits& limits) {
  return "its bounding box is " + std::to_string(w) + "x" + std::to_string(h) + " at generation " +
         std::to_string(generation) + ", more than the size cap of " +
         std::to_string(limits.max_extent) + " cells a side";
}

// The state `generations` generations after `start`.
Patch replay(const Patch& start, const Rule& rule, std::int64_t generations) {
  PatchStepper stepper(rule);
  Patch p = start;
  for (std::int64_t t = 0; t < generations; ++t) p = stepper.step(p);
  return p;
}

}  // namespace

std::string to_string(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::empty:
      return "empty";
    case ObjectKind::still_life:
      return "still life";
    case ObjectKind::oscillator:
      return "oscillator";
    case ObjectKind::spaceship:
      return "spaceship";
    case ObjectKind::unclassified:
      return "unclassified";
  }
  return "unclassified";
}

std::string to_string(Unclassified why) {
  switch (why) {
    case Unclassified::none:
      return "none";
    case Unclassified::b0_rule:
      return "B0 rule";
    case Unclassified::dies_out:
      return "dies out";
    case Unclassified::transient:
      return "transient";
    case Unclassified::generation_cap:
      return "generation cap";
    case Unclassified::size_cap:
      return "size cap";
  }
  return "none";
}

std::string apgcode_of(const std::vector<Patch>& phases, bool moves) {
  std::optional<std::string> best;
  for (const Patch& phase : phases) {
    if ((phase.width() + 2) * (phase.height() + 2) > kMaxPhaseArea) continue;
    std::string rep = canonical_wechsler(phase);
    if (rep.size() > kMaxCodeLength) continue;
    if (!best || simpler_code(rep, *best)) best = std::move(rep);
  }
  const auto period = static_cast<std::int64_t>(phases.size());
  std::string code = best ? "x" : "ov_";
  if (moves) {
    code += "q" + std::to_string(period);
  } else if (period == 1) {
    code += "s" + std::to_string(phases.empty() ? 0 : phases.front().population());
  } else {
    code += "p" + std::to_string(period);
  }
  if (best) code += "_" + *best;
  return code;
}

ObjectClass classify_object(const Patch& object, const Rule& rule, const ClassifyLimits& limits) {
  ObjectClass out;
  out.population = object.population();
  if (object.empty()) {
    out.kind = ObjectKind::empty;
    out.apgcode = "xs0_0";
    return out;
  }
  if (rule.births(0)) {
    return unclassified(out, Unclassified::b0_rule,
                        "rule " + rule.to_string() +
                            " has B0: the dead cells around an object are born, so no object is "
                            "finite");
  }
  if (exceeds(object, limits)) {
    return unclassified(out, Unclassified::size_cap,
                        size_cap_reason(object.width(), object.height(), 0, limits));
  }

  // Run until the shape returns (the period) or an earlier later-than-start shape does (a
  // transient). Earlier shapes are remembered by hash only; a match is confirmed by replaying.
  PatchStepper stepper(rule);
  std::unordered_multimap<std::uint64_t, std::int64_t> seen;
  Patch current = object;
  std::int64_t period = 0;
  for (std::int64_t t = 1; t <= limits.max_generations; ++t) {
    current = stepper.step(current);
    out.generations = t;
    if (current.empty()) {
      out.settles_at = t;
      return unclassified(out, Unclassified::dies_out,
                          "it dies out at generation " + std::to_string(t));
    }
    if (exceeds(current, limits)) {
      return unclassified(out, Unclassified::size_cap,
                          size_cap_reason(current.width(), current.height(), t, limits));
    }
    if (same_shape(current, object)) {
      period = t;
      break;
    }
    const std::uint64_t hash = current.shape_hash();
    const auto [first, last] = seen.equal_range(hash);
    for (auto it = first; it != last; ++it) {
      const Patch earlier = replay(object, rule, it->second);
      if (!same_shape(earlier, current)) continue;
      out.settles_at = it->second;
      out.period = t - it->second;
      out.dx = current.x0() - earlier.x0();
      out.dy = current.y0() - earlier.y0();
      return unclassified(out, Unclassified::transient,
                          "it is not periodic from its start: from generation " +
                              std::to_string(it->second) + " it repeats with period " +
                              std::to_string(out.period));
    }
    seen.emplace(hash, t);
  }
  if (period == 0) {
    return unclassified(out, Unclassified::generation_cap,
                        "it does not repeat within the generation cap of " +
                            std::to_string(limits.max_generations));
  }

  out.period = period;
  out.dx = current.x0() - object.x0();
  out.dy = current.y0() - object.y0();
  const bool moves = out.dx != 0 || out.dy != 0;
  out.kind = moves ? ObjectKind::spaceship
                   : (period == 1 ? ObjectKind::still_life : ObjectKind::oscillator);
  std::vector<Patch> phases{object};
  PatchStepper phase_stepper(rule);
  for (std::int64_t t = 1; t < period; ++t) phases.push_back(phase_stepper.step(phases.back()));
  out.apgcode = apgcode_of(phases, moves);
  return out;
}

ObjectClass classify_object(const std::vector<Cell>& cells, const Rule& rule,
                            const ClassifyLimits& limits) {
  if (!cells.empty()) {
    const auto [x_min, x_max] = std::minmax_element(
        cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.x < b.x; });
    const auto [y_min, y_max] = std::minmax_element(
        cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.y < b.y; });
    // Spans computed in unsigned arithmetic: coordinates far apart must not overflow.
    const auto span = [](std::int64_t lo, std::int64_t hi) {
      return static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
    };
    const std::uint64_t w = span(x_min->x, x_max->x);
    const std::uint64_t h = span(y_min->y, y_max->y);
    const auto cap = static_cast<std::uint64_t>(std::max<std::int64_t>(limits.max_extent, 0));
    if (w > cap || h > cap) {
      std::vector<Cell> distinct = cells;
      std::sort(distinct.begin(), distinct.end(),
                [](const Cell& a, const Cell& b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
      ObjectClass out;
      out.population = std::unique(distinct.begin(), distinct.end()) - distinct.begin();
      const auto shown = [](std::uint64_t v) {
        return static_cast<std::int64_t>(
            std::min<std::uint64_t>(v, std::numeric_limits<std::int64_t>::max()));
      };
      return unclassified(out, Unclassified::size_cap,
                          size_cap_reason(shown(w), shown(h), 0, limits));
    }
  }
  return classify_object(Patch::from_cells(cells), rule, limits);
}

}  // namespace mpilife
