// write_macrocell: the text Golly writes for the same cells, and round trips through
// parse_pattern (the reader puts every cell back at its Golly coordinates: origin + cell) for
// empty, single, far-out, random and shared patterns, with rule, generation and comments.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/io/macrocell_writer.hpp"
#include "mpilife/io/pattern.hpp"
#include "support/text_lines.hpp"

using namespace mpilife;

namespace {

// The macrocell text write_macrocell makes.
std::string written(const std::vector<Cell>& cells, const std::string& rule = "B3/S23",
                    std::int64_t generation = 0, const std::vector<std::string>& comments = {}) {
  std::ostringstream out;
  write_macrocell(out, cells, rule, generation, comments);
  return out.str();
}

using test::lines_of;

// The node lines of macrocell text: leaves and "level nw ne sw se" lines.
std::vector<std::string> node_lines(const std::string& text) {
  std::vector<std::string> nodes;
  for (const std::string& line : lines_of(text)) {
    if (!line.empty() && line[0] != '[' && line[0] != '#') nodes.push_back(line);
  }
  return nodes;
}

// The level of the root: the first number of the last node line.
int root_level(const std::string& text) {
  const std::vector<std::string> nodes = node_lines(text);
  REQUIRE_FALSE(nodes.empty());
  return std::stoi(nodes.back());
}

// Cells sorted row by row, without duplicates.
std::vector<Cell> sorted(std::vector<Cell> cells) {
  std::sort(cells.begin(), cells.end(),
            [](const Cell& a, const Cell& b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
  return cells;
}

// The live cells of a parsed pattern at Golly's coordinates, sorted.
std::vector<Cell> universe_cells(const Pattern& p) {
  const PatternOrigin origin = p.origin.value_or(PatternOrigin{});
  std::vector<Cell> cells;
  for (const Cell& c : p.cells) cells.push_back({origin.x + c.x, origin.y + c.y});
  return sorted(cells);
}

// Writes `cells`, reads the text back, and checks every cell came back where it was.
Pattern round_trip(const std::vector<Cell>& cells) {
  const std::string text = written(cells);
  const Pattern p = parse_pattern(text, PatternFormat::macrocell);
  CHECK(p.format == PatternFormat::macrocell);
  CHECK(universe_cells(p) == sorted(cells));
  return p;
}

// A glider with its box's top-left at (x, y).
std::vector<Cell> glider_at(std::int64_t x, std::int64_t y) {
  return {{x + 1, y}, {x + 2, y + 1}, {x, y + 2}, {x + 1, y + 2}, {x + 2, y + 2}};
}

// A block (2x2) with its top-left at (x, y).
std::vector<Cell> block_at(std::int64_t x, std::int64_t y) {
  return {{x, y}, {x + 1, y}, {x, y + 1}, {x + 1, y + 1}};
}

std::vector<Cell> joined(std::vector<Cell> a, const std::vector<Cell>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("write_macrocell: the node lines bgolly writes for the same cells") {
  // bgolly 3.3 -m 0 -o g.mc of a glider placed with "#CXRLE Pos=100,-37", and of one cell at 0,0.
  const std::string glider = written(glider_at(100, -37));
  const std::vector<std::string> lines = lines_of(glider);
  REQUIRE(lines.size() == 8);
  CHECK(lines[0].rfind("[M2] (mpilife ", 0) == 0);
  CHECK(lines[0].back() == ')');
  CHECK(glider.substr(glider.find('\n') + 1) ==
        "#R B3/S23\n$$.....*$......*$....***$\n4 0 0 1 0\n5 0 0 2 0\n6 0 3 0 0\n7 0 0 0 4\n"
        "8 0 5 0 0\n");
  const std::string one = written({{0, 0}});
  CHECK(one.substr(one.find('\n') + 1) == "#R B3/S23\n$$$$$$$*$\n4 0 1 0 0\n");
  // Leaves keep the dead cells before a live one and drop those after it.
  const std::string row = written({{-8, -7}, {-5, -7}, {-1, -7}});
  CHECK(node_lines(row) == std::vector<std::string>{"*..*...*$", "4 1 0 0 0"});
}

TEST_CASE("write_macrocell: an empty universe is the header alone, as Golly writes it") {
  const std::string text = written({}, "B3/S23", 7, {"nothing here"});
  const std::vector<std::string> lines = lines_of(text);
  REQUIRE(lines.size() == 4);
  CHECK(lines[1] == "#R B3/S23");
  CHECK(lines[2] == "#G 7");
  CHECK(lines[3] == "#C nothing here");
  const Pattern p = parse_pattern(text, PatternFormat::macrocell);
  CHECK(p.cells.empty());
  CHECK_FALSE(p.origin);
  CHECK(p.generation == 7);
}

TEST_CASE("write_macrocell: single cells anywhere come back at their coordinates") {
  const std::int64_t far = std::int64_t{1} << 40;
  const Cell cells[] = {{0, 0},
                        {-1, -1},
                        {7, 8},
                        {-8, -7},
                        {123, -456},
                        {far, far},
                        {-far, -far},
                        {far, -far},
                        {-far + 3, far - 5},
                        {kMacrocellMinX, kMacrocellMinY},
                        {kMacrocellMaxX, kMacrocellMaxY},
                        {kMacrocellMinX, kMacrocellMaxY},
                        {kMacrocellMaxX, kMacrocellMinY}};
  for (const Cell& c : cells) {
    CAPTURE(c.x);
    CAPTURE(c.y);
    const Pattern p = round_trip({c});
    REQUIRE(p.origin);
    CHECK(*p.origin == PatternOrigin{c.x, c.y});
  }
}

TEST_CASE("write_macrocell: the smallest root of level 4 or more that holds the cells") {
  // A root of level L spans x from -2^(L-1) to 2^(L-1) - 1 and y one row lower.
  CHECK(root_level(written({{0, 0}})) == 4);
  CHECK(root_level(written({{-8, -7}})) == 4);
  CHECK(root_level(written({{7, 8}})) == 4);
  CHECK(root_level(written({{8, 0}})) == 5);
  CHECK(root_level(written({{0, 9}})) == 5);
  CHECK(root_level(written({{-9, 0}})) == 5);
  CHECK(root_level(written({{0, -8}})) == 5);
  CHECK(root_level(written({{-16, -15}, {15, 16}})) == 5);
  CHECK(root_level(written({{-16, -15}, {16, 16}})) == 6);
  CHECK(root_level(written({{std::int64_t{1} << 40, 0}})) == 42);
  CHECK(root_level(written({{kMacrocellMaxX, kMacrocellMaxY}})) == 62);
  CHECK(root_level(written({{kMacrocellMaxX / 2, 0}})) == 61);
}

TEST_CASE("write_macrocell: cells out of reach and negative generations are refused") {
  const std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
  const std::int64_t highest = std::numeric_limits<std::int64_t>::max();
  const Cell outside[] = {{kMacrocellMinX - 1, 0}, {kMacrocellMaxX + 1, 0}, {0, kMacrocellMinY - 1},
                          {0, kMacrocellMaxY + 1}, {lowest, lowest},        {highest, highest},
                          {lowest, highest},       {highest, lowest}};
  for (const Cell& c : outside) {
    CAPTURE(c.x);
    CAPTURE(c.y);
    std::ostringstream out;
    CHECK_THROWS_AS(write_macrocell(out, {{0, 0}, c}, "B3/S23"), std::invalid_argument);
  }
  std::ostringstream out;
  CHECK_THROWS_AS(write_macrocell(out, {{0, 0}}, "B3/S23", -1), std::invalid_argument);
}

TEST_CASE("write_macrocell: a glider at negative and far-out places") {
  const std::int64_t far = std::int64_t{1} << 40;
  const Cell places[] = {{0, 0},     {-7, 5},      {-3, -3},           {-1000, -2000},
                         {far, far}, {-far, -far}, {far - 1, -far + 1}};
  for (const Cell& place : places) {
    const std::int64_t x = place.x;
    const std::int64_t y = place.y;
    CAPTURE(x);
    CAPTURE(y);
    const Pattern p = round_trip(glider_at(x, y));
    CHECK(p.width == 3);
    CHECK(p.height == 3);
    REQUIRE(p.origin);
    CHECK(*p.origin == PatternOrigin{x, y});
  }
}

TEST_CASE("write_macrocell: random soups over a sparse area, in any order, with duplicates") {
  std::mt19937_64 rng(2024);
  const std::int64_t corners[][2] = {{0, 0}, {-500'000, -700'000}, {std::int64_t{1} << 40, -3}};
  for (const auto& corner : corners) {
    CAPTURE(corner[0]);
    CAPTURE(corner[1]);
    // A few dense patches and a scatter of single cells over a million-cell-wide square.
    std::vector<Cell> cells;
    std::uniform_int_distribution<std::int64_t> anywhere(0, 999'999);
    std::uniform_int_distribution<std::int64_t> patch(0, 39);
    for (int p = 0; p < 5; ++p) {
      const std::int64_t px = corner[0] + anywhere(rng);
      const std::int64_t py = corner[1] + anywhere(rng);
      for (int i = 0; i < 600; ++i) cells.push_back({px + patch(rng), py + patch(rng)});
    }
    for (int i = 0; i < 1000; ++i) {
      cells.push_back({corner[0] + anywhere(rng), corner[1] + anywhere(rng)});
    }
    const std::string text = written(cells);
    round_trip(cells);
    // The order of the list and repeated cells do not change the file.
    std::vector<Cell> shuffled = cells;
    shuffled.insert(shuffled.end(), cells.begin(), cells.begin() + 500);
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    CHECK(written(shuffled) == text);
    CHECK(written(sorted(cells)) == text);
  }
}

TEST_CASE("write_macrocell: identical subtrees are written once") {
  // Two blocks 512 cells apart along both axes, both at the same place within their 512x512
  // squares of the level-11 root: one leaf and one node per level 4..9 serve both, then a
  // level-10 node holding both and the root (9 lines).
  const std::vector<Cell> same = joined(block_at(0, 1), block_at(512, 513));
  const std::string shared = written(same);
  CHECK(root_level(shared) == 11);
  CHECK(node_lines(shared).size() == 9);
  const std::vector<std::string> nodes = node_lines(shared);
  CHECK(nodes[7] == "10 7 0 0 7");
  CHECK(nodes[8] == "11 0 0 0 8");
  round_trip(same);
  // One cell further right, the second block is a different leaf: two chains of 7 lines, then the
  // level-10 node and the root.
  const std::vector<Cell> different = joined(block_at(0, 1), block_at(513, 513));
  const std::string apart = written(different);
  CHECK(node_lines(apart).size() == 16);
  round_trip(different);
  // Four gliders at the top-left of the four quadrants of one level-5 node: one leaf, one level-4
  // node, the level-5 node and the level-6 root.
  std::vector<Cell> four;
  const std::int64_t corners[][2] = {{0, 1}, {16, 1}, {0, 17}, {16, 17}};
  for (const auto& corner : corners) four = joined(four, glider_at(corner[0], corner[1]));
  const std::string quads = written(four);
  const std::vector<std::string> quad_nodes = node_lines(quads);
  REQUIRE(quad_nodes.size() == 4);
  CHECK(quad_nodes[0] == ".*$..*$***$");
  CHECK(quad_nodes[2] == "5 2 2 2 2");
  round_trip(four);
}

TEST_CASE("write_macrocell: rule, generation and comments survive") {
  const std::vector<Cell> cells = glider_at(-20, 30);
  const std::string text = written(cells, "B36/S23", 123'456'789'012, {"first", "two\nlines"});
  const std::vector<std::string> lines = lines_of(text);
  REQUIRE(lines.size() >= 6);
  CHECK(lines[1] == "#R B36/S23");
  CHECK(lines[2] == "#G 123456789012");
  CHECK(lines[3] == "#C first");
  CHECK(lines[4] == "#C two");
  CHECK(lines[5] == "#C lines");
  const Pattern p = parse_pattern(text, PatternFormat::macrocell);
  REQUIRE(p.rule);
  CHECK(p.rule->to_string() == "B36/S23");
  CHECK(p.generation == 123'456'789'012);
  CHECK(p.comments == std::vector<std::string>{"first", "two", "lines"});
  CHECK(universe_cells(p) == sorted(cells));
  // A bounded-grid suffix is part of the rule; generation 0 writes no #G line; no rule, no #R.
  const Pattern bounded = parse_pattern(written(cells, "B3/S23:T100,80"), PatternFormat::macrocell);
  REQUIRE(bounded.rule);
  CHECK(bounded.rule->to_string() == "B3/S23:T100,80");
  const std::string plain = written(cells, "", 0);
  CHECK(plain.find("#G") == std::string::npos);
  CHECK(plain.find("#R") == std::string::npos);
  CHECK_FALSE(parse_pattern(plain, PatternFormat::macrocell).rule);
}
