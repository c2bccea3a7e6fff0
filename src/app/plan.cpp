#include "mpilife/app/plan.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <new>
#include <optional>

#include "json_types.hpp"
#include "mpilife/app/numbers.hpp"
#include "mpilife/app/options.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/hdf5/checkpoint.hpp"
#include "mpilife/io/pattern.hpp"
#include "mpilife/io/rle_writer.hpp"
#include "mpilife/kernel/tile.hpp"
#include "output_checks.hpp"

namespace mpilife {

namespace {

constexpr std::int64_t kDefaultSoupSide = 256;

RuleSpec parse_option_rule(const std::string& text) {
  try {
    return parse_rule(text);
  } catch (const Error& e) {
    throw Error(ExitCode::data, std::string("--rule: ") + e.what());
  }
}

// --restart: the grid, rule, topology, generation and provenance come from the checkpoint;
// options that contradict it are errors (64).
void resolve_restart(RunPlan& plan) {
  const RunOptions& o = plan.options;
  const CheckpointInfo info = read_checkpoint_info(o.restart_path);
  const RuleSpec stored = parse_rule(info.meta.rule);
  const std::string where = " contradicts the checkpoint " + o.restart_path + " (" +
                            std::to_string(info.meta.width) + "x" +
                            std::to_string(info.meta.height) + " " + to_string(info.meta.topology) +
                            ", rule " + info.meta.rule + ")";
  if (!o.rule.empty()) {
    const RuleSpec given = parse_option_rule(o.rule);
    const bool suffix_differs = given.suffix && (given.suffix->width != info.meta.width ||
                                                 given.suffix->height != info.meta.height ||
                                                 given.suffix->topology != info.meta.topology);
    if (given.rule != stored.rule || suffix_differs) {
      throw Error(ExitCode::usage, "--rule " + o.rule + where);
    }
  }
  if (o.size && ((*o.size)[0] != info.meta.width || (*o.size)[1] != info.meta.height)) {
    throw Error(ExitCode::usage, "--size " + std::to_string((*o.size)[0]) + "x" +
                                     std::to_string((*o.size)[1]) + where);
  }
  if (o.topology && *o.topology != info.meta.topology) {
    throw Error(ExitCode::usage, "--topology " + to_string(*o.topology) + where);
  }
  plan.width = info.meta.width;
  plan.height = info.meta.height;
  plan.rule = stored.rule;
  plan.topology = info.meta.topology;
  plan.pattern_name = info.meta.pattern;
  plan.start_generation = info.generation;
  plan.origin_x = info.meta.origin_x;
  plan.origin_y = info.meta.origin_y;
  plan.options.seed = info.meta.seed;
  plan.options.density = info.meta.density;  // provenance only: the grid comes from the file
  // Without -g the live viewer has no target to pause at, so only then the default is moot.
  if (o.generations < info.generation && (o.generations_given || !o.view)) {
    throw Error(ExitCode::usage,
                "-g " + std::to_string(o.generations) +
                    (o.generations_given ? "" : " (the default)") + ": the checkpoint " +
                    o.restart_path + " is at generation " + std::to_string(info.generation) +
                    " and -g names the generation to end at, not a count; give -g " +
                    std::to_string(info.generation) + " or more");
  }
}

// Sets the rule and topology (--rule, --topology > the pattern's rule line > B3/S23 on a torus)
// and returns the grid suffix in force; a --rule suffix that --topology or --size contradicts is
// an error (64).
std::optional<GridSuffix> resolve_rule(RunPlan& plan, const std::optional<RuleSpec>& explicit_rule,
                                       const std::optional<RuleSpec>& pattern_rule) {
  const RunOptions& o = plan.options;
  plan.rule = explicit_rule ? explicit_rule->rule : pattern_rule ? pattern_rule->rule : Rule{};
  std::optional<GridSuffix> suffix;
  if (explicit_rule && explicit_rule->suffix) {
    suffix = explicit_rule->suffix;
  } else if (pattern_rule && pattern_rule->suffix) {
    suffix = pattern_rule->suffix;
  }
  const bool explicit_suffix = explicit_rule && explicit_rule->suffix;
  if (explicit_suffix && o.topology && suffix->topology != *o.topology) {
    throw Error(ExitCode::usage,
                "--topology " + to_string(*o.topology) + " contradicts --rule " + o.rule);
  }
  if (explicit_suffix && o.size &&
      ((*o.size)[0] != suffix->width || (*o.size)[1] != suffix->height)) {
    throw Error(ExitCode::usage, "--size contradicts the grid size in --rule " + o.rule);
  }
  // Golly's default is the unbounded universe; a size (--size, a soup's default) makes a torus.
  const bool sized = o.size.has_value() || o.pattern.empty();
  plan.topology = o.topology                            ? *o.topology
                  : suffix                              ? suffix->topology
                  : sized                               ? Topology::torus
                                                        : Topology::unbounded;
  return suffix;
}

// Sets the grid size: --size > the suffix > the pattern with its margin > the soup default.
void resolve_size(RunPlan& plan, const std::optional<GridSuffix>& suffix, const Pattern* pattern) {
  const RunOptions& o = plan.options;
  if (o.size) {
    plan.width = (*o.size)[0];
    plan.height = (*o.size)[1];
  } else if (suffix) {
    plan.width = suffix->width;
    plan.height = suffix->height;
  } else if (pattern != nullptr) {
    if (pattern->width > kMaxGridSide || pattern->height > kMaxGridSide) {
      throw Error(ExitCode::data, o.pattern + ": the pattern is " + std::to_string(pattern->width) +
                                      "x" + std::to_string(pattern->height) +
                                      " cells, more than mpilife's largest grid side (2^40)");
    }
    const std::int64_t m = default_margin(pattern->width, pattern->height);
    plan.width = pattern->width + 2 * m;
    plan.height = pattern->height + 2 * m;
  } else {
    plan.width = plan.height = kDefaultSoupSide;
  }
}

// Places the grid in Golly's universe: a bounded grid centred on 0,0 (Golly's convention), an
// unbounded one by the pattern placement (place_pattern).
void place_grid(RunPlan& plan) {
  const RlePlacement centred = bounded_grid_placement(plan.width, plan.height, 0);
  plan.origin_x = centred.x;
  plan.origin_y = centred.y;
}

// Places the pattern's cells at --at or centred; a pattern that does not fit is an error (64 when
// --size or --at made the grid, 65 when the pattern's own suffix did). The fit is checked without
// adding --at to the pattern's size, which could overflow. In an unbounded universe the pattern
// sits centred in the starting grid and --at (else the file's position, else 0,0) is where its
// top-left cell lies in Golly's coordinates.
void place_pattern(RunPlan& plan, const Pattern& pattern) {
  const RunOptions& o = plan.options;
  const bool fits_at_all = pattern.width <= plan.width && pattern.height <= plan.height;
  std::int64_t x0 = fits_at_all ? (plan.width - pattern.width) / 2 : 0;
  std::int64_t y0 = fits_at_all ? (plan.height - pattern.height) / 2 : 0;
  if (plan.topology == Topology::unbounded) {
    const PatternOrigin golly = o.at            ? PatternOrigin{(*o.at)[0], (*o.at)[1]}
                                : pattern.origin ? *pattern.origin
                                                 : PatternOrigin{};
    plan.origin_x = golly.x - x0;
    plan.origin_y = golly.y - y0;
  } else if (o.at) {
    x0 = (*o.at)[0];
    y0 = (*o.at)[1];
  }
  if (!fits_at_all || x0 < 0 || y0 < 0 || x0 > plan.width - pattern.width ||
      y0 > plan.height - pattern.height) {
    const std::string what =
        o.pattern + ": the pattern (" + std::to_string(pattern.width) + "x" +
        std::to_string(pattern.height) +
        (o.at ? " at " + std::to_string(x0) + "," + std::to_string(y0) : std::string()) +
        ") does not fit the " + std::to_string(plan.width) + "x" + std::to_string(plan.height) +
        " grid; give a larger --size" + (o.at ? " or a smaller --at" : "");
    throw Error(o.size || o.at ? ExitCode::usage : ExitCode::data, what);
  }
  plan.cells.reserve(pattern.cells.size());
  for (const Cell& c : pattern.cells) plan.cells.push_back({c.x + x0, c.y + y0});
  plan.cell_count = static_cast<std::int64_t>(plan.cells.size());
}

// A pattern file with nothing in it (no bytes, or only blanks) is an error (65), as in Golly;
// a pattern that says it is empty (a header and no cells, or only comments) runs quietly.
void refuse_blank_file(const Pattern& pattern, const std::string& path) {
  if (!pattern.cells.empty() || pattern.width > 0 || pattern.height > 0) return;
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  while (in.get(c)) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) return;
  }
  throw Error(ExitCode::data, path +
                                  ": the file is empty (no header and no live cells); give a "
                                  "pattern file, or --random DENSITY for a soup");
}

// read_pattern, with running out of memory (a file declaring far more than it holds, or simply
// too big) reported as bad pattern data (65) instead of escaping as an abort.
Pattern read_pattern_within_memory(const std::string& path) {
  try {
    return read_pattern(path);
  } catch (const std::bad_alloc&) {
    throw Error(ExitCode::data, path +
                                    ": reading the pattern ran out of memory; the file is too "
                                    "big for this machine or declares more than it holds");
  }
}

// A new run from a pattern or a soup: the rule first (a bad --rule is reported before a bad
// pattern file), then the pattern, the size and the placement.
void resolve_new_run(RunPlan& plan) {
  const RunOptions& o = plan.options;
  std::optional<RuleSpec> explicit_rule;
  if (!o.rule.empty()) explicit_rule = parse_option_rule(o.rule);
  Pattern pattern;
  const bool has_pattern = !o.pattern.empty();
  if (has_pattern) {
    pattern = read_pattern_within_memory(o.pattern);
    refuse_blank_file(pattern, o.pattern);
    plan.pattern_name = pattern.name;
    plan.comments = pattern.comments;
    // What reading changed (a LifeHistory pattern read as Life), once, from rank 0.
    if (!pattern.note.empty() && !o.quiet) {
      std::fprintf(stderr, "mpilife: %s: note: %s\n", o.pattern.c_str(), pattern.note.c_str());
    }
  }
  const std::optional<GridSuffix> suffix = resolve_rule(plan, explicit_rule, pattern.rule);
  resolve_size(plan, suffix, has_pattern ? &pattern : nullptr);
  place_grid(plan);
  if (has_pattern) place_pattern(plan, pattern);
}

// Options that only make sense with (or against) a growing universe; Error 64.
void check_unbounded_options(const RunPlan& plan) {
  const RunOptions& o = plan.options;
  const bool grows = plan.topology == Topology::unbounded;
  if (o.max_cells > 0 && !grows) {
    throw Error(ExitCode::usage, "--max-cells limits an unbounded universe, but this run is a " +
                                     to_string(plan.topology) +
                                     " of fixed size; leave --max-cells out, or give "
                                     "--topology unbounded");
  }
  if (o.max_cells > 0 && static_cast<long double>(o.max_cells) <
                            static_cast<long double>(plan.width) * plan.height) {
    throw Error(ExitCode::usage, "--max-cells " + std::to_string(o.max_cells) +
                                     " is smaller than the starting grid (" +
                                     std::to_string(plan.width) + "x" +
                                     std::to_string(plan.height) + " cells)");
  }
  if (grows && o.io == IoChoice::parallel && !o.outputs.output_path.empty()) {
    throw Error(ExitCode::usage,
                "--io parallel: an unbounded universe's recording shows a window of a grid that "
                "grows and moves, which rank 0 writes; give --io gather (or auto), or record a "
                "fixed grid with --size and --topology plane");
  }
}

}  // namespace

std::int64_t default_margin(std::int64_t pattern_width, std::int64_t pattern_height) {
  return std::max<std::int64_t>({32, pattern_width, pattern_height});
}

std::string RunPlan::rule_with_suffix() const {
  return rule.to_string() + GridSuffix{topology, width, height}.to_string();
}

RunPlan resolve_plan(const RunOptions& options) {
  RunPlan plan;
  plan.options = options;
  check_output_overlaps(options);
  if (!options.restart_path.empty()) {
    resolve_restart(plan);
  } else {
    resolve_new_run(plan);
  }
  check_outputs(plan.options);
  check_unbounded_options(plan);
  return plan;
}

std::string RunPlan::to_json() const {
  return nlohmann::json(*this).dump();
}

RunPlan RunPlan::from_json(const std::string& text) {
  return nlohmann::json::parse(text).get<RunPlan>();
}

}  // namespace mpilife
