#include "mpilife/io/macrocell_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <ostream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "macrocell_geometry.hpp"
#include "mpilife/core/cells.hpp"
#include "writer_support.hpp"

#ifndef MPILIFE_VERSION
#define MPILIFE_VERSION "0.0.0"
#endif

namespace mpilife {

using namespace pattern_io;

static_assert(kMacrocellMinX == -(std::int64_t{1} << (kMacrocellMaxLevel - 1)) &&
                  kMacrocellMaxX == (std::int64_t{1} << (kMacrocellMaxLevel - 1)) - 1 &&
                  kMacrocellMinY == kMacrocellMinX + 1 && kMacrocellMaxY == kMacrocellMaxX + 1,
              "the public reach is the largest root the reader reads");

namespace {

// The level of an 8x8 leaf, and the smallest root level Golly reads (it reads a lone leaf as an
// empty universe).
constexpr int kLeafLevel = 3;
constexpr int kMinRootLevel = 4;

// Bytes of node lines gathered before they go to the stream.
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

// What a node holds, which names it: a leaf's 64 cells (lo, bit 8 * y + x; hi = kLeafMark), or
// the numbers of a node's four children (0 = empty): nw | ne << 32 in lo, sw | se << 32 in hi. A
// number belongs to one node of one level, so the children alone name a node.
struct NodeKey {
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
  friend bool operator==(const NodeKey& a, const NodeKey& b) {
    return a.lo == b.lo && a.hi == b.hi;
  }
};

// The most nodes a file may have: the reader numbers them with 32 bits. All ones in hi marks a
// leaf, which no node's children can spell.
constexpr std::uint32_t kMaxNodes = 0xFFFFFFFEu;
constexpr std::uint64_t kLeafMark = ~std::uint64_t{0};

// The nodes made so far, numbered from 1 in making order and found by their keys: an
// open-addressing hash table of 32-bit numbers over the keys, 24 to 32 bytes a node. Looking up
// a node costs a cache miss or two once the table outgrows the cache (about 0.3 us a node).
class NodeTable {
 public:
  NodeTable() : slots_(std::size_t{1} << 6, 0) {}

  // The number of the node `key` names, and whether it is new (then it is numbered next).
  std::pair<std::uint32_t, bool> find_or_add(const NodeKey& key) {
    if (2 * (keys_.size() + 1) > slots_.size()) grow();
    std::size_t at = home(key);
    while (slots_[at] != 0) {
      if (keys_[slots_[at] - 1] == key) return {slots_[at], false};
      at = (at + 1) & (slots_.size() - 1);
    }
    if (keys_.size() >= kMaxNodes) {
      throw std::length_error("write_macrocell: more than " + std::to_string(kMaxNodes) +
                              " distinct nodes, more than a macrocell file mpilife reads holds");
    }
    keys_.push_back(key);
    slots_[at] = static_cast<std::uint32_t>(keys_.size());
    return {slots_[at], true};
  }

 private:
  // The first slot to try for `key`: its two halves mixed, then splitmix64's finaliser.
  std::size_t home(const NodeKey& key) const {
    std::uint64_t h = (key.lo * 0x9E3779B97F4A7C15ULL) ^ (key.hi + 0x632BE59BD9B4E019ULL);
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
    h ^= h >> 31;
    return static_cast<std::size_t>(h) & (slots_.size() - 1);
  }

  // Doubles the slots and places every number again.
  void grow() {
    slots_.assign(2 * slots_.size(), 0);
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      std::size_t at = home(keys_[i]);
      while (slots_[at] != 0) at = (at + 1) & (slots_.size() - 1);
      slots_[at] = static_cast<std::uint32_t>(i + 1);
    }
  }

  std::vector<NodeKey> keys_;         // the key of node number i + 1
  std::vector<std::uint32_t> slots_;  // node numbers, 0 = free; a power of two, at most half full
};

// The smallest root level from kMinRootLevel up that holds every cell (Golly coordinates).
int root_level(const std::vector<Cell>& cells) {
  const auto [min_x, min_y, max_x, max_y] = bounds_of(cells);
  for (int level = kMinRootLevel; level <= kMacrocellMaxLevel; ++level) {
    // The last column and row are left + 2^level - 1 and top + 2^level - 1, computed without
    // reaching past the int64 range.
    const std::int64_t left = macrocell_root_left(level);
    const std::int64_t top = macrocell_root_top(level);
    const std::int64_t span = (std::int64_t{1} << level) - 1;
    if (min_x >= left && max_x <= left + span && min_y >= top && max_y <= top + span) {
      return level;
    }
  }
  throw std::invalid_argument(
      "write_macrocell: the cells span x " + std::to_string(min_x) + " .. " +
      std::to_string(max_x) + ", y " + std::to_string(min_y) + " .. " + std::to_string(max_y) +
      ", beyond the largest macrocell universe mpilife reads (x " + std::to_string(kMacrocellMinX) +
      " .. " + std::to_string(kMacrocellMaxX) + ", y " + std::to_string(kMacrocellMinY) + " .. " +
      std::to_string(kMacrocellMaxY) + ")");
}

// Builds the quadtree of a cell list by splitting it into quadrants, level by level, and writes
// each distinct node the first time it is made: children before parents, nw ne sw se, so the
// numbers are those Golly gives the same tree.
class TreeWriter {
 public:
  explicit TreeWriter(std::ostream& out) : out_(out) {}

  // The number of the node of `level` whose top-left cell is (x0, y0) in tree coordinates
  // (0 .. 2^root - 1), holding the cells [first, last), all inside it; 0 when there are none.
  std::uint64_t build(Cell* first, Cell* last, int level, std::int64_t x0, std::int64_t y0) {
    if (first == last) return 0;
    if (level == kLeafLevel) return leaf(first, last, x0, y0);
    const std::int64_t half = std::int64_t{1} << (level - 1);
    Cell* const south = std::partition(first, last, [&](const Cell& c) { return c.y < y0 + half; });
    Cell* const north_east =
        std::partition(first, south, [&](const Cell& c) { return c.x < x0 + half; });
    Cell* const south_east =
        std::partition(south, last, [&](const Cell& c) { return c.x < x0 + half; });
    const std::uint64_t nw = build(first, north_east, level - 1, x0, y0);
    const std::uint64_t ne = build(north_east, south, level - 1, x0 + half, y0);
    const std::uint64_t sw = build(south, south_east, level - 1, x0, y0 + half);
    const std::uint64_t se = build(south_east, last, level - 1, x0 + half, y0 + half);
    const auto [number, made] = nodes_.find_or_add({nw | ne << 32, sw | se << 32});
    if (made) {
      append_number(static_cast<std::uint64_t>(level));
      for (const std::uint64_t child : {nw, ne, sw, se}) {
        text_ += ' ';
        append_number(child);
      }
      text_ += '\n';
      flush_if_full();
    }
    return number;
  }

  // Writes what is left.
  void flush() {
    out_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
  }

 private:
  // An 8x8 leaf: bit 8 * y + x for cell (x, y) from its top-left (x0, y0), written as Golly
  // writes it: rows top to bottom, each ended by '$', without the dead cells after a row's last
  // live one or the dead rows after the last live row.
  std::uint64_t leaf(const Cell* first, const Cell* last, std::int64_t x0, std::int64_t y0) {
    std::uint64_t bits = 0;
    for (const Cell* c = first; c != last; ++c)
      bits |= std::uint64_t{1} << (8 * (c->y - y0) + c->x - x0);
    const auto [number, made] = nodes_.find_or_add({bits, kLeafMark});
    if (made) {
      for (std::uint64_t rows = bits; rows != 0; rows >>= 8) {
        for (std::uint64_t row = rows & 0xFF; row != 0; row >>= 1) text_ += (row & 1) ? '*' : '.';
        text_ += '$';
      }
      text_ += '\n';
      flush_if_full();
    }
    return number;
  }

  void append_number(std::uint64_t n) {
    char digits[24];
    char* const end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    text_.append(digits, static_cast<std::size_t>(end - digits));
  }

  void flush_if_full() {
    if (text_.size() >= kFlushBytes) flush();
  }

  std::ostream& out_;
  std::string text_;  // node lines not yet written
  NodeTable nodes_;   // the leaves and nodes written so far
};

}  // namespace

void write_macrocell(std::ostream& out, std::vector<Cell> cells, const std::string& rule_text,
                     std::int64_t generation, const std::vector<std::string>& comments) {
  if (generation < 0) {
    throw std::invalid_argument("write_macrocell: negative generation " +
                                std::to_string(generation));
  }
  const int level = cells.empty() ? 0 : root_level(cells);
  out << "[M2] (mpilife " MPILIFE_VERSION ")\n";
  if (!rule_text.empty()) out << "#R " << rule_text << '\n';
  if (generation != 0) out << "#G " << generation << '\n';
  write_comment_lines(out, comments);
  // An empty universe is the header alone, as Golly writes it.
  if (cells.empty()) return;
  const std::int64_t left = macrocell_root_left(level);
  const std::int64_t top = macrocell_root_top(level);
  for (Cell& c : cells) c = {c.x - left, c.y - top};
  TreeWriter tree(out);
  tree.build(cells.data(), cells.data() + cells.size(), level, 0, 0);
  tree.flush();
}

}  // namespace mpilife
