#pragma once
// Test helper shared by the unit and MPI Golly cross-checks: run a grid in bgolly on a bounded
// grid and read back the exact result.
#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/pattern.hpp"
#include "mpilife/io/rle_writer.hpp"

// Golly's bgolly is an independent oracle: the same start grid is run by bgolly on a bounded grid
// (rule suffix :T<W>,<H> or :P<W>,<H>) and by evolve_serial, and the results must agree bit for
// bit.
//
// Where bgolly puts things: reading an RLE whose header box (x, y) fits the bounded grid, Golly
// puts the box's top-left at (-(x/2), -(y/2)), and a W x H bounded grid spans columns
// -(W/2) .. -(W/2)+W-1 and rows -(H/2) .. -(H/2)+H-1. We always write the whole grid (x = W,
// y = H), so grid cell (0, 0) is Golly's (-(W/2), -(H/2)). bgolly's `-o out.rle` writes plain
// RLE holding only the bounding box of the live cells, with no #CXRLE position, so the box's
// position is read from a second bgolly run (`--exec` script: "step 1" N times, then "edges",
// which prints "Bounding box left top .. right bottom" in Golly's coordinates). The gen-0
// "edges" checks the placement rule above; Golly's RLE then gives the cells inside the box.

namespace mpilife::golly {

inline const char* const kBgolly = "/usr/bin/bgolly";

inline bool have_bgolly() {
  return std::filesystem::exists(kBgolly);
}

// A fresh directory under the system's temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "mpilife-golly-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Runs a shell command; true when it exited with status 0.
inline bool shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Golly's bounding box, inclusive, in Golly's coordinates.
struct Box {
  std::int64_t left = 0;
  std::int64_t top = 0;
  std::int64_t right = 0;
  std::int64_t bottom = 0;
};

// Every "Bounding box l t .. r b" line bgolly printed, in order.
inline std::vector<Box> boxes_in(const std::string& log) {
  std::vector<Box> boxes;
  std::istringstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    long long l = 0;
    long long t = 0;
    long long r = 0;
    long long b = 0;
    if (std::sscanf(line.c_str(), "Bounding box %lld %lld .. %lld %lld", &l, &t, &r, &b) == 4) {
      boxes.push_back({l, t, r, b});
    }
  }
  return boxes;
}

inline std::int64_t population(const CellArray& cells) {
  return cells.cast<std::int64_t>().sum();
}

// Runs `start` for `generations` generations in bgolly under `rule` on the bounded grid of the
// start's size and topology; returns the final grid.
inline CellArray golly_evolve(const CellArray& start, const Rule& rule, Topology topology,
                              std::int64_t generations) {
  const std::int64_t w = start.cols();
  const std::int64_t h = start.rows();
  const GridSuffix suffix{topology, w, h};
  const TempDir dir;
  const std::string in = dir.file("in.rle");
  const std::string out = dir.file("out.rle");
  {
    std::ofstream f(in);
    write_rle(f, start.data(), w, h, rule.to_string() + suffix.to_string());
  }
  const std::string run = std::string(kBgolly) + " -q -q -a QuickLife -m " +
                          std::to_string(generations) + " -o '" + out + "' '" + in + "'";
  REQUIRE_MESSAGE(shell(run + " > '" + dir.file("log.txt") + "' 2>&1"), run);
  const Pattern golly = read_pattern(out);
  REQUIRE(golly.rule);
  CHECK(golly.rule->rule == rule);
  REQUIRE(golly.rule->suffix);
  CHECK(golly.rule->suffix->to_string() == suffix.to_string());

  CellArray result = CellArray::Zero(h, w);
  if (golly.cells.empty()) return result;

  // Where the live cells' box lies: a second run prints "edges" at generation 0 and at the end.
  {
    std::ofstream script(dir.file("script.txt"));
    script << "edges\n";
    for (std::int64_t g = 0; g < generations; ++g) script << "step 1\n";
    script << "edges\n";
  }
  const std::string exec = std::string(kBgolly) + " -q -q -a QuickLife --exec '" +
                           dir.file("script.txt") + "' '" + in + "'";
  REQUIRE_MESSAGE(shell(exec + " > '" + dir.file("edges.txt") + "' 2>&1"), exec);
  const std::vector<Box> boxes = boxes_in(slurp(dir.file("edges.txt")));
  REQUIRE(boxes.size() == 2);
  const std::int64_t grid_left = -(w / 2);
  const std::int64_t grid_top = -(h / 2);
  // Generation 0 confirms where Golly put grid cell (0, 0).
  std::int64_t min_x = w;
  std::int64_t min_y = h;
  for (std::int64_t y = 0; y < h; ++y) {
    for (std::int64_t x = 0; x < w; ++x) {
      if (start(y, x)) {
        min_x = std::min(min_x, x);
        min_y = std::min(min_y, y);
      }
    }
  }
  if (population(start) > 0) {
    CHECK(boxes[0].left == grid_left + min_x);
    CHECK(boxes[0].top == grid_top + min_y);
  }
  const Box& last = boxes[1];
  CHECK(last.right - last.left + 1 == golly.width);
  CHECK(last.bottom - last.top + 1 == golly.height);
  for (const Cell& c : golly.cells) {
    const std::int64_t x = last.left + c.x - grid_left;
    const std::int64_t y = last.top + c.y - grid_top;
    REQUIRE(x >= 0);
    REQUIRE(x < w);
    REQUIRE(y >= 0);
    REQUIRE(y < h);
    result(y, x) = 1;
  }
  return result;
}

}  // namespace mpilife::golly
