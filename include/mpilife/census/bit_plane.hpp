#pragma once

#include <cstdint>
#include <vector>

#include "mpilife/census/patch.hpp"
#include "mpilife/core/rule.hpp"

namespace mpilife {

/// A finite pattern in the unbounded plane, 64 cells to a word, stepped by bit-sliced neighbour
/// counting: the soup census's fast stepper (`PatchStepper` is the simple one). The words are
/// stored column by column (a column is 64 cells wide and runs down the rows), so one generation
/// is a loop down each column that the compiler turns into vector code: each vector lane is a
/// row, and a cell's neighbours are the words above, below, left and right, read by unaligned
/// loads with no shuffles. Settled regions cost next to nothing: a block of one column by 8 rows
/// is stepped only when a cell in or around it changed between the two generations before (else
/// its next generation is the one before, still in the other buffer), only bands near a change
/// are visited, and once nothing changed at all (period 1 or 2 everywhere) a step swaps the
/// buffers. The words cover the live cells' box plus a margin; the box is re-cut (grown or
/// shrunk) whenever live cells come within a cell of its edge or leave much of it empty, so no
/// birth falls outside.
///
///   column j:  row 0   [b0 b1 ... b63]      bit k of the word of column j, row y is the cell
///              row 1   [b0 b1 ... b63]      x = x0 + 64 j + k, y = y0 + y; a zero row above
///              ...                          and below each column and a zero column left and
///                                           right of them all stand for the dead plane around
class BitPlane {
 public:
  /// An empty plane for `rule`; throws std::invalid_argument for a rule with B0.
  explicit BitPlane(const Rule& rule);
  /// Replaces the pattern by `p`.
  void assign(const Patch& p);
  /// The pattern as a patch (absolute coordinates).
  Patch patch() const;
  /// One generation.
  void step();
  /// The live cells (absolute coordinates), column by column.
  std::vector<Cell> cells() const;
  /// True when the cell at (x, y) (absolute coordinates) is alive.
  bool alive(std::int64_t x, std::int64_t y) const;
  /// The 64 cells (x, y) .. (x + 63, y) (absolute coordinates): bit k is cell x + k.
  std::uint64_t row_bits(std::int64_t x, std::int64_t y) const;
  /// Kills `cells` (absolute coordinates, all inside the plane's words).
  void clear(const std::vector<Cell>& cells);
  /// Live cells.
  std::int64_t population() const;
  /// True when no cell is alive.
  bool empty() const { return cur_.live.w == 0; }
  /// Width of the live cells' bounding box (0 when empty).
  std::int64_t width() const { return cur_.live.w; }
  /// Height of the live cells' bounding box (0 when empty).
  std::int64_t height() const { return cur_.live.h; }
  /// True when the last step changed nothing but with period 1 or 2: the pattern repeats every
  /// two generations from now on.
  bool settled() const { return quiet_; }
  /// Starts collecting the envelope: every cell alive now or at any later step.
  void start_envelope();
  /// The cells alive at any generation since `start_envelope` (the empty patch without one).
  Patch envelope() const;

  /// The rule as masks for the stepping loop: bit-sliced all-ones or zero words per count.
  struct Masks {
    bool life = false;            // B3/S23: a shorter formula
    std::uint64_t born[9] = {};   // all ones when a dead cell with n neighbours is born
    std::uint64_t keeps[9] = {};  // all ones when a live cell with n neighbours survives
  };
  /// How a block (one column by 8 rows) changed from the generation two before: the XOR of its
  /// words then and now, ORed over its rows, and for its first and its last row.
  struct Change {
    std::uint64_t rows = 0;
    std::uint64_t first = 0;
    std::uint64_t last = 0;
  };
  /// A box of cells in plane coordinates (relative to the plane's first cell).
  struct Box {
    std::int64_t x = 0;
    std::int64_t y = 0;
    std::int64_t w = 0;
    std::int64_t h = 0;
  };
  /// One generation's words and what the stepping loop knows of them (see bit_plane.cpp).
  struct Layer {
    std::vector<std::uint64_t> words;       // column by column, with the zero rows and columns
    std::vector<Change> changed;            // per block, with a border of zero blocks
    std::vector<std::uint64_t> any;         // per block, the OR of its words (same layout)
    std::vector<std::uint64_t> band_any;    // per band of 8 rows, the OR of its words
    std::vector<std::uint64_t> column_any;  // per column, the OR of its words
    std::int64_t changed_from = 0;  // bands [changed_from, changed_to) hold every changed block
    std::int64_t changed_to = 0;
    Box live;  // the live cells' box
  };
  /// The plane's shape, as the stepping loop needs it.
  struct Shape {
    std::int64_t words = 0;
    std::int64_t rows = 0;
    std::int64_t stride = 0;
  };

 private:
  std::uint64_t* column(Layer& layer, std::int64_t j) {
    return layer.words.data() + (j + 1) * shape_.stride + 1;
  }
  const std::uint64_t* column(const Layer& layer, std::int64_t j) const {
    return layer.words.data() + (j + 1) * shape_.stride + 1;
  }
  void reshape(std::int64_t words, std::int64_t rows);
  void measure();
  void measure_words();
  void forget_history();
  void recut();
  void flush_envelope();

  Masks masks_;
  std::int64_t x0_ = 0;  // cell of bit 0 of column 0
  std::int64_t y0_ = 0;  // cell row of row 0
  Shape shape_;
  Layer cur_;        // the current generation
  Layer next_;       // the one before it, overwritten by the next
  int history_ = 0;  // generations stepped since the words were last laid out (0..2)
  // True when the current generation equals the one two before, everywhere: the next is then the
  // one before, already in next_.
  bool quiet_ = false;
  // The envelope being collected: the OR of every generation's words since the layout last
  // changed, and the cells collected before each change.
  bool collecting_ = false;
  std::vector<std::uint64_t> envelope_words_;
  std::vector<Cell> envelope_cells_;
};

}  // namespace mpilife
