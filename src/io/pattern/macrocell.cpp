#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "macrocell_geometry.hpp"
#include "mpilife/core/cells.hpp"
#include "readers.hpp"

namespace mpilife::pattern_io {

namespace {

// One quadtree node: a leaf (an 8x8 raster of a two-state file, or a 2x2 square of states of a
// multi-state file, level 1) or four children of the level below. Node 0 is the empty node of any
// level. The live extent is relative to the node's top-left cell and meaningful only when the
// population is not 0.
struct Node {
  std::int64_t population = 0;  // live cells, saturated at kManyCells
  std::int64_t min_x = 0;
  std::int64_t min_y = 0;
  std::int64_t max_x = 0;
  std::int64_t max_y = 0;
  std::uint64_t bits = 0;                 // leaves: bit y * side + x
  std::uint32_t child[4] = {0, 0, 0, 0};  // nw, ne, sw, se
  std::int8_t level = 0;                  // log2 of the side
};

// The two ways Golly writes leaves; one file uses one of them.
enum class Leaves { unknown, raster, states };

// Reads macrocell text into nodes, then expands the root's live cells at Golly's coordinates.
class MacrocellReader {
 public:
  MacrocellReader(const std::string& file, const Reporter& report) : file_(file), report_(report) {
    p_.format = PatternFormat::macrocell;
    nodes_.emplace_back();
  }

  Pattern read(std::string_view text) {
    LineReader lines(text);
    Line line;
    bool header = false;
    while (lines.next(line)) {
      last_line_ = line.number;
      const std::string_view s = line.text;
      if (trim(s).empty()) continue;
      if (!header) {
        if (!starts_with(s, "[M2]")) {
          report_.fail(line.number, 0,
                       "expected the macrocell header '[M2]' (Golly's format version 2), got '" +
                           excerpt(s) + "'");
        }
        header = true;
        continue;
      }
      if (s[0] == '#') {
        read_hash_line(line);
      } else if (s[0] == '.' || s[0] == '*' || s[0] == '$') {
        read_leaf(line);
      } else if (is_digit(s[0])) {
        read_node(line);
      } else {
        report_.fail(line.number, 0,
                     "unexpected " + describe(s[0]) +
                         " in a macrocell file (expected a leaf of . * $, or a node line "
                         "'level nw ne sw se')");
      }
    }
    if (!header) report_.fail(1, 0, "expected the macrocell header '[M2]', got an empty file");
    expand_root();
    if (history_) p_.note = kLifeHistoryNote;
    normalise(p_, report_, last_line_);
    finish(p_, file_);
    return std::move(p_);
  }

 private:
  // #R rule, #G generation, anything else a comment.
  void read_hash_line(const Line& line) {
    const std::string_view s = line.text;
    const char kind = s.size() > 1 ? s[1] : '\0';
    const std::string_view rest = s.size() > 2 ? s.substr(2) : std::string_view();
    if (kind == 'R') {
      const std::string_view rule = trim(rest);
      if (rule.empty()) report_.fail(line.number, 2, "missing rule after #R");
      p_.rule = report_.rule(line.number, static_cast<std::size_t>(rule.data() - s.data()), rule,
                             &history_);
    } else if (kind == 'G') {
      LineCursor at(line, report_, 2);
      at.skip_blanks();
      std::size_t i = at.index();
      if (!read_long(s, i, p_.generation, false)) {
        at.fail("expected the generation (a whole number of at most 18 digits) after #G");
      }
      std::size_t end = i;
      skip_blanks(s, end);
      if (end != s.size())
        report_.fail(line.number, end, "unexpected " + describe(s[end]) + " after #G");
    } else {
      report_.add_comment(p_, line.number, rest);
    }
  }

  // Fails unless the file has used `kind` leaves so far (or none).
  void use_leaves(Leaves kind, const Line& line) {
    if (leaves_ == Leaves::unknown) leaves_ = kind;
    if (leaves_ != kind) {
      report_.fail(line.number, 0,
                   kind == Leaves::raster
                       ? "an 8x8 leaf in a macrocell file whose leaves are level-1 state squares"
                       : "a level-1 state square in a macrocell file whose leaves are 8x8 rasters");
    }
  }

  // A leaf line such as "$$..*$...*$.***$": rows of '.' and '*' ended by '$', 8x8 at most.
  void read_leaf(const Line& line) {
    use_leaves(Leaves::raster, line);
    Node leaf;
    leaf.level = 3;
    std::int64_t x = 0;
    std::int64_t y = 0;
    for (std::size_t i = 0; i < line.text.size(); ++i) {
      const char c = line.text[i];
      if (c == '$') {
        ++y;
        x = 0;
        if (y > 8) report_.fail(line.number, i, "a macrocell leaf has at most 8 rows");
        continue;
      }
      if (c != '.' && c != '*') {
        report_.fail(line.number, i,
                     "unexpected " + describe(c) + " in a macrocell leaf (expected . * or $)");
      }
      if (y >= 8) report_.fail(line.number, i, "a macrocell leaf has at most 8 rows");
      if (x >= 8) report_.fail(line.number, i, "a macrocell leaf row has at most 8 cells");
      if (c == '*') add_leaf_cell(leaf, x, y, 8);
      ++x;
    }
    nodes_.push_back(leaf);
  }

  // Marks cell (x, y) of a leaf of side `side` alive.
  static void add_leaf_cell(Node& leaf, std::int64_t x, std::int64_t y, std::int64_t side) {
    leaf.bits |= std::uint64_t{1} << (y * side + x);
    if (leaf.population == 0) {
      leaf.min_x = leaf.max_x = x;
      leaf.min_y = leaf.max_y = y;
    }
    ++leaf.population;
    leaf.min_x = std::min(leaf.min_x, x);
    leaf.min_y = std::min(leaf.min_y, y);
    leaf.max_x = std::max(leaf.max_x, x);
    leaf.max_y = std::max(leaf.max_y, y);
  }

  // A node line "level nw ne sw se": four node numbers of the level below (0 = empty), or at
  // level 1 four cell states.
  void read_node(const Line& line) {
    LineCursor at(line, report_);
    std::int64_t level = 0;
    if (!at.read_int(level, false) || level > kMacrocellMaxLevel) {
      at.fail_at(0, "macrocell node level must be a whole number from 1 to " +
                        std::to_string(kMacrocellMaxLevel) + " (the coordinates mpilife can hold)");
    }
    if (level < 1) at.fail_at(0, "macrocell node level must be at least 1");
    std::int64_t parts[4] = {0, 0, 0, 0};
    for (std::int64_t& part : parts) {
      if (at.at_end() || !is_blank(at.peek())) {
        at.fail(at.at_end() ? "a macrocell node line has 5 numbers: level nw ne sw se"
                            : "unexpected " + describe(at.peek()) + " in a macrocell node line");
      }
      at.skip_blanks();
      if (!at.read_int(part, false)) {
        at.fail("expected a node number (a whole number) in the macrocell node line");
      }
    }
    at.skip_blanks();
    if (!at.at_end()) at.fail("unexpected " + describe(at.peek()) + " after the macrocell node");
    Node node;
    node.level = static_cast<std::int8_t>(level);
    if (level == 1) {
      use_leaves(Leaves::states, line);
      for (int q = 0; q < 4; ++q) {
        if (state_alive(parts[q], line)) add_leaf_cell(node, q % 2, q / 2, 2);
      }
    } else {
      if (leaves_ == Leaves::raster && level < 4) {
        at.fail_at(0, "a node over 8x8 leaves has level 4 or more, not " + std::to_string(level));
      }
      const std::int64_t half = std::int64_t{1} << (level - 1);
      const std::int64_t offsets[4][2] = {{0, 0}, {half, 0}, {0, half}, {half, half}};
      for (int q = 0; q < 4; ++q) {
        const std::int64_t index = parts[q];
        if (index >= static_cast<std::int64_t>(nodes_.size())) {
          at.fail_at(0, "node " + std::to_string(nodes_.size()) + " uses node " +
                            std::to_string(index) +
                            ", which is not defined before it (nodes are numbered from 1 in the "
                            "order of the file)");
        }
        if (index == 0) continue;
        const Node& c = nodes_[static_cast<std::size_t>(index)];
        if (c.level != level - 1) {
          at.fail_at(0, "node " + std::to_string(nodes_.size()) + " of level " +
                            std::to_string(level) + " uses node " + std::to_string(index) +
                            " of level " + std::to_string(c.level) + ", not " +
                            std::to_string(level - 1));
        }
        node.child[q] = static_cast<std::uint32_t>(index);
        add_child(node, c, offsets[q][0], offsets[q][1]);
      }
    }
    if (nodes_.size() > std::uint32_t{0xFFFFFFFE}) at.fail_at(0, "too many macrocell nodes");
    nodes_.push_back(node);
  }

  // True when a level-1 state is alive: state 1 for a two-state rule, odd states for LifeHistory.
  bool state_alive(std::int64_t state, const Line& line) const {
    if (history_) {
      if (state > 6) {
        report_.fail(line.number, 0,
                     "state " + std::to_string(state) + " is not a LifeHistory state (0 to 6)");
      }
      return state % 2 == 1;
    }
    if (state > 1) {
      report_.fail(line.number, 0,
                   "state " + std::to_string(state) +
                       " in a macrocell file of a two-state rule (states 0 and 1)");
    }
    return state == 1;
  }

  // Adds the population and extent of child `c` at (dx, dy) within `node`.
  static void add_child(Node& node, const Node& c, std::int64_t dx, std::int64_t dy) {
    if (c.population == 0) return;
    if (node.population == 0) {
      node.min_x = c.min_x + dx;
      node.min_y = c.min_y + dy;
      node.max_x = c.max_x + dx;
      node.max_y = c.max_y + dy;
    }
    node.population =
        c.population >= kManyCells - node.population ? kManyCells : node.population + c.population;
    node.min_x = std::min(node.min_x, c.min_x + dx);
    node.min_y = std::min(node.min_y, c.min_y + dy);
    node.max_x = std::max(node.max_x, c.max_x + dx);
    node.max_y = std::max(node.max_y, c.max_y + dy);
  }

  // The root is the last node. Its live cells are counted and measured before any is made: more
  // than the limit, or a span wider than any pattern may have, is refused without expanding.
  void expand_root() {
    if (nodes_.size() < 2) return;
    const Node& root = nodes_.back();
    if (root.population == 0) return;
    report_.need_total_cells(root.population, last_line_, 0);
    if (root.max_x - root.min_x >= kMaxSide || root.max_y - root.min_y >= kMaxSide) {
      report_.fail(
          last_line_, 0,
          "pattern spans more than " + std::to_string(kMaxSide) + " cells in one direction");
    }
    p_.cells.reserve(static_cast<std::size_t>(root.population));
    std::vector<Placed> band{
        {static_cast<std::uint32_t>(nodes_.size() - 1), macrocell_root_left(root.level)}};
    emit_band(band, root.level, macrocell_root_top(root.level));
  }

  // A node of a band and the x of its left column.
  struct Placed {
    std::uint32_t index;
    std::int64_t x0;
  };

  // Appends the live cells of `band`, nodes of level `level` side by side (in increasing x) whose
  // top row is y0, row by row: the top halves of all of them, then the bottom halves, down to the
  // leaves, so the cells come out sorted without a sort.
  void emit_band(std::vector<Placed>& band, int level, std::int64_t y0) {
    if (band.empty()) return;
    if (level == 3 || level == 1) {
      const int side = level == 3 ? 8 : 2;
      const std::uint64_t row_mask = (std::uint64_t{1} << side) - 1;
      for (int r = 0; r < side; ++r) {
        for (const Placed& placed : band) {
          std::uint64_t row = (nodes_[placed.index].bits >> (r * side)) & row_mask;
          for (; row != 0; row &= row - 1) {
            p_.cells.push_back({placed.x0 + __builtin_ctzll(row), y0 + r});
          }
        }
      }
      return;
    }
    const std::int64_t half = std::int64_t{1} << (level - 1);
    std::vector<Placed> top;
    std::vector<Placed> bottom;
    for (const Placed& placed : band) {
      const Node& node = nodes_[placed.index];
      for (int q = 0; q < 4; ++q) {
        const std::uint32_t child = node.child[q];
        if (child == 0 || nodes_[child].population == 0) continue;
        (q < 2 ? top : bottom).push_back({child, placed.x0 + (q % 2 == 1 ? half : 0)});
      }
    }
    band.clear();
    band.shrink_to_fit();
    emit_band(top, level - 1, y0);
    emit_band(bottom, level - 1, y0 + half);
  }

  const std::string& file_;
  const Reporter& report_;
  Pattern p_;
  std::vector<Node> nodes_;
  Leaves leaves_ = Leaves::unknown;
  bool history_ = false;
  long last_line_ = 1;
};

}  // namespace

Pattern parse_macrocell(std::string_view text, const std::string& file, const Reporter& report) {
  return MacrocellReader(file, report).read(text);
}

}  // namespace mpilife::pattern_io
