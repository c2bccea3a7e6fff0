// The typed choices of a run: their parse functions (unknown text is rejected, never defaulted),
// the command line that parses them once, the plan's broadcast encoding and the --summary JSON.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_test_util.hpp"
#include "mpilife/app/options.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/app/report.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/kernel/tile.hpp"

using namespace mpilife;

namespace {

using test::code_of;
using test::parse;

// `text` with the first `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// A plan with every field set away from its default.
RunPlan full_plan() {
  RunPlan p;
  RunOptions& o = p.options;
  o.pattern = "p.rle";
  o.generations = 77;
  o.generations_given = true;
  o.size = std::array<std::int64_t, 2>{17, 9};
  o.rule = "B36/S23:P17,9";
  o.topology = Topology::plane;
  o.density = 0.25;
  o.seed = 99;
  o.at = std::array<std::int64_t, 2>{3, 4};
  o.decomp = parse_decomp("3x2");
  o.kernel = KernelKind::reference;
  o.blocking = {12, 3};
  o.io = IoChoice::parallel;
  o.outputs.final_path = "f.rle";
  o.outputs.stats_path = "s.csv";
  o.outputs.summary_path = "s.json";
  o.outputs.output_path = "r.h5";
  o.outputs.every = 5;
  o.outputs.frame_scale = 2;
  o.outputs.checkpoint_path = "c.h5";
  o.outputs.checkpoint_every = 11;
  o.outputs.force = true;
  o.stop_when_stable = true;
  o.quiet = true;
  o.progress_seconds = 2.5;
  o.restart_path = "old.h5";
  o.view = true;
  o.window = {640, 480};
  o.view_script = "step 3; quit";
  p.width = 17;
  p.height = 9;
  p.rule = parse_rule("B36/S23").rule;
  p.topology = Topology::plane;
  p.pattern_name = "Glider";
  p.start_generation = 20;
  p.procs = {3, 2};
  p.cells = {{1, 2}};
  return p;
}

}  // namespace

TEST_CASE("parse_kernel knows fast and reference and nothing else") {
  for (const KernelKind k : {KernelKind::fast, KernelKind::reference}) {
    CHECK(parse_kernel(to_string(k)) == k);
  }
  CHECK(parse_kernel("fast") == KernelKind::fast);
  CHECK(parse_kernel("reference") == KernelKind::reference);
  for (const char* bad : {"turbo", "", "Fast", "fast ", "ref", "referenceX"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_kernel(bad));
  }
}

TEST_CASE("parse_topology knows torus and plane and nothing else") {
  for (const Topology t : {Topology::torus, Topology::plane}) {
    CHECK(parse_topology(to_string(t)) == t);
  }
  CHECK(parse_topology("plane") == Topology::plane);
  CHECK(parse_topology("torus") == Topology::torus);
  for (const char* bad : {"sphere", "", "Plane", "TORUS", "klein", "plane\n"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_topology(bad));
  }
}

TEST_CASE("parse_io_choice knows auto, gather and parallel and nothing else") {
  CHECK(parse_io_choice("auto") == IoChoice::automatic);
  CHECK(parse_io_choice("gather") == IoChoice::gather);
  CHECK(parse_io_choice("parallel") == IoChoice::parallel);
  for (const IoChoice c : {IoChoice::automatic, IoChoice::gather, IoChoice::parallel}) {
    CHECK(parse_io_choice(to_string(c)) == c);
  }
  for (const char* bad : {"mpiio", "", "Auto", "automatic", "serial"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_io_choice(bad));
  }
}

TEST_CASE("stop reasons keep the names files and JSON use") {
  CHECK(to_string(StopReason::completed) == "completed");
  CHECK(to_string(StopReason::died_out) == "died-out");
  CHECK(to_string(StopReason::stable) == "stable");
  CHECK(to_string(StopReason::interrupted) == "interrupted");
  for (const StopReason r :
       {StopReason::completed, StopReason::died_out, StopReason::stable, StopReason::interrupted}) {
    CHECK(parse_stop_reason(to_string(r)) == r);
  }
  for (const char* bad : {"died_out", "", "Stable", "done"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_stop_reason(bad));
  }
}

TEST_CASE("command line: kernel, topology, --io and --decomp are typed once") {
  const Command c = parse({"run", "--random", "0.5", "--kernel", "reference", "--topology", "plane",
                           "--io", "gather", "--decomp", "1d"});
  CHECK(c.run.kernel == KernelKind::reference);
  REQUIRE(c.run.topology);
  CHECK(*c.run.topology == Topology::plane);
  CHECK(c.run.io == IoChoice::gather);
  CHECK(c.run.decomp.kind == DecompSpec::Kind::strips);
  const Command d = parse({"run", "--random", "0.5"});
  CHECK(d.run.kernel == KernelKind::fast);
  CHECK(d.run.blocking.halo_depth == 0);  // auto
  CHECK(d.run.blocking.time_block == 0);
  const Command b = parse({"run", "--random", "0.5", "--halo-depth", "8", "--time-block", "2"});
  CHECK(b.run.blocking.halo_depth == 8);
  CHECK(b.run.blocking.time_block == 2);
  CHECK_FALSE(d.run.topology);
  CHECK(d.run.io == IoChoice::automatic);
  CHECK(d.run.decomp.kind == DecompSpec::Kind::balanced);
  const Command e = parse(
      {"run", "--random", "0.5", "--final", "f.rle", "--stats", "s.csv", "--summary", "s.json"});
  CHECK(e.run.outputs.final_path == "f.rle");
  CHECK(e.run.outputs.stats_path == "s.csv");
  CHECK(e.run.outputs.summary_path == "s.json");

  for (const std::vector<const char*>& bad :
       std::vector<std::vector<const char*>>{{"--kernel", "Fast"},
                                             {"--kernel", ""},
                                             {"--topology", "Plane"},
                                             {"--topology", "unbounded-ish"},
                                             {"--io", "Auto"},
                                             {"--io", ""},
                                             {"--decomp", "2x"}}) {
    std::vector<const char*> args = {"run", "--random", "0.5"};
    args.insert(args.end(), bad.begin(), bad.end());
    CAPTURE(bad[0]);
    CAPTURE(bad[1]);
    CHECK(code_of(args) == ExitCode::usage);
  }
}

TEST_CASE("plan JSON: every field survives the broadcast encoding") {
  const RunPlan p = full_plan();
  const RunPlan q = RunPlan::from_json(p.to_json());
  const RunOptions& o = q.options;
  CHECK(o.pattern == "p.rle");
  CHECK(o.generations == 77);
  CHECK(o.generations_given);
  REQUIRE(o.size);
  CHECK(*o.size == std::array<std::int64_t, 2>{17, 9});
  CHECK(o.rule == "B36/S23:P17,9");
  REQUIRE(o.topology);
  CHECK(*o.topology == Topology::plane);
  REQUIRE(o.density);
  CHECK(*o.density == 0.25);
  CHECK(o.seed == 99);
  REQUIRE(o.at);
  CHECK(*o.at == std::array<std::int64_t, 2>{3, 4});
  CHECK(o.decomp.kind == DecompSpec::Kind::explicit_grid);
  CHECK(o.decomp.cols == 3);
  CHECK(o.decomp.rows == 2);
  CHECK(o.kernel == KernelKind::reference);
  CHECK(o.blocking.halo_depth == 12);  // every rank must step alike
  CHECK(o.blocking.time_block == 3);
  CHECK(o.io == IoChoice::parallel);
  CHECK(o.outputs.final_path == "f.rle");
  CHECK(o.outputs.stats_path == "s.csv");
  CHECK(o.outputs.summary_path == "s.json");
  CHECK(o.outputs.output_path == "r.h5");
  CHECK(o.outputs.every == 5);
  CHECK(o.outputs.frame_scale == 2);
  CHECK(o.outputs.checkpoint_path == "c.h5");
  CHECK(o.outputs.checkpoint_every == 11);
  CHECK(o.outputs.force);
  CHECK(o.stop_when_stable);
  CHECK(o.quiet);
  CHECK(o.progress_seconds == 2.5);
  CHECK(o.restart_path == "old.h5");
  CHECK(o.view);
  CHECK(o.window == std::array<std::int64_t, 2>{640, 480});
  CHECK(o.view_script == "step 3; quit");
  CHECK(q.width == 17);
  CHECK(q.height == 9);
  CHECK(q.rule == p.rule);
  CHECK(q.topology == Topology::plane);
  CHECK(q.pattern_name == "Glider");
  CHECK(q.start_generation == 20);
  CHECK(q.procs.cols == 3);
  CHECK(q.procs.rows == 2);
  CHECK(q.cells.empty());  // only rank 0 holds the cells
  CHECK(q.rule_with_suffix() == "B36/S23:P17,9");
  CHECK(q.to_json() == p.to_json());
}

TEST_CASE("plan JSON: absent optional values stay absent, defaults stay defaults") {
  const RunPlan q = RunPlan::from_json(RunPlan{}.to_json());
  CHECK_FALSE(q.options.size);
  CHECK_FALSE(q.options.topology);
  CHECK_FALSE(q.options.density);
  CHECK_FALSE(q.options.at);
  CHECK(q.options.kernel == KernelKind::fast);
  CHECK(q.options.io == IoChoice::automatic);
  CHECK(q.options.decomp.kind == DecompSpec::Kind::balanced);
  CHECK(q.rule.is_conway());
  CHECK(q.to_json() == RunPlan{}.to_json());
}

TEST_CASE("plan JSON: unknown names are rejected, not defaulted") {
  const std::string text = full_plan().to_json();
  CHECK_THROWS_AS(RunPlan::from_json(replaced(text, "\"reference\"", "\"turbo\"")), Error);
  CHECK_THROWS_AS(RunPlan::from_json(replaced(text, "\"plane\"", "\"sphere\"")), Error);
  CHECK_THROWS_AS(RunPlan::from_json(replaced(text, "\"parallel\"", "\"mpiio\"")), Error);
  CHECK_THROWS_AS(RunPlan::from_json(replaced(text, "\"3x2\"", "\"3d\"")), Error);
}

TEST_CASE("the --summary JSON keeps its keys and values") {
  RunReport r;
  r.generations = 130;
  r.final_generation = 150;
  r.width = 64;
  r.height = 32;
  r.origin_x = -32;
  r.origin_y = -16;
  r.cell_updates = 130.0 * 64 * 32;
  r.ranks = 6;
  r.process_grid = {3, 2};
  r.kernel = KernelKind::reference;
  r.kernel_isa = "portable C++";
  r.rule = "B3/S23:P64,32";
  r.topology = Topology::plane;
  r.wall_seconds = 2.0;
  r.halo_wait_fraction = 0.25;
  r.halo_depth = 8;
  r.time_block = 4;
  r.halo_messages = 4096;
  r.output_seconds = 0.5;
  r.output_wait_fraction = 0.125;
  r.final_population = 7;
  r.stopped = StopReason::died_out;
  r.edge_reached_generation = 96;
  r.peak_memory_bytes = {100 << 20, 90 << 20, 80 << 20, 80 << 20, 80 << 20, 80 << 20};
  r.planned_memory_bytes = {95 << 20, 85 << 20, 75 << 20, 75 << 20, 75 << 20, 75 << 20};
  std::string json = r.json();
  const std::size_t version = json.find("  \"mpilife_version\": \"");
  REQUIRE(version != std::string::npos);
  json.erase(version, json.find('\n', version) + 1 - version);
  CHECK(json ==
        "{\n"
        "  \"cell_updates\": 266240.0,\n"
        "  \"cell_updates_per_second\": 133120.0,\n"
        "  \"edge_reached_generation\": 96,\n"
        "  \"final_generation\": 150,\n"
        "  \"final_population\": 7,\n"
        "  \"generations\": 130,\n"
        "  \"growth_seconds\": 0.0,\n"
        "  \"growths\": 0,\n"
        "  \"halo_depth\": 8,\n"
        "  \"halo_messages\": 4096,\n"
        "  \"halo_wait_fraction\": 0.25,\n"
        "  \"height\": 32,\n"
        "  \"kernel\": \"reference\",\n"
        "  \"kernel_isa\": \"portable C++\",\n"
        "  \"origin_x\": -32,\n"
        "  \"origin_y\": -16,\n"
        "  \"output_seconds\": 0.5,\n"
        "  \"output_wait_fraction\": 0.125,\n"
        "  \"peak_memory_bytes\": [\n"
        "    104857600,\n"
        "    94371840,\n"
        "    83886080,\n"
        "    83886080,\n"
        "    83886080,\n"
        "    83886080\n"
        "  ],\n"
        "  \"planned_memory_bytes\": [\n"
        "    99614720,\n"
        "    89128960,\n"
        "    78643200,\n"
        "    78643200,\n"
        "    78643200,\n"
        "    78643200\n"
        "  ],\n"
        "  \"process_grid\": [\n"
        "    3,\n"
        "    2\n"
        "  ],\n"
        "  \"ranks\": 6,\n"
        "  \"rule\": \"B3/S23:P64,32\",\n"
        "  \"stopped\": \"died-out\",\n"
        "  \"time_block\": 4,\n"
        "  \"topology\": \"plane\",\n"
        "  \"wall_seconds\": 2.0,\n"
        "  \"width\": 64\n"
        "}\n");
  CHECK(r.line() ==
        "mpilife: 130 generations of 64x32 on 6 ranks (3x2) in 2.00 s = 133120 cell-updates/s, "
        "halo wait 25% (halo depth 8, time block 4), peak memory 100 MiB per rank (died-out at "
        "generation 150)");
  // An unbounded universe's line says how often it grew; its rate counts the cells of each grid.
  r.topology = Topology::unbounded;
  r.growths = 3;
  r.growth_seconds = 0.25;
  r.cell_updates = 4.0e6;
  CHECK(r.line().find("2.00 s = 2.0 Mcell-updates/s") != std::string::npos);
  CHECK(r.line().find(", unbounded: grew 3 times in 0.25 s,") != std::string::npos);
  CHECK(r.json().find("\"growths\": 3") != std::string::npos);
  r.topology = Topology::plane;
  CHECK(r.edge_warning().find("reached the edge of the 64x32 plane at generation 96") !=
        std::string::npos);
  r.topology = Topology::torus;  // no edge, no key, no warning
  CHECK(r.edge_warning().empty());
  CHECK(r.json().find("edge_reached_generation") == std::string::npos);
  r.topology = Topology::plane;
  r.edge_reached_generation = -1;
  CHECK(r.edge_warning().empty());
  CHECK(r.json().find("\"edge_reached_generation\": null") != std::string::npos);
  r.stopped = StopReason::completed;
  CHECK(r.json().find("\"stopped\": \"completed\"") != std::string::npos);
  CHECK(r.line().find("generation 150") == std::string::npos);
}
