#include "mpilife/app/plan.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "mpilife/app/options.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/files.hpp"
#include "mpilife/io/hdf5/checkpoint.hpp"
#include "mpilife/io/hdf5/xdmf.hpp"
#include "mpilife/io/pattern.hpp"
#include "mpilife/kernel/tile.hpp"

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

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec);
}

void check_outputs(const RunPlan& plan) {
  const RunOptions& o = plan.options;
  if (!o.final_path.empty()) check_output_path(o.final_path, "--final", true);
  if (!o.stats_path.empty()) check_output_path(o.stats_path, "--stats", true);
  if (!o.summary_path.empty()) check_output_path(o.summary_path, "--summary", true);
  if (!o.output_path.empty()) {
    if (o.output_path == o.checkpoint_path || same_file(o.output_path, o.restart_path)) {
      throw Error(ExitCode::usage, "--output must name a file of its own");
    }
    check_output_path(o.output_path, "--output", o.force);
    check_output_path(sidecar_path(o.output_path), "--output (XDMF sidecar)", true);
  }
  if (!o.checkpoint_path.empty()) {
    // Continuing into the checkpoint a run restarted from is the normal case, not an overwrite.
    const bool continues = same_file(o.checkpoint_path, o.restart_path);
    check_output_path(o.checkpoint_path, "--checkpoint", o.force || continues);
    check_output_path(o.checkpoint_path + ".tmp", "--checkpoint", true);
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
  if (!o.topology.empty() && o.topology != to_string(info.meta.topology)) {
    throw Error(ExitCode::usage, "--topology " + o.topology + where);
  }
  plan.width = info.meta.width;
  plan.height = info.meta.height;
  plan.rule = stored.rule;
  plan.topology = info.meta.topology;
  plan.pattern_name = info.meta.pattern;
  plan.start_generation = info.generation;
  plan.options.seed = info.meta.seed;
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
  plan.kernel = parse_kernel(options.kernel).value();
  plan.decomp = parse_decomp(options.decomp);
  if (!options.restart_path.empty()) {
    resolve_restart(plan);
    check_outputs(plan);
    return plan;
  }

  std::optional<RuleSpec> explicit_rule;
  if (!options.rule.empty()) explicit_rule = parse_option_rule(options.rule);
  Pattern pattern;
  const bool has_pattern = !options.pattern.empty();
  if (has_pattern) {
    pattern = read_pattern(options.pattern);
    plan.pattern_name = pattern.name;
  }

  plan.rule = explicit_rule ? explicit_rule->rule : pattern.rule ? pattern.rule->rule : Rule{};
  std::optional<GridSuffix> suffix;
  if (explicit_rule && explicit_rule->suffix) {
    suffix = explicit_rule->suffix;
  } else if (pattern.rule && pattern.rule->suffix) {
    suffix = pattern.rule->suffix;
  }
  const bool explicit_suffix = explicit_rule && explicit_rule->suffix;
  if (explicit_suffix && !options.topology.empty() &&
      to_string(suffix->topology) != options.topology) {
    throw Error(ExitCode::usage,
                "--topology " + options.topology + " contradicts --rule " + options.rule);
  }
  if (explicit_suffix && options.size &&
      ((*options.size)[0] != suffix->width || (*options.size)[1] != suffix->height)) {
    throw Error(ExitCode::usage, "--size contradicts the grid size in --rule " + options.rule);
  }
  plan.topology = !options.topology.empty() ? parse_topology(options.topology).value()
                  : suffix                  ? suffix->topology
                                            : Topology::torus;

  if (options.size) {
    plan.width = (*options.size)[0];
    plan.height = (*options.size)[1];
  } else if (suffix) {
    plan.width = suffix->width;
    plan.height = suffix->height;
  } else if (has_pattern) {
    const std::int64_t m = default_margin(pattern.width, pattern.height);
    plan.width = pattern.width + 2 * m;
    plan.height = pattern.height + 2 * m;
  } else {
    plan.width = plan.height = kDefaultSoupSide;
  }

  if (has_pattern) {
    std::int64_t x0 = (plan.width - pattern.width) / 2;
    std::int64_t y0 = (plan.height - pattern.height) / 2;
    if (options.at) {
      x0 = (*options.at)[0];
      y0 = (*options.at)[1];
    }
    if (x0 < 0 || y0 < 0 || x0 + pattern.width > plan.width || y0 + pattern.height > plan.height) {
      const std::string what =
          options.pattern + ": the pattern (" + std::to_string(pattern.width) + "x" +
          std::to_string(pattern.height) +
          (options.at ? " at " + std::to_string(x0) + "," + std::to_string(y0) : std::string()) +
          ") does not fit the " + std::to_string(plan.width) + "x" + std::to_string(plan.height) +
          " grid; give a larger --size";
      throw Error(options.size || options.at ? ExitCode::usage : ExitCode::data, what);
    }
    plan.cells.reserve(pattern.cells.size());
    for (const Cell& c : pattern.cells) plan.cells.push_back({c.x + x0, c.y + y0});
  }

  check_outputs(plan);
  return plan;
}

std::string RunPlan::to_json() const {
  const RunOptions& o = options;
  nlohmann::json j;
  j["pattern"] = o.pattern;
  j["generations"] = o.generations;
  j["density"] = o.density ? *o.density : -1.0;
  j["seed"] = o.seed;
  j["decomp"] = o.decomp;
  j["kernel"] = o.kernel;
  j["final"] = o.final_path;
  j["stats"] = o.stats_path;
  j["summary"] = o.summary_path;
  j["stop_when_stable"] = o.stop_when_stable;
  j["force"] = o.force;
  j["quiet"] = o.quiet;
  j["progress_seconds"] = o.progress_seconds;
  j["output"] = o.output_path;
  j["every"] = o.every;
  j["io"] = o.io;
  j["frame_scale"] = o.frame_scale;
  j["checkpoint"] = o.checkpoint_path;
  j["checkpoint_every"] = o.checkpoint_every;
  j["restart"] = o.restart_path;
  j["view"] = o.view;
  j["generations_given"] = o.generations_given;
  j["window"] = o.window;
  j["view_script"] = o.view_script;
  j["width"] = width;
  j["height"] = height;
  j["birth"] = rule.birth;
  j["survival"] = rule.survival;
  j["topology"] = to_string(topology);
  j["pattern_name"] = pattern_name;
  j["start_generation"] = start_generation;
  j["procs"] = {procs.cols, procs.rows};
  return j.dump();
}

RunPlan RunPlan::from_json(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text);
  RunPlan p;
  RunOptions& o = p.options;
  o.pattern = j.at("pattern").get<std::string>();
  o.generations = j.at("generations").get<std::int64_t>();
  const double density = j.at("density").get<double>();
  if (density >= 0) o.density = density;
  o.seed = j.at("seed").get<std::uint64_t>();
  o.decomp = j.at("decomp").get<std::string>();
  o.kernel = j.at("kernel").get<std::string>();
  o.final_path = j.at("final").get<std::string>();
  o.stats_path = j.at("stats").get<std::string>();
  o.summary_path = j.at("summary").get<std::string>();
  o.stop_when_stable = j.at("stop_when_stable").get<bool>();
  o.force = j.at("force").get<bool>();
  o.quiet = j.at("quiet").get<bool>();
  o.progress_seconds = j.at("progress_seconds").get<double>();
  o.output_path = j.at("output").get<std::string>();
  o.every = j.at("every").get<std::int64_t>();
  o.io = j.at("io").get<std::string>();
  o.frame_scale = j.at("frame_scale").get<std::int64_t>();
  o.checkpoint_path = j.at("checkpoint").get<std::string>();
  o.checkpoint_every = j.at("checkpoint_every").get<std::int64_t>();
  o.restart_path = j.at("restart").get<std::string>();
  o.view = j.at("view").get<bool>();
  o.generations_given = j.at("generations_given").get<bool>();
  o.window = j.at("window").get<std::array<std::int64_t, 2>>();
  o.view_script = j.at("view_script").get<std::string>();
  p.width = j.at("width").get<std::int64_t>();
  p.height = j.at("height").get<std::int64_t>();
  p.rule.birth = j.at("birth").get<std::uint16_t>();
  p.rule.survival = j.at("survival").get<std::uint16_t>();
  p.topology = parse_topology(j.at("topology").get<std::string>()).value();
  p.kernel = parse_kernel(o.kernel).value();
  p.decomp = parse_decomp(o.decomp);
  p.pattern_name = j.at("pattern_name").get<std::string>();
  p.start_generation = j.at("start_generation").get<std::int64_t>();
  p.procs = {j.at("procs").at(0).get<int>(), j.at("procs").at(1).get<int>()};
  return p;
}

}  // namespace mpilife
