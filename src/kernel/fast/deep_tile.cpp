// The bit-packed tile with deep ghosts: deep halos (one exchange every d generations) and
// temporal blocking (k generations per pass over memory), for the halo depths d >= 2 that
// --halo-depth and --time-block ask for. Depth 1 is FastTile (fast_tile.cpp), which keeps its
// ghost columns aside and corrects the two edge cells of each row; here the ghosts are ordinary
// stored cells, so the row loop needs no edge pass at all.

#include "deep_tile.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/packed_row.hpp"
#include "mpilife/kernel/tile.hpp"
#include "row_layout.hpp"
#include "rules.hpp"
#include "simd.hpp"

namespace mpilife {

namespace {

using fast::kBits;
using fast::kLanes;
using fast::load;
using fast::low_bits;
using fast::RowShape;
using fast::RowStepper;
using fast::store;
using fast::Vec;
using fast::Word;
using fast::WordBuffer;
using fast::words_for;

/// A tile whose ghosts are d cells deep on every side, corners included, stored as ordinary cells
/// around the owned block: a stored row holds cells x = -d .. w+d-1 (cell x in bit x + d of the
/// row, in the lane-interleaved layout of row_layout.hpp) and each buffer holds rows -d .. h+d-1.
///
///   rows -d..-1  | NW ghost (d x d) | N ghost (d x w)      | NE ghost |
///   rows 0..h-1  | W ghost (d cols) | owned w x h          | E ghost  |
///   rows h..h+d-1| SW ghost         | S ghost              | SE ghost |
///
/// The row loop computes whole stored rows and treats cells beyond them as dead. A wrong cell
/// spreads one cell a generation, so after the ghosts are filled the cells within g of the stored
/// edge are wrong g generations later and the owned block stays right for d generations: the
/// "shrinking redundant margin" of a deep halo. advance(fresh, k) carries the rows through k
/// generations in one sweep, a wavefront: generation j+1 of row r is computed right after
/// generation j of row r+1, from three-row rings per intermediate generation, so the buffers
/// stream through the cache once per k generations (the rings, 3 (k-1) rows, stay in L1/L2).
///
/// Sides beyond a plane's edge (clear_ghost) stay dead at every generation: their ghost rows are
/// never computed and read as dead, their ghost columns are cleared in every row computed. Bits
/// beyond the stored row (padding) are never cleared, and the owned block never reads them.
class DeepTile final : public Tile {
 public:
  DeepTile(std::int64_t w, std::int64_t h, const Rule& rule, int depth)
      : Tile(w, h, rule),
        d_(depth),
        shape_(w + 2 * std::int64_t{depth}),
        owned_(static_cast<std::size_t>(shape_.stride), 0),
        cur_(allocate()),
        next_(allocate()),
        zero_(fast::zeroed_words(static_cast<std::size_t>(shape_.stride))),
        step_row_(rule) {
    for (std::int64_t k = 0; k < shape_.nw; ++k) {
      owned_[static_cast<std::size_t>(shape_.position(k))] = bits_in(k, d_, d_ + w);
    }
    update_dead();
  }

  int halo_depth() const override { return static_cast<int>(d_); }

  std::size_t face_bytes(Dir d) const override {
    return static_cast<std::size_t>(face_rows(d) * face_words(d)) * sizeof(Word);
  }

  // Faces, bit-packed: N/S = d owned rows of ceil(w / 64) words each, in grid order (for N the
  // row nearest the neighbour first, for S last), W/E = h rows of one word, the d columns
  // nearest the side in bits 0..d-1 (west to east), corners = d such rows. Ghosts mirror them.
  void pack_face(Dir d, std::byte* out) const override {
    for_face(d, /*ghost=*/false, [&](const Word* r, std::int64_t first, std::int64_t n) {
      const Word v = shape_.get_bits(r, first, n);
      std::memcpy(out, &v, sizeof v);
      out += sizeof v;
    });
  }

  void unpack_ghost(Dir d, const std::byte* in) override {
    set_outside(d, false);
    for_face(d, /*ghost=*/true, [&](Word* r, std::int64_t first, std::int64_t n) {
      Word v;
      std::memcpy(&v, in, sizeof v);
      in += sizeof v;
      shape_.set_bits(r, first, n, v);
    });
  }

  void clear_ghost(Dir d) override {
    set_outside(d, true);
    for_face(d, /*ghost=*/true,
             [&](Word* r, std::int64_t first, std::int64_t n) { shape_.set_bits(r, first, n, 0); });
  }

  bool edge_alive(Dir d) const override {
    const std::int64_t w = width();
    const std::int64_t h = height();
    switch (d) {
      case Dir::north:
      case Dir::south: {
        const Word* r = row(cur_, d == Dir::north ? 0 : h - 1);
        for (std::int64_t x = 0; x < w; x += kBits) {
          if (shape_.get_bits(r, d_ + x, std::min<std::int64_t>(kBits, w - x)) != 0) return true;
        }
        return false;
      }
      default: {
        const std::int64_t at = d_ + (d == Dir::west ? 0 : w - 1);
        for (std::int64_t y = 0; y < h; ++y) {
          if (shape_.get_bits(row(cur_, y), at, 1) != 0) return true;
        }
        return false;
      }
    }
  }

  // Driven the one-generation way (ghosts refilled every generation), the whole step is the
  // border's: the row loop reads the ghosts everywhere.
  void step_interior(std::int64_t, std::int64_t) override {}
  void step_border() override { sweep(0, 1); }

  void advance(int fresh, int k) override {
    sweep(fresh, k);
    swap();
  }

  void swap() override { std::swap(cur_, next_); }

  bool changed() const override {
    for (std::int64_t y = 0; y < height(); ++y) {
      const Word* a = row(cur_, y);
      const Word* b = row(next_, y);
      for (std::int64_t i = 0; i < shape_.stride; ++i) {
        if (((a[i] ^ b[i]) & owned_[static_cast<std::size_t>(i)]) != 0) return true;
      }
    }
    return false;
  }

  void read_row(std::int64_t y, std::uint8_t* out) const override {
    const Word* r = row(cur_, y);
    const std::int64_t w = width();
    for (std::int64_t x = 0; x < w; x += kBits) {
      const std::int64_t n = std::min<std::int64_t>(kBits, w - x);
      fast::spread_word(shape_.get_bits(r, d_ + x, n), n, out + x);
    }
  }

  void read_row_bits(std::int64_t y, std::uint64_t* out) const override {
    const Word* r = row(cur_, y);
    const std::int64_t w = width();
    for (std::int64_t x = 0; x < w; x += kBits) {
      out[x / kBits] = shape_.get_bits(r, d_ + x, std::min<std::int64_t>(kBits, w - x));
    }
  }

  void write_row(std::int64_t y, const std::uint8_t* in) override {
    Word* r = row(cur_, y);
    const std::int64_t w = width();
    for (std::int64_t x = 0; x < w; x += kBits) {
      const std::int64_t n = std::min<std::int64_t>(kBits, w - x);
      Word v;
      pack_row(in + x, n, &v);  // one word
      shape_.set_bits(r, d_ + x, n, v);
    }
  }

  std::int64_t population() const override {
    std::int64_t n = 0;
    for (std::int64_t y = 0; y < height(); ++y) {
      const Word* r = row(cur_, y);
      for (std::int64_t i = 0; i < shape_.stride; ++i) {
        n += __builtin_popcountll(r[i] & owned_[static_cast<std::size_t>(i)]);
      }
    }
    return n;
  }

  std::size_t storage_bytes() const override {
    return (2 * buffer_words() + ring_words_ + static_cast<std::size_t>(shape_.stride)) *
           sizeof(Word);
  }

 private:
  /// A vector of a row whose bits must be cleared after the row loop, and the bits to keep.
  struct Keep {
    std::int64_t offset;  // first word of the vector within the row
    Vec mask;
  };

  std::size_t buffer_words() const {
    return static_cast<std::size_t>((height() + 2 * d_) * shape_.stride);
  }

  WordBuffer allocate() const { return fast::zeroed_words(buffer_words()); }

  // Row y (-d .. h+d-1) of `buf`.
  Word* row(const WordBuffer& buf, std::int64_t y) const {
    return buf.get() + (y + d_) * shape_.stride;
  }

  // The bits of stored word k that lie in stored bits [begin, end).
  static Word bits_in(std::int64_t k, std::int64_t begin, std::int64_t end) {
    const std::int64_t lo = std::max<std::int64_t>(begin - k * kBits, 0);
    const std::int64_t hi = std::min<std::int64_t>(end - k * kBits, kBits);
    if (hi <= lo) return 0;
    return low_bits(hi - lo) << lo;
  }

  std::int64_t face_rows(Dir d) const { return d == Dir::west || d == Dir::east ? height() : d_; }
  std::int64_t face_words(Dir d) const {
    return d == Dir::north || d == Dir::south ? words_for(width()) : 1;
  }

  // Visits the pieces of the face (owned cells) or ghost on side d in wire order:
  // visit(row, first stored bit, bits), each piece one word of the message.
  template <class Visit>
  void for_face(Dir d, bool ghost, Visit&& visit) const {
    const std::int64_t w = width();
    const std::int64_t h = height();
    const int dx = dir_dx(d);
    const int dy = dir_dy(d);
    // The face's rows and columns in owned coordinates, then moved across the side for a ghost.
    std::int64_t y0 = dy < 0 ? 0 : dy > 0 ? h - d_ : 0;
    std::int64_t x0 = dx < 0 ? 0 : dx > 0 ? w - d_ : 0;
    if (ghost) {
      y0 = dy < 0 ? -d_ : dy > 0 ? h : 0;
      x0 = dx < 0 ? -d_ : dx > 0 ? w : 0;
    }
    const std::int64_t rows = dy == 0 ? h : d_;
    const std::int64_t cols = dx == 0 ? w : d_;
    for (std::int64_t y = y0; y < y0 + rows; ++y) {
      Word* r = row(cur_, y);
      for (std::int64_t x = 0; x < cols; x += kBits) {
        visit(r, d_ + x0 + x, std::min<std::int64_t>(kBits, cols - x));
      }
    }
  }

  void set_outside(Dir d, bool outside) {
    if (dir_dx(d) != 0 && dir_dy(d) != 0) return;  // corners follow their sides
    bool& flag = outside_[static_cast<std::size_t>(d)];
    if (flag == outside) return;
    flag = outside;
    update_dead();
  }

  bool outside(Dir d) const { return outside_[static_cast<std::size_t>(d)]; }

  // The vectors of a row with bits to clear after the row loop: the ghost columns of a side
  // beyond a plane's edge. Padding beyond the stored row needs no clearing: its only neighbour
  // is the outermost ghost column, which is wrong a generation after every filling anyway.
  void update_dead() {
    const std::int64_t w = width();
    const std::int64_t begin = outside(Dir::west) ? d_ : 0;
    const std::int64_t end = outside(Dir::east) ? d_ + w : shape_.stride * kBits;
    keep_.clear();
    for (std::int64_t i = 0; i < shape_.nv; ++i) {
      Vec mask{};
      bool all = true;
      for (std::int64_t j = 0; j < kLanes; ++j) {
        const std::int64_t k = i + j * shape_.nv;
        mask[j] = bits_in(k, begin, end);
        all = all && mask[j] == ~Word{0};
      }
      if (!all) keep_.push_back({i * kLanes, mask});
    }
  }

  // Rows -d .. h+d-1 of the current state, `fresh` generations after the ghosts were filled,
  // carried k generations into the next buffer (fresh + k <= d).
  void sweep(int fresh, int k) {
    const std::int64_t h = height();
    // Generation j holds the right cells in rows [lo + j, hi - j) (the margin shrinks), and
    // none beyond a plane's edge, where the rows stay dead.
    const std::int64_t lo = -d_ + fresh;
    const std::int64_t hi = h + d_ - fresh;
    const std::int64_t ylo = outside(Dir::north) ? 0 : -d_;
    const std::int64_t yhi = outside(Dir::south) ? h : h + d_;
    auto begin = [&](std::int64_t j) { return std::max(lo + j, ylo); };
    auto end = [&](std::int64_t j) { return std::min(hi - j, yhi); };
    const auto ring_rows = static_cast<std::size_t>(3 * (k - 1) * shape_.stride);
    if (ring_rows > ring_words_) {
      ring_ = fast::zeroed_words(ring_rows);
      ring_words_ = ring_rows;
    }
    // Row r of generation j (0 = the current buffer, k = the next, between them the rings).
    auto at = [&](std::int64_t j, std::int64_t r) -> Word* {
      if (j == 0) return row(cur_, r);
      if (j == k) return row(next_, r);
      const std::int64_t slot = ((r % 3) + 3) % 3;
      return ring_.get() + ((j - 1) * 3 + slot) * shape_.stride;
    };
    auto source = [&](std::int64_t j, std::int64_t r) -> const Word* {
      return r < ylo || r >= yhi ? zero_.get() : at(j, r);
    };
    for (std::int64_t s = begin(1); s < end(k) + k - 1; ++s) {
      for (std::int64_t j = 1; j <= k; ++j) {
        const std::int64_t r = s - (j - 1);
        if (r < begin(j) || r >= end(j)) continue;
        Word* out = at(j, r);
        step_row_(source(j - 1, r - 1), source(j - 1, r), source(j - 1, r + 1), out, shape_.nv);
        for (const Keep& p : keep_) store(out + p.offset, load(out + p.offset) & p.mask);
      }
    }
  }

  std::int64_t d_;           // ghost depth
  RowShape shape_;           // a stored row: w + 2d cells
  std::vector<Word> owned_;  // by stored position: the owned bits of each word
  WordBuffer cur_;
  WordBuffer next_;
  WordBuffer zero_;  // one dead row: what lies beyond a plane's edge
  WordBuffer ring_;  // the wavefront's rings, 3 rows per intermediate generation
  std::size_t ring_words_ = 0;
  std::array<bool, 8> outside_{};  // by Dir: the side lies beyond a plane's edge
  std::vector<Keep> keep_;         // bits of a row to clear after the row loop
  RowStepper step_row_;
};

}  // namespace

namespace fast {
inline namespace MPILIFE_FAST_VARIANT {

std::unique_ptr<Tile> make_deep_tile(std::int64_t w, std::int64_t h, const Rule& rule, int depth) {
  return std::make_unique<DeepTile>(w, h, rule, depth);
}

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace fast

}  // namespace mpilife
