#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "cli_test_util.hpp"
#include "mpilife/app/numbers.hpp"
#include "mpilife/app/options.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"

using namespace mpilife;

namespace {

using test::code_of;
using test::parse;

std::string temp_pattern(const std::string& name, const std::string& text) {
  const std::string path = std::string(P_tmpdir) + "/mpilife-test-" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("command line: options and defaults") {
  const Command c = parse({"run", "p.rle", "-g", "50", "--size", "64x32", "--rule", "b36s23",
                           "--topology", "plane", "--at", "3,4", "--decomp", "2x1"});
  CHECK(c.kind == Command::Kind::run);
  CHECK(c.run.pattern == "p.rle");
  CHECK(c.run.generations == 50);
  REQUIRE(c.run.size);
  CHECK((*c.run.size)[0] == 64);
  CHECK((*c.run.size)[1] == 32);
  CHECK(c.run.rule == "b36s23");
  CHECK(c.run.topology == Topology::plane);
  REQUIRE(c.run.at);
  CHECK((*c.run.at)[1] == 4);
  CHECK(c.run.decomp.kind == DecompSpec::Kind::explicit_grid);
  CHECK(c.run.decomp.cols == 2);
  CHECK(c.run.decomp.rows == 1);
  const Command d = parse({"run", "--random", "0.5"});
  CHECK(d.run.generations == 100);
  CHECK(d.run.seed == 1);
  CHECK(d.run.kernel == KernelKind::fast);
  CHECK(d.run.decomp.kind == DecompSpec::Kind::balanced);
  CHECK_FALSE(d.run.topology);
  CHECK(parse({"--help"}).kind == Command::Kind::help);
  CHECK(parse({"run", "--help"}).text.find("--generations") != std::string::npos);
  CHECK(parse({"--version"}).kind == Command::Kind::version);
}

TEST_CASE("command line: bad input is exit 64") {
  CHECK(code_of({"run", "p.rle", "--size", "0x5"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--size", "12"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--size", "-3x4"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "-g", "-1"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--kernel", "turbo"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--topology", "sphere"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--decomp", "3d"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--at", "1"}) == ExitCode::usage);
  CHECK(code_of({"run", "--random", "2"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--random", "0.5"}) == ExitCode::usage);
  CHECK(code_of({"run"}) == ExitCode::usage);
  CHECK(code_of({"frobnicate"}) == ExitCode::usage);
  CHECK(code_of({}) == ExitCode::usage);
}

TEST_CASE("plan: explicit options beat the pattern, which beats the defaults") {
  const std::string p = temp_pattern("plan.rle", "x = 3, y = 1, rule = B36/S23:P20,10\n3o!\n");
  RunOptions o;
  o.pattern = p;
  RunPlan plan = resolve_plan(o);
  CHECK(plan.rule.to_string() == "B36/S23");
  CHECK(plan.topology == Topology::plane);
  CHECK(plan.width == 20);
  CHECK(plan.height == 10);
  REQUIRE(plan.cells.size() == 3);
  CHECK(plan.cells[0].x == 8);  // centred: (20 - 3) / 2
  CHECK(plan.cells[0].y == 4);
  CHECK(plan.rule_with_suffix() == "B36/S23:P20,10");

  o.rule = "B3/S23";
  o.topology = Topology::torus;
  o.size = std::array<std::int64_t, 2>{30, 40};
  o.at = std::array<std::int64_t, 2>{0, 39};
  plan = resolve_plan(o);
  CHECK(plan.rule.to_string() == "B3/S23");
  CHECK(plan.topology == Topology::torus);
  CHECK(plan.width == 30);
  CHECK(plan.cells[2].x == 2);
  CHECK(plan.cells[2].y == 39);

  o.at = std::array<std::int64_t, 2>{28, 0};
  CHECK_THROWS_AS(resolve_plan(o), Error);

  RunOptions plain;
  plain.pattern = temp_pattern("plain.rle", "x = 3, y = 1\n3o!\n");
  plan = resolve_plan(plain);
  CHECK(plan.width == 3 + 2 * default_margin(3, 1));
  CHECK(plan.height == 1 + 2 * default_margin(3, 1));
  // Golly's default: without --size or a suffix the universe is unbounded, the pattern's top-left
  // (a plain RLE has no position) at Golly's 0,0.
  CHECK(plan.topology == Topology::unbounded);
  CHECK(plan.origin_x == -default_margin(3, 1));
  CHECK(plan.origin_y == -default_margin(3, 1));
  plain.size = std::array<std::int64_t, 2>{40, 20};
  plan = resolve_plan(plain);
  CHECK(plan.topology == Topology::torus);
  CHECK(plan.origin_x == -20);  // a bounded grid is centred on 0,0, as Golly places it
  CHECK(plan.origin_y == -10);
  CHECK(plan.rule.is_conway());
  std::remove(p.c_str());
  std::remove(plain.pattern.c_str());
}

TEST_CASE("plan: conflicts and bad data") {
  RunOptions o;
  o.density = 0.5;
  o.rule = "B3/S23:T10,10";
  o.size = std::array<std::int64_t, 2>{20, 20};
  try {
    resolve_plan(o);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::usage);
  }
  o.size.reset();
  o.topology = Topology::plane;
  CHECK_THROWS_AS(resolve_plan(o), Error);
  o.topology.reset();
  o.rule = "B3/S2a";
  try {
    resolve_plan(o);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    CHECK(std::string(e.what()).rfind("--rule: ", 0) == 0);
  }
}

TEST_CASE("plan survives the broadcast encoding") {
  RunOptions o;
  o.density = 0.25;
  o.seed = 99;
  o.size = std::array<std::int64_t, 2>{17, 9};
  o.rule = "B2/S:P17,9";
  RunPlan plan = resolve_plan(o);
  plan.procs = {3, 1};
  const RunPlan back = RunPlan::from_json(plan.to_json());
  CHECK(back.width == 17);
  CHECK(back.height == 9);
  CHECK(back.rule == plan.rule);
  CHECK(back.topology == Topology::plane);
  CHECK(back.options.seed == 99);
  REQUIRE(back.options.density);
  CHECK(*back.options.density == doctest::Approx(0.25));
  CHECK(back.procs.cols == 3);
}

namespace {

// The message and code of resolve_plan(o); code ok when it resolves.
std::pair<ExitCode, std::string> plan_error(const RunOptions& o) {
  try {
    resolve_plan(o);
  } catch (const Error& e) {
    return {e.code(), e.what()};
  }
  return {ExitCode::ok, ""};
}

}  // namespace

TEST_CASE("command line: no value is clamped, wrapped or ignored") {
  CHECK(code_of({"run", "p.rle", "-g", "18446744073709551616"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "-g", "0b101"}) == ExitCode::usage);
  CHECK(code_of({"run", "--random", "0.5", "--seed", "-1"}) == ExitCode::usage);
  CHECK(parse({"run", "--random", "0.5", "--seed", "18446744073709551615"}).run.seed ==
        std::numeric_limits<std::uint64_t>::max());
  CHECK(code_of({"run", "p.rle", "--rule", ""}) == ExitCode::data);
  CHECK(code_of({"run", "p.rle", "--final", ""}) == ExitCode::usage);
  CHECK(code_of({"run", "--restart", ""}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--size", ""}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--at", ""}) == ExitCode::usage);
  CHECK(code_of({"view", "r.h5", "--window", ""}) == ExitCode::usage);
  CHECK(code_of({"run", "--random", "nan"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--progress", "0"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--output", "r.h5", "--every", "0"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--checkpoint", "c.h5", "--checkpoint-every", "-1"}) ==
        ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--at", "9223372036854775807,0"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--size", "1099511627777x1"}) == ExitCode::usage);
  CHECK(code_of({"view", "r.h5", "--window", "100000x100"}) == ExitCode::usage);
  CHECK(code_of({"export", "r.h5", "--frame", "last"}) == ExitCode::usage);
  CHECK(parse({"export", "r.h5", "--frame", "-3"}).inspect.frame == -3);
  CHECK(parse({"export", "r.h5"}).inspect.frame == -1);
  const Command c = parse({"run", "--random", "0.5", "--progress", "0.5", "--seed", "7"});
  CHECK(c.run.progress_seconds == doctest::Approx(0.5));
  CHECK(c.run.seed == 7);
  CHECK_FALSE(c.run.generations_given);
  CHECK(parse({"run", "p.rle", "-g", "0"}).run.generations_given);
}

TEST_CASE("plan: --at far off the grid is refused without overflow") {
  RunOptions o;
  o.pattern = temp_pattern("at.rle", "x = 3, y = 1\n3o!\n");
  o.size = std::array<std::int64_t, 2>{64, 64};
  o.at = std::array<std::int64_t, 2>{std::numeric_limits<std::int64_t>::max(), 0};
  CHECK(plan_error(o).first == ExitCode::usage);
  o.at = std::array<std::int64_t, 2>{0, std::numeric_limits<std::int64_t>::max() - 1};
  CHECK(plan_error(o).second.find("does not fit the 64x64 grid") != std::string::npos);
  o.at = std::array<std::int64_t, 2>{61, 63};
  CHECK(resolve_plan(o).cells.size() == 3);
  std::remove(o.pattern.c_str());
}

TEST_CASE("plan: an empty file is an error, an empty pattern runs") {
  RunOptions o;
  o.pattern = temp_pattern("empty.rle", "");
  const auto [code, message] = plan_error(o);
  CHECK(code == ExitCode::data);
  CHECK(message.find("the file is empty") != std::string::npos);
  o.pattern = temp_pattern("blank.cells", " \n\t\n");
  CHECK(plan_error(o).first == ExitCode::data);
  o.pattern = temp_pattern("declared-empty.rle", "x = 0, y = 0, rule = B3/S23\n!\n");
  CHECK(resolve_plan(o).cells.empty());
  o.pattern = temp_pattern("comments.cells", "!Name: nothing\n");
  CHECK(resolve_plan(o).cells.empty());
  for (const char* name : {"empty.rle", "blank.cells", "declared-empty.rle", "comments.cells"}) {
    std::remove((std::string(P_tmpdir) + "/mpilife-test-" + name).c_str());
  }
}

TEST_CASE("plan: a restart target before the checkpoint is refused") {
  RunOptions o;
  o.restart_path = std::string(MPILIFE_SOURCE_DIR) + "/tests/data/checkpoint-gen50.h5";
  o.generations = 10;
  o.generations_given = true;
  const auto [code, message] = plan_error(o);
  CHECK(code == ExitCode::usage);
  CHECK(message.find("is at generation 50") != std::string::npos);
  CHECK(message.find("give -g 50 or more") != std::string::npos);
  o.generations = 50;
  CHECK(resolve_plan(o).start_generation == 50);
}

