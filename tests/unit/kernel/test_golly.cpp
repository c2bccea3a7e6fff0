#include <doctest/doctest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/io/pattern.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/serial.hpp"
#include "support/golly_oracle.hpp"

// The unit-level cross-check: bgolly versus evolve_serial (see golly_oracle.hpp for placement).
using namespace mpilife;
using namespace mpilife::golly;

namespace {

// The first row and column where two grids differ, for failure messages.
std::string first_difference(const CellArray& a, const CellArray& b) {
  for (std::int64_t y = 0; y < a.rows(); ++y) {
    for (std::int64_t x = 0; x < a.cols(); ++x) {
      if (a(y, x) != b(y, x)) {
        return "first difference at x = " + std::to_string(x) + ", y = " + std::to_string(y);
      }
    }
  }
  return "identical";
}

// The grid and the generations a library fact line refers to (patterns/README.md).
struct FactRun {
  Topology topology = Topology::plane;
  std::int64_t width = 0;
  std::int64_t height = 0;
  std::vector<std::int64_t> generations;
};

std::optional<FactRun> fact_run(const std::string& fact, const Pattern& p) {
  std::istringstream in(fact);
  std::vector<std::string> words{std::istream_iterator<std::string>(in),
                                 std::istream_iterator<std::string>()};
  FactRun run;
  run.width = p.width + 64;
  run.height = p.height + 64;
  std::int64_t period = 0;
  std::int64_t from = 0;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string& next = words[i + 1];
    if (words[i] == "at" || words[i] == "returns") run.generations.push_back(std::stoll(next));
    if (words[i] == "dies") {
      run.generations.push_back(std::stoll(next) - 1);
      run.generations.push_back(std::stoll(next));
    }
    if (words[i] == "period") period = std::stoll(next);
    if (words[i] == "from") from = std::stoll(next);
    if (words[i] == "on" && i + 2 < words.size()) {
      run.topology = next == "torus" ? Topology::torus : Topology::plane;
      const std::string& size = words[i + 2];
      run.width = std::stoll(size.substr(0, size.find('x')));
      run.height = std::stoll(size.substr(size.find('x') + 1));
    }
  }
  if (period > 0) {
    run.generations.push_back(from);
    run.generations.push_back(from + period);
  }
  if (run.generations.empty()) return std::nullopt;
  return run;
}

}  // namespace

TEST_CASE("bgolly agrees with the reference kernel on random soups") {
  if (!have_bgolly()) {
    MESSAGE("bgolly not found at /usr/bin/bgolly (Debian package golly): skipped");
    return;
  }
  struct Size {
    std::int64_t w;
    std::int64_t h;
  };
  const Size sizes[] = {{37, 23}, {64, 65}, {101, 7}};
  const char* const rules[] = {"B3/S23", "B36/S23", "B3678/S34678", "B2/S", "B34/S34"};
  std::uint64_t seed = 1;
  for (const Size& size : sizes) {
    for (const char* rule_text : rules) {
      for (Topology topology : {Topology::torus, Topology::plane}) {
        ++seed;
        const Rule rule = parse_rule(rule_text).rule;
        const std::int64_t generations = 50 + static_cast<std::int64_t>(seed * 37 % 151);
        const std::string what = std::string(rule_text) + " on a " + std::to_string(size.w) + "x" +
                                 std::to_string(size.h) + " " + to_string(topology) + ", " +
                                 std::to_string(generations) + " generations, seed " +
                                 std::to_string(seed);
        CAPTURE(what);
        const CellArray start = soup_grid(size.w, size.h, seed, 0.35);
        const CellArray ours =
            evolve_serial(start, rule, topology, KernelKind::reference, generations);
        const CellArray golly = golly_evolve(start, rule, topology, generations);
        CHECK_MESSAGE((ours == golly).all(), first_difference(ours, golly));
      }
    }
  }
}

TEST_CASE("bgolly agrees on a glider crossing the torus seam and an empty result") {
  if (!have_bgolly()) {
    MESSAGE("bgolly not found at /usr/bin/bgolly (Debian package golly): skipped");
    return;
  }
  CellArray glider = CellArray::Zero(9, 11);
  glider(6, 9) = glider(7, 10) = glider(8, 8) = glider(8, 9) = glider(8, 10) = 1;
  for (std::int64_t g : {1, 3, 6, 13}) {
    CAPTURE(g);
    const CellArray ours = evolve_serial(glider, Rule{}, Topology::torus, KernelKind::reference, g);
    CHECK((ours == golly_evolve(glider, Rule{}, Topology::torus, g)).all());
  }
  CellArray blinker_pair = CellArray::Zero(5, 6);
  blinker_pair(0, 0) = blinker_pair(4, 5) = 1;
  const CellArray gone = golly_evolve(blinker_pair, Rule{}, Topology::plane, 1);
  CHECK(population(gone) == 0);
}

TEST_CASE("bgolly agrees with the reference kernel on every library fact's grid") {
  if (!have_bgolly()) {
    MESSAGE("bgolly not found at /usr/bin/bgolly (Debian package golly): skipped");
    return;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(MPILIFE_SOURCE_DIR) / "patterns")) {
    if (entry.path().extension() == ".rle") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  for (const auto& path : files) {
    const Pattern p = read_pattern(path.string());
    // Every generation a fact looks at, per grid.
    std::map<std::tuple<Topology, std::int64_t, std::int64_t>, std::set<std::int64_t>> grids;
    for (const std::string& comment : p.comments) {
      if (comment.rfind("@fact", 0) != 0) continue;
      const std::string fact = path.filename().string() + ": " + comment;
      CAPTURE(fact);
      const auto run = fact_run(comment, p);
      REQUIRE(run);
      auto& generations = grids[std::make_tuple(run->topology, run->width, run->height)];
      generations.insert(run->generations.begin(), run->generations.end());
    }
    for (const auto& [grid, generations] : grids) {
      const auto [topology, w, h] = grid;
      const std::string where = path.filename().string() + " on a " + std::to_string(w) + "x" +
                                std::to_string(h) + " " + to_string(topology);
      CAPTURE(where);
      CellArray start = CellArray::Zero(h, w);
      for (const Cell& c : p.cells) start((h - p.height) / 2 + c.y, (w - p.width) / 2 + c.x) = 1;
      CellArray ours = start;
      std::int64_t done = 0;
      for (std::int64_t g : generations) {  // ascending
        CAPTURE(g);
        ours = evolve_serial(ours, Rule{}, topology, KernelKind::reference, g - done);
        done = g;
        const CellArray golly = golly_evolve(start, Rule{}, topology, g);
        CHECK_MESSAGE((ours == golly).all(), first_difference(ours, golly));
      }
    }
  }
}
