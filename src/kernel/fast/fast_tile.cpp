// The bit-packed kernel: 64 cells per word, bit-sliced neighbour counting, any Life-like rule.
//
// Every unit in src/kernel/fast/ is compiled with -O3 once per instruction set (simd.hpp); this
// one holds the tile: its layout, faces and ghosts, and the generation step, which runs the
// rule's row function (rules.hpp) over the rows and then the edge pass (edge_cells.hpp).

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "deep_tile.hpp"
#include "edge_cells.hpp"
#include "features.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/packed_row.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "row_layout.hpp"
#include "rules.hpp"
#include "simd.hpp"

namespace mpilife {

namespace {

using fast::EdgeCells;
using fast::EdgeRows;
using fast::kBits;
using fast::kLanes;
using fast::load;
using fast::RowShape;
using fast::RowStepper;
using fast::store;
using fast::Vec;
using fast::Word;
using fast::WordBuffer;
using fast::words_for;

/// The bit-packed tile with ghosts one cell deep. A row of w cells is stored lane-interleaved
/// (row_layout.hpp): nw = ceil(w / 64) words in nv vectors.
///
/// Each of the two buffers holds rows -1 .. h (rows -1 and h are the north and south ghost rows)
/// of L nv words, 64-byte aligned. The west and east ghost columns, corners included, are one
/// byte per row -1 .. h, ghost_[y+1] = cell (-1, y) in bit 0 | cell (w, y) in bit 2 (the bits
/// they have in the edge table's index), shared by both buffers (ghosts are refilled before every
/// step):
///
///   ghost_[0]   bit 0 | row -1 (ghost N)          | ghost_[0]   bit 2     <- NW, N, NE
///   ------------------+---------------------------+------------------
///   ghost_[y+1] bit 0 | row y, cells 0 .. w-1     | ghost_[y+1] bit 2     <- W, owned, E
///   ------------------+---------------------------+------------------
///   ghost_[h+1] bit 0 | row h (ghost S)           | ghost_[h+1] bit 2     <- SW, S, SE
///
/// Bits of cells x >= w ("padding") are always dead, ghost rows included. The row loop treats the
/// ghost columns as dead, so step_interior reads no ghost; step_border then recomputes the two
/// edge cells x = 0 and x = w-1 of every row from a 512-entry table indexed by their 3x3 block,
/// ghosts included (edge_cells), and records them in the next buffer's packed columns: each
/// buffer keeps its columns x = 0 and x = w-1 packed as the west and east faces.
class FastTile final : public Tile {
 public:
  FastTile(std::int64_t w, std::int64_t h, const Rule& rule)
      : Tile(w, h, rule),
        shape_(w),
        last_mask_(w % kBits == 0 ? ~Word{0} : (Word{1} << (w % kBits)) - 1),
        cur_(allocate()),
        next_(allocate()),
        ghost_(static_cast<std::size_t>(h + 2), 0),
        step_row_(rule),
        edge_cells_(rule) {
    for (std::int64_t i = 0; i < shape_.nv; ++i) {
      Vec mask{};
      bool all = true;
      for (std::int64_t j = 0; j < kLanes; ++j) {
        const std::int64_t k = i + j * shape_.nv;
        mask[j] = k < shape_.nw - 1 ? ~Word{0} : k == shape_.nw - 1 ? last_mask_ : 0;
        all = all && mask[j] == ~Word{0};
      }
      if (!all) padding_.push_back({i * kLanes, mask});
    }
    for (auto* column : {&cur_columns_, &next_columns_}) {
      for (auto& c : *column) c.assign(static_cast<std::size_t>(words_for(h)), 0);
    }
  }

  std::size_t face_bytes(Dir d) const override {
    switch (d) {
      case Dir::north:
      case Dir::south:
        return static_cast<std::size_t>(shape_.nw) * sizeof(Word);
      case Dir::west:
      case Dir::east:
        return static_cast<std::size_t>(words_for(height())) * sizeof(Word);
      default:
        return 1;
    }
  }

  // Faces, the same bytes for every instruction set (the canonical layout on the wire): N/S = the
  // row's nw words in plain order, word k = cells 64 k .. 64 k + 63 with cell 64 k + i in bit i
  // (padding dead); W/E = the column's h cells, cell y as bit y % 64 of word y / 64; corners =
  // one byte, 0 or 1. The words are in host byte order, as every other message of the run.
  void pack_face(Dir d, std::byte* out) const override {
    const std::int64_t h = height();
    switch (d) {
      case Dir::north:
        gather_row(row(cur_, 0), out);
        return;
      case Dir::south:
        gather_row(row(cur_, h - 1), out);
        return;
      case Dir::west:
      case Dir::east:
        std::memcpy(out, cur_columns_[side(d)].data(), face_bytes(d));
        return;
      default: {
        const Extent e = face_region(d, width(), h);
        *out = static_cast<std::byte>(cell(e.x0, e.y0));
        return;
      }
    }
  }

  void unpack_ghost(Dir d, const std::byte* in) override {
    const std::int64_t h = height();
    switch (d) {
      case Dir::north:
      case Dir::south: {
        scatter_row(in, row(cur_, d == Dir::north ? -1 : h));
        return;
      }
      case Dir::west:
      case Dir::east: {
        const unsigned shift = ghost_shift(d);
        const auto keep = static_cast<std::uint8_t>(~(1u << shift));
        std::uint8_t* ghost = ghost_.data() + 1;
        for (std::int64_t y0 = 0; y0 < h; y0 += kBits) {
          Word bits;
          std::memcpy(&bits, in + y0 / kBits * static_cast<std::int64_t>(sizeof(Word)),
                      sizeof bits);
          const std::int64_t n = std::min<std::int64_t>(kBits, h - y0);
          for (std::int64_t i = 0; i < n; ++i) {
            std::uint8_t& g = ghost[y0 + i];
            g = static_cast<std::uint8_t>((g & keep) | ((bits >> i) & 1) << shift);
          }
        }
        return;
      }
      default:
        set_corner(d, *in != std::byte{0});
        return;
    }
  }

  void clear_ghost(Dir d) override {
    const std::int64_t h = height();
    switch (d) {
      case Dir::north:
      case Dir::south:
        std::memset(row(cur_, d == Dir::north ? -1 : h), 0,
                    static_cast<std::size_t>(shape_.stride) * sizeof(Word));
        return;
      case Dir::west:
      case Dir::east: {
        const auto keep = static_cast<std::uint8_t>(~(1u << ghost_shift(d)));
        for (std::size_t i = 1; i + 1 < ghost_.size(); ++i) ghost_[i] &= keep;
        return;
      }
      default:
        set_corner(d, false);
        return;
    }
  }

  void step_interior(std::int64_t row_begin, std::int64_t row_end) override {
    rows(std::max<std::int64_t>(row_begin, 1), std::min<std::int64_t>(row_end, height() - 1));
  }

  // Rows 0 and h-1, then the edge cells of every row (step_interior must have run).
  void step_border() override {
    const std::int64_t h = height();
    rows(0, 1);
    if (h > 1) rows(h - 1, h);
    edge_cells();
  }

  void swap() override {
    std::swap(cur_, next_);
    std::swap(cur_columns_, next_columns_);
  }

  void read_row(std::int64_t y, std::uint8_t* out) const override {
    const Word* r = row(cur_, y);
    const std::int64_t w = width();
    for (std::int64_t k = 0; k < shape_.nw; ++k) {
      fast::spread_word(r[shape_.position(k)], std::min<std::int64_t>(kBits, w - k * kBits),
                        out + k * kBits);
    }
  }

  void read_row_bits(std::int64_t y, std::uint64_t* out) const override {
    gather_row(row(cur_, y), reinterpret_cast<std::byte*>(out));
  }

  void write_row(std::int64_t y, const std::uint8_t* in) override {
    Word* r = row(cur_, y);
    const std::int64_t w = width();
    for (std::int64_t k = 0; k < shape_.nw; ++k) {
      pack_row(in + k * kBits, std::min<std::int64_t>(kBits, w - k * kBits),
               r + shape_.position(k));  // one word
    }
    set_column_bit(cur_columns_[0], y, in[0] != 0);
    set_column_bit(cur_columns_[1], y, in[w - 1] != 0);
  }

  std::int64_t population() const override {
    std::int64_t n = 0;
    for (std::int64_t y = 0; y < height(); ++y) {
      const Word* r = row(cur_, y);
      for (std::int64_t k = 0; k < shape_.stride; ++k) n += __builtin_popcountll(r[k]);
    }
    return n;
  }

  bool changed() const override {
    const auto bytes = static_cast<std::size_t>(shape_.stride) * sizeof(Word);
    for (std::int64_t y = 0; y < height(); ++y) {
      if (std::memcmp(row(cur_, y), row(next_, y), bytes) != 0) return true;
    }
    return false;
  }

  std::size_t storage_bytes() const override {
    return 2 * buffer_words() * sizeof(Word) + ghost_.size() +
           4 * cur_columns_[0].size() * sizeof(Word);
  }

 private:
  using Buffer = WordBuffer;
  using Columns = std::array<std::vector<Word>, 2>;  // west, east: bit y % 64 of word y / 64

  /// A vector of a row holding padding, and the mask of its owned bits.
  struct Padding {
    std::int64_t offset;  // first word of the vector within the row
    Vec mask;
  };

  static std::size_t side(Dir d) { return d == Dir::west ? 0 : 1; }

  static void set_column_bit(std::vector<Word>& column, std::int64_t y, bool alive) {
    Word& word = column[static_cast<std::size_t>(y / kBits)];
    const Word bit = Word{1} << (y % kBits);
    word = alive ? (word | bit) : (word & ~bit);
  }

  std::size_t buffer_words() const {
    return static_cast<std::size_t>((height() + 2) * shape_.stride);
  }

  Buffer allocate() const { return fast::zeroed_words(buffer_words()); }

  // Row y (-1 .. h) of `buf`.
  Word* row(const Buffer& buf, std::int64_t y) const { return buf.get() + (y + 1) * shape_.stride; }

  // Owned cell (x, y) of the current state, 0 or 1.
  Word cell(std::int64_t x, std::int64_t y) const {
    return (row(cur_, y)[shape_.position(x / kBits)] >> (x % kBits)) & 1;
  }

  // Copies the stored row `r` to `out` in plain word order (the N/S face). Lane by lane: word
  // k = j nv + i is stored at L i + j.
  void gather_row(const Word* r, std::byte* out) const {
    std::int64_t k = 0;
    for (std::int64_t j = 0; j < kLanes && k < shape_.nw; ++j) {
      for (std::int64_t i = 0; i < shape_.nv && k < shape_.nw; ++i, ++k) {
        std::memcpy(out + k * static_cast<std::int64_t>(sizeof(Word)), r + i * kLanes + j,
                    sizeof(Word));
      }
    }
  }

  // Stores the plain-order face `in` as row `r`: the inverse of gather_row, padding dead.
  void scatter_row(const std::byte* in, Word* r) const {
    std::int64_t k = 0;
    for (std::int64_t j = 0; j < kLanes; ++j) {
      for (std::int64_t i = 0; i < shape_.nv; ++i, ++k) {
        Word v = 0;
        if (k < shape_.nw) {
          std::memcpy(&v, in + k * static_cast<std::int64_t>(sizeof(Word)), sizeof v);
          if (k == shape_.nw - 1) v &= last_mask_;
        }
        r[i * kLanes + j] = v;
      }
    }
  }

  void clear_padding(Word* r) const {
    for (const Padding& p : padding_) store(r + p.offset, load(r + p.offset) & p.mask);
  }

  // The bit of ghost_ holding the west (0) or east (2) ghost column.
  static unsigned ghost_shift(Dir d) { return dir_dx(d) < 0 ? 0 : 2; }

  void set_corner(Dir d, bool alive) {
    std::uint8_t& g = ghost_[dir_dy(d) < 0 ? 0 : ghost_.size() - 1];
    const unsigned bit = 1u << ghost_shift(d);
    g = static_cast<std::uint8_t>(alive ? (g | bit) : (g & ~bit));
  }

  // Rows [row_begin, row_end) of the next state, edge cells counted with dead ghosts.
  void rows(std::int64_t row_begin, std::int64_t row_end) {
    const Word* above = row(cur_, row_begin - 1);
    Word* out = row(next_, row_begin);
    for (std::int64_t y = row_begin; y < row_end; ++y) {
      step_row_(above, above + shape_.stride, above + 2 * shape_.stride, out, shape_.nv);
      clear_padding(out);
      above += shape_.stride;
      out += shape_.stride;
    }
  }

  // Recomputes cells x = 0 and x = w-1 of every row of the next state with the ghosts, and packs
  // them into the next state's columns.
  void edge_cells() {
    const std::int64_t w = width();
    const EdgeRows rows{w,
                        height(),
                        shape_.stride,
                        shape_.position((w - 2) / kBits),
                        shape_.position((w - 1) / kBits),
                        row(cur_, -1),
                        row(next_, 0),
                        ghost_.data(),
                        next_columns_[0].data(),
                        next_columns_[1].data()};
    edge_cells_.step(rows);
  }

  RowShape shape_;  // a stored row: nw words in nv vectors, stride words
  Word last_mask_;  // owned bits of word nw-1
  Buffer cur_;
  Buffer next_;
  Columns cur_columns_;              // columns x = 0 and x = w-1 of cur_, packed as the W/E faces
  Columns next_columns_;             // the same for next_, filled by edge_cells
  std::vector<std::uint8_t> ghost_;  // ghost_[y+1]: cell (-1, y) in bit 0, cell (w, y) in bit 2
  RowStepper step_row_;              // the rule's row function
  EdgeCells edge_cells_;             // the rule's edge pass
  std::vector<Padding> padding_;     // vectors of a row that hold padding bits
};

}  // namespace

namespace fast {
inline namespace MPILIFE_FAST_VARIANT {

// This variant's entry points, declared for the dispatcher in src/kernel/isa.cpp; the
// only symbols of the variant that stay global after its objects are linked together (see
// src/CMakeLists.txt).

std::unique_ptr<Tile> make_tile(std::int64_t w, std::int64_t h, const Rule& rule, int depth) {
  if (depth > 1) return make_deep_tile(w, h, rule, depth);
  return std::make_unique<FastTile>(w, h, rule);
}

// The features this copy was compiled to use, as kFeature* bits (data, so that the dispatcher
// can read it on any CPU).
extern const std::uint32_t kRequiredFeatures = 0
#if defined(__SSE4_2__)
                                               | kFeatureSse42
#endif
#if defined(__POPCNT__)
                                               | kFeaturePopcnt
#endif
#if defined(__AVX__)
                                               | kFeatureAvx
#endif
#if defined(__AVX2__)
                                               | kFeatureAvx2
#endif
#if defined(__BMI__)
                                               | kFeatureBmi
#endif
#if defined(__BMI2__)
                                               | kFeatureBmi2
#endif
#if defined(__FMA__)
                                               | kFeatureFma
#endif
#if defined(__AVX512F__)
                                               | kFeatureAvx512f
#endif
#if defined(__AVX512BW__)
                                               | kFeatureAvx512bw
#endif
#if defined(__AVX512DQ__)
                                               | kFeatureAvx512dq
#endif
#if defined(__AVX512VL__)
                                               | kFeatureAvx512vl
#endif
#if defined(__AVX512CD__)
                                               | kFeatureAvx512cd
#endif
#if defined(__AVX512VBMI2__)
                                               | kFeatureAvx512vbmi2
#endif
    ;

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace fast

}  // namespace mpilife
